import { z } from "zod";
import { ArgumentError } from "../../errors.js";
import type { Mapper } from "../../orm/mapper/mapper.js";
import type { Relationship } from "../../orm/relationships/relationship.js";
import { type Source, type SourceColumn, sourceOf } from "./source.js";
import type {
  ColumnOverrides,
  ColumnsOf,
  InsertSchema,
  SchemaSource,
  SelectOptions,
  SelectSchema,
  StrictOverrides,
  StrictSelect,
  UpdateSchema,
} from "./types.js";
import { type SchemaMode, valueSchema } from "./value-schema.js";

type InstanceOf<S> = S extends abstract new (...args: any) => infer R ? R : {};
type Options = Record<string, unknown>;

/**
 * A zod schema of a model's rows as read: `z.infer` is the instance's column properties.
 * Nullable columns are `.nullable()`. Relationships are nested on request, loaded or not as the
 * instance holds them (an unloaded one throws its usual error when parsed):
 *
 *   const KitOut = createSelectSchema(Kit, { with: { custodyEvents: true } });
 *   KitOut.parse(kit); // a plain object: columns and the kit's events
 */
export function createSelectSchema<S extends SchemaSource>(source: S): SelectSchema<S>;
export function createSelectSchema<S extends SchemaSource, const O extends SelectOptions<S>>(
  source: S,
  options: O & StrictSelect<O, ColumnsOf<S>, InstanceOf<S>>,
): SelectSchema<S, O>;
export function createSelectSchema(source: SchemaSource, options?: Options): z.ZodObject {
  return selectObject(sourceOf(source, "createSelectSchema"), options ?? {});
}

/**
 * A zod schema of a model's constructor input (a create request): `z.input` is what
 * `new Model(...)` takes. Columns with a default, a server default, or a generated value, and
 * nullable columns, may be left out (nullable ones also take null); computed columns are
 * refused. Dates accept ISO strings and parse to Date; Numeric numbers parse to decimal strings.
 *
 *   const KitCreate = createInsertSchema(Kit, { code: (s) => s.regex(/^KIT-\d{3}$/) });
 */
export function createInsertSchema<S extends SchemaSource>(source: S): InsertSchema<S>;
export function createInsertSchema<S extends SchemaSource, const O extends ColumnOverrides<ColumnsOf<S>>>(
  source: S,
  overrides: O & StrictOverrides<O, ColumnsOf<S>>,
): InsertSchema<S, O>;
export function createInsertSchema(source: SchemaSource, overrides?: Options): z.ZodObject {
  const src = sourceOf(source, "createInsertSchema");
  return writeObject(src, overrides ?? {}, (c) => c.required);
}

/** A zod schema of a partial update (a PATCH body): every column optional, computed ones refused. */
export function createUpdateSchema<S extends SchemaSource>(source: S): UpdateSchema<S>;
export function createUpdateSchema<S extends SchemaSource, const O extends ColumnOverrides<ColumnsOf<S>>>(
  source: S,
  overrides: O & StrictOverrides<O, ColumnsOf<S>>,
): UpdateSchema<S, O>;
export function createUpdateSchema(source: SchemaSource, overrides?: Options): z.ZodObject {
  const src = sourceOf(source, "createUpdateSchema");
  return writeObject(src, overrides ?? {}, () => false);
}

function selectObject(src: Source, options: Options): z.ZodObject {
  const { with: nested, ...overrides } = options;
  checkKeys(src, overrides);
  const shape: Record<string, z.ZodType> = {};
  for (const c of src.columns) {
    shape[c.key] = field(src, c, "read", overrides[c.key], (s) => (c.column.nullable ? s.nullable() : s));
  }
  if (nested !== undefined) {
    if (!src.mapper)
      throw new ArgumentError(`createSelectSchema(): ${src.name} has no relationships to nest`);
    for (const [key, opts] of Object.entries(nested as Options)) {
      shape[key] = relationshipField(src.mapper, key, opts);
    }
  }
  return z.object(shape);
}

function writeObject(src: Source, overrides: Options, required: (c: SourceColumn) => boolean): z.ZodObject {
  checkKeys(src, overrides);
  const shape: Record<string, z.ZodType> = {};
  for (const c of src.columns) {
    shape[c.key] = field(src, c, "write", overrides[c.key], (s) => {
      const value = c.column.nullable ? s.nullable() : s;
      if (c.column.computed) return computedField(value, `${src.name}.${c.key}`);
      return required(c) ? value : value.optional();
    });
  }
  return z.object(shape);
}

/**
 * A column's field: an override schema as given, else the derived value schema (through a
 * refining function if given) wrapped by `wrap` (nullable, optional).
 */
function field(
  src: Source,
  c: SourceColumn,
  mode: SchemaMode,
  override: unknown,
  wrap: (s: z.ZodType) => z.ZodType,
): z.ZodType {
  const where = `${src.name}.${c.key}`;
  if (override instanceof z.ZodType) return override;
  const base = valueSchema(c.column.type, mode, where);
  if (override === undefined) return wrap(base);
  if (typeof override !== "function") {
    throw new ArgumentError(
      `${where}: an override is a zod schema or a function refining the column's schema, got ${typeof override}`,
    );
  }
  const refined: unknown = override(base);
  if (!(refined instanceof z.ZodType)) {
    throw new ArgumentError(`${where}: the override function returned ${String(refined)}, not a zod schema`);
  }
  return wrap(refined);
}

/**
 * A computed column in a write schema: optional and typed like the others (so `z.input` stays the
 * constructor's argument), but any value is refused: the database computes it. `readOnly` tells
 * OpenAPI clients not to send it.
 */
function computedField(value: z.ZodType, where: string): z.ZodType {
  return value
    .optional()
    .refine((v) => v === undefined, { message: `${where} is computed by the database; leave it out` })
    .meta({ readOnly: true });
}

function checkKeys(src: Source, overrides: Options): void {
  for (const key of Object.keys(overrides)) {
    if (!src.columns.some((c) => c.key === key)) {
      throw new ArgumentError(
        `'${key}' is not a column of ${src.name}; columns: ${src.columns.map((c) => c.key).join(", ")}`,
      );
    }
  }
}

/**
 * A nested relationship: an array of the target's select objects (one-to-many, many-to-many), or
 * one object, nullable unless a NOT NULL foreign key guarantees it (many-to-one). Built on first
 * use (z.lazy), so a schema may be declared while the target class is not defined yet (models
 * that import each other); the names are checked now.
 */
function relationshipField(mapper: Mapper, key: string, opts: unknown): z.ZodType {
  const rel = mapper.relationships.get(key);
  if (!rel) {
    const have = [...mapper.relationships.keys()];
    throw new ArgumentError(
      `createSelectSchema(): '${key}' is not a relationship of ${mapper.name}` +
        (have.length ? `; relationships: ${have.join(", ")}` : " (it has none)"),
    );
  }
  if (opts !== true && (typeof opts !== "object" || opts === null)) {
    throw new ArgumentError(
      `createSelectSchema(): with.${key} is true or the options of the target's schema, got ${String(opts)}`,
    );
  }
  return z.lazy(() => {
    mapper.registry.configure();
    const target = selectObject(
      sourceOf(rel.target.cls, "createSelectSchema"),
      opts === true ? {} : (opts as Options),
    );
    if (rel.uselist) return z.array(target);
    return alwaysPresent(rel) ? target : target.nullable();
  });
}

function alwaysPresent(rel: Relationship): boolean {
  return rel.direction === "MANYTOONE" && rel.pairs.every((p) => !p.referencing.nullable);
}
