import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  httpErrorOf,
  IntegrityError,
  NoResultFound,
  PaginationError,
  PendingRollbackError,
  StaleDataError,
  TimeoutError,
} from "../../../src/index.js";

function integrity(orig: object, statement?: string): IntegrityError {
  return new IntegrityError(`${String((orig as { message?: string }).message)}\n[SQL: ${statement}]`, {
    orig,
    statement,
    params: ["secret-parameter"],
  });
}

describe("httpErrorOf", () => {
  it("answers IntegrityError with the constraint and table, never the message, SQL or parameters", () => {
    const e = integrity(
      { message: "UNIQUE constraint failed: kits.code" },
      "INSERT INTO kits (code) VALUES (?)",
    );
    e.constraint = "uq_kits_code";
    const answer = httpErrorOf(e)!;
    expect(answer).toEqual({
      status: 409,
      body: {
        error: "conflict",
        message: 'The change violates a constraint "uq_kits_code" on table "kits"',
        constraint: "uq_kits_code",
        table: "kits",
      },
    });
    expect(JSON.stringify(answer)).not.toMatch(/INSERT|secret-parameter|UNIQUE/);
  });

  it("IntegrityError.table: from the driver's field, its message, or the statement's target", () => {
    expect(integrity({ message: "x", table: "custody_events" }).table).toBe("custody_events");
    expect(integrity({ message: "NOT NULL constraint failed: users.email" }).table).toBe("users");
    expect(integrity({ message: "Duplicate entry 'a' for key 'kits.uq_kits_code'" }).table).toBe("kits");
    expect(
      integrity({
        message:
          "Cannot add or update a child row: a foreign key constraint fails (`db`.`custody_events`, CONSTRAINT `fk` FOREIGN KEY)",
      }).table,
    ).toBe("custody_events");
    // MariaDB names only the key: the statement says which table was written.
    expect(
      integrity(
        { message: "Duplicate entry 'a' for key 'uq_kits_code'" },
        "INSERT INTO `kits` (`code`) VALUES (?)",
      ).table,
    ).toBe("kits");
    expect(integrity({ message: "violates" }, 'UPDATE "app"."kits" SET "code"=$1').table).toBe("kits");
    expect(
      integrity({ message: "FOREIGN KEY constraint failed" }, "DELETE FROM users WHERE id = ?").table,
    ).toBe("users");
    expect(integrity({ message: "?" }).table).toBeUndefined();
    const set = integrity({ message: "?" });
    set.table = "given";
    expect(set.table).toBe("given");
    expect(httpErrorOf(integrity({ message: "?" }))!.body).toEqual({
      error: "conflict",
      message: "The change violates a constraint",
    });
  });

  it("maps the other expected errors, and leaves the rest to the caller", () => {
    expect(httpErrorOf(new NoResultFound("No row was found when one was required"))!.body).toEqual({
      error: "not_found",
      message: "No row was found when one was required",
    });
    expect(
      httpErrorOf(new NoResultFound("No Kit with primary key 3; use get() to receive null instead"))!.body
        .message,
    ).toBe("No Kit with primary key 3");
    expect(httpErrorOf(new StaleDataError("UPDATE kits ... [SQL: UPDATE kits SET x=?]"))!.status).toBe(409);
    expect(JSON.stringify(httpErrorOf(new StaleDataError("[SQL: UPDATE kits]")))).not.toContain("SQL");
    expect(httpErrorOf(new TimeoutError("QueuePool limit"))).toMatchObject({
      status: 503,
      headers: { "Retry-After": "1" },
    });
    expect(httpErrorOf(new PaginationError("perPage must be ..."))!.status).toBe(400);
    expect(httpErrorOf(new Error("boom"))).toBeNull();
    expect(httpErrorOf("not an error")).toBeNull();
  });

  it("answers a PendingRollbackError as the flush error that caused it", () => {
    const cause = integrity({ message: "x", table: "kits" });
    expect(httpErrorOf(new PendingRollbackError("rolled back", { cause }))!.status).toBe(409);
    expect(httpErrorOf(new PendingRollbackError("rolled back"))).toBeNull();
  });

  it("answers a zod error with where and what, not the input", () => {
    const result = z
      .object({ code: z.string().max(3), n: z.number() })
      .safeParse({ code: "secret-value", n: "x" });
    const answer = httpErrorOf(result.error)!;
    expect(answer.status).toBe(400);
    expect(answer.body.issues!.map((i) => i.path)).toEqual([["code"], ["n"]]);
    expect(JSON.stringify(answer)).not.toContain("secret-value");
  });
});
