import { describe, expect, it } from "vitest";
import { MysqlDialect } from "../../../src/dialects/mysql/dialect.js";
import { PgDialect } from "../../../src/dialects/postgresql/dialect.js";
import { SqliteDialect } from "../../../src/dialects/sqlite/dialect.js";
import {
  createEngine,
  DataError,
  IntegrityError,
  InterfaceError,
  InternalError,
  Json,
  NotSupportedError,
  OperationalError,
  ProgrammingError,
  Time,
} from "../../../src/index.js";

const pgError = (code: string, message = "boom", extra: object = {}) =>
  Object.assign(new Error(message), { code, ...extra });

describe("PostgreSQL errors map by SQLSTATE class, as psycopg2 maps them", () => {
  const pg = new PgDialect("pg");
  it.each([
    ["23505", IntegrityError],
    ["22001", DataError],
    ["42P01", ProgrammingError],
    ["3D000", ProgrammingError],
    ["0A000", NotSupportedError],
    ["25P02", InternalError],
    ["XX000", InternalError],
    ["28P01", OperationalError],
    ["40001", OperationalError],
    ["53300", OperationalError],
    ["57014", OperationalError],
  ] as const)("%s", (code, cls) => {
    const e = pg.mapError(pgError(code), { sql: "SELECT 1", params: [] });
    expect(e).toBeInstanceOf(cls);
    expect((e as { sqlstate?: string }).sqlstate).toBe(code);
  });

  it("names the constraint of an integrity error", () => {
    const e = pg.mapError(pgError("23505", "duplicate key", { constraint: "uq_x", table: "t" }), {});
    expect((e as IntegrityError).constraint).toBe("uq_x");
    expect(e.message).toContain('constraint "uq_x" on table "t"');
  });

  it("marks lost connections as invalidated OperationalErrors", () => {
    const e = pg.mapError(pgError("57P01", "terminating connection due to administrator command"), {});
    expect(e).toBeInstanceOf(OperationalError);
    expect((e as OperationalError).connectionInvalidated).toBe(true);
  });

  it("makes every failure to connect an OperationalError naming the masked URL", () => {
    const e = pg.mapError(pgError("3D000", 'database "nope" does not exist'), {
      connecting: "postgresql://u:***@h/nope",
    });
    expect(e).toBeInstanceOf(OperationalError);
    expect(e.message).toContain("[while connecting to postgresql://u:***@h/nope]");
    const dns = pg.mapError(Object.assign(new Error("getaddrinfo ENOTFOUND nohost"), { code: "ENOTFOUND" }), {
      connecting: "postgresql://nohost/db",
    });
    expect(dns).toBeInstanceOf(OperationalError);
  });

  it("explains NUL in text", () => {
    const bound = pg.mapError(pgError("22021", 'invalid byte sequence for encoding "UTF8": 0x00'), {});
    const literal = pg.mapError(pgError("54000", "null character not permitted"), {});
    for (const e of [bound, literal]) {
      expect(e).toBeInstanceOf(DataError);
      expect(e.message).toContain("PostgreSQL text cannot contain NUL");
    }
  });

  it("keeps parameters out of the message with hideParameters", () => {
    const e = pg.mapError(pgError("23505"), { sql: "INSERT", params: ["secret"], hideParameters: true });
    expect(e.message).not.toContain("secret");
    expect((e as IntegrityError).params).toBeUndefined();
  });
});

describe("MySQL errors map by errno", () => {
  const my = new MysqlDialect();
  const myError = (errno: number, message: string, sqlState = "HY000") =>
    Object.assign(new Error(message), { errno, sqlState, code: "ER" });
  it.each([
    [1062, IntegrityError, "Duplicate entry 'a' for key 'uq_code'"],
    [1406, DataError, "Data too long for column 'code' at row 1"],
    [1264, DataError, "Out of range value for column 'qty' at row 1"],
    [1146, ProgrammingError, "Table 'test.nope' doesn't exist"],
    [1305, ProgrammingError, "FUNCTION test.no_such_fn does not exist"],
    [1213, OperationalError, "Deadlock found when trying to get lock"],
  ] as const)("%s", (errno, cls, message) => {
    expect(my.mapError(myError(errno, message), {})).toBeInstanceOf(cls);
  });

  it("names the constraint from the message", () => {
    expect(
      (my.mapError(myError(1062, "Duplicate entry 'a' for key 'uq_code'"), {}) as IntegrityError).constraint,
    ).toBe("uq_code");
    expect(
      (
        my.mapError(
          myError(
            1452,
            "Cannot add or update a child row: a foreign key constraint fails (`db`.`c`, CONSTRAINT `fk_c_p` FOREIGN KEY (`p`) REFERENCES `p` (`id`))",
          ),
          {},
        ) as IntegrityError
      ).constraint,
    ).toBe("fk_c_p");
  });

  it("makes a refused login an OperationalError", () => {
    const e = my.mapError(
      myError(1045, "Access denied for user 'root'@'localhost' (using password: YES)", "28000"),
      {
        connecting: "mysql://root:***@h/db",
      },
    );
    expect(e).toBeInstanceOf(OperationalError);
  });
});

describe("SQLite errors", () => {
  const lite = new SqliteDialect();
  it("maps a value too big for SQLite to DataError, and misuse to ProgrammingError", () => {
    expect(
      lite.mapError(new RangeError("The bound string, buffer, or bigint is too big"), {}),
    ).toBeInstanceOf(DataError);
    expect(lite.mapError(new RangeError("Too many parameter values were provided"), {})).toBeInstanceOf(
      ProgrammingError,
    );
    expect(
      lite.mapError(new TypeError("SQLite3 can only bind numbers, strings, bigints, buffers, and null"), {}),
    ).toBeInstanceOf(InterfaceError);
  });

  it("maps tokenizer errors to ProgrammingError", () => {
    const e = Object.assign(new Error('unrecognized token: "\'"'), { code: "SQLITE_ERROR" });
    expect(lite.mapError(e, {})).toBeInstanceOf(ProgrammingError);
  });

  it("uses the constraint name the driver adapter found", () => {
    const e = Object.assign(new Error("UNIQUE constraint failed: t.code"), {
      code: "SQLITE_CONSTRAINT_UNIQUE",
      constraint: "uq_t_code",
    });
    expect((lite.mapError(e, {}) as IntegrityError).constraint).toBe("uq_t_code");
  });
});

describe("literals and values with NUL, and normalised result forms", () => {
  it("renders NUL in SQLite string literals as char(0)", () => {
    expect(new SqliteDialect().quoteString("a'\u0000b")).toBe("('a''' || char(0) || 'b')");
    expect(new SqliteDialect().quoteString("plain")).toBe("'plain'");
    expect(new MysqlDialect().quoteString("a\u0000b")).toBe("'a\\0b'");
  });

  it("reads MySQL's zero-padded TIME(6) in the form PostgreSQL returns", () => {
    const read = Time().resultProcessor()!;
    expect(read("12:30:00.000000")).toBe("12:30:00");
    expect(read("12:30:00.120000")).toBe("12:30:00.12");
    expect(read("12:30:00.5+02")).toBe("12:30:00.5+02");
    expect(read("12:30:00.500000+05:30")).toBe("12:30:00.5+05:30");
    expect(read("12:30:00")).toBe("12:30:00");
  });

  it("reads a JSON number SQLite returned as an exact integer", () => {
    const read = Json().resultProcessor()!;
    expect(read(0n)).toBe(0);
    expect(read("[1]")).toEqual([1]);
  });
});

describe("echo", () => {
  it("formats any parameters, nested executemany sets included, without throwing", () => {
    const lines: string[] = [];
    const engine = createEngine("sqlite://", { echo: true, logger: { info: (m) => lines.push(m) } });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    engine.logStatement("UPDATE t SET a = ?", [[1n, new Uint8Array(3)], ["x", null], cyclic], 1.5, null);
    expect(lines[0]).toContain('([1n, <3 bytes>], ["x", null], [object Object])');
    expect(lines[0]).toContain("[raw sql in 1.50ms]");
  });
});
