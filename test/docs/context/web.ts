/**
 * Prelude "web" (type checks only, never run): the "app" prelude and the names a route handler
 * has in scope — a Hono context `c`, a loaded `kit`, and the helpers the web guide uses.
 */

import type { AthanorVariables } from "athanor/hono";
import type { Context } from "hono";
import type { Kit } from "./models.js";

export { paginate, select, selectinload, toDict } from "athanor";
export { engine, SessionLocal } from "./db.js";
export { Base, CustodyEvent, Kit, KitStatus, User } from "./models.js";
export declare const db: import("athanor").Session;
export declare const c: Context<{ Variables: AthanorVariables }>;
export declare const kit: Kit;
