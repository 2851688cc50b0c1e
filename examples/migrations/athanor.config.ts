// The demo's migrations: `npx athanor --config examples/migrations/athanor.config.ts <command>`.
// The revisions in versions/ were written by `athanor revision --autogenerate` from the models.
import { defineConfig } from "athanor/migrate";
import { Base } from "../custody/db.js";
import "../custody/models.js";

export default defineConfig({
  url: process.env.DATABASE_URL || "sqlite:///.athanor-demo/custody.db",
  // Base.metadata holds every model the import above declared.
  metadata: Base.metadata,
  // Revision files live in ./versions, beside this file.
  migrations: ".",
});
