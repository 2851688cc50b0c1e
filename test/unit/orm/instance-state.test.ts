import { describe, expect, it } from "vitest";
import { column, declarativeBase, Integer, Text } from "../../../src/index.js";
import { NO_REL, stateOf } from "../../../src/orm/state/instance-state.js";
import { emptySnapshot } from "../../../src/orm/unitofwork/changes.js";

const Base = declarativeBase();
class Kit extends Base.table("kits", {
  id: column(Integer).primaryKey(),
  name: column(Text),
  note: column(Text).nullable(),
}) {}

const freshState = () => stateOf(new Kit({ name: "a" }))!;

describe("InstanceState's packed fields", () => {
  it("keeps the insertion order and each flag apart, past 2^31 adds", () => {
    const st = freshState();
    st.insertOrder = 2 ** 40 + 3;
    st.relModified = true;
    st.deletedFlushed = true;
    expect(st.insertOrder).toBe(2 ** 40 + 3);
    expect([st.relModified, st.markedDeleted, st.deletedFlushed]).toEqual([true, false, true]);
    st.relModified = true;
    st.relModified = false;
    st.insertOrder = 7;
    expect(st.insertOrder).toBe(7);
    expect([st.relModified, st.markedDeleted, st.deletedFlushed]).toEqual([false, false, true]);
  });

  it("shares a loaded relationship record with its snapshot until either changes", () => {
    const st = freshState();
    st.insertOrder = 5;
    st.relModified = true;
    const parent = {};
    st.setLoadedRel("owner", parent);
    expect(st.relCommitted).toBe(st.rel);
    expect([st.insertOrder, st.relModified, st.markedDeleted, st.deletedFlushed]).toEqual([
      5,
      true,
      false,
      false,
    ]);
    const other = {};
    st.setRel("owner", other);
    expect(st.rel).toEqual({ owner: other });
    expect(st.relCommitted).toEqual({ owner: parent });
    st.setRelCommitted("owner", other);
    expect(st.relCommitted).toEqual({ owner: other });
    expect(st.relCommitted).not.toBe(st.rel);
    expect([st.insertOrder, st.relModified]).toEqual([5, true]);
    st.rel = null;
    st.relCommitted = null;
    expect(st.relCommitted).toBeNull();
  });

  it("holds a mapper's first loaded relationship alone, and its record once anything reads it", () => {
    class Tag extends Base.table("tags", { id: column(Integer).primaryKey() }) {}
    const st = stateOf(new Tag({}))!;
    const parent = {};
    st.setLoadedRel("owner", parent);
    expect([st.hasRel("owner"), st.hasRel("other")]).toEqual([true, false]);
    expect([st.relValue("owner"), st.relValue("other")]).toEqual([parent, NO_REL]);
    const none = stateOf(new Tag({}))!;
    none.setLoadedRel("owner", null);
    expect([none.hasRel("owner"), none.relValue("owner")]).toEqual([true, null]);
    expect(none.relCommitted).toEqual({ owner: null });
    // Another relationship of the same mapper takes the record from the start.
    const other = stateOf(new Tag({}))!;
    other.setLoadedRel("other", parent);
    expect(other.rel).toEqual({ other: parent });
    expect(other.relCommitted).toBe(other.rel);
    // The record, once read, is shared with the snapshot as setLoadedRel's always was.
    st.insertOrder = 9;
    expect(st.rel).toEqual({ owner: parent });
    expect(st.relCommitted).toBe(st.rel);
    st.setLoadedRel("other", other);
    expect(st.rel).toEqual({ owner: parent, other });
    expect(st.relCommitted).toEqual({ owner: parent, other });
    st.setRel("owner", null);
    expect(st.relCommitted).toEqual({ owner: parent, other });
    expect([st.insertOrder, st.relModified]).toEqual([9, false]);
  });

  it("snapshots every column under its own field, in column order", () => {
    const st = freshState();
    expect(Object.keys(emptySnapshot(st.mapper))).toEqual(["c0", "c1", "c2"]);
  });
});
