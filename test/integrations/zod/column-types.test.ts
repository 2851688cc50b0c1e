/** Each column type's schema, and the JSON Schema zod makes of them. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { column, declarativeBase, Integer, TypeEngine } from "../../../src/index.js";
import { createInsertSchema, createSelectSchema } from "../../../src/integrations/zod/index.js";
import { everyTypeModel, kitModels } from "./support/models.js";

describe("column types", () => {
  const { Sample } = everyTypeModel();
  const SampleCreate = createInsertSchema(Sample);
  const SampleOut = createSelectSchema(Sample);
  const valid = {
    small: 7,
    real: 1.5,
    price: "12.50",
    at: "2024-05-06T07:08:09Z",
    clock: "12:30:00",
    token: "123e4567-e89b-42d3-a456-426614174000",
    settings: { theme: "dark", size: 3 },
    label: "x",
    handle: "MiXeD",
  };
  const field = (key: string, value: unknown) =>
    SampleCreate.safeParse({ ...valid, [key]: value }).error?.issues.map(
      (i) => `${String(i.path[0])}: ${i.code}`,
    ) ?? "ok";

  it("accepts a valid row", () => {
    expect(field("label", "y")).toBe("ok");
  });

  it("integers: whole numbers within the SQL type's range", () => {
    expect(field("small", 1.5)).toEqual(["small: invalid_type"]);
    expect(field("small", 32_768)).toEqual(["small: too_big"]);
    expect(field("count", 2 ** 31)).toEqual(["count: too_big"]);
    expect(field("count", -(2 ** 31))).toBe("ok");
    expect(field("big", 2 ** 53)).toEqual(["big: too_big"]);
  });

  it("BigInteger reads bigint: an integer number or a bigint in, a bigint out, within 64 bits", () => {
    expect(SampleCreate.parse({ ...valid, id: 42 }).id).toBe(42n);
    expect(SampleCreate.parse({ ...valid, id: 2n ** 62n }).id).toBe(2n ** 62n);
    expect(field("id", 2n ** 63n)).toEqual(["id: too_big"]);
    expect(field("id", -(2n ** 63n))).toBe("ok");
    expect(field("id", 1.5)).toEqual(["id: invalid_union"]);
    const json = z.toJSONSchema(createSelectSchema(Sample, { blob: z.string().nullable() }));
    expect(json.properties!.id).toEqual({ type: "integer", format: "int64" });
  });

  it("Numeric reads decimal strings: numbers become strings; the integer digits are checked", () => {
    expect(SampleCreate.parse({ ...valid, price: 12.5 }).price).toBe("12.5");
    expect(SampleCreate.parse({ ...valid, price: "-0.125" }).price).toBe("-0.125");
    expect(field("price", "12,50")).toEqual(["price: invalid_format"]);
    expect(field("price", true)).toEqual(["price: invalid_union"]);
    expect(field("price", "123456789")).toEqual(["price: custom"]);
    expect(field("price", 123456789.5)).toEqual(["price: custom"]);
    expect(field("price", "12345678.999")).toBe("ok");
  });

  it("dates, times and intervals", () => {
    expect(SampleCreate.parse({ ...valid, day: "2024-02-29" }).day).toEqual(new Date(Date.UTC(2024, 1, 29)));
    expect(field("day", "2024-02-30")).toEqual(["day: invalid_format"]);
    expect(field("day", "2024-02-28T10:00:00Z")).toEqual(["day: invalid_format"]);
    expect(field("clock", "24:00:00")).toEqual(["clock: invalid_format"]);
    expect(field("span", "P1DT2H30M")).toBe("ok");
    expect(field("span", "1 day")).toEqual(["span: invalid_format"]);
    // As read back, an interval is whatever the database spelled.
    expect(SampleOut.shape.span.parse("PT-1H")).toBe("PT-1H");
  });

  it("UUIDs: RFC 9562 ones when writing, any 8-4-4-4-12 hex when reading", () => {
    expect(field("token", "not-a-uuid")).toEqual(["token: invalid_format"]);
    const legacy = "123e4567-e89b-02d3-0456-426614174000";
    expect(field("token", legacy)).toEqual(["token: invalid_format"]);
    expect(SampleOut.shape.token.parse(legacy)).toBe(legacy);
  });

  it("bytes, JSON and custom types", () => {
    expect(field("blob", Buffer.from([1, 2]))).toBe("ok");
    expect(field("blob", new Uint8Array([1, 2]))).toBe("ok");
    expect(field("blob", "AQI=")).toEqual(["blob: custom"]);
    expect(field("settings", { nested: [1, "a", null, { b: true }] })).toBe("ok");
    expect(field("settings", { when: new Date() })).not.toBe("ok");
    expect(field("settings", undefined)).toEqual(["settings: invalid_union"]);
    // A TypeDecorator is checked as its stored type (VARCHAR(40)).
    expect(field("handle", "h".repeat(41))).toEqual(["handle: too_big"]);
  });

  it("refuses a column type it does not know, naming the column and the fix", () => {
    class Point extends TypeEngine<{ x: number; y: number }> {
      readonly typeName = "point";
    }
    const Base = declarativeBase();
    class Place extends Base.table("places", { id: column(Integer).primaryKey(), at: column(new Point()) }) {}
    expect(() => createSelectSchema(Place)).toThrow(
      "Place.at: no zod schema for column type 'point' (Point); give the column an override: { at: z.custom<...>(...) }",
    );
    expect(
      createSelectSchema(Place, { at: z.object({ x: z.number(), y: z.number() }) }).parse({
        id: 1,
        at: { x: 1, y: 2 },
      }),
    ).toEqual({
      id: 1,
      at: { x: 1, y: 2 },
    });
  });
});

describe("JSON Schema (z.toJSONSchema, for OpenAPI)", () => {
  it("an insert schema gives the required list, maxLength and enum values", () => {
    const { Kit } = kitModels();
    const schema = z.toJSONSchema(createInsertSchema(Kit));
    expect(schema.required).toEqual(["code", "description"]);
    expect(schema.properties).toEqual({
      id: { type: "integer", minimum: -2_147_483_648, maximum: 2_147_483_647 },
      createdAt: { type: "string", format: "date-time" },
      code: { type: "string", maxLength: 50 },
      description: { type: "string", maxLength: 200 },
      serialNumber: { anyOf: [{ type: "string", maxLength: 100 }, { type: "null" }] },
      status: { type: "string", enum: ["available", "checked_out", "lost"] },
    });
  });

  it("request bodies (io: input) show what numbers and strings are accepted; responses show what is sent", () => {
    const { Sample } = everyTypeModel();
    const input = z.toJSONSchema(createInsertSchema(Sample, { blob: z.never().optional() }), { io: "input" });
    expect(input.properties!.price).toMatchObject({ anyOf: [{ type: "string" }, { type: "number" }] });
    const output = z.toJSONSchema(createSelectSchema(Sample, { blob: z.string().nullable() }));
    expect(output.properties!.price).toMatchObject({ type: "string", pattern: expect.any(String) });
    expect(output.properties!.day).toEqual({ anyOf: [{ type: "string", format: "date" }, { type: "null" }] });
  });

  it("bytes have no JSON form: zod says so unless the column is overridden", () => {
    const { Sample } = everyTypeModel();
    expect(() => z.toJSONSchema(createSelectSchema(Sample))).toThrow(
      "Custom types cannot be represented in JSON Schema",
    );
  });
});
