import { AmbiguousForeignKeysError, MapperConfigurationError, NoForeignKeysError } from "../../errors.js";
import type { Column } from "../../schema/column.js";
import type { ForeignKeyDef } from "../../schema/foreign-key.js";
import type { Table } from "../../schema/table.js";
import {
  and_,
  BinaryExpression,
  BooleanClauseList,
  type ColumnElement,
  Grouping,
} from "../../sql/elements.js";
import { ColumnClause } from "../../sql/from-clause.js";

export type Direction = "ONETOMANY" | "MANYTOONE" | "MANYTOMANY";

/** A column pair the relationship keeps in sync: `referencing` holds a copy of `referenced`. */
export interface SyncPair {
  readonly referenced: Column<any, any>;
  readonly referencing: Column<any, any>;
}

export interface JoinAnalysis {
  readonly direction: Direction;
  /** Parent <-> target (or parent <-> secondary for many-to-many). */
  readonly pairs: readonly SyncPair[];
  /** Target <-> secondary, for many-to-many. */
  readonly secondaryPairs: readonly SyncPair[];
  readonly primaryjoin: ColumnElement<boolean>;
  readonly secondaryjoin: ColumnElement<boolean> | null;
  /** Conditions of a custom primaryjoin beyond the column pairs (filters on the target). */
  readonly extraCriteria: readonly ColumnElement<any, any>[];
}

export interface JoinSpec {
  readonly where: string;
  readonly parent: Table<any, any>;
  readonly target: Table<any, any>;
  readonly secondary: Table<any, any> | null;
  readonly foreignKeys: readonly Column<any, any>[] | null;
  readonly remoteSide: readonly Column<any, any>[] | null;
  readonly primaryjoin: ColumnElement<any, any> | null;
  readonly secondaryjoin: ColumnElement<any, any> | null;
}

function fksBetween(
  from: Table<any, any>,
  to: Table<any, any>,
  only: readonly Column<any, any>[] | null,
): Map<object, SyncPair[]> {
  const groups = new Map<object, SyncPair[]>();
  for (const col of from.columns) {
    if (only && !only.includes(col)) continue;
    for (const fk of col.foreignKeys as ForeignKeyDef[]) {
      const ref = fk.referencedColumn();
      if (!ref || ref.table !== to) continue;
      const list = groups.get(fk.constraintId) ?? [];
      list.push({ referenced: ref, referencing: col });
      groups.set(fk.constraintId, list);
    }
  }
  return groups;
}

function noPath(spec: JoinSpec, a: Table<any, any>, b: Table<any, any>): NoForeignKeysError {
  return new NoForeignKeysError(
    `Could not determine join condition between parent/child tables on relationship ${spec.where}: there are no foreign keys linking '${a.name}' and '${b.name}'. ` +
      `Associate the referencing column with ForeignKey("${b.name}.id") (or a ForeignKeyConstraint), or pass a 'primaryjoin' expression.`,
  );
}

function ambiguous(
  spec: JoinSpec,
  a: Table<any, any>,
  b: Table<any, any>,
  count: number,
): AmbiguousForeignKeysError {
  return new AmbiguousForeignKeysError(
    `Could not determine join condition between parent/child tables on relationship ${spec.where}: there are ${count} foreign key paths linking '${a.name}' and '${b.name}'. ` +
      `Pass the 'foreignKeys' option, listing the columns that reference the other table for this relationship, e.g. { foreignKeys: () => [Model.userId] }.`,
  );
}

const joinOf = (pairs: readonly SyncPair[]) =>
  and_(...pairs.map((p) => p.referenced.eq(p.referencing))) as ColumnElement<boolean>;

/** The one FK group (constraint) linking `from` to `to`, or an error naming the fix. */
function singleGroup(spec: JoinSpec, from: Table<any, any>, to: Table<any, any>): SyncPair[] {
  const groups = fksBetween(from, to, spec.foreignKeys);
  if (groups.size === 0) throw noPath(spec, from, to);
  if (groups.size > 1) throw ambiguous(spec, from, to, groups.size);
  return [...groups.values()][0]!;
}

/** Works out how a relationship joins, in which direction, and which columns it synchronises. */
export function analyzeJoin(spec: JoinSpec): JoinAnalysis {
  const { parent, target, secondary } = spec;
  if (secondary) {
    if (spec.primaryjoin && spec.secondaryjoin) {
      const pairs = pairsFromJoin(spec.primaryjoin, secondary, parent, spec.foreignKeys);
      const secondaryPairs = pairsFromJoin(spec.secondaryjoin, secondary, target, spec.foreignKeys);
      return {
        direction: "MANYTOMANY",
        pairs,
        secondaryPairs,
        primaryjoin: spec.primaryjoin,
        secondaryjoin: spec.secondaryjoin,
        extraCriteria: [],
      };
    }
    if (parent === target) {
      throw new MapperConfigurationError(
        `Relationship ${spec.where} is a self-referential many-to-many through '${secondary.name}': pass primaryjoin and secondaryjoin to say which foreign key points to the parent and which to the child.`,
      );
    }
    const pairs = singleGroup(spec, secondary, parent);
    const secondaryPairs = singleGroup(spec, secondary, target);
    return {
      direction: "MANYTOMANY",
      pairs,
      secondaryPairs,
      primaryjoin: joinOf(pairs),
      secondaryjoin: joinOf(secondaryPairs),
      extraCriteria: [],
    };
  }

  if (spec.primaryjoin) return analyzeCustomJoin(spec);

  if (parent === target) {
    const pairs = singleGroup(spec, parent, parent);
    const remote = spec.remoteSide;
    // remoteSide names the referenced column (the parent's key): many-to-one. Default: one-to-many.
    const manyToOne = remote !== null && pairs.some((p) => remote.includes(p.referenced));
    return {
      direction: manyToOne ? "MANYTOONE" : "ONETOMANY",
      pairs,
      secondaryPairs: [],
      primaryjoin: joinOf(pairs),
      secondaryjoin: null,
      extraCriteria: [],
    };
  }
  const oneToMany = fksBetween(target, parent, spec.foreignKeys);
  const manyToOne = fksBetween(parent, target, spec.foreignKeys);
  const total = oneToMany.size + manyToOne.size;
  if (total === 0) throw noPath(spec, parent, target);
  if (total > 1) throw ambiguous(spec, parent, target, total);
  const direction: Direction = oneToMany.size ? "ONETOMANY" : "MANYTOONE";
  const pairs = [...(oneToMany.size ? oneToMany : manyToOne).values()][0]!;
  return {
    direction,
    pairs,
    secondaryPairs: [],
    primaryjoin: joinOf(pairs),
    secondaryjoin: null,
    extraCriteria: [],
  };
}

/** Flattens an AND tree into its terms. */
function terms(expr: ColumnElement<any, any>): ColumnElement<any, any>[] {
  if (expr instanceof Grouping && expr.element instanceof BooleanClauseList)
    return terms(expr.element as ColumnElement<any, any>);
  if (expr instanceof BooleanClauseList && expr.operator === "AND") return expr.clauses.flatMap(terms);
  return [expr];
}

/** Column equalities of a join expression that cross between `a` and `b`. */
function columnEqualities(
  expr: ColumnElement<any, any>,
  a: Table<any, any>,
  b: Table<any, any>,
): { pairs: [Column<any, any>, Column<any, any>][]; rest: ColumnElement<any, any>[] } {
  const pairs: [Column<any, any>, Column<any, any>][] = [];
  const rest: ColumnElement<any, any>[] = [];
  for (const t of terms(expr)) {
    if (
      t instanceof BinaryExpression &&
      t.operator === "=" &&
      t.left instanceof ColumnClause &&
      t.right instanceof ColumnClause
    ) {
      const l = t.left as Column<any, any>;
      const r = t.right as Column<any, any>;
      if (l.table === a && r.table === b) pairs.push([l, r]);
      else if (l.table === b && r.table === a) pairs.push([r, l]);
      else rest.push(t);
    } else rest.push(t);
  }
  return { pairs, rest };
}

function isForeign(
  col: Column<any, any>,
  other: Column<any, any>,
  only: readonly Column<any, any>[] | null,
): boolean {
  if (only) return only.includes(col);
  return col.foreignKeys.some((fk) => fk.referencedColumn() === other);
}

function pairsFromJoin(
  join: ColumnElement<any, any>,
  secondary: Table<any, any>,
  other: Table<any, any>,
  only: readonly Column<any, any>[] | null,
): SyncPair[] {
  const { pairs } = columnEqualities(join, secondary, other);
  if (!pairs.length)
    throw new MapperConfigurationError(
      `The join ${String(join.kind)} does not compare columns of '${secondary.name}' and '${other.name}'`,
    );
  return pairs
    .map(([s, o]) => ({ referenced: o, referencing: s }))
    .filter((p) => !only || only.includes(p.referencing) || isForeign(p.referencing, p.referenced, null));
}

function analyzeCustomJoin(spec: JoinSpec): JoinAnalysis {
  const { parent, target } = spec;
  const pj = spec.primaryjoin!;
  const { pairs, rest } = columnEqualities(pj, parent, target);
  if (!pairs.length) {
    throw new MapperConfigurationError(
      `Relationship ${spec.where}: primaryjoin must compare at least one column of '${parent.name}' with one of '${target.name}' using .eq()`,
    );
  }
  const sync: SyncPair[] = [];
  let direction: Direction | null = null;
  for (const [p, t] of pairs) {
    const remoteSide = spec.remoteSide;
    const parentForeign =
      parent === target ? (remoteSide ? remoteSide.includes(t) : false) : isForeign(p, t, spec.foreignKeys);
    const targetForeign = parent === target ? !parentForeign : isForeign(t, p, spec.foreignKeys);
    if (parentForeign && !targetForeign) {
      sync.push({ referenced: t, referencing: p });
      direction ??= "MANYTOONE";
    } else if (targetForeign) {
      sync.push({ referenced: p, referencing: t });
      direction ??= "ONETOMANY";
    }
  }
  if (!direction) {
    throw new MapperConfigurationError(
      `Relationship ${spec.where}: can't tell which side of primaryjoin holds the foreign key. Pass foreignKeys: () => [the referencing column(s)].`,
    );
  }
  return {
    direction,
    pairs: sync,
    secondaryPairs: [],
    primaryjoin: pj,
    secondaryjoin: null,
    extraCriteria: rest,
  };
}
