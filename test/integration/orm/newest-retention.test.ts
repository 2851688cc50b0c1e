import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { beforeAll, expect, it } from "vitest";
import {
  column,
  declarativeBase,
  ForeignKey,
  Integer,
  relationship,
  String as Str,
  sessionmaker,
} from "../../../src/index.js";
import { forEachDatabaseAndPgBouncer } from "../../support/databases.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Collects garbage after the current job (WeakRefs deref'ed in this job stay alive until it ends). */
async function collect(): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
  gc();
  await new Promise((r) => setTimeout(r, 0));
  gc();
}

/**
 * src/orm/newest.ts keeps the newest session, identity map, object state, loaded object, ... alive
 * for V8's optimized code; what a session loaded must still be collectable once it is closed.
 */
forEachDatabaseAndPgBouncer("newest objects kept alive", (tdb) => {
  const Base = declarativeBase();
  class Shelf extends Base.table("retention_shelves", {
    id: column(Integer).primaryKey(),
    name: column(Str(40)),
  }) {
    static books = relationship(() => Book, { backPopulates: "shelf", lazy: "selectin" });
    declare books: Book[];
  }
  class Book extends Base.table("retention_books", {
    id: column(Integer).primaryKey(),
    shelfId: column(Integer, ForeignKey("retention_shelves.id")).nullable(),
    title: column(Str(40)),
  }) {
    static shelf = relationship(() => Shelf, { backPopulates: "books" });
    declare shelf: Shelf;
  }
  const SessionLocal = sessionmaker({ bind: undefined as never });

  beforeAll(async () => {
    await Base.metadata.createAll(tdb.engine);
    SessionLocal.configure({ bind: tdb.engine });
    await SessionLocal.begin(async (db) => {
      for (let s = 1; s <= 3; s++) {
        const shelf = new Shelf({ id: s, name: `shelf ${s}` });
        for (let b = 1; b <= 20; b++) shelf.books.push(new Book({ id: s * 100 + b, title: `book ${b}` }));
        db.add(shelf);
      }
    });
  });

  it("a closed session's identity map and all but the newest loaded objects are collectable", async () => {
    const refs = await (async () => {
      const db = SessionLocal();
      const shelves = (await db.query(Shelf).all()) as Shelf[];
      expect(shelves.flatMap((s) => s.books)).toHaveLength(60);
      const out = {
        identityMap: new WeakRef(db.identityMap),
        first: new WeakRef(shelves[0]!),
        firstBook: new WeakRef(shelves[0]!.books[0]!),
        session: new WeakRef(db),
      };
      await db.close();
      return out;
    })();
    await collect();
    expect(refs.identityMap.deref()).toBeUndefined();
    expect(refs.first.deref()).toBeUndefined();
    expect(refs.firstBook.deref()).toBeUndefined();
  });

  it("an open session's objects stay while it is referenced, and go with it", async () => {
    let db: ReturnType<typeof SessionLocal> | null = SessionLocal();
    const shelf = new WeakRef((await db.get(Shelf, 1))!);
    await collect();
    expect(shelf.deref()?.name).toBe("shelf 1");
    await db.close();
    db = null;
    await collect();
    // Still the newest Shelf loaded (kept on purpose), but no longer in any session.
    expect(shelf.deref()?.name).toBe("shelf 1");
    const other = SessionLocal();
    await other.get(Shelf, 2);
    await other.close();
    await collect();
    expect(shelf.deref()).toBeUndefined();
  });
});
