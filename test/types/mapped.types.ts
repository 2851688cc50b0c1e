/**
 * `mapped()` in its three forms type-checks and keeps the model's types: a static block, a call
 * after the class, and a class decorator (compiled by tsc; this repo's vitest does not lower
 * decorators, so the runtime test uses the other two forms).
 */
import { expectTypeOf } from "vitest";
import { type Column, column, declarativeBase, Integer, mapped, VARCHAR } from "../../src/index.js";

const Base = declarativeBase();

export class Shelf extends Base.table("mt_shelves", {
  id: column(Integer).primaryKey(),
  name: column(VARCHAR(40)),
}) {
  static {
    mapped(this);
  }
}

@mapped
export class Bin extends Base.table("mt_bins", {
  id: column(Integer).primaryKey(),
  length: column(Integer),
}) {}

export class Crate extends Base.table("mt_crates", {
  id: column(Integer).primaryKey(),
  name: column(VARCHAR(9)),
}) {}
export const CrateModel: typeof Crate = mapped(Crate);

expectTypeOf(Shelf.name).toEqualTypeOf<Column<string, string, "name">>();
expectTypeOf(new Bin({ length: 3 }).length).toEqualTypeOf<number>();
expectTypeOf(CrateModel.name.like("a%")).not.toBeAny();
