/**
 * Schema objects as TypeScript source: types (`VARCHAR(100)`), column declarations
 * (`column(Integer).primaryKey()`), server defaults, constraints and indexes. Used by the
 * operations' `toCode()` and so by autogenerate.
 */
import { PgNamedType } from "../../dialects/postgresql/named-types.js";
import type { ColumnBuilder, ColumnSpec, ServerDefaultArg } from "../../schema/column.js";
import { TextDefault } from "../../schema/column.js";
import type { ForeignKeyOptions } from "../../schema/foreign-key.js";
import { BindParameter, type ColumnElement } from "../../sql/elements.js";
import { FunctionCall } from "../../sql/functions.js";
import { TextClause } from "../../sql/text.js";
import type { TypeEngine } from "../../sql/type-engine.js";
import { OperationNotSupportedError } from "../errors.js";
import { type Code, type CodeRenderer, call, chain, link, literal, object, str } from "./code.js";
import type { Doc } from "./doc.js";

/** Options objects render without undefined entries. */
export function options(entries: Record<string, unknown>): Code | null {
  const kept = Object.entries(entries).filter(([, v]) => v !== undefined);
  if (kept.length === 0) return null;
  return object(kept.map(([k, v]) => [k, literal(v)]));
}

/** Appends an options object to arguments when it has entries. */
export function withOptions(args: Code[], opts: Record<string, unknown>): Code[] {
  const o = options(opts);
  return o === null ? args : [...args, o];
}

/**
 * A type as the call that creates it: `VARCHAR(100)`, `DateTime({ timezone: true })`. Types without
 * arguments render bare (`column(Integer)` takes the factory) unless `instance` asks for the call
 * (`alterColumn(..., { type: Integer() })` needs a type object).
 */
export function renderType(
  type: TypeEngine<any, any>,
  r: CodeRenderer,
  opts: { instance?: boolean } = {},
): Doc {
  const t = type as TypeEngine<any, any> & Record<string, any>;
  // A TypeDecorator is user code we cannot import from here; its storage type recreates the column.
  if ("impl" in t && t.impl && typeof t.impl === "object") return renderType(t.impl, r, opts);
  // INET(), TSVECTOR(), ...: factories named as the type.
  if (t instanceof PgNamedType) return call(r.use(t.sqlName), []);
  const factory = (name: string, args: Code[] = []) =>
    args.length === 0 && !opts.instance ? r.use(name) : call(r.use(name), args);
  switch (t.typeName) {
    case "integer":
      return factory("Integer");
    case "smallint":
      return factory("SmallInteger");
    case "bigint":
      return t.mode === "number"
        ? call(r.use("BigInteger"), [object([["mode", str("number")]])])
        : factory("BigInteger");
    case "float":
      return t.precision === undefined
        ? factory("Float")
        : call(r.use("Float"), [object([["precision", String(t.precision)]])]);
    case "double":
      return factory("Double");
    case "numeric":
      return t.precision === undefined
        ? factory("Numeric")
        : call(r.use("Numeric"), [String(t.precision), ...(t.scale === undefined ? [] : [String(t.scale)])]);
    case "char":
      return call(r.use("CHAR"), t.length === undefined ? [] : [String(t.length)]);
    case "varchar": {
      const args: Code[] = t.length === undefined ? [] : [String(t.length)];
      if (t.collation)
        args.push(...(args.length ? [] : ["undefined"]), object([["collation", str(t.collation)]]));
      return call(r.use("VARCHAR"), args);
    }
    case "text": {
      const opts: [string, Code][] = [];
      if (t.length !== undefined) opts.push(["length", String(t.length)]);
      if (t.collation) opts.push(["collation", str(t.collation)]);
      return call(r.use("Text"), opts.length ? [object(opts)] : []);
    }
    case "boolean":
      return factory("BOOLEAN");
    case "datetime":
      return call(
        r.use("DateTime"),
        withOptions([], { timezone: t.timezone || undefined, precision: t.precision }),
      );
    case "date":
      return factory("DATE");
    case "time":
      return call(r.use("Time"), withOptions([], { timezone: t.timezone || undefined }));
    case "interval":
      return factory("Interval");
    case "json":
      return call(r.use("Json"), []);
    case "jsonb":
      return call(r.use("JSONB"), []);
    case "uuid":
      return factory("Uuid");
    case "binary":
      return call(r.use("LargeBinary"), t.length === undefined ? [] : [String(t.length)]);
    case "enum":
      return call(
        r.use("Enum"),
        withOptions([literal(t.values)], {
          name: t.name,
          nativeEnum: t.nativeEnum === false ? false : undefined,
          createConstraint: t.createConstraint === false ? false : undefined,
          schema: t.schema,
        }),
      );
    case "array":
      return call(
        r.use("ARRAY"),
        withOptions([renderType(t.itemType, r)], {
          dimensions: t.dimensions === 1 ? undefined : t.dimensions,
        }),
      );
    default:
      throw new OperationNotSupportedError(
        `Cannot render type '${t.typeName}' as code; write the column by hand in the revision file (or extend renderType for it).`,
      );
  }
}

/** A SQL expression as code, for the forms a schema uses: `func.now()`, `text("...")`, literals. */
export function renderExpression(expr: ColumnElement<any, any>, r: CodeRenderer): Doc {
  if (expr instanceof TextClause) return call(r.use("text"), [str(expr.text)]);
  if (expr instanceof FunctionCall)
    return call(
      [r.use("func"), `.${expr.name}`],
      expr.args.map((a) => renderExpression(a, r)),
    );
  if (expr instanceof BindParameter) return docOfLiteral(expr.value);
  throw new OperationNotSupportedError(
    `Cannot render the SQL expression ${expr.constructor.name} as code; use text("...") or sqlDefault("...") for it in the revision file.`,
  );
}

function docOfLiteral(value: unknown): Doc {
  const code = literal(value);
  return typeof code === "object" && code !== null && !Array.isArray(code) && "doc" in code
    ? (code as { doc: Doc }).doc
    : (code as Doc);
}

/** A server default: `"x"`, `0`, `sqlDefault("now()")`, `func.now()`. */
export function renderServerDefault(value: ServerDefaultArg, r: CodeRenderer): Code {
  if (value instanceof TextDefault) return call(r.use("sqlDefault"), [str(value.sql)]);
  if (typeof value === "string") return str(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return renderExpression(value, r);
}

/** Foreign key options as an object literal, or null. */
export function foreignKeyOptions(o: ForeignKeyOptions): Code | null {
  return options({
    name: o.name,
    ondelete: o.ondelete,
    onupdate: o.onupdate,
    deferrable: o.deferrable,
    initially: o.initially,
    match: o.match,
    useAlter: o.useAlter,
  });
}

/** A column declaration: `column(VARCHAR(100)).nullable().serverDefault("x")`. */
export function renderColumn(builder: ColumnBuilder<any, any, boolean, boolean>, r: CodeRenderer): Doc {
  const s: ColumnSpec = builder.spec;
  const links: Doc[] = [];
  if (s.name !== null) links.push(link("name", [str(s.name)]));
  if (s.primaryKey) {
    links.push(
      s.autoincrement === "auto"
        ? link("primaryKey")
        : link("primaryKey", [object([["autoincrement", String(s.autoincrement)]])]),
    );
  } else if (s.autoincrement !== "auto") links.push(link("autoincrement", [String(s.autoincrement)]));
  if (s.nullable) links.push(link("nullable"));
  if (s.serverDefault !== null) links.push(link("serverDefault", [renderServerDefault(s.serverDefault, r)]));
  if (s.serverOnUpdate !== null)
    links.push(link("serverOnUpdate", [renderServerDefault(s.serverOnUpdate, r)]));
  if (s.unique) links.push(link("unique", typeof s.unique === "string" ? [str(s.unique)] : []));
  if (s.index) links.push(link("index", typeof s.index === "string" ? [str(s.index)] : []));
  for (const fk of s.foreignKeys) {
    const target = typeof fk.target === "string" ? fk.target : `${fk.targetFullname}.${fk.targetColumnName}`;
    const opts = foreignKeyOptions(fk.options);
    links.push(link("references", opts === null ? [str(target)] : [str(target), opts]));
  }
  if (s.identity) {
    const id = s.identity;
    links.push(
      link("identity", [
        call(
          r.use("Identity"),
          withOptions([], { always: id.always || undefined, start: id.start, increment: id.increment }),
        ),
      ]),
    );
  }
  if (s.computed) {
    const c = s.computed;
    links.push(
      link("computed", [call(r.use("Computed"), withOptions([str(c.sqltext)], { persisted: c.persisted }))]),
    );
  }
  if (s.comment !== null) links.push(link("comment", [str(s.comment)]));
  return chain(call(r.use("column"), [renderType(s.type, r)]), links);
}
