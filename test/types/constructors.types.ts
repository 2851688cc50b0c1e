/**
 * Type tests (issue 15 A.10): the constructor takes relationships beside the columns, typed by the
 * model's declared properties, when the model names itself as the base's type argument
 * (`extends Base.table(...)<Kit>`). TypeScript gives a subclass its base's constructor
 * parameters, so without that argument the constructor cannot know the subclass's relationships.
 */
import { expectTypeOf } from "vitest";
import { column, declarativeBase, ForeignKey, Integer, relationship, VARCHAR } from "../../src/index.js";

const Base = declarativeBase();

class Kit extends Base.table("ct_kits", {
  id: column(Integer).primaryKey(),
  code: column(VARCHAR(20)),
})<typeof Kit> {
  static custodyEvents = relationship(() => CustodyEvent, { backPopulates: "kit" });
  declare custodyEvents: CustodyEvent[];
}

class CustodyEvent extends Base.table("ct_events", {
  id: column(Integer).primaryKey(),
  kitId: column(Integer, ForeignKey("ct_kits.id")),
  note: column(VARCHAR(100)).nullable(),
})<typeof CustodyEvent> {
  static kit = relationship(() => Kit, { backPopulates: "custodyEvents" });
  declare kit: Kit | null;
}

// Without the type argument: columns only, as before.
class Plain extends Base.table("ct_plain", { id: column(Integer).primaryKey(), name: column(VARCHAR(20)) }) {
  static kit = relationship(() => Kit);
  declare kit: Kit | null;
}

// To-many takes an array of the target, to-one the target or null; columns stay typed.
const kit = new Kit({ code: "KIT-1", custodyEvents: [] });
new Kit({ code: "KIT-2", custodyEvents: [new CustodyEvent({ note: "n" })] });
new CustodyEvent({ kit });
new CustodyEvent({ kit: null, note: null });
new CustodyEvent();
expectTypeOf(kit).toEqualTypeOf<Kit>();
expectTypeOf(kit.custodyEvents).toEqualTypeOf<CustodyEvent[]>();
expectTypeOf(kit.code).toEqualTypeOf<string>();
new Plain({ name: "p" });

// @ts-expect-error a to-many relationship takes an array
new Kit({ code: "K", custodyEvents: new CustodyEvent({}) });
// @ts-expect-error an array of the target, not of another model
new Kit({ code: "K", custodyEvents: [new Kit({ code: "x" })] });
// @ts-expect-error a to-one relationship takes the target (or null)
new CustodyEvent({ kit: [kit] });
// @ts-expect-error code is still required
new Kit({ custodyEvents: [] });
// @ts-expect-error still no unknown keys
new Kit({ code: "K", colour: "red" });
// @ts-expect-error wrong column type
new Kit({ code: 1 });
// @ts-expect-error without the type argument the constructor knows no relationships
new Plain({ name: "p", kit });
