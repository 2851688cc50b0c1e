import {
  byTable,
  type CatalogExec,
  type DialectReflection,
  num,
  placeholders,
  type ReflectedCheck,
  type ReflectedColumn,
  type ReflectedEnum,
  type ReflectedForeignKey,
  type ReflectedIndex,
  type ReflectedTable,
  type ReflectedUnique,
  recogniseEnumChecks,
  str,
} from "../reflection.js";
import { type ParsedTable, parseCreateIndex, parseCreateTable } from "./reflection-parse.js";
import { sqliteTypeFromDeclared } from "./reflection-types.js";

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** `sqlite_master` of the schema (an attached database) and the pragma schema argument. */
function source(schema: string | null, names: readonly string[] | undefined) {
  return {
    master: schema ? `${quote(schema)}.sqlite_master` : "sqlite_master",
    pragmaSchema: schema ?? "main",
    filter: names ? ` AND m.name IN (${placeholders(names.length)})` : "",
    params: names ? [...names] : [],
  };
}

const USER_TABLE = "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

const ACTION = (v: unknown): string | null => {
  const s = str(v)?.toUpperCase() ?? null;
  return s === null || s === "NO ACTION" ? null : s;
};

/** SQLite catalog reader: three queries (sqlite_master joined with table-valued pragmas). */
export class SqliteReflection implements DialectReflection {
  async getSchemaNames(exec: CatalogExec): Promise<string[]> {
    const rows = await exec("SELECT name FROM pragma_database_list WHERE name <> 'temp' ORDER BY seq");
    return rows.map((r) => str(r[0])!);
  }

  getTableNames(exec: CatalogExec, schema: string | null): Promise<string[]> {
    return this.#names(exec, schema, USER_TABLE);
  }

  getViewNames(exec: CatalogExec, schema: string | null): Promise<string[]> {
    return this.#names(exec, schema, "m.type = 'view'");
  }

  async hasTable(exec: CatalogExec, name: string, schema: string | null): Promise<boolean> {
    const { master } = source(schema, undefined);
    const rows = await exec(`SELECT 1 FROM ${master} m WHERE m.type IN ('table', 'view') AND m.name = ?`, [
      name,
    ]);
    return rows.length > 0;
  }

  async #names(exec: CatalogExec, schema: string | null, where: string): Promise<string[]> {
    const { master } = source(schema, undefined);
    const rows = await exec(`SELECT m.name FROM ${master} m WHERE ${where} ORDER BY m.name`);
    return rows.map((r) => str(r[0])!);
  }

  async getEnums(): Promise<ReflectedEnum[]> {
    return [];
  }

  async reflectTables(
    exec: CatalogExec,
    schema: string | null,
    names?: readonly string[],
  ): Promise<Map<string, ReflectedTable>> {
    const out = new Map<string, ReflectedTable>();
    if (names && names.length === 0) return out;
    const { master, pragmaSchema, filter, params } = source(schema, names);
    const s = `'${pragmaSchema.replace(/'/g, "''")}'`;
    const columnRows = await exec(
      `SELECT m.name, m.sql, c.name, c.type, c."notnull", c.dflt_value, c.pk, c.hidden
       FROM ${master} m LEFT JOIN pragma_table_xinfo(m.name, ${s}) c
       WHERE ${USER_TABLE}${filter} ORDER BY m.name, c.cid`,
      params,
    );
    const fkRows = await exec(
      `SELECT m.name, f.id, f."table", f."from", f."to", f.on_update, f.on_delete, f."match"
       FROM ${master} m JOIN pragma_foreign_key_list(m.name, ${s}) f
       WHERE ${USER_TABLE}${filter} ORDER BY m.name, f.id, f.seq`,
      params,
    );
    const indexRows = await exec(
      `SELECT m.name, il.name, il."unique", il.origin, ix.name, im.sql
       FROM ${master} m JOIN pragma_index_list(m.name, ${s}) il
       JOIN pragma_index_xinfo(il.name, ${s}) ix
       LEFT JOIN ${master} im ON im.type = 'index' AND im.name = il.name
       WHERE ${USER_TABLE}${filter} AND ix.key = 1 ORDER BY m.name, il.name, ix.seqno`,
      params,
    );
    const fksByTable = byTable(fkRows);
    const indexesByTable = byTable(indexRows);
    const pkColumns = new Map<string, string[]>();
    const built: { name: string; rows: unknown[][]; parsed: ParsedTable }[] = [];
    for (const [name, rows] of byTable(columnRows)) {
      const parsed = parseCreateTable(str(rows[0]![1]) ?? "");
      const cols = rows.filter((r) => r[2] !== null);
      pkColumns.set(
        name,
        cols
          .filter((r) => (num(r[6]) ?? 0) > 0)
          .sort((a, b) => num(a[6])! - num(b[6])!)
          .map((r) => str(r[2])!),
      );
      built.push({ name, rows: cols, parsed });
    }
    for (const { name, rows, parsed } of built) {
      const pk = pkColumns.get(name)!;
      const checks: ReflectedCheck[] = [...parsed.checks];
      const columns = rows.filter((r) => num(r[7]) !== 1).map((r) => this.#column(r, pk, parsed));
      recogniseEnumChecks(columns, checks, { bracketQuotes: true });
      out.set(name, {
        name,
        schema,
        comment: null,
        columns,
        primaryKey: { name: parsed.primaryKeyName, columns: pk },
        foreignKeys: this.#foreignKeys(fksByTable.get(name) ?? [], parsed, pkColumns, schema),
        ...this.#indexes(indexesByTable.get(name) ?? [], parsed),
        checkConstraints: checks,
      });
    }
    return out;
  }

  #column(r: unknown[], pk: readonly string[], parsed: ParsedTable): ReflectedColumn {
    const name = str(r[2])!;
    const typeText = str(r[3]) ?? "";
    const type = sqliteTypeFromDeclared(typeText);
    const hidden = num(r[7]) ?? 0;
    const generated = hidden === 2 || hidden === 3;
    // Only a lone INTEGER PRIMARY KEY aliases the rowid, which SQLite fills in.
    const rowid =
      !parsed.withoutRowid && pk.length === 1 && pk[0] === name && typeText.toUpperCase() === "INTEGER";
    return {
      name,
      type,
      typeText,
      nullable: num(r[4]) === 0 && !rowid,
      default: str(r[5]),
      autoincrement: rowid,
      comment: null,
      identity: null,
      computed: generated ? { sqltext: parsed.generated.get(name) ?? "", persisted: hidden === 3 } : null,
    };
  }

  #foreignKeys(
    rows: readonly unknown[][],
    parsed: ParsedTable,
    pkColumns: Map<string, string[]>,
    schema: string | null,
  ): ReflectedForeignKey[] {
    const byId = new Map<number, unknown[][]>();
    for (const r of rows) {
      const id = num(r[1])!;
      byId.set(id, [...(byId.get(id) ?? []), r]);
    }
    // SQLite numbers foreign keys from the last declared; report them in declaration order.
    return [...byId.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([, parts]) => {
        const first = parts[0]!;
        const referredTable = str(first[2])!;
        const columns = parts.map((p) => str(p[3])!);
        const to = parts.map((p) => str(p[4]));
        const match = str(first[7])?.toUpperCase();
        const named = parsed.foreignKeys.find(
          (f) =>
            f.referredTable.toLowerCase() === referredTable.toLowerCase() &&
            f.columns.length === columns.length &&
            f.columns.every((c, i) => c === columns[i]),
        );
        return {
          name: named?.name ?? null,
          columns,
          referredSchema: schema,
          referredTable,
          // REFERENCES t without columns means t's primary key.
          referredColumns: to.every((x) => x !== null)
            ? (to as string[])
            : (pkColumns.get(referredTable) ?? []),
          onupdate: ACTION(first[5]),
          ondelete: ACTION(first[6]),
          match: match && match !== "NONE" && match !== "SIMPLE" ? match : null,
          deferrable: null,
          initially: null,
        };
      });
  }

  #indexes(
    rows: readonly unknown[][],
    parsed: ParsedTable,
  ): { indexes: ReflectedIndex[]; uniqueConstraints: ReflectedUnique[] } {
    const indexes: ReflectedIndex[] = [];
    const uniqueConstraints: ReflectedUnique[] = [];
    for (const [name, parts] of byIndex(rows)) {
      const origin = str(parts[0]![3]);
      const columns = parts.map((p) => str(p[4]));
      if (origin === "pk") continue;
      if (origin === "u") {
        const cols = columns as string[];
        const named = parsed.uniques.find(
          (u) => u.columns.length === cols.length && u.columns.every((c, i) => c === cols[i]),
        );
        uniqueConstraints.push({ name: named?.name ?? null, columns: cols });
        continue;
      }
      const def = parseCreateIndex(str(parts[0]![5]) ?? "");
      const hasExpression = columns.some((c) => c === null);
      indexes.push({
        name,
        columns,
        expressions: hasExpression ? def.keys : null,
        unique: num(parts[0]![2]) === 1,
        where: def.where,
        using: null,
      });
    }
    return { indexes, uniqueConstraints };
  }
}

function byIndex(rows: readonly unknown[][]): Map<string, unknown[][]> {
  const out = new Map<string, unknown[][]>();
  for (const r of rows) {
    const key = str(r[1])!;
    out.set(key, [...(out.get(key) ?? []), r]);
  }
  return out;
}
