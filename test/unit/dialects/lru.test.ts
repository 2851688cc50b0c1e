import { describe, expect, it } from "vitest";
import { LruCache } from "../../../src/dialects/lru.js";

describe("LruCache", () => {
  it("keeps at most max entries, evicting the oldest not used since", () => {
    const c = new LruCache<string, number>(2);
    c.set("a", 1);
    c.set("b", 2);
    expect(c.get("a")).toBe(1);
    c.set("c", 3);
    expect(c.size).toBe(2);
    expect(c.get("b")).toBeUndefined();
    expect(c.get("a")).toBe(1);
    expect(c.get("c")).toBe(3);
  });

  it("evicts entries when every entry was used (the flags are cleared on the way)", () => {
    const c = new LruCache<number, number>(3);
    for (let i = 0; i < 3; i++) c.set(i, i);
    for (let i = 0; i < 3; i++) c.get(i);
    c.set(3, 3);
    expect(c.size).toBe(3);
    expect([0, 1, 2, 3].filter((k) => c.get(k) !== undefined)).toHaveLength(3);
  });
});
