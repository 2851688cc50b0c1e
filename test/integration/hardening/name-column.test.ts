import { expect, it } from "vitest";
import {
  Column,
  insert,
  MapperConfigurationError,
  mapped,
  select,
  selectinload,
  sessionmaker,
} from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";
import { expectSql } from "../../unit/compiler/helpers.js";

/**
 * Issue 14: `Product.name` as the very first touch of a model read the class name, not the
 * column: every class owns `name` and `length`, which hide the inherited column accessors until
 * the class is mapped. `mapped()` at the declaration makes them the columns from the start.
 */
forEachDatabase("columns keyed name and length", (db) => {
  it("are the columns on the first touch of a freshly imported model, and work in queries", async () => {
    // This file's own import of the module: nothing has touched the classes yet.
    const { Base, Product, Shelf } = await import("./support/name-models.js");
    expect(Product.name).toBeInstanceOf(Column);
    expect(Shelf.name).toBeInstanceOf(Column);
    expect(Product.length).toBe(Product.__table__.c.length);
    expectSql(select(Product.name, Product.length).where(Product.name.eq("saw")), {
      pg: [
        "SELECT hn_products.name, hn_products.length FROM hn_products WHERE hn_products.name = $1",
        ["saw"],
      ],
      sqlite: [
        "SELECT hn_products.name, hn_products.length FROM hn_products WHERE hn_products.name = ?",
        ["saw"],
      ],
      mysql: [
        "SELECT hn_products.name, hn_products.length FROM hn_products WHERE hn_products.name = ?",
        ["saw"],
      ],
    });

    await Base.metadata.createAll(db.engine);
    await db.engine.begin(async (c) => {
      await c.execute(insert(Shelf.__table__).values({ id: 1, name: "tools" }));
      await c.execute(insert(Product.__table__).values({ id: 1, name: "saw", length: 60, shelfId: 1 }));
    });
    await sessionmaker({ bind: db.engine }).begin(async (s) => {
      const shelf = (
        await s.scalars(select(Shelf).where(Shelf.name.eq("tools")).options(selectinload(Shelf.products)))
      ).one();
      expect(shelf.products.map((p) => [p.name, p.length])).toEqual([["saw", 60]]);
    });
  });

  it("refuses a class that is not a model of a table", () => {
    class Plain {}
    expect(() => mapped(Plain)).toThrow(MapperConfigurationError);
  });
});
