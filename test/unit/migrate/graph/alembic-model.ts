import type { RevisionInfo } from "../../../../src/migrate/graph/index.js";

/*
 * Test-only models: the generated DAG seen independently of the library, and Alembic's
 * HeadMaintainer decisions (migration.py) re-implemented on a plain set of heads, as an oracle.
 */

/** An independent model of the generated DAG, so expectations do not reuse the library's traversals. */
export class Model {
  readonly ids: string[];
  readonly down = new Map<string, string[]>();
  readonly deps = new Map<string, string[]>();

  constructor(readonly infos: RevisionInfo[]) {
    this.ids = infos.map((i) => i.revision);
    for (const info of infos) {
      const down =
        info.downRevision === null
          ? []
          : typeof info.downRevision === "string"
            ? [info.downRevision]
            : [...info.downRevision];
      this.down.set(info.revision, down);
      this.deps.set(
        info.revision,
        (info.dependsOn ?? []).filter((d) => !down.includes(d)),
      );
    }
  }

  parents(id: string): string[] {
    return [...this.down.get(id)!, ...this.deps.get(id)!];
  }

  /** The ids and all their ancestors, dependencies included. */
  closure(ids: Iterable<string>): Set<string> {
    const seen = new Set<string>();
    const todo = [...ids];
    while (todo.length > 0) {
      const id = todo.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      todo.push(...this.parents(id));
    }
    return seen;
  }

  /** Everything reachable upwards from `ids` through children and dependents, inclusive. */
  above(ids: Iterable<string>): Set<string> {
    const start = new Set(ids);
    return new Set(this.ids.filter((id) => [...this.closure([id])].some((a) => start.has(a))));
  }

  heads(applied: ReadonlySet<string>): string[] {
    const implied = new Set<string>();
    for (const id of applied) for (const p of this.parents(id)) implied.add(p);
    return [...applied].filter((id) => !implied.has(id)).sort();
  }

  /** Alembic's `_normalized_down_revisions`: dependencies of versioned ancestors are dropped. */
  alembicDown(id: string): string[] {
    const versionedAncestors = new Set<string>();
    const todo = [...this.down.get(id)!];
    while (todo.length > 0) {
      const a = todo.pop()!;
      if (versionedAncestors.has(a)) continue;
      versionedAncestors.add(a);
      todo.push(...this.down.get(a)!);
    }
    const inherited = new Set([...versionedAncestors].flatMap((a) => this.deps.get(a)!));
    return [...this.down.get(id)!, ...this.deps.get(id)!.filter((d) => !inherited.has(d))];
  }
}

export class OracleGaveUp extends Error {}

export function hasRedundantParent(model: Model, id: string): boolean {
  const downrevs = model.alembicDown(id);
  return downrevs.some((d) => downrevs.some((o) => o !== d && model.closure([o]).has(d)));
}

/** Alembic's HeadMaintainer.update_to_step for a RevisionStep, re-implemented on a set of heads. */
export function alembicStep(model: Model, heads: Set<string>, id: string, up: boolean): void {
  const remove = (v: string): void => {
    if (!heads.delete(v)) throw new OracleGaveUp(`Alembic would fail deleting ${v}`);
  };
  const add = (v: string): void => {
    if (heads.has(v)) throw new OracleGaveUp(`Alembic would fail inserting ${v}`);
    heads.add(v);
  };
  const downrevs = model.alembicDown(id);
  if (up) {
    const present = downrevs.filter((d) => heads.has(d));
    if (downrevs.length === 0 || present.length === 0) {
      add(id);
      return;
    }
    if (downrevs.length > 1 && present.length > 1) {
      const others = [...heads].filter((h) => !downrevs.includes(h));
      const implied = model.closure(others);
      const from = others.length > 0 ? downrevs.filter((d) => !implied.has(d)) : downrevs;
      for (const d of from) remove(d);
      add(id);
      return;
    }
    if (present.length !== 1) throw new OracleGaveUp("ambiguous update");
    remove(present[0]);
    add(id);
    return;
  }
  if (!heads.has(id)) throw new OracleGaveUp(`${id} is not a head`);
  const others = [...heads].filter((h) => h !== id);
  let to: string[];
  if (others.length > 0) {
    const implied = model.closure(others);
    to = downrevs.filter((d) => !implied.has(d));
  } else {
    const implied = new Set(downrevs.flatMap((d) => [...model.closure([d])].filter((a) => a !== d)));
    to = downrevs.filter((d) => !implied.has(d));
  }
  remove(id);
  for (const d of to) add(d);
  // With a redundant parent (one down revision being an ancestor of another), Alembic restores both
  // and leaves rows that overlap; we restore only the descendant, so the comparison stops there.
  for (const row of heads) {
    if ([...model.closure([row])].some((a) => a !== row && heads.has(a))) {
      throw new OracleGaveUp(`Alembic leaves overlapping rows after downgrading ${id}`);
    }
  }
}
