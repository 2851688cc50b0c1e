/**
 * Type tests (issue 15): a result row whose selected names include `length` (or an index-like
 * label) keeps its other values. The row's `length` is its number of values, and such names are
 * positions at run time (createRowFactory does not set them by name); mappings() has them.
 */
import { expectTypeOf } from "vitest";
import { type Connection, column, func, Integer, MetaData, String, select, Table } from "../../src/index.js";

const metadata = new MetaData();
const words = new Table("rl_words", metadata, {
  id: column(Integer).primaryKey(),
  length: column(String(5)),
});

declare const conn: Connection;

export async function lengthColumn(): Promise<void> {
  const row = (await conn.execute(select(words.c.id, words.c.length))).one();
  expectTypeOf(row[1]).toEqualTypeOf<string>();
  expectTypeOf(row.id).toEqualTypeOf<number>();
  expectTypeOf(row.length).toEqualTypeOf<2>();
  const [, length] = row;
  expectTypeOf(length).toEqualTypeOf<string>();
  const mapping = (await conn.execute(select(words.c.id, words.c.length))).mappings().one();
  expectTypeOf(mapping.length).toEqualTypeOf<string>();
}

export async function lengthLabel(): Promise<void> {
  const row = (await conn.execute(select(words.c.id, func.count().label("length")))).one();
  expectTypeOf(row.id).toEqualTypeOf<number>();
  expectTypeOf(row[1]).toEqualTypeOf<number>();
  expectTypeOf(row.length).toEqualTypeOf<2>();
  const row2 = (await conn.execute(select(words.c.length, words.c.id.label("0")))).one();
  expectTypeOf(row2[0]).toEqualTypeOf<string>();
  expectTypeOf(row2[1]).toEqualTypeOf<number>();
}

export async function lengthInSelectedTable(): Promise<void> {
  const row = (await conn.execute(select(words))).one();
  expectTypeOf(row.id).toEqualTypeOf<number>();
  const mapping = (await conn.execute(select(words))).mappings().one();
  expectTypeOf(mapping.length).toEqualTypeOf<string>();
  // @ts-expect-error no such column
  row.nope;
}
