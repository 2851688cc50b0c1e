/**
 * initial schema
 *
 * Revision ID: 1c0ffee5ab1e
 * Revises:
 * Create Date: 2026-11-22T05:11:07.614Z
 */
import {
  BOOLEAN,
  column,
  DateTime,
  Enum,
  func,
  Index,
  Integer,
  Numeric,
  Text,
  UniqueConstraint,
  VARCHAR,
} from "athanor";
import type { Operations } from "athanor/migrate";

export const revision = "1c0ffee5ab1e";
export const downRevision: string | string[] | null = null;
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];
export const message = "initial schema";
export const createDate = "2026-11-22T05:11:07.614Z";

export async function upgrade(op: Operations): Promise<void> {
  await op.createEnum("users_role", ["admin", "armorer", "coach", "volunteer", "parent"]);
  await op.createEnum("kits_status", ["available", "checked_out", "maintenance", "lost"]);
  await op.createEnum("custody_events_event_type", ["check_out", "check_in", "transfer", "lost", "found"]);
  await op.createEnum("maintenance_events_kind", ["inspection", "repair", "cleaning"]);
  await op.createTable(
    "kits",
    {
      id: column(Integer).primaryKey(),
      created_at: column(DateTime({ timezone: true })).serverDefault(func.now()),
      updated_at: column(DateTime({ timezone: true })).serverDefault(func.now()),
      code: column(VARCHAR(50)),
      description: column(VARCHAR(200)),
      status: column(
        Enum(["available", "checked_out", "maintenance", "lost"], {
          name: "kits_status",
        }),
      ),
      value: column(Numeric(10, 2)).nullable(),
    },
    Index("ix_kits_code", "code", { unique: true }),
  );
  await op.createTable(
    "users",
    {
      id: column(Integer).primaryKey(),
      created_at: column(DateTime({ timezone: true })).serverDefault(func.now()),
      updated_at: column(DateTime({ timezone: true })).serverDefault(func.now()),
      email: column(VARCHAR(255)),
      name: column(VARCHAR(100)),
      role: column(
        Enum(["admin", "armorer", "coach", "volunteer", "parent"], {
          name: "users_role",
        }),
      ),
      oauth_provider: column(VARCHAR(50)).nullable(),
      verified_adult: column(BOOLEAN),
      is_active: column(BOOLEAN),
    },
    Index("ix_users_email", "email", { unique: true }),
  );
  await op.createTable(
    "custody_events",
    {
      id: column(Integer).primaryKey(),
      created_at: column(DateTime({ timezone: true })).serverDefault(func.now()),
      updated_at: column(DateTime({ timezone: true })).serverDefault(func.now()),
      kit_id: column(Integer).references("kits.id"),
      user_id: column(Integer).references("users.id"),
      event_type: column(
        Enum(["check_out", "check_in", "transfer", "lost", "found"], {
          name: "custody_events_event_type",
        }),
      ),
      notes: column(Text()).nullable(),
      attestation_accepted: column(BOOLEAN),
      expected_return_date: column(DateTime({ timezone: true })).nullable(),
    },
    Index("ix_kit_created", "kit_id", "created_at"),
  );
  await op.createTable(
    "tags",
    {
      id: column(Integer).primaryKey(),
      created_at: column(DateTime({ timezone: true })).serverDefault(func.now()),
      updated_at: column(DateTime({ timezone: true })).serverDefault(func.now()),
      name: column(VARCHAR(50)),
    },
    UniqueConstraint("name"),
  );
  await op.createTable("kit_tags", {
    kit_id: column(Integer)
      .primaryKey({ autoincrement: false })
      .references("kits.id", { ondelete: "CASCADE" }),
    tag_id: column(Integer)
      .primaryKey({ autoincrement: false })
      .references("tags.id", { ondelete: "CASCADE" }),
  });
  await op.createTable("maintenance_events", {
    id: column(Integer).primaryKey(),
    created_at: column(DateTime({ timezone: true })).serverDefault(func.now()),
    updated_at: column(DateTime({ timezone: true })).serverDefault(func.now()),
    kit_id: column(Integer).references("kits.id"),
    kind: column(
      Enum(["inspection", "repair", "cleaning"], {
        name: "maintenance_events_kind",
      }),
    ),
    cost: column(Numeric(10, 2)),
  });
  await op.createTable(
    "profiles",
    {
      id: column(Integer).primaryKey(),
      created_at: column(DateTime({ timezone: true })).serverDefault(func.now()),
      updated_at: column(DateTime({ timezone: true })).serverDefault(func.now()),
      user_id: column(Integer).references("users.id", { ondelete: "CASCADE" }),
      bio: column(Text()).nullable(),
    },
    UniqueConstraint("user_id"),
  );
}

export async function downgrade(op: Operations): Promise<void> {
  // DESTRUCTIVE: drops table profiles and every row in it.
  await op.dropTable("profiles");
  // DESTRUCTIVE: drops table maintenance_events and every row in it.
  await op.dropTable("maintenance_events");
  // DESTRUCTIVE: drops table kit_tags and every row in it.
  await op.dropTable("kit_tags");
  // DESTRUCTIVE: drops table tags and every row in it.
  await op.dropTable("tags");
  // DESTRUCTIVE: drops table custody_events and every row in it.
  await op.dropTable("custody_events");
  // DESTRUCTIVE: drops table users and every row in it.
  await op.dropTable("users");
  // DESTRUCTIVE: drops table kits and every row in it.
  await op.dropTable("kits");
  await op.dropEnum("maintenance_events_kind", {
    values: ["inspection", "repair", "cleaning"],
  });
  await op.dropEnum("custody_events_event_type", {
    values: ["check_out", "check_in", "transfer", "lost", "found"],
  });
  await op.dropEnum("kits_status", {
    values: ["available", "checked_out", "maintenance", "lost"],
  });
  await op.dropEnum("users_role", {
    values: ["admin", "armorer", "coach", "volunteer", "parent"],
  });
}
