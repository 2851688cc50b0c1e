import { describe, expect, it } from "vitest";
import {
  MultipleHeadsError,
  RelativeWalkError,
  RevisionMap,
  UnknownRevisionError,
  VersionTableError,
} from "../../../../src/migrate/graph/index.js";
import { changes, dependent, diamond, finalRows, fork, ids, linear, nested, rev } from "./fixtures.js";

describe("upgradePlan", () => {
  it("applies a linear history with one insert and then updates", () => {
    const steps = linear().upgradePlan([], "head");
    expect(ids(steps)).toEqual(["b000", "l100", "l200", "l300"]);
    expect(changes(steps)).toEqual([
      { kind: "insert", version: "b000" },
      { kind: "update", from: "b000", to: "l100" },
      { kind: "update", from: "l100", to: "l200" },
      { kind: "update", from: "l200", to: "l300" },
    ]);
    expect(steps.every((s) => s.direction === "up")).toBe(true);
    expect(steps[1].fromRevisions).toEqual(["b000"]);
    expect(steps[1].toRevisions).toEqual(["l100"]);
  });

  it("continues from the current head and stops at the target", () => {
    const map = linear();
    expect(ids(map.upgradePlan(["l100"], "l200"))).toEqual(["l200"]);
    expect(ids(map.upgradePlan(["l100"], "heads"))).toEqual(["l200", "l300"]);
    expect(ids(map.upgradePlan(["l100"], "+1"))).toEqual(["l200"]);
    expect(ids(map.upgradePlan(["l100"], "l1+2"))).toEqual(["l200", "l300"]);
  });

  it("is a no-op when already at or past the target", () => {
    const map = linear();
    expect(map.upgradePlan(["l300"], "head")).toEqual([]);
    expect(map.upgradePlan(["l300"], "l100")).toEqual([]);
    expect(map.upgradePlan(["l200"], "base")).toEqual([]);
  });

  it("refuses a backwards relative upgrade", () => {
    expect(() => linear().upgradePlan(["l300"], "-1")).toThrow(RelativeWalkError);
    expect(() => linear().upgradePlan(["l300"], "-1")).toThrow(/athanor downgrade -1/);
    // an explicit revision minus N is an absolute target, hence fine
    expect(linear().upgradePlan(["b000"], "l300-1").length).toBe(2);
  });

  it("inserts a row for the second child of a branch point", () => {
    const steps = fork().upgradePlan([], "heads");
    expect(ids(steps)).toEqual(["b000", "a100", "x100", "x200", "y100", "y200"]);
    expect(changes(steps)).toEqual([
      { kind: "insert", version: "b000" },
      { kind: "update", from: "b000", to: "a100" },
      { kind: "update", from: "a100", to: "x100" },
      { kind: "update", from: "x100", to: "x200" },
      { kind: "insert", version: "y100" },
      { kind: "update", from: "y100", to: "y200" },
    ]);
    expect(finalRows([], steps)).toEqual(["x200", "y200"]);
  });

  it("upgrades a single branch with branch@head, leaving the other alone", () => {
    const map = fork();
    const steps = map.upgradePlan([], "yb@head");
    expect(ids(steps)).toEqual(["b000", "a100", "y100", "y200"]);
    expect(finalRows([], steps)).toEqual(["y200"]);
    const second = map.upgradePlan(["y200"], "xb@head");
    expect(ids(second)).toEqual(["x100", "x200"]);
    expect(changes(second)[0]).toEqual({ kind: "insert", version: "x100" });
    expect(finalRows(["y200"], second)).toEqual(["x200", "y200"]);
    expect(ids(map.upgradePlan(["x100"], "yb@+1"))).toEqual(["y100"]);
  });

  it("refuses 'head' with several heads", () => {
    expect(() => fork().upgradePlan([], "head")).toThrow(MultipleHeadsError);
  });

  it("merges the parent rows when upgrading into a merge point", () => {
    const map = diamond();
    const steps = map.upgradePlan(["x200", "y200"], "head");
    expect(ids(steps)).toEqual(["m100", "t100"]);
    expect(changes(steps)).toEqual([
      { kind: "merge", delete: ["x200"], update: { from: "y200", to: "m100" } },
      { kind: "update", from: "m100", to: "t100" },
    ]);
    expect(finalRows(["x200", "y200"], steps)).toEqual(["t100"]);
  });

  it("applies the missing parent branch before the merge", () => {
    const map = diamond();
    const steps = map.upgradePlan(["x200"], "head");
    expect(ids(steps)).toEqual(["y100", "y200", "m100", "t100"]);
    expect(changes(steps)[0]).toEqual({ kind: "insert", version: "y100" });
    expect(finalRows(["x200"], steps)).toEqual(["t100"]);
  });

  it("updates only the remaining parent row when the other parent is implied by another row", () => {
    const map = new RevisionMap([
      rev("root", null),
      rev("aaa1", "root"),
      rev("bbb1", "root"),
      rev("aaa2", "aaa1"),
      rev("mrg1", ["aaa1", "bbb1"]),
    ]);
    const steps = map.upgradePlan(["aaa2", "bbb1"], "mrg1");
    expect(changes(steps)).toEqual([{ kind: "update", from: "bbb1", to: "mrg1" }]);
    expect(finalRows(["aaa2", "bbb1"], steps)).toEqual(["aaa2", "mrg1"]);
  });

  it("handles nested merges", () => {
    const steps = nested().upgradePlan([], "head");
    expect(ids(steps)).toEqual(["r000", "aaa1", "bbb1", "m001", "ccc1", "m002"]);
    expect(changes(steps)).toEqual([
      { kind: "insert", version: "r000" },
      { kind: "update", from: "r000", to: "aaa1" },
      { kind: "insert", version: "bbb1" },
      { kind: "merge", delete: ["aaa1"], update: { from: "bbb1", to: "m001" } },
      { kind: "insert", version: "ccc1" },
      { kind: "merge", delete: ["m001"], update: { from: "ccc1", to: "m002" } },
    ]);
    expect(finalRows([], steps)).toEqual(["m002"]);
  });

  it("applies dependencies first and folds a dependency row into its dependent (as Alembic)", () => {
    const map = dependent();
    const steps = map.upgradePlan([], "heads");
    expect(ids(steps)).toEqual(["acct1", "acct2", "net1", "net2"]);
    expect(changes(steps)[3]).toEqual({
      kind: "merge",
      delete: ["net1"],
      update: { from: "acct2", to: "net2" },
    });
    expect(finalRows([], steps)).toEqual(["net2"]);
    expect(map.currentRevisions(["net2"])).toEqual(["acct2", "net2"]);
  });

  it("pulls in the dependency of a branch target, and only that", () => {
    const map = dependent();
    const steps = map.upgradePlan([], "networking@head");
    expect(ids(steps)).toEqual(["acct1", "acct2", "net1", "net2"]);
    const account = map.upgradePlan([], "account@head");
    expect(ids(account)).toEqual(["acct1", "acct2"]);
    const rest = map.upgradePlan(["acct2"], "networking@head");
    expect(ids(rest)).toEqual(["net1", "net2"]);
    expect(changes(rest)).toEqual([
      { kind: "insert", version: "net1" },
      { kind: "merge", delete: ["net1"], update: { from: "acct2", to: "net2" } },
    ]);
  });

  it("keeps the dependency's row when a later revision on its branch is applied", () => {
    const map = new RevisionMap([
      rev("acct1", null),
      rev("acct2", "acct1"),
      rev("acct3", "acct2"),
      rev("net1", null),
      rev("net2", "net1", { dependsOn: ["acct2"] }),
    ]);
    const steps = map.upgradePlan(["acct3", "net1"], "net2");
    expect(changes(steps)).toEqual([{ kind: "update", from: "net1", to: "net2" }]);
  });

  it("validates the current rows", () => {
    expect(() => linear().upgradePlan(["zzz9"], "head")).toThrow(UnknownRevisionError);
    expect(() => linear().upgradePlan(["l100", "l300"], "head")).toThrow(VersionTableError);
    expect(() => linear().upgradePlan(["l100", "l300"], "head")).toThrow(/l100 is an ancestor of l300/);
    expect(ids(linear().upgradePlan(["l100", "l100"], "head"))).toEqual(["l200", "l300"]);
  });
});
