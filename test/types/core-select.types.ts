/**
 * Type tests for Core results (DESIGN.md section 4), checked by `tsc` under TypeScript 7 and 5.9
 * (npm run typecheck). Nothing here runs; a wrong inference fails the build.
 */
import { expectTypeOf } from "vitest";
import {
  ARRAY,
  BigInteger,
  Boolean,
  type Connection,
  cast,
  column,
  DateTime,
  func,
  Integer,
  insert,
  Json,
  MetaData,
  Numeric,
  type Result,
  type Row,
  String,
  select,
  Table,
  text,
} from "../../src/index.js";

const metadata = new MetaData();
const kits = new Table("kits", metadata, {
  id: column(Integer).primaryKey(),
  code: column(String(50)),
  serial: column(String(100)).nullable(),
  price: column(Numeric(10, 2)),
  active: column(Boolean),
  big: column(BigInteger()),
  createdAt: column(DateTime({ timezone: true })),
  meta: column(Json<{ tags: string[] }>()).nullable(),
});

declare const conn: Connection;

export async function rowsByPositionAndLabel(): Promise<void> {
  const rows = (await conn.execute(select(kits.c.code, func.count().label("n")).groupBy(kits.c.code))).all();
  const row = rows[0]!;
  expectTypeOf(row[0]).toEqualTypeOf<string>();
  expectTypeOf(row[1]).toEqualTypeOf<number>();
  expectTypeOf(row.code).toEqualTypeOf<string>();
  expectTypeOf(row.n).toEqualTypeOf<number>();
  const [code, n] = row;
  expectTypeOf(code).toEqualTypeOf<string>();
  expectTypeOf(n).toEqualTypeOf<number>();
  // @ts-expect-error: no such key in this row
  row.price;
}

export async function columnTypesReachRows(): Promise<void> {
  const row = (
    await conn.execute(
      select(
        kits.c.id,
        kits.c.serial,
        kits.c.price,
        kits.c.active,
        kits.c.big,
        kits.c.createdAt,
        kits.c.meta,
      ),
    )
  ).one();
  expectTypeOf(row.id).toEqualTypeOf<number>();
  expectTypeOf(row.serial).toEqualTypeOf<string | null>();
  expectTypeOf(row.price).toEqualTypeOf<string>();
  expectTypeOf(row.active).toEqualTypeOf<boolean>();
  expectTypeOf(row.big).toEqualTypeOf<bigint>();
  expectTypeOf(row.createdAt).toEqualTypeOf<Date>();
  expectTypeOf(row.meta).toEqualTypeOf<{ tags: string[] } | null>();
}

export async function resultMethods(): Promise<void> {
  const stmt = select(kits.c.code, kits.c.price);
  const res = await conn.execute(stmt);
  expectTypeOf(res).toEqualTypeOf<Result<readonly [typeof kits.c.code, typeof kits.c.price]>>();
  expectTypeOf(res.first()).toEqualTypeOf<Row<readonly [typeof kits.c.code, typeof kits.c.price]> | null>();
  expectTypeOf(res.one().price).toEqualTypeOf<string>();
  expectTypeOf(res.oneOrNone()).toEqualTypeOf<Row<
    readonly [typeof kits.c.code, typeof kits.c.price]
  > | null>();
  expectTypeOf(res.scalar()).toEqualTypeOf<string | null>();
  expectTypeOf(res.scalarOne()).toEqualTypeOf<string>();
  expectTypeOf(res.scalars().all()).toEqualTypeOf<string[]>();
  expectTypeOf(res.mappings().all()[0]!).toEqualTypeOf<{ code: string; price: string }>();
  for (const row of res) expectTypeOf(row.code).toEqualTypeOf<string>();
  expectTypeOf(await conn.scalar(select(func.count()).selectFrom(kits))).toEqualTypeOf<number | null>();
  expectTypeOf((await conn.scalars(select(kits.c.id))).all()).toEqualTypeOf<number[]>();
  expectTypeOf((await conn.scalars(select(kits.c.serial))).first()).toEqualTypeOf<string | null>();
  for await (const row of await conn.stream(select(kits.c.id, kits.c.active)))
    expectTypeOf(row.active).toEqualTypeOf<boolean>();
}

export async function wholeTableRows(): Promise<void> {
  const row = (await conn.execute(select(kits))).one();
  expectTypeOf(row.code).toEqualTypeOf<string>();
  expectTypeOf(row.serial).toEqualTypeOf<string | null>();
}

export async function textRows(): Promise<void> {
  const typed = (
    await conn.execute(text("SELECT id, name FROM kits").columns({ id: Integer, name: String() }))
  ).all();
  expectTypeOf(typed[0]!.id).toEqualTypeOf<number>();
  expectTypeOf(typed[0]!.name).toEqualTypeOf<string>();
  // @ts-expect-error: not a declared column
  typed[0]!.code;
  // Without .columns() the shape is not known: any key or position reads as unknown (issue 15).
  const raw = (await conn.execute(text("SELECT * FROM kits"))).one();
  expectTypeOf(raw.anything).toEqualTypeOf<unknown>();
  expectTypeOf(raw[3]).toEqualTypeOf<unknown>();
  expectTypeOf([...raw]).toEqualTypeOf<unknown[]>();
  // @ts-expect-error an unknown value must be narrowed before use
  raw.code.toUpperCase();
  const code = raw.code;
  if (typeof code === "string") expectTypeOf(code.toUpperCase()).toEqualTypeOf<string>();
  expectTypeOf((await conn.execute(text("SELECT 1"))).mappings().all()).toEqualTypeOf<
    Record<string, unknown>[]
  >();
  expectTypeOf(await conn.scalar(text("SELECT count(*) FROM kits"))).toEqualTypeOf<unknown>();
  expectTypeOf((await conn.scalars(text("SELECT id FROM kits"))).all()).toEqualTypeOf<unknown[]>();
  const driverRow = (await conn.executeDriverSql("SELECT 1 AS one")).one();
  expectTypeOf(driverRow.one).toEqualTypeOf<unknown>();
  expectTypeOf(driverRow[0]).toEqualTypeOf<unknown>();
}

export function operatorMisuse(): void {
  kits.c.code.eq("K-1");
  kits.c.code.like("K%");
  kits.c.id.eq(1);
  kits.c.serial.eq(null);
  kits.c.price.gt(100);
  // @ts-expect-error: a string column compared with a number
  kits.c.code.eq(1);
  // @ts-expect-error: a numeric column compared with a string
  kits.c.id.eq("1");
  // @ts-expect-error: LIKE on a numeric column
  kits.c.id.like("1%");
  // @ts-expect-error: startsWith on a boolean column
  kits.c.active.startsWith("t");
  // @ts-expect-error: IN list of the wrong type
  kits.c.id.in(["a", "b"]);
}

export function insertValues(): void {
  insert(kits).values({ code: "K", price: 12.5, active: true, big: 1n, createdAt: new Date() });
  // @ts-expect-error: wrong value type for a column
  insert(kits).values({ code: 12 });
}

export async function tableValuedRows(): Promise<void> {
  const v = func
    .unnest(cast([1], ARRAY(Integer())), cast(["a"], ARRAY(String())))
    .tableValued([column("id", Integer()), "label"], { name: "v", derived: true });
  const row = (await conn.execute(select(v.c.id, v.c.label))).one();
  expectTypeOf(row.id).toEqualTypeOf<number>();
  expectTypeOf(row.label).toEqualTypeOf<unknown>();
  // @ts-expect-error: no such column
  v.c.name;
}
