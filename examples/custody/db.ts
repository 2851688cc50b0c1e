// The seeds' engine.py / core/database.py, in Athanor.
import { createEngine, declarativeBase, sessionmaker } from "athanor";

export const DATABASE_URL = process.env.DATABASE_URL || "sqlite:///.athanor-demo/custody.db";

export const engine = createEngine(DATABASE_URL, {
  poolPrePing: true,
  echo: process.env.DEBUG === "1",
});

export const SessionLocal = sessionmaker({ bind: engine, autoflush: false });

/** Base.metadata is what migrations compare against. */
export const Base = declarativeBase();
