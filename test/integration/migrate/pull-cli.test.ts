/**
 * `athanor pull` through the CLI's argument handling and output (main() in process, on a SQLite
 * file): --url without a config file, -o, --force, --table, stdout, and the errors.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { column, createEngine, ForeignKey, Integer, MetaData, String, Table } from "../../../src/index.js";
import { main } from "../../../src/migrate/cli/main.js";

const dir = mkdtempSync(join(tmpdir(), "athanor-pull-cli-"));
const url = `sqlite:///${join(dir, "app.db")}`;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

beforeAll(async () => {
  const md = new MetaData();
  new Table("kits", md, { id: column(Integer).primaryKey(), code: column(String(20)).unique() });
  new Table("custody_events", md, {
    id: column(Integer).primaryKey(),
    kit_id: column(Integer, ForeignKey("kits.id")),
  });
  const engine = createEngine(url);
  await md.createAll(engine);
  await engine.dispose();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("writes the models file, refuses to overwrite it without --force, and prints to stdout without -o", async () => {
  const file = join(dir, "src", "models.ts");
  const first = await cli("pull", "--url", url, "-o", file);
  expect(first.err).toBe("");
  expect(first.code).toBe(0);
  expect(first.out).toMatch(/^Pulled 2 tables and 0 views in \d+\.\d\d s: wrote .*models\.ts\n$/);
  expect(readFileSync(file, "utf8")).toContain(
    'export class CustodyEvent extends Base.table("custody_events", {',
  );

  const again = await cli("pull", "--url", url, "-o", file);
  expect(again.code).toBe(1);
  expect(again.err).toContain(
    "models.ts already exists; pass --force to replace it, or choose another --output.",
  );
  expect((await cli("pull", "--url", url, "-o", file, "--force")).code).toBe(0);

  const one = await cli("pull", "--url", url, "--table", "kits");
  expect(one.code).toBe(0);
  expect(one.err).toMatch(/^Pulled 1 table and 0 views in /);
  expect(one.out).toContain('export class Kit extends Base.table("kits", {');
  expect(one.out).not.toContain("CustodyEvent");

  const child = await cli("pull", "--url", url, "--table", "custody_*");
  expect(child.code).toBe(0);
  expect(child.err).toContain(
    "warning: custody_events.kit_id references kits, which was not pulled: pull it too, or declare it in the same MetaData, before using these models.",
  );

  const none = await cli("pull", "--url", url, "--exclude", "*");
  expect(none.code).toBe(1);
  expect(none.err).toContain("No tables to pull from sqlite:///");
  expect(none.err).toContain("(after --table / --exclude)");
});
