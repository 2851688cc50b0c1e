import type { TypeEngine } from "../../sql/type-engine.js";
import { Json } from "../../sql/types/json.js";
import { TextType } from "../../sql/types/string.js";
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
import { significant, tokenize } from "../sql-tokens.js";
import { mysqlTypeFromColumnType } from "./reflection-types.js";

/** What the reader needs of the dialect: MariaDB and MySQL differ in a few catalog columns. */
export interface MysqlFlavour {
  readonly isMariaDb: boolean;
  quoteString(value: string): string;
}

const SCHEMA = "COALESCE(?, DATABASE())";

/** `current_timestamp`, `now(6)`, ...: the defaults MySQL accepts without parentheses. */
const NOW_DEFAULT = /^(current_timestamp|now|localtimestamp|localtime)(\(\d*\))?$/i;

/** `json_valid(col)`: the CHECK MariaDB adds to a JSON column (stored as LONGTEXT). */
function isJsonCheck(sqltext: string, column: string): boolean {
  const t = significant(tokenize(sqltext));
  return (
    t.length === 4 &&
    t[0]!.text.toLowerCase() === "json_valid" &&
    t[1]!.text === "(" &&
    t[2]!.value === column &&
    t[3]!.text === ")"
  );
}

/**
 * MySQL / MariaDB catalog reader: four information_schema queries per schema (columns with
 * their tables, foreign keys, index statistics, checks).
 */
export class MysqlReflection implements DialectReflection {
  readonly #dialect: MysqlFlavour;

  constructor(dialect: MysqlFlavour) {
    this.#dialect = dialect;
  }

  async getSchemaNames(exec: CatalogExec): Promise<string[]> {
    const rows = await exec("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME");
    return rows.map((r) => str(r[0])!);
  }

  getTableNames(exec: CatalogExec, schema: string | null): Promise<string[]> {
    return this.#names(exec, schema, "TABLE_TYPE = 'BASE TABLE'");
  }

  getViewNames(exec: CatalogExec, schema: string | null): Promise<string[]> {
    return this.#names(exec, schema, "TABLE_TYPE = 'VIEW'");
  }

  async hasTable(exec: CatalogExec, name: string, schema: string | null): Promise<boolean> {
    const rows = await exec(
      `SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ${SCHEMA} AND TABLE_NAME = ?`,
      [schema, name],
    );
    return rows.length > 0;
  }

  async #names(exec: CatalogExec, schema: string | null, where: string): Promise<string[]> {
    const rows = await exec(
      `SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ${SCHEMA} AND ${where} ORDER BY TABLE_NAME`,
      [schema],
    );
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
    const filter = (alias: string) =>
      names ? ` AND ${alias}.TABLE_NAME IN (${placeholders(names.length)})` : "";
    const params = [schema, ...(names ?? [])];
    const mariadb = this.#dialect.isMariaDb;
    const columnRows = await exec(
      `SELECT t.TABLE_NAME, t.TABLE_COMMENT, c.COLUMN_NAME, c.COLUMN_TYPE, c.IS_NULLABLE, c.COLUMN_DEFAULT,
         c.EXTRA, c.GENERATION_EXPRESSION, c.COLUMN_COMMENT
       FROM information_schema.TABLES t
       LEFT JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME
       WHERE t.TABLE_SCHEMA = ${SCHEMA} AND t.TABLE_TYPE = 'BASE TABLE'${filter("t")}
       ORDER BY t.TABLE_NAME, c.ORDINAL_POSITION`,
      params,
    );
    const fkRows = await exec(
      `SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME,
         k.REFERENCED_COLUMN_NAME, rc.UPDATE_RULE, rc.DELETE_RULE, k.TABLE_SCHEMA
       FROM information_schema.KEY_COLUMN_USAGE k
       JOIN information_schema.REFERENTIAL_CONSTRAINTS rc
         ON rc.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND rc.TABLE_NAME = k.TABLE_NAME
         AND rc.CONSTRAINT_NAME = k.CONSTRAINT_NAME
       WHERE k.TABLE_SCHEMA = ${SCHEMA} AND k.REFERENCED_TABLE_NAME IS NOT NULL${filter("k")}
       ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
      params,
    );
    const indexRows = await exec(
      `SELECT s.TABLE_NAME, s.INDEX_NAME, s.NON_UNIQUE, s.COLUMN_NAME, s.SUB_PART, s.INDEX_TYPE,
         ${mariadb ? "NULL" : "s.EXPRESSION"}
       FROM information_schema.STATISTICS s
       WHERE s.TABLE_SCHEMA = ${SCHEMA}${filter("s")}
       ORDER BY s.TABLE_NAME, s.INDEX_NAME, s.SEQ_IN_INDEX`,
      params,
    );
    // MariaDB names column-level checks after their column, so names repeat across tables.
    const checkRows = await exec(
      `SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE
       FROM information_schema.TABLE_CONSTRAINTS tc
       JOIN information_schema.CHECK_CONSTRAINTS cc
         ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
         ${mariadb ? "AND cc.TABLE_NAME = tc.TABLE_NAME" : ""}
       WHERE tc.CONSTRAINT_TYPE = 'CHECK' AND tc.TABLE_SCHEMA = ${SCHEMA}${filter("tc")}
       ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME`,
      params,
    );
    const fks = byTable(fkRows);
    const indexes = byTable(indexRows);
    const checks = byTable(checkRows);
    for (const [name, rows] of byTable(columnRows)) {
      const tableChecks = (checks.get(name) ?? []).map((r) => ({
        name: str(r[1]),
        sqltext: str(r[2]) ?? "",
      }));
      const columns = rows.filter((r) => r[2] !== null).map((r) => this.#column(r, tableChecks));
      recogniseEnumChecks(columns, tableChecks, { backslashEscapes: true });
      const foreignKeys = this.#foreignKeys(fks.get(name) ?? [], schema);
      out.set(name, {
        name,
        schema,
        comment: str(rows[0]![1]) || null,
        columns,
        foreignKeys,
        ...this.#indexes(indexes.get(name) ?? [], foreignKeys),
        checkConstraints: tableChecks,
      });
    }
    return out;
  }

  /** One column; removes the json_valid CHECK of a MariaDB JSON column from `checks`. */
  #column(r: unknown[], checks: ReflectedCheck[]): ReflectedColumn {
    const name = str(r[2])!;
    const typeText = str(r[3])!;
    const extra = (str(r[6]) ?? "").toLowerCase();
    let type: TypeEngine<any, any> = mysqlTypeFromColumnType(typeText);
    const jsonCheck = checks.findIndex((c) => isJsonCheck(c.sqltext, name));
    if (jsonCheck >= 0 && type instanceof TextType) {
      type = Json();
      checks.splice(jsonCheck, 1);
    }
    const generated = /\b(stored|virtual|persistent) generated\b/.exec(extra);
    const onUpdate = /\bon update (\S+)/.exec(extra);
    return {
      name,
      type,
      typeText,
      nullable: str(r[4]) === "YES",
      default: generated ? null : this.#default(str(r[5]), extra, typeText),
      serverOnUpdate: onUpdate ? onUpdate[1]! : null,
      autoincrement: extra.includes("auto_increment"),
      comment: str(r[8]) || null,
      identity: null,
      computed: generated ? { sqltext: str(r[7]) ?? "", persisted: generated[1] !== "virtual" } : null,
    };
  }

  /**
   * The default as SQL text. MariaDB already reports SQL (quoted literals, 'NULL' for none);
   * MySQL 8 reports literals bare and marks expressions DEFAULT_GENERATED.
   */
  #default(raw: string | null, extra: string, typeText: string): string | null {
    if (raw === null) return null;
    if (this.#dialect.isMariaDb) {
      if (raw === "NULL") return null;
      return raw;
    }
    if (extra.includes("default_generated")) {
      return NOW_DEFAULT.test(raw) || raw.startsWith("(") ? raw : `(${raw})`;
    }
    if (/^(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real)/i.test(typeText))
      return raw;
    if (/^bit/i.test(typeText)) return raw;
    return this.#dialect.quoteString(raw);
  }

  #foreignKeys(rows: readonly unknown[][], schema: string | null): ReflectedForeignKey[] {
    const out: ReflectedForeignKey[] = [];
    let current: { name: string; columns: string[]; referredColumns: string[] } | null = null;
    for (const r of rows) {
      const name = str(r[1])!;
      if (!current || current.name !== name) {
        const refSchema = str(r[3]);
        const rule = (v: unknown) => {
          const s = str(v);
          return s === null || s === "NO ACTION" ? null : s;
        };
        current = { name, columns: [], referredColumns: [] };
        out.push({
          name,
          columns: current.columns,
          referredSchema: refSchema === str(r[8]) ? schema : refSchema,
          referredTable: str(r[4])!,
          referredColumns: current.referredColumns,
          onupdate: rule(r[6]),
          ondelete: rule(r[7]),
          deferrable: null,
          initially: null,
        });
      }
      current.columns.push(str(r[2])!);
      current.referredColumns.push(str(r[5])!);
    }
    return out;
  }

  /**
   * Indexes, the primary key and unique constraints, all of which MySQL keeps as indexes. A
   * unique index is reported both ways (MySQL cannot tell how it was declared); the index a
   * foreign key made for itself is marked as belonging to that key.
   */
  #indexes(
    rows: readonly unknown[][],
    foreignKeys: readonly ReflectedForeignKey[],
  ): {
    primaryKey: ReflectedTable["primaryKey"];
    indexes: ReflectedIndex[];
    uniqueConstraints: ReflectedUnique[];
  } {
    const groups = new Map<string, unknown[][]>();
    for (const r of rows) {
      const key = str(r[1])!;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    let primaryKey: ReflectedTable["primaryKey"] = { name: null, columns: [] };
    const indexes: ReflectedIndex[] = [];
    const uniqueConstraints: ReflectedUnique[] = [];
    for (const [name, parts] of groups) {
      const columns = parts.map((p) => str(p[3]));
      if (name === "PRIMARY") {
        primaryKey = { name: null, columns: columns as string[] };
        continue;
      }
      const unique = num(parts[0]![2]) === 0;
      const lengths: Record<string, number> = {};
      for (const p of parts) if (p[4] !== null && p[3] !== null) lengths[str(p[3])!] = num(p[4])!;
      const hasExpression = columns.some((c) => c === null);
      const type = str(parts[0]![5])?.toUpperCase() ?? "BTREE";
      const fk = unique
        ? undefined
        : foreignKeys.find(
            (f) =>
              (f.name === name || f.columns[0] === name) &&
              f.columns.length === columns.length &&
              f.columns.every((c, i) => c === columns[i]),
          );
      if (unique && !hasExpression) uniqueConstraints.push({ name, columns: columns as string[] });
      indexes.push({
        name,
        columns,
        expressions: hasExpression ? parts.map((p) => str(p[6]) ?? str(p[3])!) : null,
        unique,
        where: null,
        using: type === "BTREE" ? null : type,
        mysqlLength: Object.keys(lengths).length ? lengths : null,
        duplicatesConstraint: unique && !hasExpression ? name : (fk?.name ?? null),
      });
    }
    return { primaryKey, indexes, uniqueConstraints };
  }
}
