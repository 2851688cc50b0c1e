/**
 * The autogenerate round-trip scenario: thirteen versions of a set of models, each a step the
 * migrations must follow (every kind of operation autogenerate produces appears at least once).
 * `modelsAt(step, dialect)` is the MetaData of a step; `STEPS` says what each step changes.
 */
import {
  BigInteger,
  CheckConstraint,
  type ColumnBuilder,
  Computed,
  column,
  DateTime,
  type Dialect,
  Enum,
  ForeignKey,
  func,
  Identity,
  Index,
  Integer,
  MetaData,
  Numeric,
  String,
  Table,
  Text,
  text,
  UniqueConstraint,
} from "../../../src/index.js";

type AnyColumn = ColumnBuilder<any, any, boolean, boolean>;

/** Alembic's recommended convention: every constraint and index named, so every drop has a name. */
export const NAMING = {
  ix: "ix_%(column_0_label)s",
  uq: "uq_%(table_name)s_%(column_0_name)s",
  ck: "ck_%(table_name)s_%(constraint_name)s",
  fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
  pk: "pk_%(table_name)s",
};

/** A step: its revision message, and the rename hints it needs. */
export interface Step {
  readonly message: string;
  readonly renames?: readonly string[];
}

export const STEPS: readonly Step[] = [
  { message: "initial schema" },
  { message: "tags, serial numbers and comments" },
  { message: "widen code, require names, default status" },
  { message: "more kit statuses and indexes" },
  { message: "constraints and managers" },
  { message: "rename tags to labels", renames: ["tags:labels", "users.name:full_name"] },
  { message: "display names and shorter codes" },
  { message: "drop constraints and defaults" },
  { message: "orders with identity and computed columns" },
  { message: "retire a status, add condition" },
  { message: "drop tags, teams and players" },
  { message: "widen and relax" },
  { message: "drop teams and players" },
];

function kitStatuses(step: number): string[] {
  if (step < 4) return ["available", "lost"];
  if (step < 10) return ["available", "maintenance", "lost", "retired"];
  return ["available", "maintenance", "lost"];
}

/** The models as they are at `step` (1-based). */
export function modelsAt(step: number, d: Dialect): MetaData {
  const md = new MetaData({ namingConvention: NAMING });
  const at = (from: number, to = Number.POSITIVE_INFINITY) => step >= from && step < to;
  const pg = d.name === "postgresql";

  let email = column(String(100)).unique();
  if (at(3, 8)) email = email.comment("login address");
  let createdAt: AnyColumn = column(DateTime({ timezone: true }));
  if (at(1, 8)) createdAt = createdAt.serverDefault(func.now());
  new Table("users", md, {
    id: column(Integer).primaryKey(),
    email,
    ...(at(1, 3) ? { name: column(String(50)).nullable() } : {}),
    ...(at(3, 6) ? { name: column(String(50)) } : {}),
    ...(at(6, 12) ? { full_name: column(String(50)) } : {}),
    ...(at(12) ? { full_name: column(Text()).nullable() } : {}),
    created_at: createdAt,
    ...(at(2, 7) ? { nickname: column(String(30)).nullable() } : {}),
    ...(at(7) ? { display_name: column(String(60)).nullable() } : {}),
    ...(at(5, 8) ? { manager_id: column(Integer, ForeignKey("users.id")).nullable() } : {}),
    ...(at(8) ? { manager_id: column(Integer).nullable() } : {}),
  });

  let status: AnyColumn = column(Enum(kitStatuses(step), { name: "kit_status" }));
  if (at(3)) status = status.serverDefault("available");
  const serialIndex = d.supportsPartialIndexes
    ? Index("ix_kits_serial_present", "serial_number", { unique: true, where: "serial_number IS NOT NULL" })
    : Index("ix_kits_serial_present", "serial_number", { unique: true });
  new Table(
    "kits",
    md,
    {
      id: column(Integer).primaryKey(),
      code: column(String(at(1, 3) ? 50 : at(3, 7) ? 80 : 60)).index(),
      status,
      owner_id: column(
        Integer,
        ForeignKey("users.id", { ondelete: at(12) ? "CASCADE" : "SET NULL" }),
      ).nullable(),
      ...(at(2) ? { serial_number: column(String(100)).nullable() } : {}),
      ...(at(5) ? { quantity: column(Integer).serverDefault(0) } : {}),
      ...(at(9)
        ? { quantity_doubled: column(Integer).computed(Computed("quantity * 2", { persisted: true })) }
        : {}),
      ...(at(10, 11)
        ? { condition: column(Enum(["good", "worn"], { name: "kit_condition" })).nullable() }
        : {}),
    },
    ...(at(4, 8) ? [Index("ix_kits_status_owner", "status", "owner_id")] : []),
    ...(at(4) ? [serialIndex] : []),
    ...(at(5, 8) ? [CheckConstraint("quantity >= 0", { name: "quantity_nonneg" })] : []),
    ...(at(5, 8) ? [UniqueConstraint("owner_id", "serial_number")] : []),
    ...(at(2) ? [{ comment: at(2, 8) ? "Equipment kits" : "Kits of equipment" }] : []),
  );

  if (at(4) && d.supportsExpressionIndexes) {
    const users = md.table("users")!;
    users.appendConstraint(Index("ix_users_lower_email", text("lower(email)")));
  }

  if (at(2, 11)) {
    const tags = at(2, 6) ? "tags" : "labels";
    new Table(tags, md, { id: column(Integer).primaryKey(), name: column(String(40)).unique().index() });
    new Table("kit_tags", md, {
      kit_id: column(Integer, ForeignKey("kits.id", { ondelete: "CASCADE" })).primaryKey({
        autoincrement: false,
      }),
      tag_id: column(Integer, ForeignKey(`${tags}.id`, { ondelete: "CASCADE" })).primaryKey({
        autoincrement: false,
      }),
    });
  }

  if (at(9)) {
    new Table("orders", md, {
      id: pg ? column(Integer, Identity({ start: 100 })).primaryKey() : column(Integer).primaryKey(),
      kit_id: column(Integer, ForeignKey("kits.id")),
      qty: column(Integer),
      unit_price: column(Numeric(10, 2)),
      total: column(Numeric(12, 2)).computed(Computed("qty * unit_price", { persisted: true })),
    });
  }

  if (at(11, 13)) {
    // A cycle: each table references the other, so one key is added once both exist (and dropped
    // before either goes).
    new Table("teams", md, {
      id: column(Integer).primaryKey(),
      name: column(String(50)),
      captain_id: column(Integer, ForeignKey("players.id")).nullable(),
      rank: at(12) ? column(BigInteger()).nullable() : column(Integer).nullable(),
    });
    new Table("players", md, {
      id: column(Integer).primaryKey(),
      team_id: column(Integer, ForeignKey("teams.id")).nullable(),
    });
  }
  return md;
}
