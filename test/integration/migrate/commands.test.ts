/**
 * The command functions on every database, in process (the config carries the engine, as the demo
 * uses them): identifiers (head, heads, +N/-N, rev+N, partial ids, branch@head), branches and
 * merges, stamp, current / history / heads / branches / show, revision and merge files.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  type AthanorConfig,
  branches,
  current,
  downgrade,
  heads,
  history,
  MultipleHeadsError,
  merge,
  NotUpToDateError,
  revision,
  show,
  stamp,
  upgrade,
} from "../../../src/migrate/index.js";
import { forEachMigrateDatabase } from "./db-helpers.js";
import { makeProject, type TestProject } from "./support.js";

const A1 = "1111aaaa0001";
const A2 = "2222bbbb0002";
const B1 = "3333cccc0003";
const C1 = "4444dddd0004";

function createTable(name: string): string {
  return `  await op.createTable(${JSON.stringify(name)}, { id: column(Integer).primaryKey(), label: column(String(40)).nullable() });`;
}

forEachMigrateDatabase("migration commands", (db) => {
  let project: TestProject;
  let config: AthanorConfig;

  beforeAll(() => {
    project = makeProject();
    const imports = ["column", "Integer", "String"];
    project.revision({
      id: A1,
      down: null,
      message: "create kits",
      imports,
      up: createTable("kits"),
      downgrade: '  await op.dropTable("kits");',
    });
    project.revision({
      id: A2,
      down: A1,
      message: "add serial",
      imports,
      up: '  await op.addColumn("kits", "serial", column(String(20)).nullable());',
      downgrade: '  await op.batchAlterTable("kits", async (batch) => { batch.dropColumn("serial"); });',
    });
    project.revision({
      id: B1,
      down: A2,
      message: "create tags",
      branchLabels: ["feature"],
      imports,
      up: createTable("tags"),
      downgrade: '  await op.dropTable("tags");',
    });
    project.revision({
      id: C1,
      down: A2,
      message: "create notes",
      imports,
      up: createTable("notes"),
      downgrade: '  await op.dropTable("notes");',
    });
    config = { engine: db.engine, migrations: join(project.dir, "migrations") };
  });
  afterAll(() => project.remove());

  it("upgrades one step at a time: +1, then rev+1 with a partial id", async () => {
    const lines: string[] = [];
    const first = await upgrade(config, "+1", { log: (l) => lines.push(l) });
    expect(first.steps.map((s) => s.revision)).toEqual([A1]);
    expect(first.before).toEqual([]);
    expect(first.after).toEqual([A1]);
    expect(lines[0]).toBe(`Running upgrade  -> ${A1}, create kits ...`);
    expect(lines[1]).toMatch(/^ {2}done in \d+ ms$/);
    expect(await db.versions()).toEqual([A1]);
    expect(await db.hasTable("kits")).toBe(true);

    const second = await upgrade(config, "1111+1");
    expect(second.steps.map((s) => s.revision)).toEqual([A2]);
    expect(await db.hasColumn("kits", "serial")).toBe(true);
    const now = await current(config);
    expect(now.rows).toEqual([A2]);
    expect(now.upToDate).toBe(false);
  });

  it("refuses plain head when there are two heads, and says what to do", async () => {
    await expect(upgrade(config, "head")).rejects.toThrow(MultipleHeadsError);
    await expect(upgrade(config, "head")).rejects.toThrow(/use 'heads'.*merge/);
  });

  it("upgrades a branch by label, then every head", async () => {
    const r = await upgrade(config, "feature@head");
    expect(r.steps.map((s) => s.revision)).toEqual([B1]);
    expect(await db.versions()).toEqual([B1]);
    const all = await upgrade(config, "heads");
    expect(all.steps.map((s) => s.revision)).toEqual([C1]);
    expect(await db.versions()).toEqual([B1, C1]);
    expect((await current(config, { checkHeads: true })).upToDate).toBe(true);
    const again = await upgrade(config, "heads");
    expect(again.steps).toEqual([]);
  });

  it("lists history, heads, branches and shows revisions", async () => {
    const h = await history(config, { indicateCurrent: true });
    expect(h.entries.map((e) => e.revision).sort()).toEqual([A1, A2, B1, C1].sort());
    expect(
      h.entries
        .filter((e) => e.isCurrent)
        .map((e) => e.revision)
        .sort(),
    ).toEqual([B1, C1]);
    expect(h.entries.at(-1)!.revision).toBe(A1);
    const ranged = await history(config, { range: `${A2}:feature@head` });
    expect(ranged.entries.map((e) => e.revision)).toEqual([B1, A2]);
    expect((await heads(config)).heads.map((x) => x.revision)).toEqual([B1, C1]);
    const b = await branches(config);
    expect(b.branchPoints.map((p) => p.revision.revision)).toEqual([A2]);
    expect(b.branchPoints[0]!.children.map((c) => c.revision)).toEqual([B1, C1]);
    const s = await show(config, "feature@head");
    expect(s.revisions[0]).toMatchObject({
      revision: B1,
      message: "create tags",
      branchLabels: ["feature"],
      downRevisions: [A2],
    });
    expect((await show(config, "current")).revisions.map((r) => r.revision)).toEqual([B1, C1]);
  });

  it("downgrades one branch with branch@-1", async () => {
    const r = await downgrade(config, "feature@-1");
    expect(r.steps.map((s) => s.revision)).toEqual([B1]);
    expect(await db.versions()).toEqual([C1]);
    expect(await db.hasTable("tags")).toBe(false);
    expect(await db.hasTable("notes")).toBe(true);
  });

  it("merges the heads into one revision file, and applies and unapplies the merge", async () => {
    await upgrade(config, "heads");
    const m = await merge(config, "heads", { message: "merge feature", revId: "5555eeee0005" });
    expect(m.downRevision).toEqual([B1, C1]);
    const text = readFileSync(m.path, "utf8");
    expect(text).toContain("export const downRevision: string | string[] | null = [");
    expect((await heads(config)).heads.map((x) => x.revision)).toEqual(["5555eeee0005"]);
    const up = await upgrade(config, "head");
    expect(up.steps.map((s) => s.revision)).toEqual(["5555eeee0005"]);
    expect(await db.versions()).toEqual(["5555eeee0005"]);
    // -1 from a merge point is ambiguous (two parents); a revision target is not.
    await expect(downgrade(config, "-1")).rejects.toThrow(/merge point/);
    await downgrade(config, B1);
    expect(await db.versions()).toEqual([B1, C1]);
    await upgrade(config, "head");
  });

  it("writes new revisions after the head, with --head, --splice, labels, dependencies and rev ids", async () => {
    const written: string[] = [];
    const r = await revision(
      { ...config, postWrite: (path) => void written.push(path) },
      { message: "Add kit owners!", revId: "6666ffff0006" },
    );
    expect(r.path).toBe(join(project.versions, "6666ffff0006_add_kit_owners.ts"));
    expect(written).toEqual([r.path]);
    expect(r.downRevision).toBe("5555eeee0005");
    const spliced = revision(config, { message: "fix", head: A2 });
    await expect(spliced).rejects.toThrow(/not a head revision; pass --splice/);
    const s = await revision(config, {
      message: "hotfix",
      head: A2,
      splice: true,
      branchLabel: "hotfix",
      dependsOn: "3333",
      revId: "7777aaaa0007",
    });
    expect(s).toMatchObject({ downRevision: A2, branchLabels: ["hotfix"], dependsOn: [B1] });
    await expect(
      revision(config, { message: "again", revId: "7777aaaa0007", head: "hotfix@head" }),
    ).rejects.toThrow(/already exists/);
    const hs = (await heads(config)).heads.map((x) => x.revision);
    expect(hs).toEqual(["6666ffff0006", "7777aaaa0007"]);
    await expect(revision(config, { message: "x" })).rejects.toThrow(/Multiple heads are present.*--head/);
    const based = await revision(config, {
      message: "new root",
      head: "base",
      branchLabel: "other",
      revId: "8888bbbb0008",
    });
    expect(based.downRevision).toBeNull();
    const up = await upgrade(config, "heads");
    expect(up.steps.map((s) => s.revision).sort()).toEqual(["6666ffff0006", "7777aaaa0007", "8888bbbb0008"]);
  });

  it("refuses --autogenerate without the models' metadata, and says where to set it", async () => {
    await expect(
      revision(config, { message: "auto", autogenerate: true, head: "other@head" }),
    ).rejects.toThrow(/set `metadata` in athanor\.config\.ts/);
  });

  it("stamps without running migrations, and purges", async () => {
    const s = await stamp(config, A2);
    // The unrelated root branch keeps its row, as Alembic's stamp does.
    expect(s.after).toEqual([A2, "8888bbbb0008"]);
    expect(await db.versions()).toEqual([A2, "8888bbbb0008"]);
    expect(await db.hasTable("tags")).toBe(true);
    await expect(current(config, { checkHeads: true })).rejects.toThrow(NotUpToDateError);
    await stamp(config, "heads");
    expect((await current(config)).upToDate).toBe(true);
    const purged = await stamp(config, "base", { purge: true });
    expect(purged.after).toEqual([]);
    expect(await db.versions()).toEqual([]);
    await stamp(config, "heads");
  });

  it("downgrades everything to base", async () => {
    const r = await downgrade(config, "base");
    expect(r.after).toEqual([]);
    expect(await db.versions()).toEqual([]);
    for (const t of ["kits", "tags", "notes"]) expect(await db.hasTable(t)).toBe(false);
  });
});
