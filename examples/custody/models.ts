// The seeds' Custody Manager models: users, kits, custody and maintenance events, plus a
// many-to-many (kits <-> tags) and a one-to-one (user <-> profile). Each model with relationships
// names itself as its base's type argument (`<typeof Kit>`): its constructor takes the relationships,
// typed, and each `declare` is checked against its relationship()'s target where it is written.
import {
  BOOLEAN,
  column,
  DateTime,
  Enum,
  ForeignKey,
  func,
  Index,
  Integer,
  Numeric,
  relationship,
  Table,
  Text,
  VARCHAR,
} from "athanor";
import { Base } from "./db.js";

/** The seeds' __abstract__ BaseModel: id and timestamps for every table. */
export class BaseModel extends Base.abstract({
  id: column(Integer).primaryKey(),
  createdAt: column(DateTime({ timezone: true })).serverDefault(func.now()),
  updatedAt: column(DateTime({ timezone: true }))
    .serverDefault(func.now())
    .onUpdate(func.now()),
}) {}

export const UserRole = {
  admin: "admin",
  armorer: "armorer",
  coach: "coach",
  volunteer: "volunteer",
  parent: "parent",
} as const;
export const KitStatus = {
  available: "available",
  checkedOut: "checked_out",
  maintenance: "maintenance",
  lost: "lost",
} as const;
export const CustodyEventType = {
  checkOut: "check_out",
  checkIn: "check_in",
  transfer: "transfer",
  lost: "lost",
  found: "found",
} as const;
export const MaintenanceKind = { inspection: "inspection", repair: "repair", cleaning: "cleaning" } as const;

export class User extends BaseModel.table("users", {
  email: column(VARCHAR(255)).unique().index(),
  name: column(VARCHAR(100)),
  role: column(Enum(UserRole)).default(UserRole.volunteer),
  oauthProvider: column(VARCHAR(50)).nullable(),
  verifiedAdult: column(BOOLEAN).default(false),
  isActive: column(BOOLEAN).default(true),
})<typeof User> {
  static custodyEvents = relationship(() => CustodyEvent, { backPopulates: "user" });
  static profile = relationship(() => Profile, {
    uselist: false,
    backPopulates: "user",
    cascade: "all, delete-orphan",
  });
  declare custodyEvents: CustodyEvent[];
  declare profile: Profile | null;
}

/** One-to-one: a user has at most one profile (unique foreign key, uselist: false). */
export class Profile extends BaseModel.table("profiles", {
  userId: column(Integer, ForeignKey("users.id", { ondelete: "CASCADE" })).unique(),
  bio: column(Text).nullable(),
})<typeof Profile> {
  static user = relationship(() => User, { backPopulates: "profile" });
  declare user: User;
}

/** The association table of the many-to-many kits <-> tags (a Core Table, as in the seeds). */
export const kitTags = new Table("kit_tags", Base.metadata, {
  kitId: column(Integer, ForeignKey("kits.id", { ondelete: "CASCADE" })).primaryKey({ autoincrement: false }),
  tagId: column(Integer, ForeignKey("tags.id", { ondelete: "CASCADE" })).primaryKey({ autoincrement: false }),
});

export class Kit extends BaseModel.table("kits", {
  code: column(VARCHAR(50)).unique().index(),
  description: column(VARCHAR(200)),
  serialNumber: column(VARCHAR(100)).nullable(),
  status: column(Enum(KitStatus)).default(KitStatus.available),
  value: column(Numeric(10, 2)).nullable(),
})<typeof Kit> {
  static custodyEvents = relationship(() => CustodyEvent, {
    backPopulates: "kit",
    cascade: "all, delete-orphan",
    orderBy: () => CustodyEvent.id,
  });
  static maintenanceEvents = relationship(() => MaintenanceEvent, {
    backPopulates: "kit",
    cascade: "all, delete-orphan",
  });
  static tags = relationship(() => Tag, { secondary: kitTags, backPopulates: "kits" });
  declare custodyEvents: CustodyEvent[];
  declare maintenanceEvents: MaintenanceEvent[];
  declare tags: Tag[];
}

export class Tag extends BaseModel.table("tags", { name: column(VARCHAR(50)).unique() })<typeof Tag> {
  static kits = relationship(() => Kit, { secondary: kitTags, backPopulates: "tags" });
  declare kits: Kit[];
}

export class CustodyEvent extends BaseModel.table(
  "custody_events",
  {
    kitId: column(Integer, ForeignKey("kits.id")),
    userId: column(Integer, ForeignKey("users.id")),
    eventType: column(Enum(CustodyEventType)),
    notes: column(Text).nullable(),
    attestationAccepted: column(BOOLEAN).default(false),
    expectedReturnDate: column(DateTime({ timezone: true })).nullable(),
  },
  { indexes: [Index("ix_kit_created", "kitId", "createdAt")] },
)<typeof CustodyEvent> {
  static kit = relationship(() => Kit, { backPopulates: "custodyEvents" });
  static user = relationship(() => User, { backPopulates: "custodyEvents" });
  declare kit: Kit;
  declare user: User;
}

export class MaintenanceEvent extends BaseModel.table("maintenance_events", {
  kitId: column(Integer, ForeignKey("kits.id")),
  kind: column(Enum(MaintenanceKind)),
  cost: column(Numeric(10, 2)).default("0.00"),
})<typeof MaintenanceEvent> {
  static kit = relationship(() => Kit, { backPopulates: "maintenanceEvents" });
  declare kit: Kit;
}
