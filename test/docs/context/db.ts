/** The engine and session factory the guides' snippets import as "./db.js". */
import { createEngine, sessionmaker } from "athanor";

export const engine = createEngine(process.env.DATABASE_URL ?? "sqlite://");
export const SessionLocal = sessionmaker({ bind: engine });
