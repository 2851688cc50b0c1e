/**
 * Prelude "app": what a module of the reader's app has in scope — the models, the engine, the
 * session factory, and an open session `db` (on DATABASE_URL, in-memory SQLite by default,
 * with the tables created).
 */
import { engine, SessionLocal } from "./db.js";
import { Base } from "./models.js";

export { engine, SessionLocal } from "./db.js";
export { Base, BaseModel, CustodyEvent, Kit, KitStatus, User } from "./models.js";

await Base.metadata.createAll(engine);
export const db = SessionLocal();
