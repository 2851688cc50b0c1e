/**
 * The schema `athanor pull` is tested on: every feature pull must render, created with plain
 * Table objects (no models) so the pulled models are all pull's own work.
 */
import {
  ARRAY,
  BigInteger,
  BOOLEAN,
  CheckConstraint,
  Computed,
  column,
  DATE,
  DateTime,
  type Dialect,
  Double,
  Enum,
  ForeignKey,
  ForeignKeyConstraint,
  func,
  Identity,
  Index,
  Integer,
  JSONB,
  Json,
  LargeBinary,
  MetaData,
  Numeric,
  String,
  Table,
  Text,
  Time,
  text,
  UniqueConstraint,
  Uuid,
} from "../../../src/index.js";

const UserRole = { admin: "admin", coach: "coach", volunteer: "volunteer" } as const;
const KitStatus = { available: "available", checkedOut: "checked_out", lost: "lost" } as const;

/** The timestamps every entity table repeats (the seeds' BaseModel). */
function stamps() {
  return {
    created_at: column(DateTime({ timezone: true })).serverDefault(func.now()),
    updated_at: column(DateTime({ timezone: true })).serverDefault(func.now()),
  };
}

/** The schema's MetaData for a dialect (PostgreSQL adds identity, arrays and JSONB). */
export function pullFixture(dialect: Dialect): MetaData {
  const pg = dialect.name === "postgresql";
  const md = new MetaData();
  new Table("users", md, {
    id: column(Integer).primaryKey(),
    email: column(String(255)).unique(),
    name: column(String(100)),
    role: column(Enum(UserRole, { name: "userrole" })),
    is_active: column(Integer).serverDefault("1"),
    ...stamps(),
  });
  new Table(
    "kits",
    md,
    {
      id: column(Integer).primaryKey(),
      code: column(String(50)).unique().index(),
      status: column(Enum(KitStatus, { name: "kitstatus" })),
      price: column(Numeric(10, 2)).nullable(),
      data: column(Json()).nullable(),
      legacyCode: column(String(20)).nullable(),
      ...stamps(),
    },
    { comment: "Equipment kits" },
  );
  new Table(
    "custody_events",
    md,
    {
      id: column(Integer).primaryKey(),
      kit_id: column(Integer, ForeignKey("kits.id", { ondelete: "CASCADE" })),
      user_id: column(Integer, ForeignKey("users.id")),
      notes: column(Text).nullable(),
      ...stamps(),
    },
    Index("ix_kit_created", "kit_id", "created_at"),
  );
  new Table("categories", md, {
    id: column(Integer).primaryKey(),
    name: column(String(50)),
    parent_id: column(Integer, ForeignKey("categories.id", { ondelete: "SET NULL" })).nullable(),
    ...stamps(),
  });
  new Table("messages", md, {
    id: column(Integer).primaryKey(),
    sender_id: column(Integer, ForeignKey("users.id")),
    recipient_id: column(Integer, ForeignKey("users.id")),
    body: column(Text),
    ...stamps(),
  });
  new Table("profiles", md, {
    id: column(Integer).primaryKey(),
    user_id: column(Integer, ForeignKey("users.id")).unique(),
    bio: column(Text).nullable(),
    ...stamps(),
  });
  new Table("tags", md, { id: column(Integer).primaryKey(), label: column(String(30)).unique() });
  new Table("kit_tags", md, {
    kit_id: column(Integer, ForeignKey("kits.id")).primaryKey({ autoincrement: false }),
    tag_id: column(Integer, ForeignKey("tags.id")).primaryKey({ autoincrement: false }),
  });
  new Table(
    "order_lines",
    md,
    {
      order_no: column(Integer).primaryKey({ autoincrement: false }),
      line_no: column(Integer).primaryKey({ autoincrement: false }),
      sku: column(String(20)),
      qty: column(Integer),
      unit_price: column(Numeric(12, 2)),
      total: column(Numeric(12, 2)).computed(Computed("qty * unit_price", { persisted: true })),
    },
    UniqueConstraint("order_no", "sku", { name: "uq_order_lines_sku" }),
    CheckConstraint("qty > 0", { name: "ck_order_lines_qty" }),
  );
  new Table(
    "documents",
    md,
    {
      id: column(BigInteger).primaryKey(),
      uid: column(Uuid),
      body: column(LargeBinary()).nullable(),
      issued_on: column(DATE).nullable(),
      opens_at: column(Time()).nullable(),
      score: column(Double).nullable(),
      approved: column(BOOLEAN).serverDefault(text("false")),
      title: column(String(100)).comment("Shown in lists"),
      order_no: column(Integer).nullable(),
      line_no: column(Integer).nullable(),
    },
    ForeignKeyConstraint(["order_no", "line_no"], ["order_lines.order_no", "order_lines.line_no"], {
      ondelete: "CASCADE",
    }),
    ...(dialect.name === "mysql"
      ? []
      : [
          Index("ix_documents_title_lower", text("lower(title)")),
          Index("ix_documents_open", "opens_at", { where: text("approved") }),
        ]),
  );
  new Table("audit_log", md, { happened_at: column(DateTime({ timezone: true })), entry: column(Text) });
  if (pg) {
    new Table("tickets", md, {
      id: column(Integer, Identity({ start: 100 })).primaryKey(),
      labels: column(ARRAY(Text())).nullable(),
      states: column(ARRAY(Enum(KitStatus, { name: "kitstatus" }))).nullable(),
      payload: column(JSONB()).nullable(),
    });
  }
  return md;
}

/** The view pull renders as a read-only Table. */
export const ACTIVE_USERS_VIEW =
  "CREATE VIEW active_users AS SELECT id, email FROM users WHERE is_active = 1";

/** A table of types Athanor cannot declare exactly, per dialect: pull must say so at each column. */
export function legacyTableSql(dialect: Dialect): { sql: string; noted: string[] } {
  if (dialect.name === "postgresql")
    return {
      sql: "CREATE TABLE legacy_codes (id integer PRIMARY KEY, code char(5) NOT NULL, pos point)",
      noted: ["pos"],
    };
  if (dialect.name === "mysql")
    return {
      sql: "CREATE TABLE legacy_codes (id integer PRIMARY KEY, code char(5) NOT NULL, hits mediumint unsigned)",
      noted: ["hits"],
    };
  return {
    sql: "CREATE TABLE legacy_codes (id INTEGER PRIMARY KEY, code CHAR(5) NOT NULL, amount MONEY)",
    noted: ["amount"],
  };
}

/** Rows for the ORM checks, in foreign key order. */
export const FIXTURE_ROWS = [
  "INSERT INTO users (id, email, name, role, is_active) VALUES (1, 'ann@x.org', 'Ann', 'admin', 1), (2, 'bob@x.org', 'Bob', 'coach', 0)",
  "INSERT INTO kits (id, code, status) VALUES (1, 'KIT-001', 'available'), (2, 'KIT-002', 'lost')",
  "INSERT INTO custody_events (id, kit_id, user_id, notes) VALUES (1, 1, 1, 'out'), (2, 1, 2, NULL), (3, 2, 1, 'lost it')",
  "INSERT INTO categories (id, name, parent_id) VALUES (1, 'root', NULL)",
  "INSERT INTO categories (id, name, parent_id) VALUES (2, 'child a', 1), (3, 'child b', 1)",
  "INSERT INTO messages (id, sender_id, recipient_id, body) VALUES (1, 1, 2, 'hi bob'), (2, 2, 1, 'hi ann'), (3, 1, 2, 'again')",
  "INSERT INTO profiles (id, user_id, bio) VALUES (1, 2, 'coach bio')",
  "INSERT INTO tags (id, label) VALUES (1, 'rifle'), (2, 'junior')",
  "INSERT INTO kit_tags (kit_id, tag_id) VALUES (1, 1), (1, 2), (2, 2)",
];
