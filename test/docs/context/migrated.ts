/**
 * Prelude "migrated": the database as `athanor upgrade head` leaves it for the getting-started
 * guide's models (the file's `module=models` block), on DATABASE_URL or the guide's app.db.
 */
import { createEngine } from "athanor";
import { Base } from "./models.js";

const engine = createEngine(process.env.DATABASE_URL ?? "sqlite:///app.db");
await Base.metadata.createAll(engine);
await engine.dispose();
