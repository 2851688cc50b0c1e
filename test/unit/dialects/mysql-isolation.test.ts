import { describe, expect, it } from "vitest";
import type { DriverConnection, DriverResult } from "../../../src/dialects/driver.js";
import { MysqlDialect } from "../../../src/dialects/mysql/dialect.js";

/** A driver connection answering the isolation query with `isolation`, or refusing a variable. */
function fakeServer(isolation: string, unknownVariable: string | null): DriverConnection & { sql: string[] } {
  const sql: string[] = [];
  return {
    raw: null,
    sql,
    async execute(text: string): Promise<DriverResult> {
      sql.push(text);
      if (unknownVariable !== null && text.includes(`@@${unknownVariable}`))
        throw Object.assign(new Error(`Unknown system variable '${unknownVariable}'`), { errno: 1193 });
      return { rows: [["10.11.19-MariaDB", isolation]], fields: ["v", "i"], rowCount: 1 };
    },
  } as unknown as DriverConnection & { sql: string[] };
}

describe("MySQL isolation level: detected once, decides autocommit", () => {
  it("reads @@transaction_isolation, or @@tx_isolation where the server does not know it", async () => {
    const modern = new MysqlDialect();
    await modern.initialize(fakeServer("READ-COMMITTED", null));
    expect(modern.defaultIsolationLevel).toBe("READ COMMITTED");

    const old = new MysqlDialect();
    const server = fakeServer("SERIALIZABLE", "transaction_isolation");
    await old.initialize(server);
    expect(server.sql).toEqual([
      "SELECT VERSION(), @@transaction_isolation",
      "SELECT VERSION(), @@tx_isolation",
    ]);
    expect(old.defaultIsolationLevel).toBe("SERIALIZABLE");
    expect(old.isMariaDb).toBe(true);
  });

  it("runs autocommit off only where every statement must be in the transaction", async () => {
    const d = new MysqlDialect();
    await d.initialize(fakeServer("REPEATABLE-READ", null));
    expect(d.connectIsolationSql(undefined)).toEqual(["SET SESSION autocommit = 0"]);
    await d.initialize(fakeServer("READ-UNCOMMITTED", null));
    expect(d.connectIsolationSql(undefined)).toEqual([]);
    expect(d.connectIsolationSql("SERIALIZABLE")).toEqual([
      "SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE",
      "SET SESSION autocommit = 0",
    ]);
    expect(d.isolationLevelSql("READ COMMITTED")).toEqual([
      "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED",
      "SET SESSION autocommit = 1",
    ]);
    expect(d.isolationLevelSql("AUTOCOMMIT")).toEqual(["SET SESSION autocommit = 1"]);
  });
});
