import { ArgumentError } from "../errors.js";
import { BindParameter, ColumnElement } from "./elements.js";
import { ColumnClause } from "./from-clause.js";
import type { CacheKeyBuilder } from "./node.js";
import type { kItems } from "./protocols.js";
import { NULLTYPE, type TypeEngine } from "./type-engine.js";
import { type TypeArg, toType } from "./types/index.js";

/** `:name` binds; `::` (PostgreSQL casts) and `\:` are left alone. */
const BIND_PATTERN = /(?<![:\w\\]):(\w+)(?!:)/g;

/** A piece of parsed SQL text: literal SQL, or a named bind. */
export type TextPart = { readonly sql: string } | { readonly bind: string };

function parse(sql: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of sql.matchAll(BIND_PATTERN)) {
    parts.push({ sql: sql.slice(last, m.index) });
    parts.push({ bind: m[1]! });
    last = m.index! + m[0].length;
  }
  parts.push({ sql: sql.slice(last) });
  return parts.map((p) => ("sql" in p ? { sql: p.sql.replace(/\\:/g, ":") } : p));
}

/**
 * Literal SQL with `:name` parameters: `text("SELECT * FROM kits WHERE status = :status")`.
 * Values come from execute()'s parameters or `.bindparams()`; they are always sent as
 * parameters, never spliced into the SQL.
 */
export class TextClause extends ColumnElement<any> {
  readonly kind: string = "text";
  readonly text: string;
  readonly parts: readonly TextPart[];
  readonly binds: ReadonlyMap<string, BindParameter>;
  readonly type: TypeEngine<any, any> = NULLTYPE;

  constructor(text: string, binds?: ReadonlyMap<string, BindParameter>, parts?: readonly TextPart[]) {
    super();
    this.text = text;
    this.parts = parts ?? parse(text);
    this.binds =
      binds ??
      new Map(
        this.parts
          .filter((p): p is { bind: string } => "bind" in p)
          .map((p) => [p.bind, new BindParameter(undefined, NULLTYPE, { key: p.bind })]),
      );
  }

  /** Fixes bind values (and optionally types) ahead of execution. */
  bindparams(values: Record<string, unknown>, types?: Record<string, TypeArg>): TextClause {
    const binds = new Map(this.binds);
    for (const [k, v] of Object.entries(values)) {
      if (!binds.has(k)) {
        throw new ArgumentError(
          `text(): this statement has no bind parameter ':${k}'. Its parameters: ${[...binds.keys()].map((b) => `:${b}`).join(", ") || "(none)"}.`,
        );
      }
      const t = types?.[k];
      binds.set(k, new BindParameter(v, t ? toType(t) : binds.get(k)!.type, { key: k }));
    }
    return new TextClause(this.text, binds, this.parts);
  }

  /** Declares the result columns and their types: rows come back typed and converted. */
  columns<const C extends Record<string, TypeArg>>(
    cols: C,
  ): TextualSelect<{
    [K in keyof C & string]: ColumnClause<C[K] extends TypeArg<infer T, any> ? T : never, any, K>;
  }> {
    const list = Object.entries(cols).map(([name, t]) => new ColumnClause(name, toType(t)));
    return new TextualSelect(this, list) as never;
  }

  walk(key: CacheKeyBuilder): void {
    key.push(`text:${this.text}`);
    for (const b of this.binds.values()) key.node(b);
  }
}

/** `text(...).columns({...})`: literal SQL whose result columns are known and typed. */
export class TextualSelect<
  C extends Record<string, ColumnClause<any, any>> = Record<string, ColumnClause<any, any>>,
> extends ColumnElement<any> {
  declare readonly [kItems]: C[keyof C][];
  declare readonly __columns: C;
  readonly kind = "textual_select";
  readonly element: TextClause;
  readonly columnList: readonly ColumnClause<any, any>[];
  readonly type = NULLTYPE;

  constructor(element: TextClause, columns: readonly ColumnClause<any, any>[]) {
    super();
    this.element = element;
    this.columnList = columns;
  }

  bindparams(values: Record<string, unknown>): TextualSelect<C> {
    return new TextualSelect(this.element.bindparams(values), this.columnList);
  }

  walk(key: CacheKeyBuilder): void {
    key.push("textual(");
    key.node(this.element);
    for (const c of this.columnList) key.push(`${c.name}:${c.type.typeKey}`);
    key.push(")");
  }
}

/** `text("SQL with :params")`. */
export function text(sql: string): TextClause {
  return new TextClause(sql);
}
