/**
 * Type tests for DESIGN.md section 4, checked by `tsc` under TypeScript 7 and 5.9 (npm run typecheck).
 * Nothing here runs; a wrong inference fails the build.
 */
import { expectTypeOf } from "vitest";
import {
  aliased,
  Boolean,
  column,
  DateTime,
  declarativeBase,
  Enum,
  ForeignKey,
  func,
  Integer,
  joinedload,
  Numeric,
  type Relationship,
  type Row,
  relationship,
  type Session,
  String,
  select,
  selectinload,
  Text,
  text,
} from "../../src/index.js";

const Base = declarativeBase();

class BaseModel extends Base.abstract({
  id: column(Integer).primaryKey(),
  createdAt: column(DateTime({ timezone: true })).serverDefault(func.now()),
}) {
  describe(): string {
    return "x";
  }
}

const KitStatus = { available: "available", checkedOut: "checked_out", lost: "lost" } as const;

class Kit extends BaseModel.table("kits", {
  code: column(String()).unique().index(),
  description: column(String()),
  serialNumber: column(String(100)).nullable(),
  status: column(Enum(KitStatus)).default(KitStatus.available),
  price: column(Numeric(10, 2)).nullable(),
}) {
  static custodyEvents = relationship(() => CustodyEvent, {
    backPopulates: "kit",
    cascade: "all, delete-orphan",
  });
  declare custodyEvents: CustodyEvent[];
}

class CustodyEvent extends BaseModel.table("custody_events", {
  kitId: column(Integer, ForeignKey("kits.id")),
  notes: column(Text).nullable(),
  attested: column(Boolean).default(false),
}) {
  static kit = relationship(() => Kit, { backPopulates: "custodyEvents" });
  declare kit: Kit;
}

class Category extends Base.table("categories", {
  id: column(Integer).primaryKey(),
  name: column(String(50)),
  parentId: column(Integer, ForeignKey("categories.id")).nullable(),
}) {
  static parent = relationship(() => Category, { remoteSide: () => Category.id, backPopulates: "children" });
  static children = relationship(() => Category, { backPopulates: "parent" });
  declare parent: Category | null;
  declare children: Category[];
}

// Instance properties: NOT NULL -> T, nullable -> T | null, methods of abstract bases kept.
declare const kit: Kit;
expectTypeOf(kit.id).toEqualTypeOf<number>();
expectTypeOf(kit.code).toEqualTypeOf<string>();
expectTypeOf(kit.serialNumber).toEqualTypeOf<string | null>();
expectTypeOf(kit.status).toEqualTypeOf<"available" | "checked_out" | "lost">();
expectTypeOf(kit.price).toEqualTypeOf<string | null>();
expectTypeOf(kit.createdAt).toEqualTypeOf<Date>();
expectTypeOf(kit.describe()).toEqualTypeOf<string>();
expectTypeOf(kit.custodyEvents).toEqualTypeOf<CustodyEvent[]>();
expectTypeOf(kit.custodyEvents[0]!.kit).toEqualTypeOf<Kit>();

// Constructor input: required = NOT NULL with no default and no server default.
new Kit({ code: "KIT-1", description: "d" });
new Kit({ code: "KIT-1", description: "d", serialNumber: null, status: "lost", price: 12.5 });
// @ts-expect-error description is required
new Kit({ code: "KIT-1" });
// @ts-expect-error wrong type for code
new Kit({ code: 1, description: "d" });
// @ts-expect-error not an enum value
new Kit({ code: "K", description: "d", status: "stolen" });
// @ts-expect-error unknown attribute
new Kit({ code: "K", description: "d", colour: "red" });
new Category({ name: "root" });

// Class-level expressions.
Kit.code.like("K%");
Kit.code.eq("KIT-1");
Kit.status.in(["lost", "available"]);
Kit.price.gt(100);
Category.name.startsWith("A");
// @ts-expect-error a string column compared with a number
Kit.code.eq(1);
// @ts-expect-error LIKE on a numeric column
Kit.id.like("1%");
// @ts-expect-error not an enum value
Kit.status.eq("stolen");

// Relationships typed from their target; self and mutual references without any.
expectTypeOf(Kit.custodyEvents).toEqualTypeOf<Relationship<CustodyEvent, "kit">>();
expectTypeOf(CustodyEvent.kit).toEqualTypeOf<Relationship<Kit, "custodyEvents">>();
expectTypeOf(Category.parent).toEqualTypeOf<Relationship<Category, "children">>();
expectTypeOf(relationship(() => Kit)).toEqualTypeOf<Relationship<Kit>>();
declare const cat: Category;
expectTypeOf(cat.parent).toEqualTypeOf<Category | null>();
expectTypeOf(cat.children).toEqualTypeOf<Category[]>();
Kit.custodyEvents.any(CustodyEvent.notes.isNull());
CustodyEvent.kit.has(Kit.code.eq("x"));
joinedload(Kit.custodyEvents).selectinload(CustodyEvent.kit);

// select() rows typed by position and by label; entities as instances.
declare const db: Session;
async function queries() {
  const counts = (
    await db.execute(
      select(CustodyEvent.kitId, func.count(CustodyEvent.id).label("count")).groupBy(CustodyEvent.kitId),
    )
  ).all();
  expectTypeOf(counts[0]!.kitId).toEqualTypeOf<number>();
  expectTypeOf(counts[0]!.count).toEqualTypeOf<number>();
  expectTypeOf(counts[0]![0]).toEqualTypeOf<number>();
  expectTypeOf(counts[0]![1]).toEqualTypeOf<number>();
  const [first] = counts;
  if (first) {
    const [kitId, n] = first;
    expectTypeOf(kitId).toEqualTypeOf<number>();
    expectTypeOf(n).toEqualTypeOf<number>();
  }

  const kits = (
    await db.scalars(select(Kit).where(Kit.status.eq("lost")).options(selectinload(Kit.custodyEvents)))
  ).all();
  expectTypeOf(kits).toEqualTypeOf<Kit[]>();
  const one = (await db.scalars(select(Kit))).one();
  expectTypeOf(one).toEqualTypeOf<Kit>();
  const maybe = (await db.scalars(select(Kit))).first();
  expectTypeOf(maybe).toEqualTypeOf<Kit | null>();
  const pairs = (await db.execute(select(Kit, CustodyEvent.notes))).all();
  expectTypeOf(pairs[0]![0]).toEqualTypeOf<Kit>();
  expectTypeOf(pairs[0]![1]).toEqualTypeOf<string | null>();
  expectTypeOf(pairs[0]!.notes).toEqualTypeOf<string | null>();

  const got = await db.get(Kit, 1);
  expectTypeOf(got).toEqualTypeOf<Kit | null>();

  // Legacy Query: a single entity yields objects, columns yield rows.
  const legacy = await db.query(Kit).filter(Kit.code.like("K%")).orderBy(Kit.createdAt.desc()).all();
  expectTypeOf(legacy).toEqualTypeOf<Kit[]>();
  const firstKit = await db.query(Kit).first();
  expectTypeOf(firstKit).toEqualTypeOf<Kit | null>();
  const cols = await db.query(Kit.id, Kit.code).all();
  expectTypeOf(cols[0]!.code).toEqualTypeOf<string>();
  expectTypeOf(cols[0]![0]).toEqualTypeOf<number>();
  const n = await db.query(Kit).count();
  expectTypeOf(n).toEqualTypeOf<number>();

  // Aliased entities.
  const parent = aliased(Category);
  const rows = (
    await db.execute(select(Category, parent.name).join(parent, Category.parentId.eq(parent.id)))
  ).all();
  expectTypeOf(rows[0]![0]).toEqualTypeOf<Category>();
  expectTypeOf(rows[0]![1]).toEqualTypeOf<string>();
  const aliasRows = (await db.scalars(select(parent))).all();
  expectTypeOf(aliasRows).toEqualTypeOf<Category[]>();
  select(Category).join(Category.children.of(parent));
  // @ts-expect-error an alias of another class than the relationship's target
  select(Kit).join(Kit.custodyEvents.of(parent));

  // text() with typed result columns.
  const typed = (
    await db.execute(
      text("SELECT id, code FROM kits WHERE status = :status").columns({ id: Integer, code: String }),
      { status: "lost" },
    )
  ).all();
  expectTypeOf(typed[0]!.id).toEqualTypeOf<number>();
  expectTypeOf(typed[0]!.code).toEqualTypeOf<string>();
  expectTypeOf<Row<[typeof Kit.id]>>().toHaveProperty("id");
}
void queries;

// Foreign-key columns may be left to a relationship: optional in the constructor.
const ev = new CustodyEvent({});
ev.kit = kit;
// @ts-expect-error a relationship holds objects of its target class
ev.kit = new CustodyEvent({});

// The versionId column is filled by the ORM: optional in the constructor, a number on instances.
class Doc extends Base.table(
  "docs",
  { id: column(Integer).primaryKey(), title: column(String(20)), rev: column(Integer) },
  { versionId: "rev" },
) {}
const doc = new Doc({ title: "a" });
expectTypeOf(doc.rev).toEqualTypeOf<number>();
// @ts-expect-error title is still required
new Doc({ rev: 1 });
// @ts-expect-error versionId names a column of the model
Base.table("docs2", { id: column(Integer).primaryKey() }, { versionId: "rev" });
