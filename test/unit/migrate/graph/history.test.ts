import { describe, expect, it } from "vitest";
import { InvalidIdentifierError, NotAncestorError } from "../../../../src/migrate/graph/index.js";
import { dependent, diamond, fork, linear } from "./fixtures.js";

const idsOf = (nodes: readonly { revision: string }[]): string[] => nodes.map((n) => n.revision);

describe("history", () => {
  it("lists everything newest first", () => {
    expect(idsOf(linear().history())).toEqual(["l300", "l200", "l100", "b000"]);
    expect(idsOf(fork().history())).toEqual(["x200", "x100", "y200", "y100", "a100", "b000"]);
    expect(idsOf(diamond().history())).toEqual([
      "t100",
      "m100",
      "x200",
      "x100",
      "y200",
      "y100",
      "a100",
      "b000",
    ]);
    expect(idsOf(dependent().history())).toEqual(["net2", "acct2", "acct1", "net1"]);
  });

  it("restricts to closed and open ranges", () => {
    const map = fork();
    expect(idsOf(map.history("x100:"))).toEqual(["x200", "x100"]);
    expect(idsOf(map.history(":x200"))).toEqual(["x200", "x100", "a100", "b000"]);
    expect(idsOf(map.history("a100:x200"))).toEqual(["x200", "x100", "a100"]);
    expect(idsOf(map.history("a100:"))).toEqual(["x200", "x100", "y200", "y100", "a100"]);
    expect(idsOf(map.history("base:yb@head"))).toEqual(["y200", "y100", "a100", "b000"]);
    expect(idsOf(map.history(":"))).toEqual(idsOf(map.history()));
  });

  it("lists one branch with branch@base:", () => {
    expect(idsOf(fork().history("xb@base:"))).toEqual(["x200", "x100", "a100", "b000"]);
  });

  it("includes a dependency from another root when listing from base", () => {
    expect(idsOf(dependent().history(":networking@head"))).toEqual(["net2", "acct2", "acct1", "net1"]);
    expect(idsOf(dependent().history("net1:"))).toEqual(["net2", "net1"]);
  });

  it("refuses ranges whose ends are not on one line", () => {
    expect(() => fork().history("x100:y200")).toThrow(NotAncestorError);
    expect(() => linear().history("l300:l100")).toThrow(/swap the ends/);
  });

  it("refuses malformed ranges", () => {
    expect(() => linear().history("l100")).toThrow(InvalidIdentifierError);
    expect(() => linear().history("a:b:c")).toThrow(InvalidIdentifierError);
    expect(() => linear().history("-1:+1")).toThrow(/relative at both ends/);
  });

  it("understands current at either end", () => {
    const map = fork();
    expect(idsOf(map.history("current:", ["x100"]))).toEqual(["x200", "x100"]);
    expect(idsOf(map.history(":current", ["x100", "y100"]))).toEqual(["x100", "y100", "a100", "b000"]);
    expect(idsOf(map.history("current:current", ["x100"]))).toEqual(["x100"]);
    expect(idsOf(map.history("current:", []))).toEqual(idsOf(map.history()));
  });

  it("anchors a bare relative end on the other end", () => {
    const map = linear();
    expect(idsOf(map.history("-2:"))).toEqual(["l300", "l200", "l100"]);
    expect(idsOf(map.history("-1:current", ["l200"]))).toEqual(["l200", "l100"]);
    expect(idsOf(map.history("current:+1", ["l100"]))).toEqual(["l200", "l100"]);
    expect(idsOf(fork().history("current:yb@+2", ["a100"]))).toEqual(["y200", "y100", "a100"]);
    expect(idsOf(map.history(":head-2"))).toEqual(["l100", "b000"]);
  });
});
