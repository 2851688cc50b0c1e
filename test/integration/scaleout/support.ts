import { describe } from "vitest";
import { createEngine, makeUrl } from "../../../src/index.js";
import { type Provisioned, provision } from "../../support/databases.js";

/** The scale-out servers (scripts/ci/scaleout-servers.sh prints these as export lines). */
export interface ScaleoutServers {
  primary: string;
  replica: string;
  pgbouncer: string;
}

const START = 'eval "$(scripts/ci/scaleout-servers.sh)"';

/**
 * The servers, when this run has a PostgreSQL server: then the replica and PgBouncer URLs must be
 * set too (a run with servers tests scale-out, or fails saying how to start them). Without any
 * server (npm test on a laptop) there is nothing to route to: null, and a note says so.
 */
export function scaleoutServers(): ScaleoutServers | null {
  const primary = process.env.ATHANOR_TEST_POSTGRES_URL;
  if (!primary) {
    console.info(
      "scale-out tests: not run (no ATHANOR_TEST_POSTGRES_URL); with a PostgreSQL 15 server on 127.0.0.1:5432, run " +
        START,
    );
    return null;
  }
  const replica = process.env.ATHANOR_TEST_REPLICA_URL;
  const pgbouncer = process.env.ATHANOR_TEST_PGBOUNCER_URL;
  if (!replica || !pgbouncer)
    throw new Error(
      `ATHANOR_TEST_POSTGRES_URL is set but ATHANOR_TEST_REPLICA_URL / ATHANOR_TEST_PGBOUNCER_URL are not: start the replica and PgBouncer with ${START}`,
    );
  return { primary, replica, pgbouncer };
}

/** `describe` when the scale-out servers are configured (see scaleoutServers). */
export function describeScaleout(title: string, suite: (servers: ScaleoutServers) => void): void {
  const servers = scaleoutServers();
  if (servers) describe(title, () => suite(servers));
}

/** The same database (by name) on another server of the same cluster: the replica, PgBouncer. */
export function sameDatabase(url: string, server: string): string {
  const database = makeUrl(url).database;
  return makeUrl(server).set({ database }).render(false);
}

/** A private database on the primary, once the replica has replayed its creation. */
export async function provisionReplicated(
  servers: ScaleoutServers,
): Promise<Provisioned & { replicaUrl: string }> {
  const db = await provision("postgresql", {});
  const replicaUrl = sameDatabase(db.url, servers.replica);
  const probe = createEngine(replicaUrl, { poolClass: "null" });
  const deadline = Date.now() + 10_000;
  try {
    for (;;) {
      try {
        await probe.begin(async (c) => c.executeDriverSql("SELECT 1"));
        break;
      } catch (e) {
        if (Date.now() > deadline)
          throw new Error(`the replica did not show database ${makeUrl(db.url).database} within 10 s`, {
            cause: e,
          });
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  } finally {
    await probe.dispose();
  }
  return { ...db, replicaUrl };
}

/** Counts statements per engine (primary, each replica) from afterExecute events. */
export function countStatements(
  engines: readonly { on(e: "afterExecute", l: (e: { sql: string }) => void): unknown }[],
): {
  counts: number[];
  reset(): void;
} {
  const counts = engines.map(() => 0);
  engines.forEach((engine, i) => {
    engine.on("afterExecute", () => {
      counts[i]!++;
    });
  });
  return {
    counts,
    reset: () => counts.fill(0),
  };
}
