/**
 * Autogenerate's pure parts: the include filter builder, settings, enum value additions, type
 * change risks, identifier renames in SQL, the autocommit block operation, and how changes become
 * the upgrade and downgrade bodies (phases, SQLite batches, DESTRUCTIVE marks, exact reversal).
 */
import { describe, expect, it } from "vitest";
import {
  BigInteger,
  column,
  createEngine,
  Enum,
  Integer,
  Numeric,
  String,
  Text,
} from "../../../src/index.js";
import { type Change, type CompareContext, reversible } from "../../../src/migrate/autogenerate/changes.js";
import { enumAdditions } from "../../../src/migrate/autogenerate/compare-enums.js";
import { typeChangeRisk } from "../../../src/migrate/autogenerate/destructive.js";
import { Includer, includeObjects } from "../../../src/migrate/autogenerate/include.js";
import { produce } from "../../../src/migrate/autogenerate/produce.js";
import { renameIdentifier } from "../../../src/migrate/autogenerate/renames.js";
import { readSettings } from "../../../src/migrate/autogenerate/settings.js";
import {
  AddColumnOp,
  AddEnumValueOp,
  AlterColumnOp,
  AutocommitBlockOp,
  BatchAlterTableOp,
  CodeComment,
  CodeRenderer,
  ConfigError,
  CreateEnumOp,
  CreateTableOp,
  DropColumnOp,
  IrreversibleOperationError,
  MigrateOperation,
  type RenderItem,
  renderOperations,
} from "../../../src/migrate/index.js";

const sqlite = createEngine("sqlite://").dialect;
const pg = createEngine("postgresql+pglite://").dialect;
const ctxOf = (dialect: typeof sqlite): CompareContext => ({
  dialect,
  settings: readSettings(undefined),
  include: new Includer(null),
});
const names = (items: readonly RenderItem[]) =>
  items.map((i) => (i instanceof MigrateOperation ? i.describe() : `// ${(i as CodeComment).text}`));

describe("includeObjects", () => {
  const object = (type: "table" | "column" | "enum", name: string, tableName: string | null = null) => ({
    type,
    name,
    tableName,
    schema: null,
    reflected: false,
  });

  it("excludes by name, glob, regular expression and table.name; only limits a kind", () => {
    const f = includeObjects({
      exclude: { table: ["legacy_*", /^tmp\d+$/], column: ["kits.secret"] },
      only: { enum: ["kit_status"] },
    });
    expect(f(object("table", "kits"))).toBe(true);
    expect(f(object("table", "legacy_kits"))).toBe(false);
    expect(f(object("table", "tmp42"))).toBe(false);
    expect(f(object("column", "secret", "kits"))).toBe(false);
    expect(f(object("column", "secret", "users"))).toBe(true);
    expect(f(object("enum", "kit_status"))).toBe(true);
    expect(f(object("enum", "mood"))).toBe(false);
  });

  it("names an unknown kind, an unknown option and bad patterns", () => {
    expect(() => includeObjects({ exclude: { tabel: ["x"] } as never })).toThrow(ConfigError);
    expect(() => includeObjects({ exclude: { tabel: ["x"] } as never })).toThrow(
      "includeObjects(): unknown include filter kind 'tabel' in 'exclude'; use one of schema, table, column, index, unique_constraint, foreign_key_constraint, check_constraint, enum.",
    );
    expect(() => includeObjects({ skip: {} } as never)).toThrow(
      "unknown option 'skip'; use 'only' and/or 'exclude'",
    );
    expect(() => includeObjects({ only: { table: "kits" } as never })).toThrow(
      "'only.table' must be a list of names, globs",
    );
  });

  it("checks what the config's filter is and answers", () => {
    expect(() => new Includer({ table: ["x"] })).toThrow(/must be a function .* got object/);
    const includer = new Includer(() => "yes");
    expect(() => includer.top("table", "kits", null, true)).toThrow(
      `The config's include filter returned "yes" for table 'kits'; it must return true (compare it) or false (ignore it).`,
    );
  });
});

describe("autogenerate settings", () => {
  it("defaults to comparing types and server defaults", () => {
    expect(readSettings(undefined)).toEqual({ compareType: true, compareServerDefault: true });
    expect(readSettings({ compareServerDefault: false })).toEqual({
      compareType: true,
      compareServerDefault: false,
    });
    expect(() => readSettings([])).toThrow("must be an object");
  });
});

describe("enum values", () => {
  it("adds new values where the models put them", () => {
    expect(enumAdditions(["a", "c"], ["a", "b", "c", "d"])).toEqual([
      { value: "b", after: "a" },
      { value: "d", after: "c" },
    ]);
    expect(enumAdditions(["b"], ["a", "b"])).toEqual([{ value: "a", before: "b" }]);
    expect(enumAdditions(["a", "b"], ["x", "y", "a", "b"])).toEqual([
      { value: "x", before: "a" },
      { value: "y", after: "x" },
    ]);
  });

  it("cannot add its way to a removal or a new order", () => {
    expect(enumAdditions(["a", "b"], ["a"])).toBeNull();
    expect(enumAdditions(["a", "b"], ["b", "a"])).toBeNull();
  });
});

describe("type change risks", () => {
  it("calls narrowing narrowing, and widening safe", () => {
    expect(typeChangeRisk(String(100), String(50))).toBe("narrowing: longer values are cut or rejected");
    expect(typeChangeRisk(Text(), String(50))).toBe("narrowing: longer values are cut or rejected");
    expect(typeChangeRisk(String(50), String(100))).toBeNull();
    expect(typeChangeRisk(String(50), Text())).toBeNull();
    expect(typeChangeRisk(BigInteger(), Integer())).toBe("narrowing: large values overflow");
    expect(typeChangeRisk(Integer(), BigInteger())).toBeNull();
    expect(typeChangeRisk(Numeric(10, 2), Numeric(8, 2))).toBe(
      "narrowing: digits are lost or values overflow",
    );
    expect(typeChangeRisk(Numeric(10, 2), Numeric(12, 2))).toBeNull();
    expect(typeChangeRisk(Enum(["a", "b"]), Enum(["a"]))).toBe("values 'b' removed");
    expect(typeChangeRisk(Integer(), String(20))).toBeNull();
    expect(typeChangeRisk(String(20), Integer())).toBe("values may not convert");
  });
});

describe("renameIdentifier", () => {
  it("renames the identifier, bare or quoted, and nothing else", () => {
    expect(renameIdentifier("qty > 0 AND \"qty\" < 9 AND note <> 'qty'", "qty", "amount", pg)).toBe(
      "amount > 0 AND \"amount\" < 9 AND note <> 'qty'",
    );
    expect(renameIdentifier("QTY > 0", "qty", "amount", sqlite)).toBe("amount > 0");
  });
});

describe("AutocommitBlockOp", () => {
  it("renders op.autocommitBlock around its operations, and cannot reverse ADD VALUE", () => {
    const op = new AutocommitBlockOp([new AddEnumValueOp("kit_status", "lost", { after: "available" })]);
    expect(op.toCode(new CodeRenderer(), 2)).toBe(
      'await op.autocommitBlock(async () => {\n    await op.addEnumValue("kit_status", "lost", { after: "available" });\n  });',
    );
    expect(() => op.reverse()).toThrow(IrreversibleOperationError);
    const create = new AutocommitBlockOp([new CreateEnumOp("mood", ["calm"])]);
    expect(create.reverse().describe()).toBe("autocommit block (drop enum type mood)");
  });
});

describe("from changes to revision bodies", () => {
  const table = new CreateTableOp("kits", { id: column(Integer).primaryKey() });
  const add = new AddColumnOp("kits", "serial", column(String(20)).nullable());
  const drop = new DropColumnOp("kits", "code", { definition: column(String(50)) });
  const alter = new AlterColumnOp("kits", "serial", {
    type: String(10),
    existingType: String(20),
    existingNullable: true,
  });
  const enumCreate = new CreateEnumOp("kit_status", ["a"]);
  const changes: Change[] = [
    reversible(drop, "table_alter", "kits", 3, ["kits.code may have been renamed"]),
    reversible(alter, "table_alter", "kits", 5),
    reversible(table, "table_create", null),
    reversible(add, "table_alter", "kits", 4),
    reversible(enumCreate, "enum_create", null),
  ];

  it("orders by phase, then by kind within a table, and reverses exactly", () => {
    const result = produce(ctxOf(pg), changes, true);
    expect(names(result.upgradeOps)).toEqual([
      "create enum type kit_status",
      "create table kits",
      "// WARNING: kits.code may have been renamed",
      "// DESTRUCTIVE: drops column kits.code and its data.",
      "drop column kits.code",
      "add column kits.serial",
      "// DESTRUCTIVE: changes kits.serial from VARCHAR(20) to VARCHAR(10) (narrowing: longer values are cut or rejected).",
      "alter column kits.serial (type)",
    ]);
    expect(names(result.downgradeOps!)).toEqual([
      "alter column kits.serial (type)",
      "// DESTRUCTIVE: drops column kits.serial and its data.",
      "drop column kits.serial",
      "add column kits.code",
      "// DESTRUCTIVE: drops table kits and every row in it.",
      "drop table kits",
      "drop enum type kit_status",
    ]);
    expect(result.warnings).toEqual([
      "kits.code may have been renamed",
      "destructive: drops column kits.code and its data",
      "destructive: changes kits.serial from VARCHAR(20) to VARCHAR(10) (narrowing: longer values are cut or rejected)",
    ]);
  });

  it("groups a table's changes into one batch on SQLite when ALTER TABLE cannot make them", () => {
    const result = produce(ctxOf(sqlite), changes, true);
    const batch = result.upgradeOps.find((o) => o instanceof BatchAlterTableOp) as BatchAlterTableOp;
    expect(batch.ops.map((o) => o.describe())).toEqual([
      "drop column kits.code",
      "add column kits.serial",
      "alter column kits.serial (type)",
    ]);
    const down = result.downgradeOps!.find((o) => o instanceof BatchAlterTableOp) as BatchAlterTableOp;
    expect(down.ops.map((o) => o.describe())).toEqual([
      "alter column kits.serial (type)",
      "drop column kits.serial",
      "add column kits.code",
    ]);
    // An addable column alone stays a plain ALTER TABLE.
    const simple = produce(ctxOf(sqlite), [reversible(add, "table_alter", "kits", 4)], true);
    expect(names(simple.upgradeOps)).toEqual(["add column kits.serial"]);
    expect(names(simple.downgradeOps!)).toEqual([
      "// DESTRUCTIVE: drops column kits.serial and its data.",
      "batch alter table kits (drop column kits.serial)",
    ]);
  });

  it("has nothing to say when there are only comments, and renders what it returns", () => {
    const empty = produce(ctxOf(pg), [{ ...reversible(add, "table_alter", "kits"), up: [], down: [] }], true);
    expect(empty.upgradeOps).toEqual([]);
    const result = produce(ctxOf(pg), changes, true);
    const lines = renderOperations(result.upgradeOps, new CodeRenderer());
    expect(lines[0]).toBe('await op.createEnum("kit_status", ["a"]);');
    expect(result.upgradeOps.some((o) => o instanceof CodeComment)).toBe(true);
  });
});
