import { ArgumentError, InvalidRequestError } from "../../errors.js";
import type { ColumnElement } from "../elements.js";
import { FromClause, Join, joinCondition } from "../from-clause.js";
import { resolveJoinTarget, type Select } from "../select.js";
import { fromsOf } from "./cache-key.js";

/** Whether `container` is `f` or holds it (as a side of a join). */
function covers(container: FromClause, f: FromClause): boolean {
  return (
    container === f ||
    (container instanceof Join && (covers(container.left, f) || covers(container.right, f)))
  );
}

/** The FROM entries of a SELECT, after explicit FROMs, joins and correlation. */
export function resolveFroms(select: Select<any>, correlateWith: readonly FromClause[] | null): FromClause[] {
  const s = select.state;
  let froms: FromClause[] = [];
  const add = (f: FromClause) => {
    if (!froms.some((existing) => covers(existing, f))) froms.push(f);
  };
  for (const f of s.froms) add(f);
  for (const entry of select.entries) {
    if (entry.kind === "entity") add(entry.entity.from);
    else if (entry.kind === "table") add(entry.from);
    else for (const f of fromsOf([entry.expr])) if (f instanceof FromClause) add(f);
  }
  for (const f of fromsOf([...s.where, ...s.having, ...s.groupBy, ...s.orderBy]))
    if (f instanceof FromClause) add(f);

  for (const spec of s.joins) {
    const resolved = resolveJoinTarget(spec.target);
    const steps: { target: FromClause; onclause: ColumnElement<any, any> | null }[] = [];
    if (resolved.via) steps.push(resolved.via);
    steps.push({ target: resolved.target, onclause: spec.onclause ?? resolved.onclause });
    for (const step of steps) froms = applyJoin(froms, step.target, step.onclause, spec.isouter, spec.full);
  }

  if (correlateWith?.length) {
    const explicit = s.correlate;
    const candidates = explicit ?? correlateWith;
    const kept = froms.filter((f) => !candidates.some((c) => covers(c, f) || c === f));
    if (kept.length === 0 && froms.length > 0 && explicit === null) {
      throw new InvalidRequestError(
        "A subquery returned no FROM clauses due to auto-correlation: every table it names is also in the enclosing query. " +
          "Call .correlate(null) on the subquery to turn correlation off, or name the tables explicitly with .selectFrom().",
      );
    }
    froms = kept;
  }
  return froms;
}

function applyJoin(
  froms: FromClause[],
  target: FromClause,
  onclause: ColumnElement<any, any> | null,
  isouter: boolean,
  full: boolean,
): FromClause[] {
  const others = froms.filter((f) => f !== target);
  let leftIndex = -1;
  if (onclause) {
    const named = fromsOf([onclause]).filter((f) => f !== target);
    leftIndex = others.findIndex((f) => named.some((n) => n instanceof FromClause && covers(f, n)));
    if (leftIndex < 0) leftIndex = others.length ? 0 : -1;
  } else {
    const candidates: number[] = [];
    others.forEach((f, i) => {
      try {
        joinCondition(f, target);
        candidates.push(i);
      } catch {
        // Not joinable along a foreign key: not a candidate.
      }
    });
    if (candidates.length > 1) {
      throw new ArgumentError(
        "Can't determine which FROM clause to join from: several of the tables already selected can join to the target. " +
          "Pass an explicit ON clause, or start from the intended table with .selectFrom().",
      );
    }
    leftIndex = candidates[0] ?? (others.length === 1 ? 0 : -1);
  }
  if (leftIndex < 0) {
    throw new ArgumentError(
      "join(): there is no FROM to join from. Select a column or entity of the left side first, or use .selectFrom(left).",
    );
  }
  const left = others[leftIndex]!;
  const on = onclause ?? joinCondition(left, target);
  const joined = new Join(left, target, on, isouter, full);
  const result = [...others];
  result[leftIndex] = joined;
  return result;
}
