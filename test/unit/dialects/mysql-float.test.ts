import { describe, expect, it } from "vitest";
import { shortFloat32 } from "../../../src/dialects/mysql/driver.js";

describe("shortFloat32: a FLOAT read through MySQL's binary protocol, as its text gives it", () => {
  it("gives the shortest decimal that reads back to the same float32", () => {
    expect(shortFloat32(Math.fround(1.1))).toBe(1.1);
    expect(shortFloat32(Math.fround(0.1))).toBe(0.1);
    expect(shortFloat32(Math.fround(-3.4028234e38))).toBe(-3.4028235e38);
    expect(shortFloat32(Math.fround(1e-45))).toBe(1e-45);
    expect(shortFloat32(Math.fround(123456.789))).toBe(123456.79);
  });

  it("leaves exact values alone", () => {
    for (const v of [0, -0, 1, 16777216, 0.5, -2.25]) expect(shortFloat32(v)).toBe(v);
  });
});
