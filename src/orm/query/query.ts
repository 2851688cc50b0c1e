import type { Params } from "../../engine/connection.js";
import { ArgumentError, MultipleResultsFound, NoResultFound } from "../../errors.js";
import { delete_, update, type ValuesOf } from "../../sql/dml.js";
import type { ColumnElement, Condition } from "../../sql/elements.js";
import { func } from "../../sql/functions.js";
import { isEntityLike } from "../../sql/protocols.js";
import {
  type ForUpdateSpec,
  type JoinTarget,
  type OrderByItem,
  type Select,
  type StatementOption,
  select,
} from "../../sql/select.js";
import type { Exists } from "../../sql/selectable.js";
import type { ItemValue, Row, SelectItem, SubqueryColumns } from "../../sql/typing.js";
import type { FilterByValues } from "../declarative/model-types.js";
import type { SynchronizeSession } from "../loading/orm-dml.js";
import type { Session } from "../session/session.js";

/** A single entity yields objects; several items (or columns) yield rows. */
export type QueryResult<Items extends readonly unknown[]> = Items extends readonly [infer F]
  ? F extends abstract new (
      ...args: any
    ) => any
    ? ItemValue<F>
    : Row<Items>
  : Row<Items>;

/**
 * SQLAlchemy's legacy Query, as the seeds use it: `db.query(Kit).filter(...).orderBy(...).all()`.
 * Built on select(); every method returns a new Query, terminal methods run it.
 */
export class Query<Items extends readonly SelectItem[], F = Items[0]>
  implements AsyncIterable<QueryResult<Items>>
{
  readonly session: Session;
  readonly #stmt: Select<Items>;
  readonly #items: Items;

  constructor(session: Session, items: Items, stmt?: Select<Items>) {
    if (!items.length)
      throw new ArgumentError(
        "db.query() needs at least one entity or column: db.query(User) or db.query(User.id, User.name)",
      );
    this.session = session;
    this.#items = items;
    this.#stmt = stmt ?? select(...items);
  }

  #with<G = F>(stmt: Select<Items>): Query<Items, G> {
    return new Query<Items, G>(this.session, this.#items, stmt);
  }

  /** The select() this query runs. */
  get statement(): Select<Items> {
    return this.#stmt;
  }

  filter(...criteria: (Condition | boolean | undefined)[]): Query<Items, F> {
    return this.#with(this.#stmt.where(...criteria));
  }
  where(...criteria: (Condition | boolean | undefined)[]): Query<Items, F> {
    return this.filter(...criteria);
  }
  /** Equality criteria by column key on the last joined (or the primary) entity, typed by its columns. */
  filterBy(values: FilterByValues<F>): Query<Items, F> {
    return this.#with(this.#stmt.filterBy(values));
  }
  orderBy(...items: (OrderByItem | null)[]): Query<Items, F> {
    return this.#with(this.#stmt.orderBy(...items));
  }
  limit(n: number | null): Query<Items, F> {
    return this.#with(this.#stmt.limit(n));
  }
  offset(n: number | null): Query<Items, F> {
    return this.#with(this.#stmt.offset(n));
  }
  /** JOIN a model (ON inferred from foreign keys), a relationship, or a table with an ON clause. */
  join<T extends JoinTarget>(
    target: T,
    onclause?: Condition,
    opts?: { isouter?: boolean; full?: boolean },
  ): Query<Items, T> {
    return this.#with<T>(this.#stmt.join(target, onclause, opts));
  }
  outerjoin<T extends JoinTarget>(target: T, onclause?: Condition): Query<Items, T> {
    return this.#with<T>(this.#stmt.outerjoin(target, onclause));
  }
  groupBy(...cols: ColumnElement<any, any>[]): Query<Items, F> {
    return this.#with(this.#stmt.groupBy(...cols));
  }
  having(...criteria: Condition[]): Query<Items, F> {
    return this.#with(this.#stmt.having(...criteria));
  }
  distinct(...on: ColumnElement<any, any>[]): Query<Items, F> {
    return this.#with(this.#stmt.distinct(...on));
  }
  /** Loader options: joinedload(...), selectinload(...), loadOnly(...), ... */
  options(...opts: StatementOption<Items>[]): Query<Items, F> {
    return this.#with(this.#stmt.options(...opts));
  }
  selectFrom(...froms: Parameters<Select<Items>["selectFrom"]>): Query<Items, F> {
    return this.#with(this.#stmt.selectFrom(...froms));
  }
  withForUpdate(spec: ForUpdateSpec = {}): Query<Items, F> {
    return this.#with(this.#stmt.forUpdate(spec));
  }
  /** Overwrite already-loaded objects with the rows' values. */
  populateExisting(): Query<Items, F> {
    return this.#with(this.#stmt.executionOptions({ populateExisting: true }));
  }
  executionOptions(opts: Record<string, unknown>): Query<Items, F> {
    return this.#with(this.#stmt.executionOptions(opts));
  }

  #single(): boolean {
    return this.#items.length === 1 && isEntityLike(this.#items[0]);
  }

  async #rows(stmt: Select<any> = this.#stmt, params?: Params): Promise<unknown[]> {
    const res = await this.session.execute(stmt, params);
    return this.#single() ? res.scalars().all() : res.all();
  }

  /** Every result. */
  async all(params?: Params): Promise<QueryResult<Items>[]> {
    return (await this.#rows(this.#stmt, params)) as QueryResult<Items>[];
  }

  /** The first result (LIMIT 1), or null. */
  async first(params?: Params): Promise<QueryResult<Items> | null> {
    const rows = await this.#rows(this.#stmt.limit(1), params);
    return (rows[0] ?? null) as QueryResult<Items> | null;
  }

  /** Exactly one result (NoResultFound / MultipleResultsFound otherwise). */
  async one(params?: Params): Promise<QueryResult<Items>> {
    const rows = await this.#rows(this.#stmt, params);
    if (!rows.length) throw new NoResultFound("No row was found when one was required");
    if (rows.length > 1)
      throw new MultipleResultsFound(
        `Multiple rows (${rows.length}) were found when exactly one was required`,
      );
    return rows[0] as QueryResult<Items>;
  }

  /** One result or null (MultipleResultsFound when there are several). */
  async oneOrNone(params?: Params): Promise<QueryResult<Items> | null> {
    const rows = await this.#rows(this.#stmt, params);
    if (rows.length > 1)
      throw new MultipleResultsFound(
        `Multiple rows (${rows.length}) were found when one or none was required`,
      );
    return (rows[0] ?? null) as QueryResult<Items> | null;
  }

  /** The first column of the single result, or null. */
  async scalar(params?: Params): Promise<ItemValue<Items[0]> | null> {
    const res = await this.session.execute(this.#stmt, params);
    const row = res.oneOrNone();
    return row === null ? null : ((row as unknown as unknown[])[0] as ItemValue<Items[0]>);
  }

  /** `SELECT count(*) FROM (this query)`. */
  async count(): Promise<number> {
    const sq = this.#stmt.orderBy(null).subquery("anon_1");
    return Number(await this.session.scalar(select(func.count()).selectFrom(sq)));
  }

  /** An EXISTS clause of this query: `db.query(q.exists()).scalar()`. */
  exists(): Exists {
    return this.#stmt.exists();
  }

  /** Legacy `query(Model).get(pk)`: the identity map first, then a SELECT. */
  async get(pk: unknown): Promise<QueryResult<Items> | null> {
    if (!this.#single())
      throw new ArgumentError("Query.get() needs a query of a single mapped class: db.query(User).get(1)");
    return (await this.session.get(this.#items[0] as never, pk)) as QueryResult<Items> | null;
  }

  #entity(what: string): SelectItem {
    if (!this.#single()) throw new ArgumentError(`Query.${what}() needs a query of a single mapped class`);
    if (this.#stmt.state.joins.length)
      throw new ArgumentError(
        `Query.${what}() can't be used on a query with joins; filter with a subquery or relationship.any() instead`,
      );
    return this.#items[0]!;
  }

  /** Bulk UPDATE of the matched rows: `db.query(Kit).filter(...).update({ status: "available" })`; returns the row count. */
  async update(
    values: ValuesOf<Items[0]>,
    opts: { synchronizeSession?: SynchronizeSession } = {},
  ): Promise<number> {
    const entity = this.#entity("update");
    const stmt = update(entity as never)
      .where(...this.#stmt.state.where)
      .values(values as never)
      .executionOptions({ synchronizeSession: opts.synchronizeSession ?? "auto" });
    return (await this.session.execute(stmt)).rowCount;
  }

  /** Bulk DELETE of the matched rows; returns the row count. */
  async delete(opts: { synchronizeSession?: SynchronizeSession } = {}): Promise<number> {
    const entity = this.#entity("delete");
    const stmt = delete_(entity as never)
      .where(...this.#stmt.state.where)
      .executionOptions({ synchronizeSession: opts.synchronizeSession ?? "auto" });
    return (await this.session.execute(stmt)).rowCount;
  }

  subquery(name?: string) {
    return this.#stmt.subquery(name) as ReturnType<Select<Items>["subquery"]> & { c: SubqueryColumns<Items> };
  }

  async *[Symbol.asyncIterator](): AsyncIterator<QueryResult<Items>> {
    for (const r of await this.all()) yield r;
  }
}
