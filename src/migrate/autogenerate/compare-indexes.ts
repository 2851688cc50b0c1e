/**
 * Indexes of a table both sides have, matched by name: created, dropped, or (when their keys,
 * uniqueness, predicate, method or prefix lengths differ) dropped and created again.
 */
import type { ReflectedIndex } from "../../dialects/reflection.js";
import { expressionsMatch } from "../../dialects/type-compare.js";
import { Column } from "../../schema/column.js";
import type { IndexDef } from "../../schema/constraints.js";
import { CreateIndexOp, type CreateIndexOptions, DropIndexOp } from "../operations/index-ops.js";
import {
  ALTER_ORDER,
  type Change,
  type CompareContext,
  declaredSql,
  display,
  reversible,
  storedName,
} from "./changes.js";
import type { TablePair } from "./compare-columns.js";
import { reflectedSql } from "./reflected-tables.js";

/**
 * The reflected indexes the index comparison owns. MySQL reports each UNIQUE constraint as a
 * unique index too, and keeps an index for each foreign key: those belong to the constraint
 * comparison unless the models declare an index of that name.
 */
export function comparableIndexes(ctx: CompareContext, pair: TablePair): ReflectedIndex[] {
  if (ctx.dialect.name !== "mysql") return [...pair.reflected.indexes];
  const declared = new Set(pair.declared.indexes.map((ix) => ix.name && storedName(ctx.dialect, ix.name)));
  return pair.reflected.indexes.filter(
    (ix) => !(ix.unique || ix.duplicatesConstraint) || declared.has(ix.name),
  );
}

function keysOf(ctx: CompareContext, ix: IndexDef): { column: string | null; sql: string }[] {
  return ix.expressions.map((e) =>
    e instanceof Column && e.table === ix.table
      ? { column: e.name, sql: e.name }
      : { column: null, sql: declaredSql(ctx.dialect, e, ix.table) },
  );
}

/** What differs between a declared index and the reflected one of the same name, or null. */
function indexDifference(ctx: CompareContext, d: IndexDef, r: ReflectedIndex): string | null {
  const dialect = ctx.dialect;
  if (d.unique !== r.unique) return d.unique ? "now unique" : "no longer unique";
  const keys = keysOf(ctx, d);
  if (keys.length !== r.columns.length) return "columns differ";
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const rc = r.columns[i];
    if (k.column !== null && rc !== null) {
      if (k.column !== rc) return "columns differ";
    } else if (!expressionsMatch(dialect, k.sql, r.expressions?.[i] ?? rc ?? "")) return "expressions differ";
  }
  if (dialect.supportsPartialIndexes) {
    const where = d.where ? declaredSql(dialect, d.where, d.table) : null;
    if (
      (where === null) !== (r.where === null) ||
      (where !== null && !expressionsMatch(dialect, where, r.where!))
    )
      return "WHERE differs";
  }
  if (
    dialect.name === "postgresql" &&
    (d.using ?? "btree").toLowerCase() !== (r.using ?? "btree").toLowerCase()
  )
    return "method differs";
  if (dialect.name === "mysql") {
    const lengths: Record<string, number> = {};
    for (const c of d.columns) {
      const len = d.mysqlLength[c.key] ?? d.mysqlLength[c.name];
      if (len) lengths[c.name] = len;
    }
    if (JSON.stringify(lengths) !== JSON.stringify(r.mysqlLength ?? {})) return "prefix lengths differ";
  }
  return null;
}

/** The CreateIndexOp that recreates a reflected index on `tableName`. */
export function reflectedIndexOp(
  ctx: CompareContext,
  r: ReflectedIndex,
  tableName: string,
  schema: string | null,
): CreateIndexOp {
  const columns = r.columns.map((c, i) => (c !== null ? c : reflectedSql(r.expressions?.[i] ?? "")));
  const opts: { -readonly [K in keyof CreateIndexOptions]: CreateIndexOptions[K] } = {};
  if (r.unique) opts.unique = true;
  if (r.where) opts.where = reflectedSql(r.where);
  if (r.using && ctx.dialect.name === "postgresql") opts.using = r.using;
  if (r.mysqlLength && Object.keys(r.mysqlLength).length) opts.mysqlLength = { ...r.mysqlLength };
  if (schema) opts.schema = schema;
  return new CreateIndexOp(r.name, tableName, columns, opts);
}

/** The index changes of one table; `notes` collects what cannot be compared. */
export function compareIndexes(ctx: CompareContext, pair: TablePair): Change[] {
  const { dialect, include } = ctx;
  const { name, schema } = pair;
  const out: Change[] = [];
  const reflected = new Map(
    comparableIndexes(ctx, pair)
      .filter((ix) => include.part("index", ix.name, name, schema, true))
      .map((ix) => [ix.name, ix]),
  );
  const drop = (r: ReflectedIndex, warnings: string[] = []) => {
    const create = reflectedIndexOp(ctx, r, name, schema);
    const op = new DropIndexOp(r.name, name, { ...(schema ? { schema } : {}), definition: create });
    out.push(reversible(op, "table_alter", pair.key, ALTER_ORDER.dropIndex, warnings));
  };
  for (const ix of pair.declared.indexes) {
    if (!include.part("index", ix.name, name, schema, false)) continue;
    if (!ix.name) {
      out.push({
        phase: "table_alter",
        table: pair.key,
        order: ALTER_ORDER.createIndex,
        up: [],
        down: [],
        warnings: [
          `an index on ${display(schema, name)} has no name, so it cannot be compared or created: name it, or give the MetaData an 'ix' naming convention.`,
        ],
      });
      continue;
    }
    const stored = storedName(dialect, ix.name);
    const r = reflected.get(stored);
    reflected.delete(stored);
    if (r) {
      const why = indexDifference(ctx, ix, r);
      if (!why) continue;
      drop(r, [
        `index ${stored} on ${display(schema, name)} changed (${why}): it is dropped and created again.`,
      ]);
    }
    out.push(reversible(CreateIndexOp.fromIndex(ix), "table_alter", pair.key, ALTER_ORDER.createIndex));
  }
  for (const r of reflected.values()) drop(r);
  return out;
}
