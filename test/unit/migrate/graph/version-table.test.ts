import { describe, expect, it } from "vitest";
import { applyChange, applyChanges, VersionTableError } from "../../../../src/migrate/graph/index.js";
import { dependent, diamond, fork } from "./fixtures.js";

describe("applyChange", () => {
  it("applies every kind of change", () => {
    expect(applyChange([], { kind: "insert", version: "a" })).toEqual(["a"]);
    expect(applyChange(["a", "b"], { kind: "update", from: "a", to: "c" })).toEqual(["b", "c"]);
    expect(applyChange(["a", "b"], { kind: "delete", version: "a" })).toEqual(["b"]);
    expect(
      applyChange(["a", "b", "c", "z"], {
        kind: "merge",
        delete: ["a", "b"],
        update: { from: "c", to: "m" },
      }),
    ).toEqual(["m", "z"]);
    expect(
      applyChange(["m"], { kind: "unmerge", update: { from: "m", to: "c" }, insert: ["a", "b"] }),
    ).toEqual(["a", "b", "c"]);
    expect(applyChange(["a", "b"], { kind: "purge" })).toEqual([]);
    expect(
      applyChanges(
        ["a"],
        [
          { kind: "update", from: "a", to: "b" },
          { kind: "delete", version: "b" },
        ],
      ),
    ).toEqual([]);
  });

  it("does not mutate its input", () => {
    const rows = ["a"];
    applyChange(rows, { kind: "delete", version: "a" });
    expect(rows).toEqual(["a"]);
  });

  it("is strict about missing and duplicate rows", () => {
    expect(() => applyChange([], { kind: "delete", version: "a" })).toThrow(VersionTableError);
    expect(() => applyChange(["a"], { kind: "insert", version: "a" })).toThrow(VersionTableError);
    expect(() => applyChange(["a"], { kind: "update", from: "b", to: "c" })).toThrow(
      /not in the version table/,
    );
    expect(() => applyChange(["a", "b"], { kind: "update", from: "a", to: "b" })).toThrow(/already has it/);
    expect(() =>
      applyChange(["a"], { kind: "merge", delete: ["x"], update: { from: "a", to: "m" } }),
    ).toThrow(VersionTableError);
  });
});

describe("migrationInfo", () => {
  it("describes upgrade and downgrade steps", () => {
    const map = diamond();
    const [merge] = map.upgradePlan(["x200", "y200"], "m100");
    expect(map.migrationInfo(merge)).toEqual({
      isUpgrade: true,
      isStamp: false,
      upRevisionId: "m100",
      upRevisionIds: ["m100"],
      downRevisionIds: ["x200", "y200"],
      sourceRevisionIds: ["x200", "y200"],
      destinationRevisionIds: ["m100"],
    });
    const [down] = map.downgradePlan(["m100"], "x200");
    const info = map.migrationInfo(down);
    expect(info.isUpgrade).toBe(false);
    expect(info.sourceRevisionIds).toEqual(["m100"]);
    expect(info.destinationRevisionIds).toEqual(["x200", "y200"]);
  });

  it("includes dependencies in the down side", () => {
    const map = dependent();
    const steps = map.upgradePlan([], "heads");
    expect(map.migrationInfo(steps[3]).downRevisionIds).toEqual(["net1", "acct2"]);
  });

  it("orients stamp changes by ancestry", () => {
    const map = fork();
    const [down] = map.stampPlan(["x200", "y200"], "a100");
    expect(map.migrationInfo(down)).toMatchObject({
      isUpgrade: false,
      isStamp: true,
      upRevisionIds: ["x200", "y200"],
      destinationRevisionIds: ["a100"],
    });
    const [up] = map.stampPlan(["a100"], "x200");
    expect(map.migrationInfo(up)).toMatchObject({ isUpgrade: true, isStamp: true, upRevisionId: "x200" });
    expect(map.migrationInfo({ kind: "insert", version: "y200" })).toMatchObject({
      isUpgrade: true,
      sourceRevisionIds: [],
    });
    expect(map.migrationInfo({ kind: "purge" })).toMatchObject({ isUpgrade: false, upRevisionId: null });
  });
});
