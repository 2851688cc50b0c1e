import { compareIds } from "./graph-builder.js";

interface Ready {
  readonly id: string;
  /** Emission index of the predecessor whose emission made this node ready (-1 for sources). */
  readonly key: number;
}

/**
 * Kahn's algorithm with a depth-first preference: among ready nodes, take the one unlocked most
 * recently, so a branch is listed contiguously instead of interleaved with its siblings; ties go
 * to the smallest id, which makes the order independent of load order.
 */
export function topologicalOrder(
  ids: Iterable<string>,
  predecessors: (id: string) => readonly string[],
  successors: (id: string) => readonly string[],
): string[] {
  const pending = new Map<string, number>();
  const heap = new ReadyHeap();
  for (const id of ids) {
    const count = predecessors(id).length;
    pending.set(id, count);
    if (count === 0) heap.push({ id, key: -1 });
  }
  const order: string[] = [];
  while (heap.size > 0) {
    const { id } = heap.pop();
    const index = order.length;
    order.push(id);
    for (const next of successors(id)) {
      const left = pending.get(next)! - 1;
      pending.set(next, left);
      if (left === 0) heap.push({ id: next, key: index });
    }
  }
  return order;
}

class ReadyHeap {
  readonly #items: Ready[] = [];

  get size(): number {
    return this.#items.length;
  }

  push(item: Ready): void {
    const items = this.#items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!before(items[i], items[up])) break;
      [items[i], items[up]] = [items[up], items[i]];
      i = up;
    }
  }

  pop(): Ready {
    const items = this.#items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < items.length && before(items[l], items[best])) best = l;
        if (r < items.length && before(items[r], items[best])) best = r;
        if (best === i) break;
        [items[i], items[best]] = [items[best], items[i]];
        i = best;
      }
    }
    return top;
  }
}

function before(a: Ready, b: Ready): boolean {
  if (a.key !== b.key) return a.key > b.key;
  return compareIds(a.id, b.id) < 0;
}
