import type { z } from "zod";

/** A JSON Schema fragment. */
export type JsonSchemaFragment = Record<string, unknown>;

/**
 * Makes `z.toJSONSchema` describe `schema` by its JSON wire form. Dates and bigints have no JSON
 * Schema of their own (zod throws on them), yet a request or response body carries them as ISO
 * strings and integers, which is what OpenAPI documents should say. Set on the parts of a codec,
 * not on the codec: a user's `.refine()` clones the codec (and loses what is set on the
 * instance) but shares its parts.
 */
export function withWireForm<S extends z.ZodType>(schema: S, fragment: JsonSchemaFragment): S {
  if (schema._zod.parent) throw new Error("withWireForm() needs a schema that is not a clone (no checks)");
  schema._zod.toJSONSchema = () => ({ ...fragment });
  return schema;
}
