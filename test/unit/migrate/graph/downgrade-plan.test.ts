import { describe, expect, it } from "vitest";
import {
  MultipleHeadsError,
  NotAncestorError,
  RelativeWalkError,
} from "../../../../src/migrate/graph/index.js";
import { changes, dependent, diamond, finalRows, fork, ids, linear, nested } from "./fixtures.js";

describe("downgradePlan", () => {
  it("unwinds a linear history down to base", () => {
    const steps = linear().downgradePlan(["l300"], "base");
    expect(ids(steps)).toEqual(["l300", "l200", "l100", "b000"]);
    expect(changes(steps)).toEqual([
      { kind: "update", from: "l300", to: "l200" },
      { kind: "update", from: "l200", to: "l100" },
      { kind: "update", from: "l100", to: "b000" },
      { kind: "delete", version: "b000" },
    ]);
    expect(steps.every((s) => s.direction === "down")).toBe(true);
    expect(steps[0].fromRevisions).toEqual(["l300"]);
    expect(steps[0].toRevisions).toEqual(["l200"]);
  });

  it("downgrades to a revision or by relative steps", () => {
    const map = linear();
    expect(ids(map.downgradePlan(["l300"], "l100"))).toEqual(["l300", "l200"]);
    expect(ids(map.downgradePlan(["l300"], "-1"))).toEqual(["l300"]);
    expect(ids(map.downgradePlan(["l300"], "-2"))).toEqual(["l300", "l200"]);
    expect(ids(map.downgradePlan(["l300"], "-4"))).toEqual(["l300", "l200", "l100", "b000"]);
    expect(() => map.downgradePlan(["l300"], "-5")).toThrow(RelativeWalkError);
    expect(ids(map.downgradePlan(["l300"], "head-1"))).toEqual(["l300"]);
  });

  it("is a no-op at the target or with nothing applied", () => {
    expect(linear().downgradePlan(["l200"], "l200")).toEqual([]);
    expect(linear().downgradePlan([], "base")).toEqual([]);
  });

  it("refuses forward relative downgrades", () => {
    expect(() => linear().downgradePlan(["l100"], "+1")).toThrow(/athanor upgrade \+1/);
  });

  it("refuses a target above the current heads, saying why", () => {
    const error = (() => {
      try {
        linear().downgradePlan(["l100"], "l300");
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(NotAncestorError);
    expect(error?.message).toContain("l300");
    expect(error?.message).toContain("above the current heads");
    expect(error?.message).toContain("athanor upgrade l300");
  });

  it("refuses a target on another branch than the current heads", () => {
    expect(() => fork().downgradePlan(["x200"], "y100")).toThrow(NotAncestorError);
    expect(() => fork().downgradePlan(["x200"], "y100")).toThrow(/another branch/);
  });

  it("refuses -1 with several heads and asks for a branch", () => {
    const map = fork();
    expect(() => map.downgradePlan(["x200", "y200"], "-1")).toThrow(MultipleHeadsError);
    expect(() => map.downgradePlan(["x200", "y200"], "-1")).toThrow(/branchname@-1/);
    const steps = map.downgradePlan(["x200", "y200"], "yb@-1");
    expect(ids(steps)).toEqual(["y200"]);
    expect(finalRows(["x200", "y200"], steps)).toEqual(["x200", "y100"]);
  });

  it("refuses a multi-revision target", () => {
    expect(() => fork().downgradePlan(["x200", "y200"], "heads")).toThrow(MultipleHeadsError);
  });

  it("drops both branches when downgrading to their branch point, deleting the sibling row", () => {
    const steps = fork().downgradePlan(["x200", "y200"], "a100");
    expect(ids(steps)).toEqual(["x200", "x100", "y200", "y100"]);
    expect(changes(steps)).toEqual([
      { kind: "update", from: "x200", to: "x100" },
      { kind: "delete", version: "x100" },
      { kind: "update", from: "y200", to: "y100" },
      { kind: "update", from: "y100", to: "a100" },
    ]);
    expect(finalRows(["x200", "y200"], steps)).toEqual(["a100"]);
  });

  it("restricts branch@rev to that branch", () => {
    const steps = fork().downgradePlan(["x200", "y200"], "xb@a100");
    expect(ids(steps)).toEqual(["x200", "x100"]);
    expect(finalRows(["x200", "y200"], steps)).toEqual(["y200"]);
    const base = fork().downgradePlan(["y200"], "yb@-2");
    expect(finalRows(["y200"], base)).toEqual(["a100"]);
  });

  it("unmerges when downgrading out of a merge point", () => {
    const map = diamond();
    // only what lies above x200 goes: the y branch stays applied, as in Alembic
    const steps = map.downgradePlan(["t100"], "x200");
    expect(ids(steps)).toEqual(["t100", "m100"]);
    expect(changes(steps)).toEqual([
      { kind: "update", from: "t100", to: "m100" },
      { kind: "unmerge", update: { from: "m100", to: "y200" }, insert: ["x200"] },
    ]);
    expect(finalRows(["t100"], steps)).toEqual(["x200", "y200"]);
    expect(finalRows(["t100"], map.downgradePlan(["t100"], "y100"))).toEqual(["x200", "y100"]);
    expect(finalRows(["t100"], map.downgradePlan(["t100"], "t100-1"))).toEqual(["m100"]);
  });

  it("unwinds nested merges to base", () => {
    const steps = nested().downgradePlan(["m002"], "base");
    expect(ids(steps)).toEqual(["m002", "ccc1", "m001", "aaa1", "bbb1", "r000"]);
    expect(changes(steps)).toEqual([
      { kind: "unmerge", update: { from: "m002", to: "ccc1" }, insert: ["m001"] },
      { kind: "delete", version: "ccc1" },
      { kind: "unmerge", update: { from: "m001", to: "bbb1" }, insert: ["aaa1"] },
      { kind: "delete", version: "aaa1" },
      { kind: "update", from: "bbb1", to: "r000" },
      { kind: "delete", version: "r000" },
    ]);
    expect(finalRows(["m002"], steps)).toEqual([]);
  });

  it("downgrades dependents of the dropped revisions first", () => {
    const map = dependent();
    const steps = map.downgradePlan(["net2"], "account@base");
    expect(ids(steps)).toEqual(["net2", "acct2", "acct1"]);
    expect(changes(steps)[0]).toEqual({
      kind: "unmerge",
      update: { from: "net2", to: "acct2" },
      insert: ["net1"],
    });
    expect(finalRows(["net2"], steps)).toEqual(["net1"]);
  });

  it("restores the dependency row when downgrading the dependent", () => {
    const map = dependent();
    const steps = map.downgradePlan(["net2"], "networking@base");
    expect(ids(steps)).toEqual(["net2", "net1"]);
    expect(finalRows(["net2"], steps)).toEqual(["acct2"]);
    expect(finalRows(["net2"], map.downgradePlan(["net2"], "-1"))).toEqual(["acct2", "net1"]);
    expect(finalRows(["net2"], map.downgradePlan(["net2"], "account@-1"))).toEqual(["acct1", "net1"]);
  });

  it("treats a revision applied only as a dependency as already reached", () => {
    expect(dependent().downgradePlan(["net2"], "acct2")).toEqual([]);
  });
});
