/**
 * From changes to the revision's bodies: order the changes by phase (and, within a table, by
 * kind), group each table's changes into a batch on SQLite where ALTER TABLE cannot make them,
 * write warnings as comments, mark destructive operations, and build the downgrade as the
 * changes' `down` in exactly the reverse order.
 */
import { MigrateOperation, type TableOperation } from "../operations/base.js";
import { BatchAlterTableOp } from "../operations/batch/batch-op.js";
import { CodeRenderer } from "../render/code.js";
import { CodeComment, type RenderItem } from "../render/operations-code.js";
import { type Change, type CompareContext, PHASES } from "./changes.js";
import { markDestructive } from "./destructive.js";
import type { AutogenerateResult } from "./hook.js";

const PER_TABLE = new Set(["fk_drop", "table_alter", "fk_add"]);

/** Changes in upgrade order. */
function ordered(changes: readonly Change[]): Change[] {
  const phase = (c: Change) => PHASES.indexOf(c.phase);
  const indexed = changes.map((c, i) => ({ c, i }));
  indexed.sort((a, b) => {
    const p = phase(a.c) - phase(b.c);
    if (p !== 0) return p;
    if (a.c.phase === "table_alter") {
      const t = (a.c.table ?? "").localeCompare(b.c.table ?? "");
      if (t !== 0) return t;
      if (a.c.order !== b.c.order) return a.c.order - b.c.order;
    }
    return a.i - b.i;
  });
  return indexed.map((x) => x.c);
}

function isTableOperation(item: RenderItem): item is TableOperation {
  return item instanceof MigrateOperation && "tableName" in item && "schema" in item;
}

/** One batch (when SQLite needs it) of a table's operations, comments hoisted above it. */
function batched(ctx: CompareContext, items: readonly RenderItem[]): RenderItem[] {
  const comments = items.filter((i) => i instanceof CodeComment);
  const ops = items.filter((i) => !(i instanceof CodeComment));
  if (ops.length === 0 || !ops.every(isTableOperation)) return [...items];
  const first = ops[0]!;
  const batch = new BatchAlterTableOp(first.tableName, ops, first.schema ? { schema: first.schema } : {});
  return batch.recreates({ dialect: ctx.dialect }) ? [...comments, batch] : [...items];
}

/**
 * SQLite recreates a table for most changes: each table's changes (foreign keys included, which
 * SQLite checks only at run time) become one change, its operations one batch where needed.
 */
function groupForSqlite(ctx: CompareContext, changes: readonly Change[]): Change[] {
  const out: Change[] = [];
  const groups = new Map<string, Change[]>();
  for (const c of changes) {
    if (c.table === null || !PER_TABLE.has(c.phase)) {
      out.push(c);
      continue;
    }
    let group = groups.get(c.table);
    if (!group) {
      groups.set(c.table, (group = []));
      // The merged change takes the place of the table's first change.
      out.push({
        ...c,
        phase: "table_alter",
        up: [],
        down: [],
        warnings: [],
        order: -1,
        table: `\0${c.table}`,
      });
    }
    group.push(c);
  }
  const rank = (c: Change) => (c.phase === "fk_drop" ? -1 : c.phase === "fk_add" ? 100 : c.order);
  return out.map((c) => {
    if (!c.table?.startsWith("\0")) return c;
    const key = c.table.slice(1);
    const group = [...groups.get(key)!].sort((a, b) => rank(a) - rank(b));
    return {
      phase: "table_alter",
      table: key,
      order: 0,
      up: batched(
        ctx,
        group.flatMap((g) => g.up),
      ),
      down: batched(
        ctx,
        [...group].reverse().flatMap((g) => g.down),
      ),
      warnings: group.flatMap((g) => g.warnings),
    };
  });
}

/** Replaces what cannot be written as code with a TODO comment (a file that fails to render helps no one). */
function renderable(items: readonly RenderItem[], warnings: string[]): RenderItem[] {
  return items.map((item) => {
    if (item instanceof CodeComment) return item;
    try {
      item.toCode(new CodeRenderer());
      return item;
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      warnings.push(`${item.describe()} could not be written as code (${why}); write it by hand.`);
      return new CodeComment(`TODO: ${item.describe()}: ${why}`);
    }
  });
}

/** The revision's bodies and warnings; `forFile`: replace what cannot be rendered (revision), keep it (check). */
export function produce(
  ctx: CompareContext,
  changes: readonly Change[],
  forFile: boolean,
): AutogenerateResult {
  let list = ordered(changes);
  if (ctx.dialect.name === "sqlite") list = ordered(groupForSqlite(ctx, list));
  const warnings: string[] = [];
  const up: RenderItem[] = [];
  for (const c of list) {
    if (c.warnings.length) {
      up.push(new CodeComment(c.warnings.map((w) => `WARNING: ${w}`).join("\n")));
      warnings.push(...c.warnings);
    }
    up.push(...c.up);
  }
  const down = [...list].reverse().flatMap((c) => c.down);
  if (!up.some((i) => i instanceof MigrateOperation)) return { upgradeOps: [], downgradeOps: [], warnings };
  const upMarked = markDestructive(ctx.dialect, up);
  const downMarked = markDestructive(ctx.dialect, down);
  warnings.push(...upMarked.notes.map((n) => `destructive: ${n}`));
  if (!forFile) return { upgradeOps: upMarked.items, downgradeOps: downMarked.items, warnings };
  return {
    upgradeOps: renderable(upMarked.items, warnings),
    downgradeOps: renderable(downMarked.items, warnings),
    warnings,
  };
}
