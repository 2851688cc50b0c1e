/**
 * `athanor pull` on every database: the fixture schema (every feature pull renders) pulled into a
 * models module, which autogenerate then compares back with the database (nothing to do), whose
 * relationships the ORM queries (the rows hand-written SQL returns), and which Biome and both
 * TypeScript compilers accept.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinedload, select, selectinload, sessionmaker } from "../../../src/index.js";
import {
  autogenerate,
  MigrateOperation,
  type PullResult,
  pull,
  resolveConfig,
} from "../../../src/migrate/index.js";
import { forEachMigrateDatabase } from "./db-helpers.js";
import { ACTIVE_USERS_VIEW, FIXTURE_ROWS, legacyTableSql, pullFixture } from "./pull-fixture.js";

const ROOT = resolve(import.meta.dirname, "../../..");
/** Inside the repository, so that "athanor" resolves through tsconfig paths and vitest's alias. */
const PULLED = join(ROOT, ".athanor-test", `pull-${process.pid}`);

forEachMigrateDatabase("pull", (db) => {
  let result: PullResult;
  const file = () => join(PULLED, db.name, "models.ts");

  beforeAll(async () => {
    mkdirSync(join(PULLED, db.name), { recursive: true });
    await db.engine.begin((c) => c.executeDriverSql("SELECT 1"));
    await pullFixture(db.engine.dialect).createAll(db.engine);
    await db.engine.begin(async (c) => {
      await c.executeDriverSql(ACTIVE_USERS_VIEW);
      await c.executeDriverSql(legacyTableSql(c.dialect).sql);
      for (const sql of FIXTURE_ROWS) await c.executeDriverSql(sql);
    });
  });

  it("writes one models module from the live schema", async () => {
    result = await pull({ engine: db.engine }, { output: file() });
    const text = readFileSync(file(), "utf8");
    expect(result.path).toBe(file());
    expect(result.text).toBe(text);
    expect(result.alembicRevisions).toBeNull();
    expect(result.views).toEqual(["active_users"]);
    // One class per table on an abstract base holding the columns most tables repeat.
    expect(text).toMatch(
      /export class BaseModel extends Base\.abstract\(\{\n {2}id: column\(Integer\)\.primaryKey\(\),\n {2}createdAt: /,
    );
    expect(text).toMatch(/export class Kit extends BaseModel\.table\(\s*"kits",/);
    expect(text).toContain('export class OrderLine extends Base.table(\n  "order_lines",');
    // Enums as `as const` objects; types with precision; JSON; explicit names where snake_case differs.
    expect(text).toMatch(
      /export const KitStatus = \{\n {2}available: "available",\n {2}checkedOut: "checked_out",/,
    );
    expect(text).toMatch(/status: column\(Enum\(KitStatus\b/);
    expect(text).toContain("price: column(Numeric(10, 2)).nullable(),");
    expect(text).toContain("data: column(Json()).nullable(),");
    expect(text).toContain('legacyCode: column(VARCHAR(20)).name("legacyCode").nullable(),');
    expect(text).not.toMatch(/\b(String|Boolean|Date)\(/);
    // Keys, constraints and indexes.
    expect(text).toContain(
      "orderNo: column(Integer).primaryKey(),\n    lineNo: column(Integer).primaryKey(),",
    );
    expect(text).toContain('UniqueConstraint("orderNo", "sku", { name: "uq_order_lines_sku" })');
    expect(text).toContain('name: "ck_order_lines_qty"');
    expect(text).toContain('Index("ix_kit_created", "kitId", "createdAt")');
    expect(text).toContain("code: column(VARCHAR(50)).unique().index(),");
    expect(text).toMatch(
      /total: column\(Numeric\(12, 2\)\)\n\s+\.nullable\(\)\n\s+\.computed\(Computed\("[^"]*qty[^"]* \* [^"]*unit_price[^"]*", \{ persisted: true \}\)\)/,
    );
    expect(text).toContain('kitId: column(Integer, ForeignKey("kits.id", { ondelete: "CASCADE" })),');
    expect(text).toMatch(
      /parentId: column\(\n\s+Integer,\n\s+ForeignKey\("categories.id", \{ ondelete: "SET NULL" \}\),\n\s+\)\.nullable\(\)/,
    );
    // Relationships on both sides: many-to-one / one-to-many, one-to-one, self-reference,
    // two paths to one table, many-to-many through a pure association table.
    expect(text).toContain('static kit = relationship(() => Kit, { backPopulates: "custodyEvents" });');
    expect(text).toMatch(
      /static custodyEvents = relationship\(\(\) => CustodyEvent, \{\n\s+backPopulates: "kit",/,
    );
    expect(text).toContain("declare custodyEvents: CustodyEvent[];");
    expect(text).toMatch(
      /static profile = relationship\(\(\) => Profile, \{\n\s+uselist: false,\n\s+backPopulates: "user",/,
    );
    expect(text).toContain("declare profile: Profile | null;");
    expect(text).toMatch(
      /static parent = relationship\(\(\) => Category, \{\n\s+remoteSide: \(\) => Category.id,\n\s+backPopulates: "children",/,
    );
    expect(text).toMatch(
      /static sender = relationship\(\(\) => User, \{\n\s+foreignKeys: \(\) => Message.senderId,\n\s+backPopulates: "senderMessages",/,
    );
    expect(text).toMatch(
      /static senderMessages = relationship\(\(\) => Message, \{\n\s+foreignKeys: \(\) => Message.senderId,/,
    );
    expect(text).toContain('export const kitTags = new Table("kit_tags", Base.metadata, {');
    expect(text).toMatch(
      /static tags = relationship\(\(\) => Tag, \{\n\s+secondary: kitTags,\n\s+backPopulates: "kits",/,
    );
    // A table without a primary key is a Table; a view, a read-only Table on its own MetaData.
    expect(text).toContain('export const auditLog = new Table("audit_log", Base.metadata, {');
    expect(text).toContain('export const activeUsers = new Table("active_users", views, {');
    // A composite foreign key; expression and partial indexes where the database has them.
    expect(text).toMatch(
      /ForeignKeyConstraint\(\s*\["orderNo", "lineNo"\],\s*\["order_lines\.order_no", "order_lines\.line_no"\],\s*\{ ondelete: "CASCADE" \},?\s*\)/,
    );
    expect(text).toMatch(/export class Document extends Base\.table\(/);
    expect(text).toMatch(/uid: column\(Uuid\),/);
    expect(text).toMatch(/issuedOn: column\(DATE\)\.nullable\(\),/);
    if (db.engine.dialect.name !== "mysql") {
      expect(text).toMatch(/Index\("ix_documents_title_lower", text\("lower\([^"]*title[^"]*\)"\)\)/);
      expect(text).toMatch(
        /Index\("ix_documents_open", "opensAt", \{ where: text\("[^"]*approved[^"]*"\) \}\)/,
      );
    }
    if (db.engine.dialect.name === "postgresql") {
      expect(text).toContain("Identity({ start: 100, increment: 1 })");
      expect(text).toContain("labels: column(ARRAY(Text())).nullable(),");
      expect(text).toContain('states: column(ARRAY(Enum(KitStatus, { name: "kitstatus" }))).nullable(),');
      expect(text).toContain("payload: column(JSONB()).nullable(),");
      expect(text).toContain('role: column(Enum(UserRole, { name: "userrole" })),');
    }
    // Types without an exact counterpart: a comment at the column, and a warning naming it.
    const noted = legacyTableSql(db.engine.dialect).noted;
    expect(result.warnings.map((w) => w.split(":")[0])).toEqual(noted.map((c) => `legacy_codes.${c}`));
    for (const w of result.warnings) expect(text).toContain(`// ${w.slice(w.indexOf(": ") + 2)}`);
  });

  it("reads back as the same schema: autogenerate finds nothing to do", async () => {
    const models = await import(file());
    const conn = await db.engine.connect();
    try {
      const config = resolveConfig({ engine: db.engine, metadata: models.Base.metadata });
      const r = await autogenerate(config, { connection: conn, renames: [] });
      const ops = r.upgradeOps.filter((o) => o instanceof MigrateOperation).map((o) => o.describe());
      expect(ops).toEqual([]);
    } finally {
      await conn.rollback();
      await conn.close();
    }
  });

  it("queries through the pulled relationships return what SQL returns", async () => {
    const m = await import(file());
    const byFirst = (rows: unknown[][]) => {
      const out: Record<string, unknown[]> = {};
      for (const [k, v] of rows) (out[String(k)] ??= []).push(v);
      return out;
    };
    // The SQL side first: in-memory databases have one connection, which the session then holds.
    const events = byFirst(await db.rows("SELECT user_id, id FROM custody_events ORDER BY user_id, id"));
    const sent = byFirst(await db.rows("SELECT sender_id, id FROM messages ORDER BY sender_id, id"));
    const received = byFirst(
      await db.rows("SELECT recipient_id, id FROM messages ORDER BY recipient_id, id"),
    );
    const bios = await db.rows(
      "SELECT u.id, p.bio FROM users u LEFT JOIN profiles p ON p.user_id = u.id ORDER BY u.id",
    );
    const tags = byFirst(
      await db.rows(
        "SELECT kt.kit_id, t.label FROM kit_tags kt JOIN tags t ON t.id = kt.tag_id ORDER BY kt.kit_id, t.label",
      ),
    );
    const pairs = await db.rows(
      "SELECT s.email, r.email FROM messages m JOIN users s ON s.id = m.sender_id JOIN users r ON r.id = m.recipient_id ORDER BY m.id",
    );
    const children = await db.rows("SELECT name FROM categories WHERE parent_id = 1 ORDER BY name");
    const session = sessionmaker({ bind: db.engine })();
    try {
      const users = (
        await session.scalars(
          select(m.User)
            .orderBy(m.User.id)
            .options(
              selectinload(m.User.custodyEvents),
              selectinload(m.User.senderMessages),
              selectinload(m.User.recipientMessages),
              selectinload(m.User.profile),
            ),
        )
      ).all();
      const ids = (list: { id: number }[]) => list.map((x) => Number(x.id)).sort();
      const got = (u: any) => [ids(u.custodyEvents), ids(u.senderMessages), ids(u.recipientMessages)];
      expect(users.map(got)).toEqual(
        users.map((u: any) =>
          [events[u.id] ?? [], sent[u.id] ?? [], received[u.id] ?? []].map((l) => l.map(Number)),
        ),
      );
      expect(users.map((u: any) => [Number(u.id), u.profile?.bio ?? null])).toEqual(
        bios.map(([id, bio]) => [Number(id), bio]),
      );

      const kits = (
        await session.scalars(select(m.Kit).orderBy(m.Kit.id).options(selectinload(m.Kit.tags)))
      ).all();
      expect(kits.map((k: any) => k.tags.map((t: any) => t.label).sort())).toEqual(
        kits.map((k: any) => tags[k.id]),
      );

      const messages = (
        await session.scalars(
          select(m.Message)
            .orderBy(m.Message.id)
            .options(joinedload(m.Message.sender), joinedload(m.Message.recipient)),
        )
      ).all();
      expect(messages.map((x: any) => [x.sender.email, x.recipient.email])).toEqual(pairs);

      const root = await session.scalars(
        select(m.Category).where(m.Category.id.eq(1)).options(selectinload(m.Category.children)),
      );
      expect(
        root
          .one()
          .children.map((c: any) => c.name)
          .sort(),
      ).toEqual(children.map((r) => r[0]));
      const child = await session.scalars(
        select(m.Category).where(m.Category.id.eq(2)).options(joinedload(m.Category.parent)),
      );
      expect(child.one().parent.name).toBe("root");
    } finally {
      await session.close();
    }
  });
});

describe("pulled models", () => {
  afterAll(() => rmSync(PULLED, { recursive: true, force: true }));

  it("are formatted as Biome formats them, and type-check under TypeScript 7 and 5.9", () => {
    const dbs = readdirSync(PULLED).filter((d) => !d.includes("."));
    expect(dbs.length).toBeGreaterThan(0);
    writeFileSync(
      join(PULLED, "biome.json"),
      JSON.stringify({
        formatter: { indentStyle: "space", indentWidth: 2, lineWidth: 80 },
        linter: { enabled: false },
        vcs: { enabled: false },
        files: { includes: ["**"] },
      }),
    );
    const biome = spawnSync(
      join(ROOT, "node_modules/.bin/biome"),
      ["format", `--config-path=${join(PULLED, "biome.json")}`, ...dbs],
      {
        cwd: PULLED,
        encoding: "utf8",
      },
    );
    expect(biome.stdout + biome.stderr).toContain(`Checked ${dbs.length} file`);
    expect(biome.status, biome.stdout + biome.stderr).toBe(0);
    writeFileSync(
      join(PULLED, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          lib: ["es2023", "esnext.disposable"],
          noEmit: true,
          skipLibCheck: true,
          useDefineForClassFields: true,
          types: ["node"],
          typeRoots: [join(ROOT, "node_modules/@types")],
          paths: { athanor: [join(ROOT, "src/index.ts")] },
        },
        include: dbs.map((d) => `${d}/*.ts`),
      }),
    );
    for (const compiler of ["node_modules/typescript/bin/tsc", "node_modules/typescript-5.9/bin/tsc"]) {
      const tsc = spawnSync(process.execPath, [join(ROOT, compiler), "-p", join(PULLED, "tsconfig.json")], {
        cwd: PULLED,
        encoding: "utf8",
      });
      expect(tsc.error).toBeUndefined();
      // Only the pulled files matter here (the library's sources are checked by the project).
      const own = tsc.stdout.split("\n").filter((l) => dbs.some((d) => l.startsWith(`${d}/`)));
      expect(own, compiler).toEqual([]);
    }
  }, 180_000);
});
