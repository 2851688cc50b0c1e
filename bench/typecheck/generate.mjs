#!/usr/bin/env node
// Writes the synthetic app of the type-check figure (bench/typecheck/app/): 100 models of 8 columns
// and 2 relationships each (a chain: every model points at the one before it, the first at the
// last), and 300 typed queries. Run once (then `npx biome format --write bench/typecheck/app`); the
// output is kept in the repository as the fixture that `npm run bench:typecheck` checks.
import { mkdirSync, writeFileSync } from "node:fs";

const N = 100;
const name = (i) => `Model${String((i + N) % N).padStart(3, "0")}`;
const table = (i) => `model_${String((i + N) % N).padStart(3, "0")}`;

let models = `import {
  column,
  DateTime,
  declarativeBase,
  ForeignKey,
  Integer,
  Numeric,
  relationship,
  Text,
  BOOLEAN,
  VARCHAR,
} from "athanor";

export const Base = declarativeBase();
`;
for (let i = 0; i < N; i++) {
  models += `
export class ${name(i)} extends Base.table("${table(i)}", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("${table(i - 1)}.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => ${name(i - 1)}, { backPopulates: "children", foreignKeys: () => [${name(i)}.parentId] });
  declare parent: ${name(i - 1)} | null;
  static children = relationship(() => ${name(i + 1)}, { backPopulates: "parent", foreignKeys: () => [${name(i + 1)}.parentId] });
  declare children: ${name(i + 1)}[];
}
`;
}

let queries = `import { func, select, selectinload, type Session } from "athanor";
import * as m from "./models.js";
`;
for (let i = 0; i < N; i++) {
  const M = `m.${name(i)}`;
  queries += `
export async function q${i}(db: Session): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.${name(i)}[] = (await db.scalars(select(${M}).where(${M}.name.like("a%"), ${M}.active.is(true)).options(selectinload(${M}.children)))).all();
  const counts = (await db.execute(select(${M}.parentId, func.count(${M}.id).label("n")).groupBy(${M}.parentId))).all();
  const one = await db.get(${M}, ${i + 1});
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}
`;
}

const dir = new URL("./app/", import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL("models.ts", dir), models);
writeFileSync(new URL("queries.ts", dir), queries);
writeFileSync(
  new URL("package.json", dir),
  `${JSON.stringify({ name: "typecheck-app", private: true, type: "module" }, null, 2)}\n`,
);
console.log(`wrote ${N} models and ${N * 3} queries into ${dir.pathname}`);
