import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { DbKind } from "../system.ts";

export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SYSTEMS_DIR = join(BENCH_DIR, "src", "systems");

/** Sizes of the data set and of each workload. */
export interface Sizes {
  readonly customers: number;
  readonly orders: number;
  /** W1: sequential primary-key lookups per timed run. */
  readonly w1Lookups: number;
  /** W2: orders per query, and queries per timed run. */
  readonly w2Limit: number;
  readonly w2Reps: number;
  /** W3: customers per query (each with all its orders), and queries per timed run. */
  readonly w3Limit: number;
  readonly w3Reps: number;
  /** W4: orders inserted per timed run. */
  readonly w4Rows: number;
  /** W5: orders loaded, changed and saved per timed run. */
  readonly w5Limit: number;
  /** Timed rounds (after one untimed warm-up round). */
  readonly rounds: number;
}

/** The sizes the issue asks for. */
export const FULL: Sizes = {
  customers: 10_000,
  orders: 100_000,
  w1Lookups: 2_000,
  w2Limit: 10_000,
  w2Reps: 10,
  w3Limit: 1_000,
  w3Reps: 5,
  w4Rows: 10_000,
  w5Limit: 1_000,
  rounds: 8,
};

/** A smoke run: every code path, a tenth of the data, two rounds. */
export const QUICK: Sizes = {
  customers: 1_000,
  orders: 10_000,
  w1Lookups: 200,
  w2Limit: 1_000,
  w2Reps: 2,
  w3Limit: 100,
  w3Reps: 2,
  w4Rows: 1_000,
  w5Limit: 100,
  rounds: 2,
};

export interface Options {
  readonly quick: boolean;
  readonly sizes: Sizes;
  readonly dbs: readonly DbKind[];
  /**
   * Databases in `dbs` that were not asked for by name: run when their server answers, skipped with a note
   * otherwise (MySQL/MariaDB in the default selection).
   */
  readonly optionalDbs: readonly DbKind[];
  /** System ids asked for with --systems (empty: all). The baseline of each database is always added. */
  readonly systems: readonly string[];
  /** Workload ids asked for with --workloads / BENCH_WORKLOADS (empty: all). */
  readonly workloads: readonly string[];
  readonly memory: boolean;
  /** Athanor's load and flush at 1k / 10k / 100k rows (child processes). */
  readonly scaling: boolean;
  /** Fresh processes to the first query with 100 models: Athanor, Drizzle, the raw driver. */
  readonly coldStart: boolean;
  readonly outDir: string;
  readonly pgUrl: string;
  readonly sqliteFile: string;
  readonly mysqlUrl: string;
}

/** Names accepted by --only / --db / BENCH_DATABASES for each database. */
const DB_NAMES: Record<string, DbKind> = {
  pg: "pg",
  postgres: "pg",
  postgresql: "pg",
  sqlite: "sqlite",
  mysql: "mysql",
  mariadb: "mysql",
};

/** Parses a comma-separated database list ("pg,sqlite,mysql"). */
export function parseDatabases(list: string): DbKind[] {
  const out: DbKind[] = [];
  for (const name of list
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)) {
    const kind = DB_NAMES[name];
    if (!kind) throw new Error(`unknown database "${name}": use pg, sqlite or mysql (comma-separated)`);
    if (!out.includes(kind)) out.push(kind);
  }
  if (out.length === 0)
    throw new Error(`no database in "${list}": use pg, sqlite or mysql (comma-separated)`);
  return out;
}

export const USAGE = `Usage: npm run bench [-- options]

  --quick              smoke run: 1/10 of the data, 2 rounds; results go to results/tmp/quick/
  --only=pg,sqlite,mysql
                       run these databases only (alias --db=, which also works through the root script;
                       default: pg and sqlite, plus mysql when its server answers)
  --systems=a,b        run only these systems (ids: file names in src/systems/; "raw" = both raw drivers);
                       the raw baseline of each database is always included
  --workloads=W3       run only these workloads (comma-separated; also BENCH_WORKLOADS)
  --rounds=N           timed rounds (default 8; 2 with --quick)
  --no-memory          skip the per-system memory measurement (child processes)
  --no-scaling         skip the scaling tables (Athanor's load and flush at 1k / 10k / 100k rows)
  --no-coldstart       skip the cold-start table (fresh processes to the first query with 100 models)
  --out=DIR            where to write latest.json / latest.md / ratios.svg (default results/)

Environment: BENCH_PG_URL (default postgresql://root@127.0.0.1:5432/athanor_bench), BENCH_SQLITE_FILE,
BENCH_MYSQL_URL (default mysql://root@127.0.0.1:3306/athanor_bench), BENCH_ATHANOR_BASELINE (a second
Athanor build's dist/, run as the system athanor-baseline), BENCH_ATHANOR_DIST (the current build's folder,
default ../dist), BENCH_DATABASES (same as --only), BENCH_ARGS (extra options, e.g. BENCH_ARGS="--quick --only=pg"). From the repository root,
\`npm run bench -- --quick --db=pg --systems=drizzle\` works too: npm hands flags it does not know to the
script as npm_config_* variables (it warns "Unknown cli config"; its own --only is why --db exists).`;

/**
 * Options come from argv, from BENCH_ARGS, and from npm_config_* variables: `npm run bench -- --quick` at the
 * repository root becomes `npm --prefix bench run bench --quick` there, and npm turns --quick into
 * npm_config_quick=true rather than passing it on.
 */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): Options {
  const args = [...(env.BENCH_ARGS ?? "").split(/\s+/).filter(Boolean), ...argv];
  const flags = new Map<string, string>();
  for (const arg of args) {
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`Unknown argument ${arg}\n\n${USAGE}`);
    flags.set(m[1]!, m[2] ?? "true");
  }
  const fromNpm = (name: string): string | undefined => {
    const v = env[`npm_config_${name.replace(/-/g, "_")}`];
    return v === undefined || v === "" ? undefined : v;
  };
  const flag = (name: string): string | undefined => flags.get(name) ?? fromNpm(name);
  const known = new Set([
    "quick",
    "only",
    "db",
    "systems",
    "rounds",
    "no-memory",
    "memory",
    "no-scaling",
    "no-coldstart",
    "out",
    "workloads",
  ]);
  for (const name of flags.keys()) {
    if (!known.has(name)) throw new Error(`Unknown option --${name}\n\n${USAGE}`);
  }

  const quick = isTrue(flag("quick"));
  let sizes = quick ? QUICK : FULL;
  const rounds = flag("rounds");
  if (rounds !== undefined) {
    const n = Number(rounds);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--rounds must be a positive integer, not ${rounds}`);
    sizes = { ...sizes, rounds: n };
  }
  // --db is an alias of --only: npm has an "only" setting of its own, so `npm run bench -- --only=pg` at the
  // repository root never reaches the script, while --db does.
  const only = flags.get("only") ?? flag("db") ?? env.BENCH_DATABASES;
  let dbs: DbKind[] = ["pg", "sqlite", "mysql"];
  let optionalDbs: DbKind[] = ["mysql"];
  if (only !== undefined && only !== "") {
    dbs = parseDatabases(only);
    optionalDbs = [];
  }
  const systems = (flag("systems") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const workloads = (flag("workloads") ?? env.BENCH_WORKLOADS ?? "")
    .split(",")
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  for (const w of workloads)
    if (!/^W[1-5]$/.test(w)) throw new Error(`unknown workload "${w}": use W1 to W5 (comma-separated)`);
  const memory = !isTrue(flag("no-memory")) && flag("memory") !== "false";
  const scaling = !isTrue(flag("no-scaling"));
  const coldStart = !isTrue(flag("no-coldstart"));
  const outDir = resolve(BENCH_DIR, flag("out") ?? (quick ? join("results", "tmp", "quick") : "results"));
  return {
    quick,
    sizes,
    dbs,
    optionalDbs,
    systems,
    workloads,
    memory,
    scaling,
    coldStart,
    outDir,
    pgUrl: env.BENCH_PG_URL ?? "postgresql://root@127.0.0.1:5432/athanor_bench",
    sqliteFile: resolve(
      BENCH_DIR,
      env.BENCH_SQLITE_FILE ??
        join("results", "tmp", quick ? "athanor-bench-quick.sqlite" : "athanor-bench.sqlite"),
    ),
    mysqlUrl: env.BENCH_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/athanor_bench",
  };
}

function isTrue(v: string | undefined): boolean {
  return v !== undefined && v !== "false" && v !== "0";
}
