import { describe, expect, it } from "vitest";
import { main } from "../../../src/migrate/cli/main.js";
import { closest, colorEnabled, colorize } from "../../../src/migrate/cli/terminal.js";

/** The CLI at a terminal: colours (NO_COLOR, FORCE_COLOR, TTY), a guess at a typo, bare `athanor`. */
describe("athanor CLI at a terminal", () => {
  it("colours only on a terminal, never with NO_COLOR, always with FORCE_COLOR", () => {
    expect(colorEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorEnabled({}, {})).toBe(false);
    expect(colorEnabled({ isTTY: true }, { TERM: "dumb" })).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: "1", FORCE_COLOR: "1" })).toBe(false);
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: "1" })).toBe(true);
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: "0" })).toBe(false);
    expect(colorize("error: bad\n  detail: error: not a label\nwarning: w\n")).toBe(
      "\u001b[1;31merror:\u001b[0m bad\n  detail: error: not a label\n\u001b[1;33mwarning:\u001b[0m w\n",
    );
  });

  it("guesses a mistyped or shortened command, and nothing for a stranger", () => {
    const names = [
      "init",
      "revision",
      "upgrade",
      "downgrade",
      "current",
      "history",
      "heads",
      "stamp",
      "check",
    ];
    expect(closest("upgrad", names)).toBe("upgrade");
    expect(closest("updgrade", names)).toBe("upgrade");
    expect(closest("revison", names)).toBe("revision");
    expect(closest("hist", names)).toBe("history");
    expect(closest("curent", names)).toBe("current");
    expect(closest("fly", names)).toBeNull();
    expect(closest("h", names)).toBeNull();
  });

  it("says 'did you mean' for a typo and exits 2; bare athanor prints help and exits 2", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) };
    expect(await main(["upgarde", "head"], io)).toBe(2);
    expect(err.join("")).toMatch(/^error: unknown command 'upgarde'\. Did you mean 'upgrade'\?/);
    err.length = 0;
    expect(await main([], io)).toBe(2);
    expect(err.join("")).toContain("Usage: athanor");
    expect(out).toEqual([]);
    expect(await main(["--help"], io)).toBe(0);
    expect(out.join("")).toContain("Usage: athanor");
  });
});
