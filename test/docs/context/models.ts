/**
 * The models the guides' snippets import as "./models.js": the README's Kit and CustodyEvent,
 * and a User, as a reader's app would define them.
 */
import {
  BOOLEAN,
  column,
  DateTime,
  declarativeBase,
  Enum,
  ForeignKey,
  func,
  Index,
  Integer,
  Json,
  relationship,
  Text,
  VARCHAR,
} from "athanor";

export const Base = declarativeBase();

export class BaseModel extends Base.abstract({
  id: column(Integer).primaryKey(),
  createdAt: column(DateTime({ timezone: true })).serverDefault(func.now()),
  updatedAt: column(DateTime({ timezone: true }))
    .serverDefault(func.now())
    .onUpdate(func.now()),
}) {}

export const KitStatus = { available: "available", checkedOut: "checked_out", lost: "lost" } as const;

export class User extends BaseModel.table("users", {
  email: column(VARCHAR(255)).unique(),
  isActive: column(BOOLEAN).default(true),
  settings: column(Json<{ theme: "dark" | "light"; size: number }>()).nullable(),
}) {
  static custodyEvents = relationship(() => CustodyEvent, { backPopulates: "user" });
  declare custodyEvents: CustodyEvent[];
}

export class Kit extends BaseModel.table("kits", {
  code: column(VARCHAR(50)).unique().index(),
  description: column(VARCHAR(200)),
  serialNumber: column(VARCHAR(100)).nullable(),
  status: column(Enum(KitStatus)).default(KitStatus.available),
}) {
  static custodyEvents = relationship(() => CustodyEvent, {
    backPopulates: "kit",
    cascade: "all, delete-orphan",
  });
  declare custodyEvents: CustodyEvent[];
}

export class CustodyEvent extends BaseModel.table(
  "custody_events",
  {
    kitId: column(Integer, ForeignKey("kits.id")),
    userId: column(Integer, ForeignKey("users.id")).nullable(),
    notes: column(Text).nullable(),
  },
  { indexes: [Index("ix_kit_created", "kitId", "createdAt")] },
) {
  static kit = relationship(() => Kit, { backPopulates: "custodyEvents" });
  static user = relationship(() => User, { backPopulates: "custodyEvents" });
  declare kit: Kit;
  declare user: User | null;
}
