/**
 * Cold start (issue 17): time from process start to the first query with 100 models defined, in a fresh
 * `node` per run (no tsx, no loader hooks: plain ES modules, as an application ships). Each script imports
 * its library, defines the 100 models of bench/typecheck/app (8 columns and 2 relationships each, a chain:
 * every model points at the one before it), creates one table on an in-memory SQLite database and runs one
 * primary-key query. It prints three instants, in milliseconds since the process started
 * (performance.now(), whose origin is the process's start): imports done, models defined, first result;
 * and the CPU time used by then. The systems: the raw driver alone (the floor), Athanor (dist/), the
 * baseline build of Athanor when BENCH_ATHANOR_BASELINE names one (its dist/, run interleaved with the
 * others), Drizzle and Prisma (its generated client, compiled to JavaScript). The scripts are generated into
 * results/tmp/coldstart/ (git-ignored).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { packageVersion } from "../system.ts";
import { runNodeChild } from "./child.ts";
import { BENCH_DIR } from "./config.ts";
import { median } from "./results.ts";

export const COLD_MODELS = 100;

export interface ColdStartSystem {
  readonly id: string;
  readonly label: string;
  /** Instants of every run (ms since process start). */
  readonly imported: number[];
  readonly defined: number[];
  readonly firstQuery: number[];
  /** Wall time from spawn to exit, seen by the parent. */
  readonly exited: number[];
  /**
   * CPU time (user + system, all threads) the process had used at its first result, in ms: on a loaded
   * machine a process waits for a core, and its wall times grow while this does not.
   */
  readonly cpu: number[];
  error?: string;
}

const pad = (i: number) => String((i + COLD_MODELS) % COLD_MODELS).padStart(3, "0");
const DDL =
  "CREATE TABLE model_000 (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES model_099 (id), " +
  "name VARCHAR(100) NOT NULL, count INTEGER, active BOOLEAN NOT NULL DEFAULT 1, " +
  "created_at DATETIME NOT NULL, price NUMERIC(10, 2) NOT NULL, notes TEXT)";
const REPORT =
  'const found = row === undefined ? "undefined" : String(row);\n' +
  "const cpu = process.cpuUsage();\n" +
  'process.stdout.write("COLD " + JSON.stringify({ imported: t0, defined: t1, firstQuery: t2, cpu: (cpu.user + cpu.system) / 1000, found }) + "\\n");';

/** Athanor's build in `dir` (a dist/ folder): the 100 models of bench/typecheck/app/models.ts, as JavaScript. */
function athanorScript(dir: string): string {
  const dist = pathToFileURL(join(dir, "index.js")).href;
  const lines = [
    `import { BOOLEAN, column, createEngine, DateTime, declarativeBase, ForeignKey, Integer, Numeric, relationship, sessionmaker, Text, VARCHAR } from ${JSON.stringify(dist)};`,
    "const t0 = performance.now();",
    "const Base = declarativeBase();",
  ];
  for (let i = 0; i < COLD_MODELS; i++) {
    lines.push(
      `class Model${pad(i)} extends Base.table("model_${pad(i)}", {`,
      "  id: column(Integer).primaryKey(),",
      `  parentId: column(Integer, ForeignKey("model_${pad(i - 1)}.id")).nullable(),`,
      "  name: column(VARCHAR(100)),",
      "  count: column(Integer).nullable(),",
      "  active: column(BOOLEAN).default(true),",
      "  createdAt: column(DateTime({ timezone: true })),",
      "  price: column(Numeric(10, 2)),",
      "  notes: column(Text).nullable(),",
      "}) {",
      `  static parent = relationship(() => Model${pad(i - 1)}, { backPopulates: "children", foreignKeys: () => [Model${pad(i)}.parentId] });`,
      `  static children = relationship(() => Model${pad(i + 1)}, { backPopulates: "parent", foreignKeys: () => [Model${pad(i + 1)}.parentId] });`,
      "}",
    );
  }
  lines.push(
    "const t1 = performance.now();",
    'const engine = createEngine("sqlite://");',
    'await Base.metadata.createAll(engine, { tables: ["model_000"], checkFirst: false });',
    "const db = sessionmaker({ bind: engine })();",
    "const row = await db.get(Model000, 1);",
    "const t2 = performance.now();",
    REPORT,
    "await db.close();",
    "await engine.dispose();",
  );
  return `${lines.join("\n")}\n`;
}

/** Drizzle: the same 100 tables (sqliteTable) with their relations, drizzle() given the whole schema. */
function drizzleScript(): string {
  const lines = [
    'import Database from "better-sqlite3";',
    'import { eq, relations, sql } from "drizzle-orm";',
    'import { drizzle } from "drizzle-orm/better-sqlite3";',
    'import { integer, numeric, sqliteTable, text } from "drizzle-orm/sqlite-core";',
    "const t0 = performance.now();",
    "const schema = {};",
  ];
  for (let i = 0; i < COLD_MODELS; i++) {
    lines.push(
      `const model_${pad(i)} = sqliteTable("model_${pad(i)}", {`,
      '  id: integer("id").primaryKey(),',
      `  parentId: integer("parent_id").references(() => model_${pad(i - 1)}.id),`,
      '  name: text("name", { length: 100 }).notNull(),',
      '  count: integer("count"),',
      '  active: integer("active", { mode: "boolean" }).notNull().default(true),',
      '  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),',
      '  price: numeric("price").notNull(),',
      '  notes: text("notes"),',
      "});",
    );
  }
  for (let i = 0; i < COLD_MODELS; i++) {
    lines.push(
      `schema.model_${pad(i)} = model_${pad(i)};`,
      `schema.model_${pad(i)}Relations = relations(model_${pad(i)}, ({ one, many }) => ({`,
      `  parent: one(model_${pad(i - 1)}, { fields: [model_${pad(i)}.parentId], references: [model_${pad(i - 1)}.id], relationName: "chain_${pad(i)}" }),`,
      `  children: many(model_${pad(i + 1)}, { relationName: "chain_${pad(i + 1)}" }),`,
      "}));",
    );
  }
  lines.push(
    "const t1 = performance.now();",
    'const db = drizzle({ client: new Database(":memory:"), schema });',
    `db.run(sql.raw(${JSON.stringify(DDL)}));`,
    "const row = db.select().from(model_000).where(eq(model_000.id, 1)).get();",
    "const t2 = performance.now();",
    REPORT,
    "db.$client.close();",
  );
  return `${lines.join("\n")}\n`;
}

/** The floor: node and the driver alone (one table, one prepared query), no ORM. */
function rawScript(): string {
  return `${[
    'import Database from "better-sqlite3";',
    "const t0 = performance.now();",
    "const t1 = t0;",
    'const db = new Database(":memory:");',
    `db.exec(${JSON.stringify(DDL)});`,
    'const row = db.prepare("SELECT * FROM model_000 WHERE id = ?").get(1);',
    "const t2 = performance.now();",
    REPORT,
    "db.close();",
  ].join("\n")}\n`;
}

/** Prisma: a 100-model schema (the same columns and chain of relations) for its generated client. */
function prismaSchema(): string {
  const lines = [
    "generator client {",
    '  provider            = "prisma-client"',
    '  output              = "./client"',
    '  importFileExtension = "js"',
    '  moduleFormat        = "esm"',
    "}",
    "",
    "datasource db {",
    '  provider = "sqlite"',
    "}",
  ];
  for (let i = 0; i < COLD_MODELS; i++) {
    lines.push(
      "",
      `model Model${pad(i)} {`,
      "  id        Int      @id",
      '  parentId  Int?     @map("parent_id")',
      "  name      String",
      "  count     Int?",
      "  active    Boolean  @default(true)",
      '  createdAt DateTime @map("created_at")',
      "  price     Decimal",
      "  notes     String?",
      `  parent    Model${pad(i - 1)}? @relation("chain_${pad(i)}", fields: [parentId], references: [id])`,
      `  children  Model${pad(i + 1)}[] @relation("chain_${pad(i + 1)}")`,
      "",
      `  @@map("model_${pad(i)}")`,
      "}",
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Generates the 100-model Prisma client into `dir` (offline, as scripts/prisma-generate.mjs does: ~30 s
 * here) and compiles its TypeScript to JavaScript with esbuild (tsx's own dependency), file by file: Prisma
 * 7's generator writes only TypeScript, which an application builds with the rest of its code. Skipped
 * when the schema and the Prisma version are those of the last generation.
 */
function preparePrisma(dir: string): void {
  const cli = join(BENCH_DIR, "node_modules", "prisma", "build", "index.js");
  const esbuild = join(BENCH_DIR, "node_modules", "esbuild", "bin", "esbuild");
  if (!existsSync(cli) || !existsSync(esbuild))
    throw new Error("prisma or esbuild is not installed in bench/");
  const schema = prismaSchema();
  const version = JSON.parse(readFileSync(join(BENCH_DIR, "node_modules", "prisma", "package.json"), "utf8"))
    .version as string;
  const stamp = createHash("sha256").update(version).update(schema).digest("hex");
  const stampFile = join(dir, "js", ".stamp");
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "schema.prisma"), schema);
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: join(BENCH_DIR, "scripts", "no-schema-engine.sh"),
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  };
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { cwd: dir, env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${args[0]} failed: ${(r.stderr || r.stdout).trim().slice(-300)}`);
  };
  run(process.execPath, [cli, "generate", "--schema", "schema.prisma"]);
  const files = listTs(join(dir, "client"));
  run(esbuild, [
    ...files,
    "--outdir=js",
    "--outbase=client",
    "--format=esm",
    "--platform=node",
    "--log-level=error",
  ]);
  writeFileSync(stampFile, stamp);
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(dir, f));
}

function prismaScript(): string {
  return `${[
    'import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";',
    'import { PrismaClient } from "./prisma/js/client.js";',
    "const t0 = performance.now();",
    "const t1 = t0; // the models are the generated client's code: defined once it is imported",
    'const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: ":memory:" }) });',
    `await prisma.$executeRawUnsafe(${JSON.stringify(DDL)});`,
    "const row = await prisma.model000.findUnique({ where: { id: 1 } });",
    "const t2 = performance.now();",
    REPORT,
    "await prisma.$disconnect();",
  ].join("\n")}\n`;
}

interface ColdRun {
  imported: number;
  defined: number;
  firstQuery: number;
  cpu: number;
  exited: number;
}

async function runOnce(file: string): Promise<ColdRun> {
  const { value, wallMs } = await runNodeChild([file], "COLD ", 120_000);
  const r = value as Omit<ColdRun, "exited"> & { found: string };
  if (r.found !== "null" && r.found !== "undefined")
    throw new Error(`the query found ${r.found} in an empty table`);
  return { ...r, exited: wallMs };
}

/**
 * Runs every script `runs` times, interleaved (raw, athanor, drizzle, prisma, raw, ...), and returns the
 * instants.
 * `labels` gives each system's label (the harness's system labels, with versions).
 */
export async function measureColdStart(
  runs: number,
  labels: Record<string, string>,
  log: (line: string) => void,
): Promise<ColdStartSystem[]> {
  const dir = join(BENCH_DIR, "results", "tmp", "coldstart");
  mkdirSync(dir, { recursive: true });
  const current = process.env.BENCH_ATHANOR_DIST
    ? resolve(process.env.BENCH_ATHANOR_DIST)
    : join(BENCH_DIR, "..", "dist");
  const baseline = process.env.BENCH_ATHANOR_BASELINE;
  const scripts: [string, string][] = [
    ["raw-sqlite", rawScript()],
    ["athanor", athanorScript(current)],
    ...(baseline ? [["athanor-baseline", athanorScript(resolve(baseline))] as [string, string]] : []),
    ["drizzle", drizzleScript()],
    ["prisma", prismaScript()],
  ];
  let prismaError: string | undefined;
  try {
    preparePrisma(join(dir, "prisma"));
  } catch (err) {
    prismaError = `generating the 100-model client failed: ${err instanceof Error ? err.message : String(err)}`;
    log(`  cold start prisma: ${prismaError}`);
  }
  const systems = scripts.map(([id, source]): [ColdStartSystem, string] => {
    const file = join(dir, `${id}.mjs`);
    writeFileSync(file, source);
    const s: ColdStartSystem = {
      id,
      label: labels[id] ?? (id === "prisma" ? `Prisma ${packageVersion("@prisma/client")}` : id),
      imported: [],
      defined: [],
      firstQuery: [],
      exited: [],
      cpu: [],
    };
    if (id === "prisma" && prismaError) s.error = prismaError;
    return [s, file];
  });
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < systems.length; k++) {
      const [s, file] = systems[(k + r) % systems.length]!;
      if (s.error) continue;
      try {
        const t = await runOnce(file);
        s.imported.push(t.imported);
        s.defined.push(t.defined);
        s.firstQuery.push(t.firstQuery);
        s.exited.push(t.exited);
        s.cpu.push(t.cpu);
      } catch (err) {
        s.error = err instanceof Error ? err.message : String(err);
        log(`  cold start ${s.id} failed: ${s.error}`);
      }
    }
  }
  for (const [s] of systems) {
    if (!s.error)
      log(
        `  ${s.id}: first query at ${median(s.firstQuery)!.toFixed(0)} ms (imports done ${median(s.imported)!.toFixed(0)} ms, ` +
          `models defined ${median(s.defined)!.toFixed(0)} ms; ${median(s.cpu)!.toFixed(0)} ms of CPU), median of ${s.firstQuery.length}`,
      );
  }
  return systems.map(([s]) => s);
}
