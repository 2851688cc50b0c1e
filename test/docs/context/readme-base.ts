/** Prelude of README blocks: the engine and declarative base of "Engine, session factory, declarative base". */
import { createEngine, declarativeBase } from "athanor";

export const engine = createEngine(process.env.DATABASE_URL ?? "sqlite://");
export const Base = declarativeBase();
