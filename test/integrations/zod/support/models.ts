import {
  ARRAY,
  BigInteger,
  BOOLEAN,
  Computed,
  column,
  DATE,
  DateTime,
  Double,
  declarativeBase,
  Enum,
  Float,
  ForeignKey,
  func,
  Integer,
  Interval,
  JSONB,
  Json,
  LargeBinary,
  Numeric,
  relationship,
  SmallInteger,
  Text,
  Time,
  TypeDecorator,
  Uuid,
  VARCHAR,
} from "../../../../src/index.js";

/** A custom type: stored as VARCHAR(40), lowercased on the way in. */
export class Lowercase extends TypeDecorator<string, string> {
  impl = VARCHAR(40);
  processBindParam(v: string): string {
    return v.toLowerCase();
  }
  processResultValue(v: string): string {
    return v;
  }
}

export interface Settings {
  theme: "dark" | "light";
  size: number;
}

export const KitStatus = { available: "available", checkedOut: "checked_out", lost: "lost" } as const;

/** Kits and their custody events (the seeds' models, cut down), as a fresh base per call. */
export function kitModels() {
  const Base = declarativeBase();

  class BaseModel extends Base.abstract({
    id: column(Integer).primaryKey(),
    createdAt: column(DateTime({ timezone: true })).serverDefault(func.now()),
  }) {}

  class Kit extends BaseModel.table("kits", {
    code: column(VARCHAR(50)).unique(),
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

  class CustodyEvent extends BaseModel.table("custody_events", {
    kitId: column(Integer, ForeignKey("kits.id")),
    notes: column(Text).nullable(),
    attested: column(BOOLEAN).default(false),
  }) {
    static kit = relationship(() => Kit, { backPopulates: "custodyEvents" });
    declare kit: Kit;
  }

  return { Base, Kit, CustodyEvent };
}

/** One column of every portable type (and a computed one). */
export function everyTypeModel() {
  const Base = declarativeBase();
  class Sample extends Base.table("samples", {
    id: column(BigInteger).primaryKey(),
    small: column(SmallInteger),
    count: column(Integer).nullable(),
    big: column(BigInteger({ mode: "number" })).nullable(),
    real: column(Float),
    dbl: column(Double).nullable(),
    price: column(Numeric(10, 2)),
    flag: column(BOOLEAN).default(true),
    at: column(DateTime({ timezone: true })),
    day: column(DATE).nullable(),
    clock: column(Time),
    span: column(Interval).nullable(),
    token: column(Uuid),
    blob: column(LargeBinary).nullable(),
    settings: column(Json<Settings>()),
    label: column(Text),
    handle: column(new Lowercase()),
    doubled: column(Integer, Computed("small * 2")),
  }) {}
  return { Base, Sample };
}

/** PostgreSQL's own types: arrays (also of an enum, and two-dimensional) and JSONB. */
export function postgresTypeModel() {
  const Base = declarativeBase();
  class PgSample extends Base.table("pg_samples", {
    id: column(Integer).primaryKey(),
    tags: column(ARRAY(VARCHAR(20))),
    states: column(ARRAY(Enum(KitStatus, { name: "pg_sample_state" }))).nullable(),
    grid: column(ARRAY(Integer, { dimensions: 2 })).nullable(),
    doc: column(JSONB<{ a: number[] }>()),
  }) {}
  return { Base, PgSample };
}
