import {
  column,
  declarativeBase,
  ForeignKey,
  Integer,
  mapped,
  relationship,
  VARCHAR,
} from "../../../../src/index.js";

/**
 * Models with columns keyed `name` and `length`, own properties of every JavaScript class,
 * registered where they are declared: in a static block (placed before a relationship, which
 * the mapping must still find) and by a call after the class. Imported by one test only, so the
 * first touch of each class is the test's.
 */
export const Base = declarativeBase();

export class Product extends Base.table("hn_products", {
  id: column(Integer).primaryKey(),
  name: column(VARCHAR(80)),
  length: column(Integer).nullable(),
  shelfId: column(Integer, ForeignKey("hn_shelves.id")).nullable(),
}) {
  static {
    mapped(this);
  }
  static shelf = relationship(() => Shelf, { backPopulates: "products" });
  declare shelf: Shelf | null;
}

export class Shelf extends Base.table("hn_shelves", {
  id: column(Integer).primaryKey(),
  name: column(VARCHAR(40)),
}) {
  static products = relationship(() => Product, { backPopulates: "shelf" });
  declare products: Product[];
}
mapped(Shelf);
