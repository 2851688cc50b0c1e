import {
  Boolean,
  column,
  DateTime,
  declarativeBase,
  Enum,
  ForeignKey,
  func,
  Index,
  Integer,
  relationship,
  String,
  Text,
} from "../../src/index.js";

/** The seeds' Custody Manager models, as a fresh declarative base per call (tests own their metadata). */
export function custodyModels() {
  const Base = declarativeBase();

  class BaseModel extends Base.abstract({
    id: column(Integer).primaryKey(),
    createdAt: column(DateTime({ timezone: true })).serverDefault(func.now()),
    updatedAt: column(DateTime({ timezone: true }))
      .serverDefault(func.now())
      .onUpdate(func.now()),
  }) {
    describe(): string {
      return `${this.constructor.name}#${this.id}`;
    }
  }

  const UserRole = {
    admin: "admin",
    armorer: "armorer",
    coach: "coach",
    volunteer: "volunteer",
    parent: "parent",
  } as const;
  const KitStatus = {
    available: "available",
    checkedOut: "checked_out",
    maintenance: "maintenance",
    lost: "lost",
  } as const;
  const CustodyEventType = {
    checkOut: "check_out",
    checkIn: "check_in",
    transfer: "transfer",
    lost: "lost",
    found: "found",
  } as const;

  class User extends BaseModel.table("users", {
    email: column(String(255)).unique().index(),
    name: column(String(100)),
    role: column(Enum(UserRole)).default(UserRole.volunteer),
    oauthProvider: column(String(50)).nullable(),
    verifiedAdult: column(Boolean).default(false),
    isActive: column(Boolean).default(true),
  }) {
    static custodyEvents = relationship(() => CustodyEvent, { backPopulates: "user" });
    declare custodyEvents: CustodyEvent[];
  }

  class Kit extends BaseModel.table("kits", {
    code: column(String(50)).unique().index(),
    description: column(String(200)),
    serialNumber: column(String(100)).nullable(),
    status: column(Enum(KitStatus)).default(KitStatus.available),
  }) {
    static custodyEvents = relationship(() => CustodyEvent, {
      backPopulates: "kit",
      cascade: "all, delete-orphan",
      orderBy: () => CustodyEvent.id,
    });
    declare custodyEvents: CustodyEvent[];
  }

  class CustodyEvent extends BaseModel.table(
    "custody_events",
    {
      kitId: column(Integer, ForeignKey("kits.id")),
      userId: column(Integer, ForeignKey("users.id")),
      eventType: column(Enum(CustodyEventType)),
      notes: column(Text).nullable(),
      attestationAccepted: column(Boolean).default(false),
      expectedReturnDate: column(DateTime({ timezone: true })).nullable(),
    },
    { indexes: [Index("ix_kit_created", "kitId", "createdAt")] },
  ) {
    static kit = relationship(() => Kit, { backPopulates: "custodyEvents" });
    static user = relationship(() => User, { backPopulates: "custodyEvents" });
    declare kit: Kit;
    declare user: User;
  }

  return { Base, BaseModel, User, Kit, CustodyEvent, UserRole, KitStatus, CustodyEventType };
}
