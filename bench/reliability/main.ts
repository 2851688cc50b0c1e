/**
 * Reliability figures (issue 14): run with `npx tsx bench/reliability/main.ts`. PostgreSQL and
 * MariaDB/MySQL are used when ATHANOR_TEST_POSTGRES_URL / ATHANOR_TEST_MYSQL_URL are set (a
 * private database is made on each and dropped); SQLite and PGlite always, for the fuzzing.
 * RELIABILITY_QUICK=1 runs fewer kill points and a shorter worker run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEngine } from "../../src/index.js";
import { fuzzRoundTrip } from "./fuzz.js";
import { killPoints } from "./kill-points.js";
import { killingWorkers } from "./killing-workers.js";
import { serverDb } from "./support.js";

const quick = process.env.RELIABILITY_QUICK === "1";
const servers = [
  ["postgresql", process.env.ATHANOR_TEST_POSTGRES_URL],
  ["mysql", process.env.ATHANOR_TEST_MYSQL_URL],
] as const;

const line = (label: string, value: unknown) => console.log(`  ${label.padEnd(44)} ${String(value)}`);

async function main(): Promise<void> {
  const started = performance.now();
  console.log("Athanor reliability figures\n");
  for (const [name, url] of servers) {
    if (!url) {
      console.log(
        `${name}: skipped (set ${name === "postgresql" ? "ATHANOR_TEST_POSTGRES_URL" : "ATHANOR_TEST_MYSQL_URL"})\n`,
      );
      continue;
    }
    const db = await serverDb(name, url);
    try {
      console.log(`${name === "mysql" ? "MariaDB/MySQL" : "PostgreSQL"}:`);
      const k = await killPoints(db, quick ? 40 : 200);
      line("kill points tried", k.tried);
      line("  units of work interrupted by the kill", k.interrupted);
      line("  partial commits", k.partialCommits);
      line("  acknowledged commits missing", k.acknowledgedMissing);
      const w = await killingWorkers(db, 50, quick ? 4 : 10, quick ? 1500 : 3000);
      line(
        `${w.workers} workers, every backend killed ${w.killRounds}x`,
        `${w.seconds} s, ${w.sessionsKilled} sessions killed`,
      );
      line("  commits acknowledged", w.commitsAcknowledged);
      line("  units of work failed (not acknowledged)", w.failedUnitsOfWork);
      line("  acknowledged-but-missing rows", w.acknowledgedMissing);
      line("  worst recovery (kill -> next commit)", `${w.worstRecoveryMs} ms`);
      line("  leaked checkouts / server sessions", `${w.leakedCheckouts} / ${w.leakedServerSessions}`);
      const f = await fuzzRoundTrip(db.engine({ poolSize: 2 }), quick ? 100 : 500);
      line("fuzzed values round-tripped", `${f.roundTripped} / ${f.values}`);
      for (const m of f.mismatches) line("  mismatch", m);
      console.log();
    } finally {
      await db.drop();
    }
  }
  const dir = mkdtempSync(join(tmpdir(), "athanor-rel-"));
  try {
    for (const [label, url] of [
      ["SQLite", `sqlite:///${join(dir, "fuzz.db")}`],
      ["PGlite", "postgresql+pglite://"],
    ] as const) {
      const engine = createEngine(url);
      const f = await fuzzRoundTrip(engine, quick ? 100 : 500);
      console.log(`${label}:`);
      line("fuzzed values round-tripped", `${f.roundTripped} / ${f.values}`);
      for (const m of f.mismatches) line("  mismatch", m);
      console.log();
      await engine.dispose();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main().catch((e: unknown) => {
  console.error(`reliability run failed: ${String((e as Error)?.message ?? e).split("\n")[0]}`);
  process.exit(1);
});
