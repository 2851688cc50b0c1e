import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyChange,
  applyChanges,
  type MigrationStep,
  NotAncestorError,
  RevisionError,
  type RevisionInfo,
  RevisionMap,
} from "../../../../src/migrate/graph/index.js";
import { alembicStep, hasRedundantParent, Model, OracleGaveUp } from "./alembic-model.js";

const revisionShape = (index: number) =>
  index === 0
    ? fc.constant({ parents: [] as number[], deps: [] as number[], label: false })
    : fc.record({
        parents: fc.oneof(
          { weight: 1, arbitrary: fc.constant([] as number[]) },
          {
            weight: 6,
            arbitrary: fc.subarray([...Array(index).keys()], { minLength: 1, maxLength: Math.min(3, index) }),
          },
        ),
        deps: fc.oneof(
          { weight: 3, arbitrary: fc.constant([] as number[]) },
          { weight: 1, arbitrary: fc.subarray([...Array(index).keys()], { maxLength: Math.min(2, index) }) },
        ),
        label: fc.boolean(),
      });

const idOf = (i: number): string => `r${String(i).padStart(2, "0")}x`;

const dagArb = fc
  .integer({ min: 1, max: 11 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => revisionShape(i))))
  .map((shapes) =>
    shapes.map(
      (shape, i): RevisionInfo => ({
        revision: idOf(i),
        downRevision:
          shape.parents.length === 0
            ? null
            : shape.parents.length === 1
              ? idOf(shape.parents[0])
              : shape.parents.map(idOf),
        dependsOn: shape.deps.map(idOf),
        branchLabels: shape.label ? [`lab${i}`] : [],
      }),
    ),
  );

/** A DAG, an applied set (ancestor-closed) and a random pick of revisions to aim at. */
const scenarioArb = dagArb.chain((infos) =>
  fc.record({
    infos: fc.constant(infos),
    appliedSeed: fc.subarray(infos.map((i) => i.revision)),
    targets: fc.subarray(
      infos.map((i) => i.revision),
      { minLength: 1 },
    ),
    special: fc.constantFrom("none", "heads", "base"),
  }),
);

/** Runs steps from `start`, checking after each one that the table holds exactly the applied heads and that Alembic agrees. */
function replay(model: Model, start: ReadonlySet<string>, steps: readonly MigrationStep[]): Set<string> {
  const applied = new Set(start);
  let rows = model.heads(applied);
  let alembic: Set<string> | null = new Set(rows);
  for (const step of steps) {
    const id = step.revision.revision;
    if (step.direction === "up") {
      for (const p of model.parents(id)) expect(applied.has(p)).toBe(true);
      expect(applied.has(id)).toBe(false);
      applied.add(id);
    } else {
      expect(applied.has(id)).toBe(true);
      applied.delete(id);
      for (const other of applied) expect(model.parents(other)).not.toContain(id);
    }
    rows = applyChange(rows, step.versionChange);
    expect(rows).toEqual(model.heads(applied));
    if (alembic !== null) {
      try {
        alembicStep(model, alembic, id, step.direction === "up");
        expect([...alembic].sort()).toEqual(rows);
      } catch (error) {
        if (!(error instanceof OracleGaveUp)) throw error;
        // Alembic only misbehaves on revisions listing a parent that another parent already implies.
        expect(hasRedundantParent(model, id)).toBe(true);
        alembic = null;
      }
    }
  }
  return applied;
}

const RUNS = { numRuns: 400 };

describe("planning properties on random revision DAGs", () => {
  it("upgrade reaches exactly the target state, each revision once, as Alembic's HeadMaintainer would", () => {
    fc.assert(
      fc.property(scenarioArb, ({ infos, appliedSeed, targets, special }) => {
        const model = new Model(infos);
        const map = new RevisionMap(infos);
        const start = model.closure(appliedSeed);
        const target = special === "heads" ? "heads" : special === "base" ? "base" : targets[0];
        const steps = map.upgradePlan(model.heads(start), target);
        const wanted =
          target === "heads"
            ? new Set(model.ids)
            : target === "base"
              ? new Set<string>()
              : model.closure([target]);
        const expected = new Set([...start, ...wanted]);
        const stepIds = steps.map((s) => s.revision.revision);
        expect(new Set(stepIds).size).toBe(stepIds.length);
        expect(new Set(stepIds)).toEqual(new Set([...expected].filter((id) => !start.has(id))));
        const reached = replay(model, start, steps);
        expect(reached).toEqual(expected);
        expect(
          applyChanges(
            model.heads(start),
            steps.map((s) => s.versionChange),
          ),
        ).toEqual(model.heads(expected));
      }),
      RUNS,
    );
  });

  it("downgrade removes exactly what lies above the target, or refuses an unapplied target", () => {
    fc.assert(
      fc.property(scenarioArb, ({ infos, appliedSeed, targets, special }) => {
        const model = new Model(infos);
        const map = new RevisionMap(infos);
        const start = model.closure(appliedSeed);
        const target = special === "base" ? "base" : targets[0];
        const current = model.heads(start);
        if (target !== "base" && !start.has(target)) {
          expect(() => map.downgradePlan(current, target)).toThrow(NotAncestorError);
          return;
        }
        const roots =
          target === "base"
            ? model.ids.filter((id) => model.down.get(id)!.length === 0)
            : model.ids.filter((id) => model.down.get(id)!.includes(target));
        const drop = [...model.above(roots)].filter((id) => start.has(id));
        const steps = map.downgradePlan(current, target);
        const stepIds = steps.map((s) => s.revision.revision);
        expect(new Set(stepIds).size).toBe(stepIds.length);
        expect(new Set(stepIds)).toEqual(new Set(drop));
        const reached = replay(model, start, steps);
        expect(reached).toEqual(new Set([...start].filter((id) => !drop.includes(id))));
        if (target !== "base") expect(reached.has(target)).toBe(true);
        if (target === "base")
          expect(
            applyChanges(
              current,
              steps.map((s) => s.versionChange),
            ),
          ).toEqual([]);
      }),
      RUNS,
    );
  });

  it("upgrade to heads then downgrade to base empties the table, each revision applied once each way", () => {
    fc.assert(
      fc.property(dagArb, (infos) => {
        const model = new Model(infos);
        const map = new RevisionMap(infos);
        const up = map.upgradePlan([], "heads");
        expect(up.map((s) => s.revision.revision).sort()).toEqual([...model.ids].sort());
        const all = replay(model, new Set(), up);
        const rows = applyChanges(
          [],
          up.map((s) => s.versionChange),
        );
        expect(rows).toEqual(model.heads(all));
        const down = map.downgradePlan(rows, "base");
        expect(down.map((s) => s.revision.revision).sort()).toEqual([...model.ids].sort());
        replay(model, all, down);
        expect(
          applyChanges(
            rows,
            down.map((s) => s.versionChange),
          ),
        ).toEqual([]);
      }),
      RUNS,
    );
  });

  it("stamp replaces related rows by the targets and keeps unrelated rows", () => {
    fc.assert(
      fc.property(scenarioArb, fc.boolean(), ({ infos, appliedSeed, targets }, purge) => {
        const model = new Model(infos);
        const map = new RevisionMap(infos);
        const rows = model.heads(model.closure(appliedSeed));
        const strictlyBelow = (a: string, b: string): boolean => a !== b && model.closure([b]).has(a);
        const dests = targets.filter((t) => !targets.some((o) => strictlyBelow(t, o)));
        const related = (r: string): boolean =>
          dests.some((d) => model.closure([d]).has(r) || model.closure([r]).has(d));
        const plan = map.stampPlan(rows, dests, { purge });
        const kept = purge ? [] : rows.filter((r) => !related(r));
        expect(applyChanges(rows, plan)).toEqual([...new Set([...kept, ...dests])].sort());
      }),
      RUNS,
    );
  });

  it("a relative upgrade by +1 from a single head applies exactly one revision when it succeeds", () => {
    fc.assert(
      fc.property(scenarioArb, ({ infos, targets }) => {
        const model = new Model(infos);
        const map = new RevisionMap(infos);
        const start = model.closure([targets[0]]);
        const current = model.heads(start);
        if (current.length !== 1) return;
        const children = model.ids.filter((id) => model.down.get(id)!.includes(current[0]));
        if (children.length !== 1) {
          expect(() => map.upgradePlan(current, "+1")).toThrow();
          return;
        }
        const steps = map.upgradePlan(current, "+1");
        const needed = [...model.closure(children)].filter((id) => !start.has(id));
        expect(steps.map((s) => s.revision.revision).sort()).toEqual(needed.sort());
        expect(steps.at(-1)?.revision.revision).toBe(children[0]);
      }),
      RUNS,
    );
  });

  it("any identifier either plans a coherent movement or fails with a RevisionError", () => {
    const identifierArb = (infos: RevisionInfo[]) => {
      const names = [
        ...infos.map((i) => i.revision),
        ...infos.map((i) => i.revision.slice(0, 2)),
        ...infos.flatMap((i) => i.branchLabels ?? []),
        "head",
        "heads",
        "base",
        "nope",
      ];
      const symbol = fc.constantFrom(...names);
      const steps = fc.option(
        fc.integer({ min: -3, max: 3 }).filter((n) => n !== 0),
        { nil: null },
      );
      const branch = fc.option(fc.constantFrom(...names), { nil: null });
      return fc
        .tuple(branch, fc.option(symbol, { nil: null }), steps)
        .filter(([, sym, st]) => sym !== null || st !== null)
        .map(
          ([b, sym, st]) =>
            `${b === null ? "" : `${b}@`}${sym ?? ""}${st === null ? "" : st > 0 ? `+${st}` : `${st}`}`,
        );
    };
    const arb = dagArb.chain((infos) =>
      fc.record({
        infos: fc.constant(infos),
        appliedSeed: fc.subarray(infos.map((i) => i.revision)),
        identifier: identifierArb(infos),
        action: fc.constantFrom("upgrade", "downgrade", "stamp", "resolve"),
      }),
    );
    fc.assert(
      fc.property(arb, ({ infos, appliedSeed, identifier, action }) => {
        const model = new Model(infos);
        const map = new RevisionMap(infos);
        const start = model.closure(appliedSeed);
        const current = model.heads(start);
        try {
          if (action === "resolve") {
            const resolved = map.resolve(identifier, current);
            for (const id of resolved.revisions) expect(model.ids).toContain(id);
          } else if (action === "stamp") {
            const rows = applyChanges(current, map.stampPlan(current, identifier));
            for (const row of rows)
              expect(rows.some((o) => o !== row && model.closure([o]).has(row))).toBe(false);
          } else {
            const steps =
              action === "upgrade"
                ? map.upgradePlan(current, identifier)
                : map.downgradePlan(current, identifier);
            expect(steps.every((step) => step.direction === (action === "upgrade" ? "up" : "down"))).toBe(
              true,
            );
            replay(model, start, steps);
          }
        } catch (error) {
          if (!(error instanceof RevisionError)) throw error;
          expect(error.message.length).toBeGreaterThan(20);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
