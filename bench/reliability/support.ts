import { randomBytes } from "node:crypto";
import { createEngine, type Engine, type EngineOptions, makeUrl, text } from "../../src/index.js";

/** A server the figures are measured on, with a private database made for the run. */
export interface ServerDb {
  readonly name: "postgresql" | "mysql";
  readonly url: string;
  engine(options?: EngineOptions): Engine;
  /** Ends every other session on this database (what a crashed or restarted backend does to clients). */
  killAll(): Promise<number>;
  /** Ends one session by its server id. */
  kill(id: number): Promise<void>;
  /** Sessions open on this database, besides the admin's own. */
  sessions(): Promise<number>;
  /** The statement giving the current session's server id. */
  readonly idSql: string;
  drop(): Promise<void>;
}

/** A private database on the server at `serverUrl`, dropped by drop(). */
export async function serverDb(name: "postgresql" | "mysql", serverUrl: string): Promise<ServerDb> {
  const db = `athanor_rel_${randomBytes(4).toString("hex")}`;
  const admin = createEngine(serverUrl, {
    poolSize: 2,
    ...(name === "postgresql" ? { isolationLevel: "AUTOCOMMIT" as const } : {}),
  });
  await admin.begin((c) => c.executeDriverSql(`CREATE DATABASE ${db}`));
  const url = makeUrl(serverUrl).set({ database: db }).render(false);
  const pg = name === "postgresql";
  const engines: Engine[] = [];
  const ids = async (): Promise<number[]> =>
    admin.begin(async (c) =>
      (
        await c.execute(
          text(
            pg
              ? "SELECT pid FROM pg_stat_activity WHERE datname = :db AND pid <> pg_backend_pid()"
              : "SELECT id FROM information_schema.processlist WHERE db = :db AND id <> CONNECTION_ID()",
          ),
          { db },
        )
      )
        .scalars()
        .all()
        .map(Number),
    );
  const kill = async (id: number) => {
    await admin
      .begin((c) => c.executeDriverSql(pg ? `SELECT pg_terminate_backend(${id})` : `KILL CONNECTION ${id}`))
      .catch(() => undefined);
  };
  return {
    name,
    url,
    idSql: pg ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()",
    engine(options) {
      const e = createEngine(url, options);
      engines.push(e);
      return e;
    },
    async killAll() {
      const list = await ids();
      await Promise.all(list.map(kill));
      return list.length;
    },
    kill,
    async sessions() {
      return (await ids()).length;
    },
    async drop() {
      for (const e of engines) await e.dispose().catch(() => undefined);
      await admin.begin((c) =>
        c.executeDriverSql(
          pg ? `DROP DATABASE IF EXISTS ${db} WITH (FORCE)` : `DROP DATABASE IF EXISTS ${db}`,
        ),
      );
      await admin.dispose();
    },
  };
}

/** A seeded generator (mulberry32): the same figures for the same seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
