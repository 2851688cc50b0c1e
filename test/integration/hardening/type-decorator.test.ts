import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { expect, expectTypeOf, it } from "vitest";
import { typesMatch } from "../../../src/dialects/type-compare.js";
import {
  column,
  declarativeBase,
  Integer,
  insert,
  inspect,
  select,
  sessionmaker,
  TypeDecorator,
  type TypeDialect,
  text,
  update,
  VARCHAR,
} from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";

/**
 * Issue 14: a custom type with bind and result processing (SQLAlchemy's TypeDecorator), the
 * models guide's recipe: Money stored as whole cents in an INTEGER, and a string stored
 * encrypted. Values convert on the way in (inserts, updates, comparisons) and out (Core rows,
 * ORM objects), NULL stays NULL, the value's TypeScript type is inferred from the decorator, and
 * the stored column reflects as the decorator's storage type.
 */
class Money {
  constructor(readonly cents: number) {}
  toString(): string {
    return (this.cents / 100).toFixed(2);
  }
}

class MoneyType extends TypeDecorator<Money, number> {
  readonly impl = Integer();
  processBindParam(value: Money): number {
    return value.cents;
  }
  processResultValue(value: number): Money {
    return new Money(value);
  }
}

const KEY = randomBytes(32);

/** AES-256-GCM, stored as base64 of IV + tag + ciphertext (a new IV each time: no equality). */
class EncryptedString extends TypeDecorator<string, string> {
  readonly impl = VARCHAR(200);
  processBindParam(value: string, dialect: TypeDialect): string {
    expect(typeof dialect.name).toBe("string");
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", KEY, iv);
    const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
  }
  processResultValue(value: string): string {
    const raw = Buffer.from(value, "base64");
    const decipher = createDecipheriv("aes-256-gcm", KEY, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  }
}

forEachDatabase("TypeDecorator custom types", (db) => {
  const Base = declarativeBase();
  class Product extends Base.table("htd_products", {
    id: column(Integer).primaryKey(),
    price: column(new MoneyType()),
    discount: column(new MoneyType()).nullable(),
    secret: column(new EncryptedString()).nullable(),
  }) {}
  const t = Product.__table__;

  it("infers the value's TypeScript type from the decorator", () => {
    expectTypeOf(new Product({ price: new Money(1) }).price).toEqualTypeOf<Money>();
    expectTypeOf(new Product({ price: new Money(1) }).discount).toEqualTypeOf<Money | null>();
    expectTypeOf(new Product({ price: new Money(1) }).secret).toEqualTypeOf<string | null>();
    // @ts-expect-error a Money column takes Money, not a number of cents
    void new Product({ price: 1999 });
  });

  it("converts values in and out through the ORM, Core and comparisons; NULL stays NULL", async () => {
    await Base.metadata.createAll(db.engine);
    const SessionLocal = sessionmaker({ bind: db.engine });
    await SessionLocal.begin(async (s) => {
      s.add(new Product({ id: 1, price: new Money(1999), secret: "the launch code" }));
      s.add(new Product({ id: 2, price: new Money(500), discount: new Money(50) }));
    });
    await db.engine.begin((c) =>
      c.execute(insert(t).values({ id: 3, price: new Money(12000), discount: null })),
    );

    const stored = await db.engine.begin(async (c) =>
      (await c.execute(text("SELECT price, secret FROM htd_products WHERE id = 1"))).one(),
    );
    expect(Number(stored[0])).toBe(1999);
    expect(stored[1]).not.toContain("launch");

    await SessionLocal.begin(async (s) => {
      const dear = (
        await s.scalars(
          select(Product)
            .where(Product.price.gt(new Money(1000)))
            .orderBy(Product.id),
        )
      ).all();
      expect(dear.map((p) => [p.id, String(p.price), p.discount, p.secret])).toEqual([
        [1, "19.99", null, "the launch code"],
        [3, "120.00", null, null],
      ]);
      expect(dear[0]!.price).toBeInstanceOf(Money);
      dear[0]!.price = new Money(2499);
    });
    await db.engine.begin((c) =>
      c.execute(
        update(t)
          .where(t.c.discount.eq(new Money(50)))
          .values({ discount: new Money(75) }),
      ),
    );
    const rows = await db.engine.begin(async (c) =>
      (await c.execute(select(t.c.id, t.c.price, t.c.discount).orderBy(t.c.id))).all(),
    );
    expect(rows.map((r) => [r.id, String(r.price), r.discount && String(r.discount)])).toEqual([
      [1, "24.99", null],
      [2, "5.00", "0.75"],
      [3, "120.00", null],
    ]);
  });

  it("reflects as its storage type, which matches the declared decorator", async () => {
    const cols = await db.engine.begin(async (c) => (await inspect(c)).getColumns("htd_products"));
    for (const r of cols) {
      const declared = t.c[r.name as keyof typeof t.c] as unknown as { type: never };
      expect(typesMatch(db.engine.dialect, declared.type, r.type), `${r.name}: ${r.typeText}`).toBe(true);
    }
    expect(cols.find((r) => r.name === "price")!.type.typeName).toBe("integer");
  });
});
