import { describe, expect, it } from "vitest";
import { backoffDelay, retryOptions } from "../../../src/engine/retry.js";
import {
  ArgumentError,
  IntegrityError,
  isRetryableError,
  OperationalError,
  retrying,
} from "../../../src/index.js";

const pgSerialization = () =>
  new OperationalError("could not serialize access", { orig: { code: "40001" }, sqlstate: "40001" });
const pgDeadlock = () =>
  new OperationalError("deadlock detected", { orig: { code: "40P01" }, sqlstate: "40P01" });
const mysqlDeadlock = () =>
  new OperationalError("Deadlock found when trying to get lock", {
    orig: { errno: 1213, sqlState: "40001" },
  });

/** Issue 14, item 4: which errors re-run a unit of work, how often, and how long between runs. */
describe("retrying a unit of work", () => {
  it("serialization failures and deadlocks are retryable, also wrapped; other errors are not", () => {
    expect([pgSerialization(), pgDeadlock(), mysqlDeadlock()].map(isRetryableError)).toEqual([
      true,
      true,
      true,
    ]);
    expect(isRetryableError(new Error("flush failed", { cause: pgDeadlock() }))).toBe(true);
    const unique = new IntegrityError("duplicate key", { orig: { code: "23505" }, sqlstate: "23505" });
    expect([unique, new Error("x"), null, "40001"].map(isRetryableError)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it("re-runs until the work succeeds, calling onRetry with the failed run's number", async () => {
    const seen: number[] = [];
    const result = await retrying(
      async (attempt) => {
        if (attempt < 3) throw attempt === 1 ? pgSerialization() : mysqlDeadlock();
        return `done on run ${attempt}`;
      },
      { attempts: 5, baseDelay: 1, onRetry: (_e, n) => seen.push(n) },
    );
    expect(result).toBe("done on run 3");
    expect(seen).toEqual([1, 2]);
  });

  it("gives up after `attempts` runs with the last error; other errors are thrown at once", async () => {
    let runs = 0;
    await expect(
      retrying(
        async () => {
          runs++;
          throw pgDeadlock();
        },
        { attempts: 3, baseDelay: 0 },
      ),
    ).rejects.toThrow(/deadlock detected/);
    expect(runs).toBe(3);
    runs = 0;
    await expect(
      retrying(async () => {
        runs++;
        throw new IntegrityError("duplicate key", { orig: { code: "23505" }, sqlstate: "23505" });
      }, 5),
    ).rejects.toBeInstanceOf(IntegrityError);
    expect(runs).toBe(1);
  });

  it("backoff doubles from baseDelay up to maxDelay, with full jitter; bad settings are refused", () => {
    const top = () => 1;
    expect([1, 2, 3, 4, 10].map((n) => backoffDelay(n, 20, 100, top))).toEqual([20, 40, 80, 100, 100]);
    expect(backoffDelay(3, 20, 100, () => 0.5)).toBe(40);
    expect(retryOptions(true).attempts).toBe(5);
    expect(retryOptions(2).attempts).toBe(2);
    expect(retryOptions(false).attempts).toBe(1);
    expect(() => retryOptions({ attempts: 0 })).toThrow(ArgumentError);
    expect(() => retryOptions({ baseDelay: -1 })).toThrow(/milliseconds/);
  });
});
