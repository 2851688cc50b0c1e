import { afterEach, describe, expect, it } from "vitest";
import { setCodegenMode } from "../../../src/codegen.js";
import {
  ArgumentError,
  column,
  declarativeBase,
  ForeignKey,
  Integer,
  relationship,
  Text,
} from "../../../src/index.js";

/**
 * A model's constructor sets the attributes its argument names, in the argument's order; the
 * second argument with the same keys goes through the initialiser generated for them (or its
 * interpreted twin), which must do exactly what the first did.
 */
function models() {
  const Base = declarativeBase();
  class Owner extends Base.table("owners", { id: column(Integer).primaryKey(), name: column(Text) }) {
    static kits = relationship(() => Kit, { backPopulates: "owner" });
    declare kits: Kit[];
  }
  class Kit extends Base.table("kits", {
    id: column(Integer).primaryKey(),
    name: column(Text),
    note: column(Text).nullable(),
    ownerId: column(Integer, ForeignKey("owners.id")).nullable(),
  }) {
    static owner = relationship(() => Owner, { backPopulates: "kits" });
    declare owner: Owner | null;
  }
  return { Owner, Kit };
}

afterEach(() => setCodegenMode("auto"));

describe.each(["generated", "interpreted"] as const)("model constructors (%s)", (mode) => {
  it("set the given columns in the argument's order, undefined ones included, every time", () => {
    setCodegenMode(mode);
    const { Kit } = models();
    for (let i = 0; i < 3; i++) {
      const a = new Kit({ name: `a${i}`, note: undefined, id: i });
      expect(Object.keys(a)).toEqual(["name", "note", "id"]);
      expect([a.name, a.note, a.id]).toEqual([`a${i}`, undefined, i]);
      const b = new Kit({ id: i, name: `b${i}` });
      expect(Object.keys(b)).toEqual(["id", "name"]);
      expect([b.id, b.name]).toEqual([i, `b${i}`]);
    }
    expect(Object.keys(new (Kit as unknown as new () => object)())).toEqual([]);
  });

  it("refuse a key that is no attribute, after other arguments of the model were seen", () => {
    setCodegenMode(mode);
    const { Kit } = models();
    new Kit({ name: "a", note: "n" });
    new Kit({ name: "a", note: "n" });
    for (let i = 0; i < 2; i++) {
      let err: unknown;
      try {
        new Kit({ name: "a", note: "n", colour: "red" } as never);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ArgumentError);
      expect((err as Error).message).toBe(
        "'colour' is not an attribute of Kit. Columns: id, name, note, ownerId; relationships: owner.",
      );
    }
  });

  it("set relationships given to them (with their back-reference) every time", () => {
    setCodegenMode(mode);
    const { Owner, Kit } = models();
    const owner = new Owner({ name: "o" });
    const kits = [0, 1, 2].map((i) => new Kit({ name: `k${i}`, owner } as never));
    for (const k of kits) expect(k.owner).toBe(owner);
    expect(owner.kits).toEqual(kits);
    expect(Object.keys(kits[2]!)).toEqual(["name"]);
  });
});
