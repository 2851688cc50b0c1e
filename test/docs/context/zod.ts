/**
 * Prelude "zod" (type checks only, never run): the zod guide's names — the models, zod, the three
 * schema functions, a Hono `app` with a session per request, and a Core `metadata`.
 */

import type { MetaData } from "athanor";
import type { AthanorVariables } from "athanor/hono";
import type { Hono } from "hono";

export { column, Integer, selectinload, Table, Text } from "athanor";
export { createInsertSchema, createSelectSchema, createUpdateSchema } from "athanor/zod";
export { z } from "zod";
export { CustodyEvent, Kit, KitStatus, User } from "./models.js";
export declare const app: Hono<{ Variables: AthanorVariables }>;
export declare const metadata: MetaData;

import { createSelectSchema } from "athanor/zod";
import { Kit as KitModel } from "./models.js";
export const KitOut = createSelectSchema(KitModel, { with: { custodyEvents: true } });
