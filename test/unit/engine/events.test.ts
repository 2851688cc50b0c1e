import { describe, expect, it } from "vitest";
import { EventHub } from "../../../src/engine/events.js";

describe("EventHub", () => {
  it("says which events have listeners as they come and go", () => {
    const hub = new EventHub();
    const seen: string[] = [];
    const a = (e: { sql: string }) => seen.push(`a ${e.sql}`);
    const b = (e: { sql: string }) => seen.push(`b ${e.sql}`);
    expect(hub.has("beforeExecute")).toBe(false);
    hub.on("beforeExecute", a);
    hub.on("beforeExecute", b);
    hub.on("afterExecute", a);
    expect([hub.has("beforeExecute"), hub.has("afterExecute"), hub.has("commit")]).toEqual([
      true,
      true,
      false,
    ]);
    hub.off("beforeExecute", a);
    expect(hub.has("beforeExecute")).toBe(true);
    hub.off("beforeExecute", b);
    hub.off("beforeExecute", b);
    expect([hub.has("beforeExecute"), hub.has("afterExecute")]).toEqual([false, true]);
    hub.emit("afterExecute", { sql: "x" } as never);
    hub.off("afterExecute", a);
    expect(hub.has("afterExecute")).toBe(false);
    hub.emit("afterExecute", { sql: "y" } as never);
    hub.on("commit", () => seen.push("commit"));
    expect(hub.has("commit")).toBe(true);
    expect(seen).toEqual(["a x"]);
  });
});
