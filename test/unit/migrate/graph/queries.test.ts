import { describe, expect, it } from "vitest";
import {
  AmbiguousRevisionError,
  BranchLabelError,
  RevisionMap,
  UnknownRevisionError,
} from "../../../../src/migrate/graph/index.js";
import { dependent, diamond, fork, linear, nested, rev } from "./fixtures.js";

describe("RevisionMap queries", () => {
  it("reports heads and bases sorted by id, whatever the load order", () => {
    const map = new RevisionMap([
      rev("zzz1", null),
      rev("bbb2", "aaa1"),
      rev("aaa1", null),
      rev("ccc2", "aaa1"),
    ]);
    expect(map.heads).toEqual(["bbb2", "ccc2", "zzz1"]);
    expect(map.bases).toEqual(["aaa1", "zzz1"]);
  });

  it("distinguishes versioned heads from heads once dependencies count", () => {
    const map = dependent();
    expect(map.heads).toEqual(["acct2", "net2"]);
    expect(map.realHeads).toEqual(["net2"]);
    expect(map.bases).toEqual(["acct1", "net1"]);
    expect(map.get("acct2").isHead).toBe(true);
    expect(map.get("acct2").isRealHead).toBe(false);
    expect(map.dependents("acct2")).toEqual(["net2"]);
  });

  it("looks revisions up by full id, unique prefix and label", () => {
    const map = fork();
    expect(map.get("x200").revision).toBe("x200");
    expect(map.get("x2").revision).toBe("x200");
    expect(map.get("xb").revision).toBe("x100");
    expect(map.getByBranchLabel("yb").revision).toBe("y100");
  });

  it("prefers an exact id over a longer id sharing the prefix", () => {
    const map = new RevisionMap([rev("abcd", null), rev("abcdef", "abcd")]);
    expect(map.get("abcd").revision).toBe("abcd");
    expect(map.get("abcde").revision).toBe("abcdef");
  });

  it("lists the candidates of an ambiguous prefix", () => {
    const map = fork();
    expect(() => map.get("x")).toThrow(AmbiguousRevisionError);
    try {
      map.get("x");
    } catch (error) {
      expect((error as AmbiguousRevisionError).candidates).toEqual(["x100", "x200"]);
      expect((error as Error).message).toContain("x100, x200");
    }
  });

  it("says where revisions are loaded from when an id is unknown", () => {
    const map = linear();
    expect(() => map.get("f00")).toThrow(UnknownRevisionError);
    expect(() => map.get("f00")).toThrow(/migrations\/versions/);
    expect(() => map.get("f00")).toThrow(/four characters/);
    expect(() => map.get("ffff")).not.toThrow(/four characters/);
    expect(() => fork().getByBranchLabel("nope")).toThrow(BranchLabelError);
  });

  it("computes node data", () => {
    const map = diamond();
    const merge = map.get("m100");
    expect(merge.downRevisions).toEqual(["x200", "y200"]);
    expect(merge.isMergePoint).toBe(true);
    expect(map.get("a100").isBranchPoint).toBe(true);
    expect(map.get("b000").isBase).toBe(true);
    expect(map.get("t100").isHead).toBe(true);
    expect(Object.isFrozen(merge)).toBe(true);
  });

  it("keeps the caller's RevisionInfo objects", () => {
    const info = rev("aaa1", null, { message: "init" });
    const map = new RevisionMap([info]);
    expect(map.get("aaa1").info).toBe(info);
    expect(map.upgradePlan([], "head")[0].revision).toBe(info);
  });

  it("lists branch points and children", () => {
    expect(
      fork()
        .branchPoints()
        .map((n) => n.revision),
    ).toEqual(["a100"]);
    expect(
      nested()
        .branchPoints()
        .map((n) => n.revision),
    ).toEqual(["r000"]);
    expect(linear().branchPoints()).toEqual([]);
    expect(fork().children("a100")).toEqual(["x100", "y100"]);
    expect(fork().children("x200")).toEqual([]);
  });

  it("walks ancestors and descendants, with or without dependencies", () => {
    const map = dependent();
    expect(map.ancestors("net2")).toEqual(["acct2", "acct1", "net1"]);
    expect(map.ancestors("net2", { includeDependencies: false })).toEqual(["net1"]);
    expect(map.descendants("acct1")).toEqual(["acct2", "net2"]);
    expect(map.descendants("acct1", { includeDependencies: false })).toEqual(["acct2"]);
    expect(diamond().ancestors("t100")).toEqual(["m100", "x200", "x100", "y200", "y100", "a100", "b000"]);
    expect(diamond().descendants("a100")).toEqual(["x100", "x200", "y100", "y200", "m100", "t100"]);
  });

  it("lists every revision newest first, branches contiguous", () => {
    expect(
      fork()
        .revisions()
        .map((n) => n.revision),
    ).toEqual(["x200", "x100", "y200", "y100", "a100", "b000"]);
  });

  it("reports current revisions implied through dependencies (alembic current)", () => {
    const map = dependent();
    expect(map.currentRevisions(["net2"])).toEqual(["acct2", "net2"]);
    expect(map.currentRevisions([])).toEqual([]);
    expect(() => map.currentRevisions(["gone"])).toThrow(UnknownRevisionError);
  });
});

describe("branch label inheritance", () => {
  it("applies a label to its revision and descendants, not across the preceding branch point", () => {
    const map = fork();
    expect(map.get("x100").branchLabels).toEqual(["xb"]);
    expect(map.get("x100").ownBranchLabels).toEqual(["xb"]);
    expect(map.get("x200").branchLabels).toEqual(["xb"]);
    expect(map.get("x200").ownBranchLabels).toEqual([]);
    expect(map.get("a100").branchLabels).toEqual([]);
    expect(map.get("y200").branchLabels).toEqual(["yb"]);
  });

  it("applies a label to ancestors down to the preceding branch point (Alembic docs)", () => {
    const map = new RevisionMap([
      rev("root", null),
      rev("bp01", "root"),
      rev("side", "bp01"),
      rev("c001", "bp01"),
      rev("c002", "c001"),
      rev("c003", "c002", { branchLabels: ["feature"] }),
      rev("c004", "c003"),
    ]);
    for (const id of ["c001", "c002", "c003", "c004"]) expect(map.get(id).branchLabels).toEqual(["feature"]);
    expect(map.get("bp01").branchLabels).toEqual([]);
    expect(map.get("root").branchLabels).toEqual([]);
    expect(map.get("side").branchLabels).toEqual([]);
  });

  it("stops at a merge point below the label and carries labels through merges above it", () => {
    const map = new RevisionMap([
      rev("root", null),
      rev("aaa1", "root"),
      rev("bbb1", "root"),
      rev("mrg1", ["aaa1", "bbb1"]),
      rev("ddd1", "mrg1"),
      rev("eee1", "ddd1", { branchLabels: ["after"] }),
      rev("aaa2", "aaa1", { branchLabels: ["left"] }),
    ]);
    expect(map.get("ddd1").branchLabels).toEqual(["after"]);
    expect(map.get("mrg1").branchLabels).toEqual([]);
    expect(map.get("aaa2").branchLabels).toEqual(["left"]);
  });

  it("counts a dependent as a child when deciding where the ancestor walk stops", () => {
    const map = new RevisionMap([
      rev("aaa1", null),
      rev("aaa2", "aaa1"),
      rev("aaa3", "aaa2", { branchLabels: ["a"] }),
      rev("bbb1", null, { dependsOn: ["aaa1"] }),
    ]);
    expect(map.get("aaa2").branchLabels).toEqual(["a"]);
    expect(map.get("aaa1").branchLabels).toEqual([]);
  });

  it("labels a whole linear history from any labelled revision", () => {
    const map = new RevisionMap([
      rev("aaa1", null),
      rev("aaa2", "aaa1", { branchLabels: ["main"] }),
      rev("aaa3", "aaa2"),
    ]);
    expect(map.history().map((n) => n.branchLabels)).toEqual([["main"], ["main"], ["main"]]);
  });
});
