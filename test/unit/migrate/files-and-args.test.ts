/** Revision file names and text, config defaults, the CLI's argument parser, and revision-module checks. */
import { afterEach, describe, expect, it } from "vitest";
import { keyValues, parseArgs, UsageError } from "../../../src/migrate/cli/args.js";
import {
  ConfigError,
  DEFAULT_REVISION_TEMPLATE,
  newRevisionId,
  RevisionFileError,
  renderRevisionFile,
  resolveConfig,
  revisionFileName,
  slugify,
} from "../../../src/migrate/index.js";
import { revisionFiles, revisionScriptOf } from "../../../src/migrate/script/script-directory.js";

describe("revision files", () => {
  it("names files <rev>_<slug>.ts with 12-hex ids", () => {
    expect(newRevisionId()).toMatch(/^[0-9a-f]{12}$/);
    expect(slugify("Add serial_number to kits!")).toBe("add_serial_number_to_kits");
    expect(slugify("a very long message that keeps going well past forty characters")).toBe(
      "a_very_long_message_that_keeps_going",
    );
    expect(revisionFileName("1a2b3c4d5e6f", "create kits")).toBe("1a2b3c4d5e6f_create_kits.ts");
    expect(revisionFileName("1a2b3c4d5e6f", "")).toBe("1a2b3c4d5e6f.ts");
  });

  it("renders an empty revision that type-checks and is formatted", () => {
    const text = renderRevisionFile({
      revision: "1a2b3c4d5e6f",
      downRevision: null,
      message: 'create "kits" */ table',
      createDate: "2025-01-01T00:00:00.000Z",
    });
    expect(text).toBe(`/**
 * create "kits" *\\/ table
 *
 * Revision ID: 1a2b3c4d5e6f
 * Revises:
 * Create Date: 2025-01-01T00:00:00.000Z
 */
import type { Operations } from "athanor/migrate";

export const revision = "1a2b3c4d5e6f";
export const downRevision: string | string[] | null = null;
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];
export const message = 'create "kits" */ table';
export const createDate = "2025-01-01T00:00:00.000Z";

export async function upgrade(op: Operations): Promise<void> {}

export async function downgrade(op: Operations): Promise<void> {}
`);
  });

  it("fills a project template's placeholders", () => {
    const template = `// {{revision}}\n${DEFAULT_REVISION_TEMPLATE}`;
    const text = renderRevisionFile(
      { revision: "abc", downRevision: "def", upgrades: ['await op.execute("SELECT 1");'] },
      template,
    );
    expect(text.startsWith('// "abc"\n/**')).toBe(true);
    expect(text).toContain(
      'export async function upgrade(op: Operations): Promise<void> {\n  await op.execute("SELECT 1");\n}',
    );
  });

  it("loads revision sources, not declaration files or the JavaScript tsc compiled beside them", () => {
    // What `tsc` with `tsc --init` defaults (no outDir) leaves in a CommonJS project's versions/.
    const entries = [
      "b2_second.mts",
      "b2_second.mjs",
      "b2_second.mjs.map",
      "b2_second.d.mts",
      "b2_second.d.mts.map",
      "a1_first.ts",
      "a1_first.js",
      "a1_first.d.ts",
      "c3_third.cts",
      "c3_third.cjs",
      "c3_third.d.cts",
      "d4_plain.mjs",
      "e5_plain.js",
      "README.md",
      "_helpers.ts",
      ".hidden.ts",
    ];
    expect(revisionFiles(entries)).toEqual([
      "a1_first.ts",
      "b2_second.mts",
      "c3_third.cts",
      "d4_plain.mjs",
      "e5_plain.js",
    ]);
  });

  it("checks what a revision module exports", () => {
    const ok = revisionScriptOf(
      {
        revision: "a1",
        downRevision: ["b", "c"],
        branchLabels: "x",
        upgrade: async () => {},
        downgrade: async () => {},
      },
      "/m/a1.ts",
    );
    expect(ok.info).toMatchObject({
      revision: "a1",
      downRevision: ["b", "c"],
      branchLabels: ["x"],
      dependsOn: [],
    });
    expect(() => revisionScriptOf({ downRevision: null }, "/m/x.ts")).toThrow(RevisionFileError);
    expect(() => revisionScriptOf({ revision: "a" }, "/m/x.ts")).toThrow(/does not export `downRevision`/);
    expect(() =>
      revisionScriptOf({ revision: "a", downRevision: null, upgrade: async () => {} }, "/m/x.ts"),
    ).toThrow(/does not export `downgrade`/);
    expect(() => revisionScriptOf({ revision: "a", downRevision: 3 }, "/m/x.ts")).toThrow(
      /must be a string, an array/,
    );
  });
});

describe("config", () => {
  const saved = process.env.DATABASE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  });

  it("applies defaults and falls back to DATABASE_URL", () => {
    process.env.DATABASE_URL = "sqlite:///env.db";
    const c = resolveConfig({}, { root: "/proj" });
    expect(c).toMatchObject({
      url: "sqlite:///env.db",
      migrationsDir: "/proj/migrations",
      versionsDir: "/proj/migrations/versions",
      versionTable: "athanor_version",
      transactionPerMigration: false,
      lockTimeout: 600,
    });
    expect(resolveConfig({ url: "sqlite://" }, { url: "postgresql://x/y" }).url).toBe("postgresql://x/y");
    expect(() => resolveConfig({ versionTable: "bad name" })).toThrow(ConfigError);
  });
});

describe("CLI arguments", () => {
  const specs = [
    { name: "message", short: "m", type: "string", help: "" },
    { name: "sql", type: "boolean", help: "" },
    { name: "x", short: "x", type: "list", help: "" },
    { name: "rev-range", short: "r", type: "string", help: "" },
  ] as const;

  it("parses flags, values, lists and relative identifiers", () => {
    expect(parseArgs(["-1", "--sql", "-m", "hello world", "-x", "a=1", "-xb=2", "-r", "-2:"], specs)).toEqual(
      {
        positionals: ["-1"],
        flags: { sql: true, message: "hello world", x: ["a=1", "b=2"], "rev-range": "-2:" },
      },
    );
    expect(parseArgs(["--message=hi", "--", "--sql"], specs)).toEqual({
      positionals: ["--sql"],
      flags: { message: "hi" },
    });
    expect(keyValues(["a=1", "b=x=y"])).toEqual({ a: "1", b: "x=y" });
  });

  it("rejects what it does not know", () => {
    expect(() => parseArgs(["--nope"], specs)).toThrow(UsageError);
    expect(() => parseArgs(["-m"], specs)).toThrow(/needs a value/);
    expect(() => parseArgs(["--sql=1"], specs)).toThrow(/takes no value/);
    expect(() => keyValues(["novalue"])).toThrow(/key=value/);
  });
});
