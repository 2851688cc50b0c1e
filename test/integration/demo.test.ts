import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

it("npm run demo: the Custody Manager demo runs on embedded SQLite", () => {
  const dir = mkdtempSync(join(tmpdir(), "athanor-demo-"));
  try {
    const out = execFileSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "examples/demo.ts")], {
      cwd: dir,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, "tsconfig.json"), DATABASE_URL: "" },
      encoding: "utf8",
      timeout: 60_000,
    });
    for (const section of [
      "Schema: migrations upgrade head (2 revisions)",
      "Core: the seeds' queries",
      "eager loading without N+1",
      "rolls back",
      "savepoint",
      "many-to-many",
      "cascade delete",
      "bulk update and bulk delete",
      "Done",
    ]) {
      expect(out).toContain(section);
    }
    expect(out).toContain("IntegrityError: true");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);
