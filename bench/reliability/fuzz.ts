import {
  BigInteger,
  BOOLEAN,
  column,
  DATE,
  DateTime,
  Double,
  type Engine,
  Integer,
  Json,
  LargeBinary,
  MetaData,
  Numeric,
  select,
  Table,
  Text,
  VARCHAR,
} from "../../src/index.js";
import { random } from "./support.js";

export interface FuzzFigures {
  readonly rows: number;
  readonly values: number;
  /** Values read back equal to what was written. */
  readonly roundTripped: number;
  /** The first few that were not, for the report. */
  readonly mismatches: readonly string[];
}

const CHARS = [
  "a",
  "Z",
  "0",
  " ",
  "'",
  '"',
  "\\",
  "%",
  "_",
  ";",
  "--",
  "\n",
  "\t",
  "é",
  "€",
  "𝄞",
  "中",
  "🙂",
  "\u00a0",
];

/** Random values of every column type, hostile strings included, written and read back. */
export async function fuzzRoundTrip(engine: Engine, rows: number, seed = 14): Promise<FuzzFigures> {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  // Whole characters only: slicing could split a surrogate pair into text no database stores.
  const str = (count: number) =>
    Array.from({ length: Math.floor(rnd() * count) }, () => pick(CHARS)).join("");
  const md = new MetaData();
  const t = new Table("rel_fuzz", md, {
    id: column(Integer).primaryKey(),
    s: column(VARCHAR(60)),
    body: column(Text()),
    i: column(Integer),
    big: column(BigInteger()),
    d: column(Double()),
    n: column(Numeric(18, 6)),
    b: column(BOOLEAN()),
    at: column(DateTime({ timezone: true })),
    day: column(DATE()),
    doc: column(Json()),
    bin: column(LargeBinary()),
  });
  await md.dropAll(engine);
  await md.createAll(engine);
  const written = Array.from({ length: rows }, (_, k) => ({
    id: k + 1,
    s: str(15),
    body: str(400),
    i: Math.floor((rnd() - 0.5) * 2 ** 31),
    big: BigInt(Math.floor((rnd() - 0.5) * 2 ** 53)) * 1000n + BigInt(Math.floor(rnd() * 1000)),
    d: (rnd() - 0.5) * 10 ** Math.floor(rnd() * 30),
    n: `${Math.floor((rnd() - 0.5) * 10 ** 12)}.${String(Math.floor(rnd() * 1e6)).padStart(6, "0")}`,
    b: rnd() < 0.5,
    at: new Date(Math.floor(rnd() * 4e12)),
    day: new Date(
      Date.UTC(1900 + Math.floor(rnd() * 200), Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)),
    ),
    doc: { k: str(10), n: Math.floor(rnd() * 1000), list: [str(5), rnd() < 0.5, null] },
    bin: Uint8Array.from({ length: Math.floor(rnd() * 64) }, () => Math.floor(rnd() * 256)),
  }));
  await engine.begin((c) => c.execute(t.insert(), written));
  const back = await engine.begin(async (c) => (await c.execute(select(t).orderBy(t.c.id))).all());
  const canon = (v: unknown): string => {
    if (v instanceof Date) return `date:${v.getTime()}`;
    if (v instanceof Uint8Array) return `bin:${Buffer.from(v).toString("hex")}`;
    if (typeof v === "bigint") return `big:${v}`;
    if (typeof v === "number") return `num:${v}`;
    return JSON.stringify(v);
  };
  const numeric = (v: unknown) => (typeof v === "string" ? Number(v).toFixed(6) : String(v));
  let values = 0;
  let same = 0;
  const mismatches: string[] = [];
  written.forEach((w, k) => {
    const r = back[k] as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(w)) {
      values++;
      const ok = key === "n" ? numeric(value) === numeric(r[key]) : canon(value) === canon(r[key]);
      if (ok) same++;
      else if (mismatches.length < 5) mismatches.push(`${key}: wrote ${canon(value)}, read ${canon(r[key])}`);
    }
  });
  await md.dropAll(engine);
  return { rows, values, roundTripped: same, mismatches };
}
