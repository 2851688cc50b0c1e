import { column, declarativeBase, ForeignKey, Integer, relationship, VARCHAR } from "../../src/index.js";

/** A unit of work spread over two tables: one batch row and its items, all or nothing. */
export function batchModels() {
  const Base = declarativeBase();
  class Batch extends Base.table("rel_batches", {
    id: column(Integer).primaryKey(),
    worker: column(Integer),
    size: column(Integer),
  }) {
    static items = relationship(() => Item, { backPopulates: "batch", cascade: "all, delete-orphan" });
    declare items: Item[];
  }
  class Item extends Base.table("rel_items", {
    id: column(Integer).primaryKey(),
    batchId: column(Integer, ForeignKey("rel_batches.id")),
    label: column(VARCHAR(40)),
  }) {
    static batch = relationship(() => Batch, { backPopulates: "items" });
    declare batch: Batch;
  }
  return { Base, Batch, Item };
}
