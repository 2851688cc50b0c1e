import {
  byTable,
  type CatalogExec,
  type DialectReflection,
  num,
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
import { pgTypeFromCatalog, pgTypeFromName } from "./reflection-types.js";

// Every query takes the schema as $1 (null: the session's current schema) and an optional list
// of table names as $2, so the number of catalog queries never depends on the number of tables.
const IN_SCHEMA = "n.nspname = COALESCE($1::text, current_schema())";
const TABLE_FILTER = "($2::text[] IS NULL OR c.relname = ANY($2::text[]))";
const IS_TABLE = "c.relkind IN ('r', 'p') AND NOT c.relispartition";

/** Tables with their comments and columns; tables without columns still yield one row. */
const COLUMNS_SQL = `
SELECT c.relname, obj_description(c.oid, 'pg_class'), n.nspname,
  a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
  pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, col_description(c.oid, a.attnum),
  t.typcategory = 'A' AND t.typelem <> 0, a.attndims,
  format_type(bt.oid, a.atttypmod), bt.typtype = 'e', bt.typname,
  CASE WHEN btn.nspname = current_schema() THEN NULL ELSE btn.nspname END,
  CASE WHEN bt.typtype = 'e' THEN
    (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = bt.oid)
  END,
  seq.deptype, seq.seqstart, seq.seqincrement,
  CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_type bt
  ON bt.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
LEFT JOIN pg_catalog.pg_namespace btn ON btn.oid = bt.typnamespace
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN LATERAL (
  SELECT dep.deptype, s.seqstart, s.seqincrement
  FROM pg_catalog.pg_depend dep JOIN pg_catalog.pg_sequence s ON s.seqrelid = dep.objid
  WHERE dep.classid = 'pg_catalog.pg_class'::regclass AND dep.refclassid = 'pg_catalog.pg_class'::regclass
    AND dep.refobjid = c.oid AND dep.refobjsubid = a.attnum AND dep.deptype IN ('a', 'i')
  LIMIT 1
) seq ON true
WHERE ${IN_SCHEMA} AND ${IS_TABLE} AND ${TABLE_FILTER}
ORDER BY c.relname, a.attnum`;

const KEY_NAMES = (keys: string, rel: string) =>
  `(SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.${keys}) WITH ORDINALITY AS k(num, ord)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = con.${rel} AND a.attnum = k.num)`;

/** Primary keys, foreign keys, unique and check constraints. */
const CONSTRAINTS_SQL = `
SELECT c.relname, con.conname, con.contype, ${KEY_NAMES("conkey", "conrelid")},
  rn.nspname, rc.relname, ${KEY_NAMES("confkey", "confrelid")},
  con.confupdtype, con.confdeltype, con.confmatchtype, con.condeferrable, con.condeferred,
  CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid, true) END,
  n.nspname
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
WHERE con.contype IN ('p', 'f', 'u', 'c') AND ${IN_SCHEMA} AND ${IS_TABLE} AND ${TABLE_FILTER}
ORDER BY c.relname, con.conname`;

/** Indexes other than those backing a primary key, unique or exclusion constraint. */
const INDEXES_SQL = `
SELECT c.relname, ic.relname, i.indisunique, am.amname, pg_get_expr(i.indpred, i.indrelid, true),
  (SELECT json_agg(json_build_array(a.attname, pg_get_indexdef(i.indexrelid, k.ord::int, true)) ORDER BY k.ord)
    FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(num, ord)
    LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num AND k.num <> 0
    WHERE k.ord <= i.indnkeyatts)
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
WHERE ${IN_SCHEMA} AND ${IS_TABLE} AND ${TABLE_FILTER}
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
    WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
ORDER BY c.relname, ic.relname`;

const ACTIONS: Record<string, string | null> = {
  a: null,
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};
const MATCH: Record<string, string | null> = { f: "FULL", p: "PARTIAL", s: null };

/** Catalog JSON arrives as text from both drivers (the json type parser is the identity). */
function json<T>(v: unknown): T | null {
  if (v === null || v === undefined) return null;
  return (typeof v === "string" ? JSON.parse(v) : v) as T;
}

interface TableParts {
  name: string;
  comment: string | null;
  columns: ReflectedColumn[];
  pk: { name: string | null; columns: readonly string[] };
  fks: ReflectedForeignKey[];
  uniques: ReflectedUnique[];
  checks: ReflectedCheck[];
  indexes: ReflectedIndex[];
}

/** Field positions in COLUMNS_SQL rows. */
const C = {
  tableComment: 1,
  name: 3,
  type: 4,
  nullable: 5,
  default: 6,
  identity: 7,
  generated: 8,
  comment: 9,
  isArray: 10,
  dimensions: 11,
  baseType: 12,
  isEnum: 13,
  enumName: 14,
  enumSchema: 15,
  enumLabels: 16,
  seqDependency: 17,
  seqStart: 18,
  seqIncrement: 19,
  domainBase: 20,
} as const;

function column(r: unknown[]): ReflectedColumn {
  const defaultText = str(r[C.default]);
  const identity = str(r[C.identity]) ?? "";
  const computed = str(r[C.generated]) === "s";
  const isEnum = r[C.isEnum] === true;
  // A SERIAL column: an owned sequence feeding a nextval() default.
  const serial = str(r[C.seqDependency]) === "a" && defaultText !== null && /^nextval\(/i.test(defaultText);
  const typeText = str(r[C.type])!;
  const domainBase = str(r[C.domainBase]);
  return {
    name: str(r[C.name])!,
    // A domain reads as the type it is based on (its CHECK stays the database's business).
    type:
      domainBase !== null
        ? pgTypeFromName(domainBase)
        : pgTypeFromCatalog({
            text: typeText,
            baseText: str(r[C.baseType])!,
            isArray: r[C.isArray] === true,
            dimensions: num(r[C.dimensions]) ?? 0,
            enumName: isEnum ? str(r[C.enumName]) : null,
            enumSchema: str(r[C.enumSchema]),
            enumLabels: isEnum ? json<string[]>(r[C.enumLabels]) : null,
          }),
    typeText,
    nullable: r[C.nullable] === true,
    default: computed ? null : defaultText,
    autoincrement: identity !== "" || serial,
    comment: str(r[C.comment]),
    identity:
      identity === ""
        ? null
        : {
            always: identity === "a",
            start: num(r[C.seqStart]) ?? undefined,
            increment: num(r[C.seqIncrement]) ?? undefined,
          },
    computed: computed ? { sqltext: defaultText ?? "", persisted: true } : null,
  };
}

/** PostgreSQL catalog reader: three pg_catalog queries per schema for reflectTables. */
export class PgReflection implements DialectReflection {
  async getSchemaNames(exec: CatalogExec): Promise<string[]> {
    const rows = await exec(
      "SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY nspname",
    );
    return rows.map((r) => str(r[0])!);
  }

  getTableNames(exec: CatalogExec, schema: string | null): Promise<string[]> {
    return this.#relations(exec, schema, `${IS_TABLE}`);
  }

  getViewNames(exec: CatalogExec, schema: string | null): Promise<string[]> {
    return this.#relations(exec, schema, "c.relkind IN ('v', 'm')");
  }

  async hasTable(exec: CatalogExec, name: string, schema: string | null): Promise<boolean> {
    const rows = await exec(
      `SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       WHERE ${IN_SCHEMA} AND c.relname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`,
      [schema, name],
    );
    return rows.length > 0;
  }

  async #relations(exec: CatalogExec, schema: string | null, kind: string): Promise<string[]> {
    const rows = await exec(
      `SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       WHERE ${IN_SCHEMA} AND ${kind} ORDER BY c.relname`,
      [schema],
    );
    return rows.map((r) => str(r[0])!);
  }

  async getEnums(exec: CatalogExec, schema: string | null): Promise<ReflectedEnum[]> {
    const rows = await exec(
      `SELECT t.typname, n.nspname,
         (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid)
       FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
       WHERE t.typtype = 'e' AND ${IN_SCHEMA} ORDER BY t.typname`,
      [schema],
    );
    return rows.map((r) => ({
      name: str(r[0])!,
      schema: schema === null ? null : str(r[1]),
      labels: json<string[]>(r[2]) ?? [],
    }));
  }

  async reflectTables(
    exec: CatalogExec,
    schema: string | null,
    names?: readonly string[],
  ): Promise<Map<string, ReflectedTable>> {
    const out = new Map<string, ReflectedTable>();
    if (names && names.length === 0) return out;
    const params = [schema, names ? [...names] : null];
    const [columnRows, constraintRows, indexRows] = [
      await exec(COLUMNS_SQL, params),
      await exec(CONSTRAINTS_SQL, params),
      await exec(INDEXES_SQL, params),
    ];
    const tables = new Map<string, TableParts>();
    for (const [name, rows] of byTable(columnRows)) {
      tables.set(name, {
        name,
        comment: str(rows[0]![C.tableComment]),
        columns: rows.filter((r) => r[C.name] !== null).map(column),
        pk: { name: null, columns: [] },
        fks: [],
        uniques: [],
        checks: [],
        indexes: [],
      });
    }
    for (const r of constraintRows) {
      const t = tables.get(str(r[0])!);
      if (!t) continue;
      const name = str(r[1]);
      const columns = json<string[]>(r[3]) ?? [];
      switch (str(r[2])) {
        case "p":
          t.pk = { name, columns };
          break;
        case "u":
          t.uniques.push({ name, columns });
          break;
        case "c":
          t.checks.push({ name, sqltext: str(r[12]) ?? "" });
          break;
        case "f": {
          const refSchema = str(r[4]);
          const sameSchema = refSchema === str(r[13]);
          t.fks.push({
            name,
            columns,
            referredSchema: sameSchema ? schema : refSchema,
            referredTable: str(r[5])!,
            referredColumns: json<string[]>(r[6]) ?? [],
            onupdate: ACTIONS[str(r[7]) ?? "a"] ?? null,
            ondelete: ACTIONS[str(r[8]) ?? "a"] ?? null,
            match: MATCH[str(r[9]) ?? "s"] ?? null,
            deferrable: r[10] === true ? true : null,
            initially: r[11] === true ? "DEFERRED" : null,
          });
          break;
        }
      }
    }
    for (const r of indexRows) {
      const t = tables.get(str(r[0])!);
      if (!t) continue;
      const keys = json<[string | null, string][]>(r[5]) ?? [];
      const hasExpression = keys.some(([col]) => col === null);
      const method = str(r[3]);
      t.indexes.push({
        name: str(r[1])!,
        columns: keys.map(([col]) => col),
        expressions: hasExpression ? keys.map(([, sql]) => sql) : null,
        unique: r[2] === true,
        where: str(r[4]),
        using: method === "btree" ? null : method,
      });
    }
    for (const t of tables.values()) {
      recogniseEnumChecks(t.columns, t.checks);
      out.set(t.name, {
        name: t.name,
        schema,
        comment: t.comment,
        columns: t.columns,
        primaryKey: t.pk,
        foreignKeys: t.fks,
        indexes: t.indexes,
        uniqueConstraints: t.uniques,
        checkConstraints: t.checks,
      });
    }
    return out;
  }
}
