import { describe, expect, it } from "vitest";
import {
  applyChanges,
  InvalidIdentifierError,
  NotAncestorError,
  UnknownRevisionError,
} from "../../../../src/migrate/graph/index.js";
import { dependent, diamond, fork, linear } from "./fixtures.js";

describe("stampPlan", () => {
  it("inserts into an empty table", () => {
    expect(linear().stampPlan([], "head")).toEqual([{ kind: "insert", version: "l300" }]);
  });

  it("moves a row up or down without running anything", () => {
    expect(linear().stampPlan(["l100"], "l300")).toEqual([{ kind: "update", from: "l100", to: "l300" }]);
    expect(linear().stampPlan(["l300"], "l1")).toEqual([{ kind: "update", from: "l300", to: "l100" }]);
  });

  it("does nothing when the target is already a row", () => {
    expect(linear().stampPlan(["l200"], "l200")).toEqual([]);
  });

  it("deletes every row when stamping base", () => {
    expect(fork().stampPlan(["x200", "y200"], "base")).toEqual([
      { kind: "delete", version: "x200" },
      { kind: "delete", version: "y200" },
    ]);
  });

  it("deletes only a branch's rows when stamping branch@base", () => {
    expect(fork().stampPlan(["x200", "y200"], "xb@base")).toEqual([{ kind: "delete", version: "x200" }]);
  });

  it("merges several rows down into their common ancestor", () => {
    const plan = fork().stampPlan(["x200", "y200"], "a100");
    expect(plan).toEqual([{ kind: "merge", delete: ["x200"], update: { from: "y200", to: "a100" } }]);
    expect(applyChanges(["x200", "y200"], plan)).toEqual(["a100"]);
  });

  it("merges rows up into a merge point", () => {
    const plan = diamond().stampPlan(["x100", "y200"], "t100");
    expect(plan).toEqual([{ kind: "merge", delete: ["x100"], update: { from: "y200", to: "t100" } }]);
  });

  it("splits one row into several targets", () => {
    const plan = fork().stampPlan(["a100"], ["x200", "y200"]);
    expect(plan).toEqual([
      { kind: "update", from: "a100", to: "x200" },
      { kind: "insert", version: "y200" },
    ]);
    expect(fork().stampPlan(["a100"], "heads")).toEqual(plan);
    expect(applyChanges(["t100"], diamond().stampPlan(["t100"], ["x200", "y100"]))).toEqual(["x200", "y100"]);
  });

  it("inserts a target on a branch that has no row and keeps unrelated rows", () => {
    const plan = fork().stampPlan(["x200"], "y200");
    expect(plan).toEqual([{ kind: "insert", version: "y200" }]);
    expect(applyChanges(["x200"], plan)).toEqual(["x200", "y200"]);
  });

  it("treats dependencies as lineage (as Alembic's include_dependencies)", () => {
    const plan = dependent().stampPlan(["acct2", "net1"], "net2");
    expect(plan).toEqual([{ kind: "merge", delete: ["acct2"], update: { from: "net1", to: "net2" } }]);
  });

  it("purges the table first, even of unknown rows", () => {
    const plan = linear().stampPlan(["garbage", "l100"], "l200", { purge: true });
    expect(plan).toEqual([{ kind: "purge" }, { kind: "insert", version: "l200" }]);
    expect(applyChanges(["garbage", "l100"], plan)).toEqual(["l200"]);
    expect(linear().stampPlan(["garbage"], "base", { purge: true })).toEqual([{ kind: "purge" }]);
  });

  it("refuses unknown rows without purge, suggesting it", () => {
    expect(() => linear().stampPlan(["garbage"], "l200")).toThrow(UnknownRevisionError);
    expect(() => linear().stampPlan(["garbage"], "l200")).toThrow(/--purge/);
  });

  it("can repair an overlapping table", () => {
    const plan = linear().stampPlan(["l100", "l300"], "l200");
    expect(applyChanges(["l100", "l300"], plan)).toEqual(["l200"]);
  });

  it("refuses overlapping targets and empty target lists", () => {
    expect(() => linear().stampPlan([], ["l100", "l300"])).toThrow(NotAncestorError);
    expect(() => linear().stampPlan([], ["l100", "l300"])).toThrow(/stamp only l300/);
    expect(() => linear().stampPlan([], [])).toThrow(InvalidIdentifierError);
  });

  it("resolves relative targets against the current rows", () => {
    expect(linear().stampPlan(["l200"], "-1")).toEqual([{ kind: "update", from: "l200", to: "l100" }]);
    expect(linear().stampPlan(["l200"], "+1")).toEqual([{ kind: "update", from: "l200", to: "l300" }]);
  });

  it("combines base with other targets", () => {
    const plan = fork().stampPlan(["x200", "y200"], ["base", "x100"]);
    expect(applyChanges(["x200", "y200"], plan)).toEqual(["x100"]);
  });
});
