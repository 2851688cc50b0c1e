/**
 * The demo's revisions (examples/migrations, written by autogenerate from examples/custody) stay
 * in step with the models: on every database they upgrade to a schema `check` finds equal to the
 * models, and downgrade to an empty one.
 */
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { Base } from "../../../examples/custody/db.js";
import "../../../examples/custody/models.js";
import { inspect } from "../../../src/index.js";
import { type AthanorConfig, check, downgrade, upgrade } from "../../../src/migrate/index.js";
import { forEachMigrateDatabase } from "./db-helpers.js";

const MIGRATIONS = fileURLToPath(new URL("../../../examples/migrations", import.meta.url));

forEachMigrateDatabase("the demo's migrations", (db) => {
  it("upgrade to the models' schema, and downgrade to nothing", async () => {
    const config: AthanorConfig = { engine: db.engine, migrations: MIGRATIONS, metadata: Base.metadata };
    const up = await upgrade(config, "head");
    expect(up.steps.map((s) => s.message)).toEqual(["initial schema", "add serial_number to kits"]);
    await expect(check(config)).resolves.toEqual({ upToDate: true });
    await downgrade(config, "base");
    const insp = inspect(db.engine);
    expect(await insp.getTableNames()).toEqual(["athanor_version"]);
    expect(await insp.getEnums()).toEqual([]);
  });
});
