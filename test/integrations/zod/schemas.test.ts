import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  ArgumentError,
  column,
  declarativeBase,
  ForeignKey,
  Integer,
  MetaData,
  relationship,
  Table,
  Text,
  VARCHAR,
} from "../../../src/index.js";
import {
  createInsertSchema,
  createSelectSchema,
  createUpdateSchema,
} from "../../../src/integrations/zod/index.js";
import { custodyModels } from "../../support/custody-models.js";
import { everyTypeModel, kitModels } from "./support/models.js";

/** The issues of a failed parse, as `path: code` lines (what a 400 answer would list). */
function issuesOf(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => `${i.path.join(".")}: ${i.code}`);
}

describe("createInsertSchema", () => {
  const { Kit, CustodyEvent } = kitModels();
  const KitCreate = createInsertSchema(Kit);

  it("requires NOT NULL columns without defaults; keys, server defaults, defaults and nullable ones are optional", () => {
    expect(KitCreate.parse({ code: "KIT-001", description: "Rifle kit" })).toEqual({
      code: "KIT-001",
      description: "Rifle kit",
    });
    expect(issuesOf(KitCreate, {})).toEqual(["code: invalid_type", "description: invalid_type"]);
    // Nullable columns take null as well as nothing.
    expect(KitCreate.parse({ code: "K", description: "d", serialNumber: null }).serialNumber).toBeNull();
  });

  it("rejects a too long string, an unknown enum value, a bad date, and a missing field with zod issues", () => {
    const result = KitCreate.safeParse({ code: "K".repeat(51), status: "stolen", createdAt: "yesterday" });
    expect(result.success).toBe(false);
    const issues = result.error!.issues;
    expect(issues.find((i) => i.path[0] === "code")).toMatchObject({ code: "too_big", maximum: 50 });
    expect(issues.find((i) => i.path[0] === "status")).toMatchObject({
      code: "invalid_value",
      values: ["available", "checked_out", "lost"],
    });
    expect(issues.find((i) => i.path[0] === "createdAt")).toMatchObject({
      code: "invalid_format",
      format: "datetime",
    });
    expect(issues.find((i) => i.path[0] === "description")).toMatchObject({
      code: "invalid_type",
      expected: "string",
    });
    expect(z.prettifyError(result.error!)).toContain("expected one of");
  });

  it("parses ISO date-time strings to Dates (no offset: UTC, as the column reads it) and keeps Dates", () => {
    const at = new Date("2024-05-06T07:08:09.123Z");
    expect(
      KitCreate.parse({ code: "K", description: "d", createdAt: "2024-05-06T09:08:09.123+02:00" }).createdAt,
    ).toEqual(at);
    expect(
      KitCreate.parse({ code: "K", description: "d", createdAt: "2024-05-06T07:08:09.123" }).createdAt,
    ).toEqual(at);
    expect(KitCreate.parse({ code: "K", description: "d", createdAt: at }).createdAt).toBe(at);
    expect(issuesOf(KitCreate, { code: "K", description: "d", createdAt: new Date(Number.NaN) })).toEqual([
      "createdAt: invalid_union",
    ]);
  });

  it("leaves a foreign key given as column(Integer, ForeignKey(...)) optional, as the constructor does", () => {
    const EventCreate = createInsertSchema(CustodyEvent);
    expect(EventCreate.parse({})).toEqual({});
    // An override schema is the field as given: required here.
    const Strict = createInsertSchema(CustodyEvent, { kitId: z.number().int().positive() });
    expect(issuesOf(Strict, {})).toEqual(["kitId: invalid_type"]);
  });

  it("refuses computed columns, which the database fills", () => {
    const { Sample } = everyTypeModel();
    const SampleCreate = createInsertSchema(Sample);
    const result = SampleCreate.safeParse({ doubled: 4 });
    expect(result.error!.issues.find((i) => i.path[0] === "doubled")?.message).toBe(
      "Sample.doubled is computed by the database; leave it out",
    );
    expect(z.toJSONSchema(SampleCreate, { unrepresentable: "any" }).properties!.doubled).toMatchObject({
      readOnly: true,
    });
  });

  it("leaves the versionId column optional: the ORM sets it", () => {
    const Base = declarativeBase();
    class Doc extends Base.table(
      "docs",
      { id: column(Integer).primaryKey(), rev: column(Integer), body: column(Text) },
      {
        versionId: "rev",
      },
    ) {}
    expect(createInsertSchema(Doc).parse({ body: "x" })).toEqual({ body: "x" });
    expect(issuesOf(createInsertSchema(Doc), {})).toEqual(["body: invalid_type"]);
  });
});

describe("overrides", () => {
  const { Kit } = kitModels();

  it("a function refines the derived schema; nullability and optionality are still added", () => {
    const KitCreate = createInsertSchema(Kit, {
      code: (s) => s.regex(/^KIT-\d{3}$/),
      serialNumber: (s) => s.min(3),
      status: (s) => s.exclude(["lost"]),
    });
    expect(
      KitCreate.parse({ code: "KIT-001", description: "d", serialNumber: null }).serialNumber,
    ).toBeNull();
    expect(
      issuesOf(KitCreate, { code: "KIT-1", description: "d", serialNumber: "ab", status: "lost" }),
    ).toEqual(["code: invalid_format", "serialNumber: too_small", "status: invalid_value"]);
    // The refinement runs after the column's own checks.
    expect(issuesOf(KitCreate, { code: "KIT-001".padEnd(60, "0"), description: "d" })).toContain(
      "code: too_big",
    );
  });

  it("a schema replaces the field, with its own nullability and optionality", () => {
    const KitOut = createSelectSchema(Kit, { serialNumber: z.string().optional() });
    expect(issuesOf(KitOut.pick({ serialNumber: true }), { serialNumber: null })).toEqual([
      "serialNumber: invalid_type",
    ]);
    expect(KitOut.pick({ serialNumber: true }).parse({})).toEqual({});
  });

  it("a refined date keeps its JSON Schema", () => {
    const KitCreate = createInsertSchema(Kit, {
      createdAt: (s) => s.refine((d) => d.getUTCFullYear() >= 2000),
    });
    expect(z.toJSONSchema(KitCreate).properties!.createdAt).toEqual({ type: "string", format: "date-time" });
    expect(issuesOf(KitCreate, { code: "K", description: "d", createdAt: "1999-12-31T00:00:00Z" })).toEqual([
      "createdAt: custom",
    ]);
  });

  it("names unknown columns and bad overrides (for callers the types do not reach)", () => {
    const untyped = createInsertSchema as (m: unknown, o: unknown) => unknown;
    expect(() => untyped(Kit, { colour: z.string() })).toThrow(
      new ArgumentError(
        "'colour' is not a column of Kit; columns: id, createdAt, code, description, serialNumber, status",
      ),
    );
    expect(() => untyped(Kit, { code: 5 })).toThrow(/Kit.code: an override is a zod schema or a function/);
    expect(() => untyped(Kit, { code: () => "x" })).toThrow(
      "Kit.code: the override function returned x, not a zod schema",
    );
    expect(() => untyped({}, {})).toThrow(
      "createInsertSchema() takes a declarative model class or a Table, got object",
    );
    class Plain {}
    expect(() => untyped(Plain, {})).toThrow(/Plain is not mapped to a table/);
  });
});

describe("createUpdateSchema", () => {
  it("makes every column optional and still checks what is given", () => {
    const { Kit } = kitModels();
    const KitPatch = createUpdateSchema(Kit);
    expect(KitPatch.parse({})).toEqual({});
    expect(KitPatch.parse({ status: "lost" })).toEqual({ status: "lost" });
    expect(issuesOf(KitPatch, { description: null, status: "gone" })).toEqual([
      "description: invalid_type",
      "status: invalid_value",
    ]);
    expect(z.toJSONSchema(KitPatch).required).toBeUndefined();
  });
});

describe("relationships (with)", () => {
  const { Kit, CustodyEvent } = kitModels();

  it("nests the requested relationships: lists as arrays, a many-to-one with a NOT NULL key as an object", () => {
    const KitOut = createSelectSchema(Kit, { with: { custodyEvents: { with: { kit: true } } } });
    const kit = {
      id: 1,
      createdAt: new Date(0),
      code: "K",
      description: "d",
      serialNumber: null,
      status: "lost",
    };
    const event = { id: 2, createdAt: new Date(0), kitId: 1, notes: null, attested: true };
    expect(KitOut.parse({ ...kit, custodyEvents: [{ ...event, kit }] })).toEqual({
      ...kit,
      custodyEvents: [{ ...event, kit }],
    });
    expect(issuesOf(KitOut, { ...kit, custodyEvents: [{ ...event, kit: null }] })).toEqual([
      "custodyEvents.0.kit: invalid_type",
    ]);
    expect(z.toJSONSchema(KitOut).properties!.custodyEvents).toMatchObject({ type: "array" });
  });

  it("a nullable foreign key makes the related object nullable", () => {
    const Base = declarativeBase();
    class Team extends Base.table("teams", { id: column(Integer).primaryKey() }) {}
    class Player extends Base.table("players", {
      id: column(Integer).primaryKey(),
      teamId: column(Integer).references("teams.id").nullable(),
    }) {
      static team = relationship(() => Team);
      declare team: Team | null;
    }
    const PlayerOut = createSelectSchema(Player, { with: { team: true } });
    expect(PlayerOut.parse({ id: 1, teamId: null, team: null })).toEqual({ id: 1, teamId: null, team: null });
  });

  it("builds a nested schema on first use: it may be declared before the target class exists", () => {
    const Base = declarativeBase();
    class Team extends Base.table("teams", { id: column(Integer).primaryKey() }) {
      static players = relationship(() => Player);
      declare players: Player[];
    }
    const TeamOut = createSelectSchema(Team, { with: { players: true } });
    class Player extends Base.table("players", {
      id: column(Integer).primaryKey(),
      teamId: column(Integer, ForeignKey("teams.id")),
    }) {}
    expect(TeamOut.parse({ id: 1, players: [{ id: 2, teamId: 1 }] })).toEqual({
      id: 1,
      players: [{ id: 2, teamId: 1 }],
    });
  });

  it("names a relationship that does not exist", () => {
    const untyped = createSelectSchema as (m: unknown, o: unknown) => unknown;
    expect(() => untyped(CustodyEvent, { with: { events: true } })).toThrow(
      "createSelectSchema(): 'events' is not a relationship of CustodyEvent; relationships: kit",
    );
  });
});

describe("Core tables", () => {
  it("derives the same schemas from a Table", () => {
    const notes = new Table("notes", new MetaData(), {
      id: column(Integer).primaryKey(),
      title: column(VARCHAR(20)),
      body: column(Text).nullable(),
    });
    expect(z.toJSONSchema(createInsertSchema(notes)).required).toEqual(["title"]);
    expect(createSelectSchema(notes).parse({ id: 1, title: "t", body: null })).toEqual({
      id: 1,
      title: "t",
      body: null,
    });
    expect(() => createSelectSchema(notes, { with: {} } as never)).toThrow(
      "table notes has no relationships to nest",
    );
  });
});

describe("the guide's examples (docs/guide/zod.md)", () => {
  const { Kit, KitStatus } = custodyModels();

  it("the create body's JSON Schema", () => {
    const KitCreate = createInsertSchema(Kit, { code: (s) => s.regex(/^KIT-\d{3}$/) });
    const body = z.toJSONSchema(KitCreate, { io: "input" });
    expect(body.required).toEqual(["code", "description"]);
    expect(body.properties).toEqual({
      id: { type: "integer", minimum: -2_147_483_648, maximum: 2_147_483_647 },
      createdAt: { type: "string", format: "date-time" },
      updatedAt: { type: "string", format: "date-time" },
      code: { type: "string", maxLength: 50, pattern: "^KIT-\\d{3}$" },
      description: { type: "string", maxLength: 200 },
      serialNumber: { anyOf: [{ type: "string", maxLength: 100 }, { type: "null" }] },
      status: { type: "string", enum: Object.values(KitStatus) },
    });
  });

  it("a kit with its events and their users, for a response", () => {
    const KitOut = createSelectSchema(Kit, {
      with: { custodyEvents: { notes: z.string().nullable(), with: { user: true } } },
    });
    const at = new Date("2024-01-01T00:00:00Z");
    const user = {
      id: 3,
      createdAt: at,
      updatedAt: at,
      email: "a@b.c",
      name: "Ann",
      role: "coach",
      oauthProvider: null,
      verifiedAdult: true,
      isActive: true,
    };
    const event = {
      id: 2,
      createdAt: at,
      updatedAt: at,
      kitId: 1,
      userId: 3,
      eventType: "check_out",
      notes: null,
      attestationAccepted: true,
      expectedReturnDate: null,
      user,
    };
    const kit = {
      id: 1,
      createdAt: at,
      updatedAt: at,
      code: "KIT-001",
      description: "d",
      serialNumber: null,
    };
    const out = KitOut.parse({ ...kit, status: "available", custodyEvents: [event], extra: "dropped" });
    expect(out).toEqual({ ...kit, status: "available", custodyEvents: [event] });
    expect(z.toJSONSchema(KitOut, { target: "openapi-3.0" }).properties!.serialNumber).toEqual({
      nullable: true,
      type: "string",
      maxLength: 100,
    });
  });
});
