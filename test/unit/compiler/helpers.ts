import { appendFileSync } from "node:fs";
import { expect } from "vitest";
import { MysqlDialect } from "../../../src/dialects/mysql/dialect.js";
import { PgDialect } from "../../../src/dialects/postgresql/dialect.js";
import { SqliteDialect } from "../../../src/dialects/sqlite/dialect.js";
import { CreateEnumType, CreateIndex, CreateTable, type DdlStatement } from "../../../src/schema/ddl.js";
import { sortTables } from "../../../src/schema/metadata.js";
import { Table } from "../../../src/schema/table.js";
import type { CacheKeyBuilder, Node } from "../../../src/sql/node.js";
import { EnumType } from "../../../src/sql/types/enum.js";

/**
 * Compiles statements for the three dialects without a database and checks the exact SQL and
 * parameters of each, side by side:
 *
 *   expectSql(select(users.c.id).where(users.c.id.eq(1)), {
 *     pg: ["SELECT users.id FROM users WHERE users.id = $1", [1]],
 *     sqlite: ["SELECT users.id FROM users WHERE users.id = ?", [1]],
 *     mysql: ["SELECT users.id FROM users WHERE users.id = ?", [1]],
 *   });
 *
 * A bare string stands for SQL without parameters; `raises(ErrorClass, /message/)` for a
 * compile error. With ATHANOR_SQL_LOG=<file> every compiled statement is appended to that file
 * (one JSON object a line, with the DDL creating the tables it names), for check-on-servers.ts.
 */

export type DialectKey = "pg" | "sqlite" | "mysql";
export const DIALECTS: readonly DialectKey[] = ["pg", "sqlite", "mysql"];

type ErrorClass = abstract new (...args: any[]) => Error;

/** An expected compile error: its class and, optionally, a pattern its message matches. */
export interface Raises {
  readonly raises: ErrorClass;
  readonly message?: RegExp | string;
}

export function raises(cls: ErrorClass, message?: RegExp | string): Raises {
  return { raises: cls, message };
}

/** SQL and parameters, or SQL alone (no parameters), or an error. */
export type SqlExpectation = readonly [string, readonly unknown[]] | string | Raises;
export type DdlExpectation = readonly string[] | string | Raises;

export type Dialects = { pg: PgDialect; sqlite: SqliteDialect; mysql: MysqlDialect };

/** Fresh dialect objects (each has its own compiled-statement cache). */
export function makeDialects(): Dialects {
  return { pg: new PgDialect("pg"), sqlite: new SqliteDialect(), mysql: new MysqlDialect() };
}

/** A MySQL dialect with the flags MariaDB 10.5+ gets on connect (INSERT / DELETE ... RETURNING). */
export function mariaDbDialect(): MysqlDialect {
  const d = new MysqlDialect();
  d.isMariaDb = true;
  d.supportsReturning = true;
  d.supportsDeleteReturning = true;
  d.supportsIntersectAll = true;
  return d;
}

/** The dialects the expect* helpers use unless given others. */
export const dialects: Dialects = makeDialects();

/** Compiles a statement for one dialect and binds it: what the driver would receive. */
export function compile(
  dialect: Dialects[DialectKey],
  stmt: Node,
  params?: Record<string, unknown>,
): { sql: string; values: unknown[] } {
  const { compiled, binds } = dialect.prepare(stmt);
  return compiled.bind(binds, params);
}

const LOG = process.env.ATHANOR_SQL_LOG;
function log(entry: Record<string, unknown>): void {
  if (LOG)
    appendFileSync(LOG, `${JSON.stringify(entry, (_k, v) => (typeof v === "bigint" ? `${v}n` : v))}\n`);
}

/** Collects the schema Tables a statement names (for the log's setup DDL). */
class TableCollector implements CacheKeyBuilder {
  readonly tables = new Set<Table<any, any>>();
  readonly #seen = new Set<Node>();
  push(): void {}
  bind(): void {}
  uncacheable(): void {}
  node(n: Node | null | undefined): void {
    if (n) n.walk(this);
  }
  nodes(ns: readonly Node[]): void {
    for (const n of ns) n.walk(this);
  }
  fromRef(from: Node): void {
    if (this.#seen.has(from)) return;
    this.#seen.add(from);
    if (from instanceof Table) this.add(from);
    from.walk(this);
  }
  add(t: Table<any, any>): void {
    if (this.tables.has(t)) return;
    this.tables.add(t);
    for (const r of t.referencedTables) this.add(r);
  }
}

/** The DDL creating the tables (and PostgreSQL enum types) a logged statement needs. */
function setupFor(
  dialect: Dialects[DialectKey],
  node: Node,
  extra: readonly Table<any, any>[] = [],
): string[] {
  const collector = new TableCollector();
  if (!(node instanceof CreateTable)) collector.node(node);
  for (const t of extra) collector.add(t);
  const ddl = dialect.ddlCompiler();
  const out: string[] = [];
  const enums = new Map<string, EnumType>();
  const { tables } = sortTables([...collector.tables]);
  for (const t of node instanceof CreateTable ? [...tables, node.table] : tables)
    for (const col of t.columns)
      if (col.type instanceof EnumType && col.type.nativeEnum) enums.set(col.type.name!, col.type);
  if (dialect.name === "postgresql")
    for (const e of enums.values()) out.push(...ddl.compile(new CreateEnumType(e)));
  // The constraint an ADD CONSTRAINT adds is left out of its table's CREATE TABLE.
  const exclude = new Set(
    node.kind === "add_constraint" ? [(node as DdlStatement & { kind: "add_constraint" }).constraint] : [],
  );
  for (const t of tables)
    if (!(node instanceof CreateTable && node.table === t))
      out.push(...ddl.compile(new CreateTable(t, { excludeConstraints: exclude })));
  // Dropping an index needs it to exist first.
  if (node.kind === "drop_index") {
    for (const t of tables)
      for (const ix of t.indexes) {
        try {
          out.push(...ddl.compile(new CreateIndex(ix)));
        } catch {
          // An index this dialect cannot have (partial, expression) is not needed to drop another.
        }
      }
  }
  return out;
}

function isRaises(e: unknown): e is Raises {
  return typeof e === "object" && e !== null && "raises" in e;
}

function expectError(fn: () => unknown, e: Raises, label: string): void {
  if (LOG) log({ dialect: label.split(" ")[0], kind: "error", error: e.raises.name });
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown, `${label}: expected ${e.raises.name}`).toBeInstanceOf(e.raises);
  if (e.message !== undefined) expect((thrown as Error).message, label).toMatch(e.message);
}

/**
 * Checks the SQL and parameters of `stmt` on each dialect. The statement is compiled twice: the
 * second time must come from the cache with the same SQL.
 */
export function expectSql(
  stmt: Node,
  expected: Partial<Record<DialectKey, SqlExpectation>>,
  opts: { params?: Record<string, unknown>; dialects?: Partial<Dialects> } = {},
): void {
  const use = { ...dialects, ...opts.dialects };
  for (const key of DIALECTS) {
    const want = expected[key];
    if (want === undefined) continue;
    const dialect = use[key];
    const label = `${key} (${dialect.name})`;
    if (isRaises(want)) {
      expectError(() => compile(dialect, stmt, opts.params), want, label);
      continue;
    }
    const [sql, values] = typeof want === "string" ? [want, []] : want;
    const got = compile(dialect, stmt, opts.params);
    if (LOG)
      log({ dialect: key, kind: "sql", sql: got.sql, values: got.values, setup: setupFor(dialect, stmt) });
    expect({ sql: got.sql, values: got.values }, label).toEqual({ sql, values });
    const again = dialect.prepare(stmt);
    expect(again.compiled.bind(again.binds, opts.params).sql, `${label}, from the cache`).toBe(sql);
  }
}

/** Checks the statements a DDL element compiles to on each dialect. */
export function expectDdl(
  el: DdlStatement,
  expected: Partial<Record<DialectKey, DdlExpectation>>,
  opts: {
    dialects?: Partial<Dialects> /** Tables the statement needs (for the log's setup only). */;
    setup?: readonly Table<any, any>[];
  } = {},
): void {
  const use = { ...dialects, ...opts.dialects };
  for (const key of DIALECTS) {
    const want = expected[key];
    if (want === undefined) continue;
    const dialect = use[key];
    const label = `${key} (${dialect.name})`;
    if (isRaises(want)) {
      expectError(() => dialect.ddlCompiler().compile(el), want, label);
      continue;
    }
    const got = dialect.ddlCompiler().compile(el);
    if (LOG) {
      const own = el instanceof CreateTable ? el.table.referencedTables : [];
      const index = el.kind === "create_index" || el.kind === "add_constraint";
      const target =
        el.kind === "create_index"
          ? [el.index.table]
          : el.kind === "add_constraint"
            ? [el.constraint.table]
            : [];
      const tables = [...own, ...(index ? target : []), ...(opts.setup ?? [])];
      log({ dialect: key, kind: "ddl", sql: got, setup: setupFor(dialect, el, tables), ddlKind: el.kind });
    }
    expect(got, label).toEqual(typeof want === "string" ? [want] : want);
  }
}

/** Checks the offline SQL (every value inline) of `stmt` on each dialect. */
export function expectLiteral(
  stmt: Node,
  expected: Partial<Record<DialectKey, string | Raises>>,
  opts: { dialects?: Partial<Dialects> } = {},
): void {
  const use = { ...dialects, ...opts.dialects };
  for (const key of DIALECTS) {
    const want = expected[key];
    if (want === undefined) continue;
    const dialect = use[key];
    const label = `${key} (${dialect.name})`;
    if (isRaises(want)) {
      expectError(() => dialect.renderLiteral(stmt), want, label);
      continue;
    }
    const got = dialect.renderLiteral(stmt);
    if (LOG)
      for (const sql of got) log({ dialect: key, kind: "literal", sql, setup: setupFor(dialect, stmt) });
    expect(got, label).toEqual([want]);
  }
}

/**
 * Multi-line DDL as the compiler writes it: `CREATE TABLE t (` then one tab-indented line per
 * column or constraint, separated by ", ", then `)`.
 */
export function table(head: string, lines: readonly string[], tail = ""): string {
  return `${head} (\n\t${lines.join(", \n\t")}\n)${tail}`;
}
