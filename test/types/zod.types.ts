/**
 * Type tests of athanor/zod: `z.infer` of a select schema is the model's instance columns, and
 * `z.input` of an insert schema is the model's constructor argument. Checked by `tsc`; nothing runs.
 */
import { expectTypeOf } from "vitest";
import { z } from "zod";
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
  MetaData,
  Numeric,
  relationship,
  SmallInteger,
  Table,
  Text,
  Time,
  TypeDecorator,
  Uuid,
  VARCHAR,
} from "../../src/index.js";
import {
  createInsertSchema,
  createSelectSchema,
  createUpdateSchema,
} from "../../src/integrations/zod/index.js";
import type { InsertInput, InstanceColumns } from "../../src/orm/declarative/model-types.js";

const Base = declarativeBase();

const KitStatus = { available: "available", checkedOut: "checked_out", lost: "lost" } as const;
type KitStatusValue = "available" | "checked_out" | "lost";

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
  static custodyEvents = relationship(() => CustodyEvent, { backPopulates: "kit" });
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

class Lowercase extends TypeDecorator<string, string> {
  impl = VARCHAR(40);
  processBindParam(v: string): string {
    return v.toLowerCase();
  }
  processResultValue(v: string): string {
    return v;
  }
}

interface Settings {
  theme: "dark" | "light";
  size: number;
}

class Everything extends Base.table("everything", {
  id: column(BigInteger).primaryKey(),
  small: column(SmallInteger),
  big: column(BigInteger({ mode: "number" })).nullable(),
  real: column(Float),
  dbl: column(Double).nullable(),
  price: column(Numeric(10, 2)),
  flag: column(BOOLEAN).default(true),
  day: column(DATE).nullable(),
  at: column(Time),
  span: column(Interval).nullable(),
  token: column(Uuid),
  blob: column(LargeBinary).nullable(),
  settings: column(Json<Settings>()),
  extra: column(JSONB<string[]>()).nullable(),
  tags: column(ARRAY(VARCHAR(20))),
  grid: column(ARRAY(Integer, { dimensions: 2 })).nullable(),
  handle: column(new Lowercase()),
  total: column(Integer).computed(Computed("small * 2")),
}) {}

// Select: z.infer is the instance's column properties, exactly.
type KitDecls = typeof Kit extends { __table__: Table<string, infer C> } ? C : never;
type KitColumns = InstanceColumns<KitDecls>;
const KitOut = createSelectSchema(Kit);
expectTypeOf<z.infer<typeof KitOut>>().toEqualTypeOf<KitColumns>();
expectTypeOf<z.infer<typeof KitOut>>().toEqualTypeOf<{
  id: number;
  createdAt: Date;
  code: string;
  description: string;
  serialNumber: string | null;
  status: KitStatusValue;
}>();
// Enum literals are kept: the field is zod's own enum, not a string.
expectTypeOf(KitOut.shape.status).toEqualTypeOf<
  z.ZodEnum<{ available: "available"; checked_out: "checked_out"; lost: "lost" }>
>();
expectTypeOf(KitOut.shape.serialNumber).toEqualTypeOf<z.ZodNullable<z.ZodString>>();

// Insert: z.input is the constructor's argument; z.output has dates as Date.
const KitIn = createInsertSchema(Kit);
type KitInit = NonNullable<ConstructorParameters<typeof Kit>[0]>;
expectTypeOf<z.input<typeof KitIn>>().toEqualTypeOf<KitInit>();
expectTypeOf<z.input<typeof KitIn>>().toEqualTypeOf<InsertInput<KitDecls>>();
expectTypeOf<z.output<typeof KitIn>>().toEqualTypeOf<{
  id?: number;
  createdAt?: Date;
  code: string;
  description: string;
  serialNumber?: string | null;
  status?: KitStatusValue;
}>();
// What the schema outputs, the constructor takes.
new Kit(KitIn.parse({}));

// Update: every field optional.
const KitPatch = createUpdateSchema(Kit);
expectTypeOf<z.input<typeof KitPatch>>().toEqualTypeOf<Partial<KitInit>>();

// Overrides: a function refines the derived schema (typed by the column), a schema replaces the field.
const KitCreate = createInsertSchema(Kit, {
  code: (s) => s.regex(/^KIT-\d{3}$/),
  description: z.string().min(1).optional(),
  status: (s) => s.exclude(["lost"]),
});
expectTypeOf<z.input<typeof KitCreate>>().toEqualTypeOf<{
  id?: number;
  createdAt?: Date | string;
  code: string;
  description?: string;
  serialNumber?: string | null;
  status?: "available" | "checked_out";
}>();
createInsertSchema(Kit, {
  // @ts-expect-error: not a column of Kit
  nope: z.string(),
});
createSelectSchema(Kit, {
  // @ts-expect-error: a refinement of a string column gets a ZodString, which has no .int()
  code: (s) => s.int(),
});
// @ts-expect-error: not a relationship of Kit
createSelectSchema(Kit, { with: { events: true } });

// Relationships, nested on request (and their own options, at any depth).
const KitWithEvents = createSelectSchema(Kit, { with: { custodyEvents: { with: { kit: true } } } });
type KitOutput = {
  id: number;
  createdAt: Date;
  code: string;
  description: string;
  serialNumber: string | null;
  status: KitStatusValue;
};
// (Written out flat: expectTypeOf tells an intersection inside an array from its flat form.)
expectTypeOf<z.infer<typeof KitWithEvents>>().toEqualTypeOf<{
  id: number;
  createdAt: Date;
  code: string;
  description: string;
  serialNumber: string | null;
  status: KitStatusValue;
  custodyEvents: {
    id: number;
    createdAt: Date;
    kitId: number;
    notes: string | null;
    attested: boolean;
    kit: KitOutput;
  }[];
}>();
const EventOut = createSelectSchema(CustodyEvent, { with: { kit: { code: z.string() } } });
expectTypeOf<z.infer<typeof EventOut>["kit"]>().toEqualTypeOf<KitColumns>();

// Every column type.
type EverythingDecls = typeof Everything extends { __table__: Table<string, infer C> } ? C : never;
const AllOut = createSelectSchema(Everything);
expectTypeOf<z.infer<typeof AllOut>>().toEqualTypeOf<InstanceColumns<EverythingDecls>>();
expectTypeOf<z.infer<typeof AllOut>>().toEqualTypeOf<{
  id: bigint;
  small: number;
  big: number | null;
  real: number;
  dbl: number | null;
  price: string;
  flag: boolean;
  day: Date | null;
  at: string;
  span: string | null;
  token: string;
  blob: Uint8Array | null;
  settings: Settings;
  extra: string[] | null;
  tags: string[];
  grid: number[][] | null;
  handle: string;
  total: number;
}>();
const AllIn = createInsertSchema(Everything);
expectTypeOf<z.input<typeof AllIn>>().toEqualTypeOf<
  NonNullable<ConstructorParameters<typeof Everything>[0]>
>();
expectTypeOf<z.input<typeof AllIn>["price"]>().toEqualTypeOf<string | number>();
expectTypeOf<z.output<typeof AllIn>["price"]>().toEqualTypeOf<string>();
expectTypeOf<z.input<typeof AllIn>["id"]>().toEqualTypeOf<bigint | number | undefined>();
expectTypeOf(AllIn.shape.small).toEqualTypeOf<z.ZodNumber>();
expectTypeOf(AllIn.shape.token).toEqualTypeOf<z.ZodString>();

// A Core Table works too.
const metadata = new MetaData();
const notes = new Table("notes", metadata, {
  id: column(Integer).primaryKey(),
  body: column(Text),
  pinned: column(BOOLEAN).default(false),
});
const NoteIn = createInsertSchema(notes);
expectTypeOf<z.input<typeof NoteIn>>().toEqualTypeOf<{ id?: number; body: string; pinned?: boolean }>();
const NoteOut = createSelectSchema(notes);
expectTypeOf<z.infer<typeof NoteOut>>().toEqualTypeOf<{
  id: number;
  body: string;
  pinned: boolean;
}>();
