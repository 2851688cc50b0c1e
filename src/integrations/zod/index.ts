/**
 * athanor/zod: zod 4 schemas derived from declarative models (and Core Tables), for request and
 * response bodies: `createSelectSchema`, `createInsertSchema`, `createUpdateSchema`.
 */
export { createInsertSchema, createSelectSchema, createUpdateSchema } from "./create.js";
export type {
  ColumnOverride,
  ColumnOverrides,
  InsertSchema,
  SchemaSource,
  SelectOptions,
  SelectSchema,
  UpdateSchema,
  ValueSchema,
  WithOptions,
} from "./types.js";
