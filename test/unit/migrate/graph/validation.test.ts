import { describe, expect, it } from "vitest";
import {
  BranchLabelError,
  CycleDetectedError,
  DependencyError,
  DuplicateRevisionError,
  InvalidIdentifierError,
  RevisionError,
  type RevisionInfo,
  RevisionMap,
  UnknownRevisionError,
} from "../../../../src/migrate/graph/index.js";
import { rev } from "./fixtures.js";

function failure(build: () => unknown): RevisionError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(RevisionError);
    return error as RevisionError;
  }
  throw new Error("expected a RevisionError");
}

describe("RevisionMap validation", () => {
  it("accepts an empty map", () => {
    const map = new RevisionMap([]);
    expect(map.size).toBe(0);
    expect(map.heads).toEqual([]);
    expect(map.bases).toEqual([]);
    expect(map.upgradePlan([], "head")).toEqual([]);
    expect(map.upgradePlan([], "heads")).toEqual([]);
  });

  it("rejects duplicate ids, naming both files", () => {
    const error = failure(
      () =>
        new RevisionMap([rev("abc1", null, { path: "v/one.ts" }), rev("abc1", null, { path: "v/two.ts" })]),
    );
    expect(error).toBeInstanceOf(DuplicateRevisionError);
    expect(error.code).toBe("duplicate_revision");
    expect(error.message).toContain("abc1");
    expect(error.message).toContain("v/one.ts");
    expect(error.message).toContain("v/two.ts");
  });

  it("rejects a down revision that is not loaded, saying where revisions come from", () => {
    const error = failure(
      () =>
        new RevisionMap([
          rev("aaa1", null, { path: "migrations/versions/aaa1.ts" }),
          rev("bbb1", "zzz9", { path: "migrations/versions/bbb1.ts" }),
        ]),
    );
    expect(error).toBeInstanceOf(UnknownRevisionError);
    expect(error.message).toContain("zzz9");
    expect(error.message).toContain("bbb1");
    expect(error.message).toContain("migrations/versions");
    expect(error.message).toMatch(/restore/i);
  });

  it("rejects an unknown dependency", () => {
    const error = failure(
      () => new RevisionMap([rev("aaa1", null), rev("bbb1", "aaa1", { dependsOn: ["nope"] })]),
    );
    expect(error).toBeInstanceOf(DependencyError);
    expect(error.code).toBe("dependency");
    expect(error.message).toContain("nope");
    expect(error.message).toContain("bbb1");
  });

  it("detects a cycle and lists it", () => {
    const error = failure(
      () => new RevisionMap([rev("ccc1", "ccc3"), rev("ccc2", "ccc1"), rev("ccc3", "ccc2")]),
    );
    expect(error).toBeInstanceOf(CycleDetectedError);
    const cycle = error as CycleDetectedError;
    expect([...cycle.revisions].sort()).toEqual(["ccc1", "ccc2", "ccc3"]);
    expect(cycle.viaDependency).toBe(false);
    expect(error.message).toContain("ccc1 -> ccc3 -> ccc2 -> ccc1");
  });

  it("detects a cycle reachable from a valid base", () => {
    const error = failure(
      () =>
        new RevisionMap([
          rev("r001", null),
          rev("r002", ["r001", "r004"]),
          rev("r003", "r002"),
          rev("r004", "r003"),
        ]),
    );
    expect(error).toBeInstanceOf(CycleDetectedError);
    expect([...(error as CycleDetectedError).revisions].sort()).toEqual(["r002", "r003", "r004"]);
  });

  it("detects a cycle that goes through dependsOn", () => {
    const error = failure(
      () =>
        new RevisionMap([
          rev("aaa1", null),
          rev("aaa2", "aaa1", { dependsOn: ["bbb2"] }),
          rev("bbb1", null),
          rev("bbb2", "bbb1", { dependsOn: ["aaa2"] }),
        ]),
    );
    expect(error).toBeInstanceOf(CycleDetectedError);
    expect((error as CycleDetectedError).viaDependency).toBe(true);
    expect(error.message).toMatch(/dependency cycle/i);
  });

  it("detects self-loops", () => {
    expect(failure(() => new RevisionMap([rev("aaa1", "aaa1")]))).toBeInstanceOf(CycleDetectedError);
    expect(failure(() => new RevisionMap([rev("aaa1", null, { dependsOn: ["aaa1"] })]))).toBeInstanceOf(
      CycleDetectedError,
    );
  });

  it("rejects duplicate branch labels", () => {
    const error = failure(
      () =>
        new RevisionMap([
          rev("aaa1", null, { branchLabels: ["main"] }),
          rev("bbb1", null, { branchLabels: ["main"] }),
        ]),
    );
    expect(error).toBeInstanceOf(BranchLabelError);
    expect(error.message).toContain("main");
    expect(error.message).toContain("aaa1");
    expect(error.message).toContain("bbb1");
  });

  it("rejects a branch label equal to a revision id", () => {
    const error = failure(
      () => new RevisionMap([rev("aaa1", null), rev("bbb1", "aaa1", { branchLabels: ["aaa1"] })]),
    );
    expect(error).toBeInstanceOf(BranchLabelError);
    expect(error.message).toContain("aaa1");
  });

  it("rejects ids and labels that identifier syntax cannot express", () => {
    for (const bad of ["a-b", "a+b", "a@b", "a:b", "a b", "", "head", "base"]) {
      expect(failure(() => new RevisionMap([rev(bad, null)]))).toBeInstanceOf(InvalidIdentifierError);
    }
    expect(failure(() => new RevisionMap([rev("aaa1", null, { branchLabels: ["x@y"] })]))).toBeInstanceOf(
      InvalidIdentifierError,
    );
    expect(failure(() => new RevisionMap([rev("aaa1", null, { branchLabels: ["heads"] })]))).toBeInstanceOf(
      InvalidIdentifierError,
    );
  });

  it("rejects dependsOn and branchLabels given as plain strings", () => {
    const loose = (extra: object) =>
      [rev("aaa1", null), { ...rev("bbb1", "aaa1"), ...extra }] as RevisionInfo[];
    expect(failure(() => new RevisionMap(loose({ dependsOn: "aaa1" })))).toBeInstanceOf(
      InvalidIdentifierError,
    );
    expect(failure(() => new RevisionMap(loose({ branchLabels: "main" })))).toBeInstanceOf(
      InvalidIdentifierError,
    );
  });

  it("allows '-' in branch labels, as neutron's expand/contract labels do", () => {
    const map = new RevisionMap([
      rev("aaa1", null, { branchLabels: ["networking-expand"] }),
      rev("aaa2", "aaa1"),
    ]);
    expect(map.resolve("networking-expand@head").revisions).toEqual(["aaa2"]);
  });

  it("resolves dependsOn given as a branch label to the revision declaring it", () => {
    const map = new RevisionMap([
      rev("aaa1", null, { branchLabels: ["account"] }),
      rev("aaa2", "aaa1"),
      rev("bbb1", null, { dependsOn: ["account"] }),
    ]);
    expect(map.get("bbb1").dependencies).toEqual(["aaa1"]);
  });

  it("drops a dependency that is also a down revision", () => {
    const map = new RevisionMap([rev("aaa1", null), rev("aaa2", "aaa1", { dependsOn: ["aaa1"] })]);
    expect(map.get("aaa2").dependencies).toEqual([]);
  });
});
