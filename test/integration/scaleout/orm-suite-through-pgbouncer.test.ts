import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

/**
 * The ORM suite runs through PgBouncer in transaction mode (docs/guide/scale-out.md): a new ORM
 * file declared with plain forEachDatabase would silently skip it. A file that needs session
 * state transaction pooling cannot give is listed here, with the reason.
 */
const NOT_THROUGH_PGBOUNCER: Record<string, string> = {};

const ORM_DIR = fileURLToPath(new URL("../orm/", import.meta.url));

it("every ORM suite file that loops over databases also runs through PgBouncer", () => {
  const files = readdirSync(ORM_DIR).filter((f) => f.endsWith(".test.ts"));
  expect(files.length).toBeGreaterThan(10);
  const plain = files.filter(
    (f) =>
      !(f in NOT_THROUGH_PGBOUNCER) && /\bforEachDatabase\(/.test(readFileSync(`${ORM_DIR}${f}`, "utf8")),
  );
  expect(
    plain,
    "declare these with forEachDatabaseAndPgBouncer (test/support/databases.ts), or list them in " +
      "NOT_THROUGH_PGBOUNCER with the session state they need",
  ).toEqual([]);
});
