import { describe, expect, it } from "vitest";
import {
  AmbiguousRevisionError,
  BranchLabelError,
  InvalidIdentifierError,
  MultipleHeadsError,
  parseIdentifier,
  RelativeWalkError,
  RevisionMap,
  UnknownRevisionError,
} from "../../../../src/migrate/graph/index.js";
import { dependent, diamond, fork, linear, rev } from "./fixtures.js";

describe("parseIdentifier", () => {
  it("splits branch, symbol and steps", () => {
    expect(parseIdentifier("head")).toMatchObject({ branch: null, symbol: "head", steps: null });
    expect(parseIdentifier("xb@head")).toMatchObject({ branch: "xb", symbol: "head", steps: null });
    expect(parseIdentifier("+2")).toMatchObject({ branch: null, symbol: null, steps: 2 });
    expect(parseIdentifier("-1")).toMatchObject({ branch: null, symbol: null, steps: -1 });
    expect(parseIdentifier("ae10+2")).toMatchObject({ branch: null, symbol: "ae10", steps: 2 });
    expect(parseIdentifier("xb@+3")).toMatchObject({ branch: "xb", symbol: null, steps: 3 });
    expect(parseIdentifier("xb@head-2")).toMatchObject({ branch: "xb", symbol: "head", steps: -2 });
    expect(parseIdentifier("net-expand@head")).toMatchObject({ branch: "net-expand", symbol: "head" });
    expect(parseIdentifier("  base  ")).toMatchObject({ text: "base", symbol: "base" });
  });

  it("rejects malformed identifiers with a fix", () => {
    for (const bad of ["", "  ", "@head", "xb@", "+0", "abc-0"]) {
      expect(() => parseIdentifier(bad)).toThrow(InvalidIdentifierError);
    }
    expect(() => parseIdentifier("xb@")).toThrow(/xb@head/);
  });
});

describe("resolve: absolute forms", () => {
  it("resolves head, heads and base", () => {
    expect(linear().resolve("head").revisions).toEqual(["l300"]);
    expect(linear().resolve("heads").revisions).toEqual(["l300"]);
    expect(linear().resolve("base").revisions).toEqual([]);
    expect(fork().resolve("heads").revisions).toEqual(["x200", "y200"]);
    expect(dependent().resolve("heads").revisions).toEqual(["net2"]);
  });

  it("refuses 'head' when several heads exist, explaining the way out", () => {
    const map = fork();
    expect(() => map.resolve("head")).toThrow(MultipleHeadsError);
    try {
      map.resolve("head");
    } catch (error) {
      const e = error as MultipleHeadsError;
      expect(e.code).toBe("multiple_heads");
      expect(e.heads).toEqual(["x200", "y200"]);
      expect(e.message).toContain("x200, y200");
      expect(e.message).toContain("'heads'");
      expect(e.message).toContain("branchname@head");
      expect(e.message).toContain("athanor merge heads");
    }
    // a head that another branch depends on still counts, as in Alembic
    expect(() => dependent().resolve("head")).toThrow(MultipleHeadsError);
  });

  it("resolves full ids, prefixes and labels", () => {
    const map = fork();
    expect(map.resolve("x200").revisions).toEqual(["x200"]);
    expect(map.resolve("y1").revisions).toEqual(["y100"]);
    expect(map.resolve("yb").revisions).toEqual(["y100"]);
    expect(() => map.resolve("x")).toThrow(AmbiguousRevisionError);
    expect(() => map.resolve("q123")).toThrow(UnknownRevisionError);
  });

  it("resolves branch@head, branch@heads and branch@base", () => {
    const map = fork();
    expect(map.resolve("xb@head").revisions).toEqual(["x200"]);
    expect(map.resolve("yb@heads").revisions).toEqual(["y200"]);
    expect(map.resolve("xb@base")).toEqual({ identifier: "xb@base", revisions: [], branch: "xb" });
    expect(dependent().resolve("account@head").revisions).toEqual(["acct2"]);
    expect(dependent().resolve("networking@head").revisions).toEqual(["net2"]);
  });

  it("uses a revision id as a branch name (<rev>@head)", () => {
    const map = fork();
    expect(map.resolve("x100@head").revisions).toEqual(["x200"]);
    expect(map.resolve("y1@head").revisions).toEqual(["y200"]);
    expect(() => map.resolve("a100@head")).toThrow(MultipleHeadsError);
    expect(map.resolve("a100@heads").revisions).toEqual(["x200", "y200"]);
  });

  it("reports a branch with several heads", () => {
    expect(() => fork().resolve("a100@head")).toThrow(/a100@heads/);
  });

  it("checks branch membership and branch existence", () => {
    const map = fork();
    expect(map.resolve("xb@x200").revisions).toEqual(["x200"]);
    expect(map.resolve("xb@a100").revisions).toEqual(["a100"]);
    expect(() => map.resolve("yb@x200")).toThrow(BranchLabelError);
    expect(() => map.resolve("yb@x200")).toThrow(/not a member of branch 'yb'/);
    expect(() => map.resolve("nope@head")).toThrow(BranchLabelError);
    expect(() => map.resolve("nope@head")).toThrow(/xb, yb/);
  });

  it("narrows prefix matches to the branch", () => {
    const map = new RevisionMap([
      rev("root", null),
      rev("p1aa", "root", { branchLabels: ["left"] }),
      rev("p1bb", "root", { branchLabels: ["right"] }),
    ]);
    expect(() => map.resolve("p1")).toThrow(AmbiguousRevisionError);
    expect(map.resolve("left@p1").revisions).toEqual(["p1aa"]);
    expect(map.resolve("right@p1").revisions).toEqual(["p1bb"]);
  });
});

describe("resolve: relative forms", () => {
  it("walks +N up from the single current head", () => {
    const map = linear();
    expect(map.resolve("+1", ["l100"]).revisions).toEqual(["l200"]);
    expect(map.resolve("+2", ["l100"]).revisions).toEqual(["l300"]);
    expect(map.resolve("+1", []).revisions).toEqual(["b000"]);
    expect(map.resolve("+4", []).revisions).toEqual(["l300"]);
  });

  it("refuses to walk past a head", () => {
    expect(() => linear().resolve("+3", ["l100"])).toThrow(RelativeWalkError);
    expect(() => linear().resolve("+3", ["l100"])).toThrow(/didn't produce 3 migrations/);
  });

  it("refuses an ambiguous +N at a branch point, and follows a branch when named", () => {
    const map = fork();
    expect(() => map.resolve("+1", ["a100"])).toThrow(RelativeWalkError);
    expect(() => map.resolve("+1", ["a100"])).toThrow(/branch point/);
    expect(map.resolve("xb@+1", ["a100"]).revisions).toEqual(["x100"]);
    expect(map.resolve("xb@+2", ["a100"]).revisions).toEqual(["x200"]);
    expect(map.resolve("yb@+3", []).revisions).toEqual(["y100"]);
    expect(() => map.resolve("+1", ["x100", "y100"])).toThrow(/several current revisions/);
  });

  it("starts branch@+N from what is applied on that branch when its head is not a row", () => {
    const map = fork();
    expect(map.resolve("yb@+1", ["x200"]).revisions).toEqual(["y100"]);
    expect(map.resolve("yb@+1", ["x200", "y100"]).revisions).toEqual(["y200"]);
  });

  it("walks -N down from the single current head, restricting the branch to it", () => {
    const map = fork();
    expect(map.resolve("-1", ["x200"])).toEqual({ identifier: "-1", revisions: ["x100"], branch: "x200" });
    expect(map.resolve("-3", ["x200"]).revisions).toEqual(["b000"]);
    expect(map.resolve("-4", ["x200"]).revisions).toEqual([]);
    expect(() => map.resolve("-5", ["x200"])).toThrow(RelativeWalkError);
    expect(() => map.resolve("-1", [])).toThrow(RelativeWalkError);
  });

  it("refuses -N with several current heads, asking for a branch", () => {
    const map = fork();
    expect(() => map.resolve("-1", ["x200", "y200"])).toThrow(MultipleHeadsError);
    expect(() => map.resolve("-1", ["x200", "y200"])).toThrow(/branchname@-1/);
    expect(map.resolve("yb@-1", ["x200", "y200"])).toEqual({
      identifier: "yb@-1",
      revisions: ["y100"],
      branch: "yb",
    });
  });

  it("finds branch@-N's start among heads implied through dependencies", () => {
    expect(dependent().resolve("account@-1", ["net2"]).revisions).toEqual(["acct1"]);
    expect(() => fork().resolve("yb@-1", ["x200"])).toThrow(/nothing on that branch is applied/);
  });

  it("walks relative to a named revision or symbol", () => {
    const map = linear();
    expect(map.resolve("l100+2").revisions).toEqual(["l300"]);
    expect(map.resolve("l300-2").revisions).toEqual(["l100"]);
    expect(map.resolve("head-1").revisions).toEqual(["l200"]);
    expect(map.resolve("heads-3").revisions).toEqual(["b000"]);
    expect(map.resolve("base+1").revisions).toEqual(["b000"]);
    expect(map.resolve("b000-1").revisions).toEqual([]);
    expect(() => map.resolve("b000-2")).toThrow(RelativeWalkError);
    expect(fork().resolve("xb@head-1").revisions).toEqual(["x100"]);
    expect(fork().resolve("xb@a100+1").revisions).toEqual(["x100"]);
    expect(() => fork().resolve("heads-1")).toThrow(MultipleHeadsError);
  });

  it("refuses to walk down through a merge point", () => {
    const map = diamond();
    expect(map.resolve("t100-1").revisions).toEqual(["m100"]);
    expect(() => map.resolve("t100-2")).toThrow(RelativeWalkError);
    expect(() => map.resolve("t100-2")).toThrow(/merge point m100/);
    expect(() => map.resolve("-2", ["t100"])).toThrow(/x200/);
  });

  it("validates the current heads it counts from", () => {
    expect(() => linear().resolve("+1", ["nope"])).toThrow(UnknownRevisionError);
    expect(() => linear().resolve("+1", ["nope"])).toThrow(/stamp --purge/);
  });
});
