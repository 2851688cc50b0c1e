/**
 * Tables: renamed (by hint), created in foreign-key order (keys closing a cycle added after every
 * table exists), dropped in the reverse order (keys closing a cycle dropped first), and, for the
 * tables both sides have, their columns, indexes, constraints and comment.
 */
import type { ReflectedTable } from "../../dialects/reflection.js";
import { ColumnBuilder } from "../../schema/column.js";
import { ForeignKeyConstraintDef } from "../../schema/constraints.js";
import type { ForeignKeyDef } from "../../schema/foreign-key.js";
import { sortTables } from "../../schema/metadata.js";
import type { Table } from "../../schema/table.js";
import { CreateForeignKeyOp, DropConstraintOp } from "../operations/constraint-ops.js";
import { tableDefinition } from "../operations/schema-objects.js";
import {
  CreateTableCommentOp,
  CreateTableOp,
  DropTableCommentOp,
  DropTableOp,
  RenameTableOp,
} from "../operations/table-ops.js";
import {
  ALTER_ORDER,
  type Change,
  type CompareContext,
  display,
  reverseOf,
  reversible,
  storedName,
} from "./changes.js";
import { compareColumns, type TablePair } from "./compare-columns.js";
import { compareChecks, compareForeignKeys, compareUniques } from "./compare-constraints.js";
import { compareIndexes } from "./compare-indexes.js";
import { addForeignKeyChange, guardForeignKeyIndexes } from "./mysql-foreign-key-indexes.js";
import type { ReflectedTables } from "./reflected-tables.js";
import type { ResolvedRenames } from "./renames.js";

function targetOf(fk: ForeignKeyDef): string {
  return typeof fk.target === "string" ? fk.target : `${fk.targetFullname}.${fk.targetColumnName}`;
}

/** createTable for `table`, leaving out `skip` (foreign keys added or dropped apart). */
function createTableOp(table: Table<any, any>, skip: readonly ForeignKeyConstraintDef[]): CreateTableOp {
  const def = tableDefinition(table);
  if (skip.length === 0) return new CreateTableOp(table.name, def.columns, def.args, def.options);
  const columns = { ...def.columns };
  for (const fk of skip.filter((f) => f.columns.length === 1)) {
    const col = fk.columns[0]!.name;
    const target = targetOf(fk.elements[0]!);
    const b = columns[col]!;
    const keep = [...b.spec.foreignKeys];
    const at = keep.findIndex((k) => targetOf(k) === target);
    if (at >= 0) keep.splice(at, 1);
    columns[col] = new ColumnBuilder({ ...b.spec, foreignKeys: keep });
  }
  // Table-level keys in the definition are fresh objects: match them by their targets.
  const multi = skip.filter((f) => f.columns.length > 1).map((m) => m.elements.map(targetOf).join());
  return new CreateTableOp(
    table.name,
    columns,
    def.args.filter((a) => !(a instanceof ForeignKeyConstraintDef && multi.includes(a.targets.join()))),
    def.options,
  );
}

/** The table changes between the models' tables and the database's (both keyed by qualified name). */
export function compareTables(
  ctx: CompareContext,
  declared: ReadonlyMap<string, Table<any, any>>,
  reflected: ReadonlyMap<string, ReflectedTable>,
  built: ReflectedTables,
  renames: ResolvedRenames,
): Change[] {
  const { dialect } = ctx;
  const out: Change[] = [];
  const sqlite = dialect.name === "sqlite";

  for (const r of renames.tables) out.push(reversible(new RenameTableOp(r.from, r.to), "table_rename", r.to));

  const createdKeys = [...declared.keys()].filter((k) => !reflected.has(k)).sort();
  const droppedKeys = [...reflected.keys()].filter((k) => !declared.has(k)).sort();
  const bothKeys = [...declared.keys()].filter((k) => reflected.has(k)).sort();

  // Created tables, referenced ones first; SQLite accepts keys to tables created later, the
  // others get the keys closing a cycle (and useAlter ones) after every table exists.
  const created = sortTables(createdKeys.map((k) => declared.get(k)!));
  const deferred = sqlite ? [] : created.deferredForeignKeys;
  for (const table of created.tables) {
    const skip = deferred.filter((fk) => fk.table === table);
    out.push(reversible(createTableOp(table, skip), "table_create", null));
  }
  for (const fk of deferred) {
    const warnings = fk.name
      ? []
      : [
          `the foreign key from ${fk.table.name} closing a cycle has no name, so the downgrade cannot drop it: name it.`,
        ];
    out.push(
      addForeignKeyChange(ctx, fk, {
        phase: "fk_add",
        table: null,
        order: ALTER_ORDER.addConstraint,
        warnings,
      }),
    );
  }

  // Dropped tables, referencing ones first.
  const droppedTables = droppedKeys.map((k) => built.table(k));
  const dropped = sortTables(droppedTables);
  const cycleKeys = sqlite ? [] : dropped.deferredForeignKeys;
  for (const fk of cycleKeys) {
    if (!fk.name) {
      out.push({
        phase: "fk_drop",
        table: null,
        order: 0,
        up: [],
        down: [],
        warnings: [
          `table ${fk.table.name} has an unnamed foreign key in a cycle of dropped tables: drop it by hand before the tables.`,
        ],
      });
      continue;
    }
    const definition = CreateForeignKeyOp.fromConstraint(fk);
    const op = new DropConstraintOp(fk.name, fk.table.name, {
      type: "foreignkey",
      ...(fk.table.schema ? { schema: fk.table.schema } : {}),
      definition,
    });
    out.push({ phase: "fk_drop", table: null, order: 0, up: [op], down: [reverseOf(op)], warnings: [] });
  }
  const createdNames = created.tables.map((t) => t.name);
  for (const table of [...dropped.tables].reverse()) {
    const skip = cycleKeys.filter((fk) => fk.table === table && fk.name);
    const definition = createTableOp(table, skip);
    const op = new DropTableOp(table.name, {
      ...(table.schema ? { schema: table.schema } : {}),
      definition,
    });
    const warnings = createdNames.length
      ? [
          `table ${display(table.schema, table.name)} is dropped and ${createdNames.map((n) => `'${n}'`).join(", ")} created. If it was renamed, autogenerate cannot tell: generate again with --rename ${table.name}:${createdNames[0]}; otherwise its rows are lost.`,
        ]
      : [];
    out.push(reversible(op, "table_drop", null, 0, warnings));
  }

  for (const key of bothKeys) {
    const d = declared.get(key)!;
    const pair: TablePair = {
      key,
      name: d.name,
      schema: d.schema,
      declared: d,
      reflected: reflected.get(key)!,
    };
    out.push(...compareTable(ctx, pair, renames));
  }
  return out;
}

/** Everything about one table both sides have. */
function compareTable(ctx: CompareContext, pair: TablePair, renames: ResolvedRenames): Change[] {
  const { dialect } = ctx;
  const columnRenames = pair.schema === null ? renames.columns.filter((c) => c.table === pair.name) : [];
  // MySQL reports a unique index as a unique constraint too: the index comparison owns those the models declare as indexes.
  const indexNames = new Set(
    pair.declared.indexes.filter((ix) => ix.name).map((ix) => storedName(dialect, ix.name!)),
  );
  const foreignKeys = compareForeignKeys(ctx, pair);
  const out = guardForeignKeyIndexes(
    ctx,
    pair,
    [
      ...compareColumns(ctx, pair, columnRenames),
      ...compareIndexes(ctx, pair),
      ...compareUniques(ctx, pair, dialect.name === "mysql" ? indexNames : new Set()),
      ...compareChecks(ctx, pair),
      ...foreignKeys.changes,
    ],
    foreignKeys.stable,
  );
  if (dialect.supportsComments) {
    const want = pair.declared.comment ?? null;
    const have = pair.reflected.comment || null;
    if (want !== have) {
      const opts = pair.schema ? { schema: pair.schema } : {};
      const op =
        want === null
          ? new DropTableCommentOp(pair.name, { ...opts, existingComment: have! })
          : new CreateTableCommentOp(pair.name, want, { ...opts, existingComment: have });
      out.push(reversible(op, "table_alter", pair.key, ALTER_ORDER.tableComment));
    }
  }
  return out;
}
