import type { Column } from "../schema/column.js";
import type { Table } from "../schema/table.js";
import type { Alias } from "../sql/from-clause.js";
import { type EntityColumns, kEntity, type kEntityClass, type kInstance } from "../sql/protocols.js";
import type { CheckedEntity } from "../sql/typing.js";
import { kAlias, kAliasedClass } from "./declarative/keys.js";
import type { ColumnAttributes, ColumnDecls } from "./declarative/model-types.js";
import { configuredMapper } from "./mapper/mapping.js";

type MappedLike = abstract new (...args: any) => any;
type DeclsOf<M> = M extends { readonly __table__: Table<string, infer C> }
  ? C extends ColumnDecls
    ? C
    : never
  : never;

/** An alias of a mapped class: its columns read from the alias; usable in select() and join(). */
export type AliasedClass<M extends MappedLike> = ColumnAttributes<DeclsOf<M>> & {
  readonly [kInstance]: InstanceType<M>;
  readonly [kAliasedClass]: M;
  /** Type only: the model, for the checks of `options()` (see StatementOption). */
  readonly [kEntityClass]?: M;
  readonly [kAlias]: Alias;
  readonly [kEntity]: EntityColumns;
};

/**
 * `aliased(User, "u")`: the same model under another name in one query (self-joins, joining a
 * model twice): `select(User).join(mgr, User.managerId.eq(mgr.id))`.
 */
export function aliased<M extends MappedLike>(model: M & CheckedEntity<M>, name?: string): AliasedClass<M> {
  const mapper = configuredMapper(model);
  const alias = mapper.table.alias(name);
  const out: Record<string | symbol, unknown> = { [kAliasedClass]: model, [kAlias]: alias };
  for (const c of mapper.columns) out[c.key] = alias.c[c.key] as Column<any, any>;
  out[kEntity] = {
    from: alias,
    columns: mapper.defaultColumns.map((c) => alias.c[c.key]),
    cacheToken: `mapper#${mapper.id}`,
    entity: out,
  } satisfies EntityColumns;
  return out as AliasedClass<M>;
}
