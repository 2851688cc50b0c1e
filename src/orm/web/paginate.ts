import type { ItemsOf } from "../../engine/connection.js";
import { func } from "../../sql/functions.js";
import { type Select, select } from "../../sql/select.js";
import type { ItemValue, Row } from "../../sql/typing.js";
import type { Session } from "../session/session.js";
import { afterCondition, decodeCursor, encodeCursor, keysetOf } from "./keyset.js";
import { PaginationError } from "./pagination-error.js";

/** What one item of a paginated statement is: the entity or value for one item, else the row. */
export type PageItem<S> = ItemsOf<S> extends readonly [infer F] ? ItemValue<F> : Row<ItemsOf<S>>;

/** A page by number: `{ items, total, page, perPage, pages }`. */
export interface Page<T> {
  items: T[];
  /** Rows of the whole list (one COUNT query). */
  total: number;
  /** 1-based. */
  page: number;
  perPage: number;
  /** ceil(total / perPage): 0 for an empty list. */
  pages: number;
}

/** A page after a cursor: `{ items, perPage, next }`; `next` is null on the last page. */
export interface KeysetPage<T> {
  items: T[];
  perPage: number;
  /** Pass as `after` for the following page. */
  next: string | null;
}

/** Options shared by both forms. */
export interface PaginateBaseOptions {
  /** Items per page (default 20). */
  perPage?: number;
  /** The largest perPage accepted (default 100): the value often comes from the client. */
  maxPerPage?: number;
}

export interface PageOptions extends PaginateBaseOptions {
  /** 1-based page number (default 1). */
  page?: number;
}

export interface KeysetOptions extends PaginateBaseOptions {
  /** The `next` of the previous page; null or undefined for the first page. */
  after: string | null | undefined;
}

/**
 * One page of a select, with the total from one COUNT query:
 *   `await paginate(db, select(Kit).orderBy(Kit.code), { page: 2, perPage: 20 })`
 * With `after` (keyset pagination, for large tables: no OFFSET scan, no count), the page follows
 * the position the cursor names, ordered by the statement's ORDER BY (plus the primary key):
 *   `await paginate(db, select(Kit).orderBy(Kit.code), { after: req.query.after, perPage: 50 })`
 */
export function paginate<S extends Select<any>>(
  db: Session,
  stmt: S,
  opts: KeysetOptions,
): Promise<KeysetPage<PageItem<S>>>;
export function paginate<S extends Select<any>>(
  db: Session,
  stmt: S,
  opts?: PageOptions,
): Promise<Page<PageItem<S>>>;
export function paginate(
  db: Session,
  stmt: Select<any>,
  opts: PageOptions | KeysetOptions = {},
): Promise<Page<unknown> | KeysetPage<unknown>> {
  return "after" in opts ? keysetPage(db, stmt, opts) : numberedPage(db, stmt, opts);
}

function perPageOf(opts: PaginateBaseOptions): number {
  const max = opts.maxPerPage ?? 100;
  const n = opts.perPage ?? Math.min(20, max);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new PaginationError(`perPage must be a whole number from 1 to ${max}; got ${String(n)}`);
  return n;
}

async function numberedPage(db: Session, stmt: Select<any>, opts: PageOptions): Promise<Page<unknown>> {
  const perPage = perPageOf(opts);
  const page = opts.page ?? 1;
  if (!Number.isInteger(page) || page < 1)
    throw new PaginationError(`page must be a whole number from 1; got ${String(page)}`);
  const counted = stmt.orderBy(null).limit(null).offset(null).subquery("anon_page");
  const total = Number(await db.scalar(select(func.count()).selectFrom(counted)));
  const offset = (page - 1) * perPage;
  // Past the end there is nothing to read: one query, not two.
  const items = offset >= total ? [] : await fetch(db, stmt.limit(perPage).offset(offset));
  return { items, total, page, perPage, pages: Math.ceil(total / perPage) };
}

async function keysetPage(db: Session, stmt: Select<any>, opts: KeysetOptions): Promise<KeysetPage<unknown>> {
  const perPage = perPageOf(opts);
  const keyset = keysetOf(stmt, db.bind.dialect.name);
  let query = keyset.stmt;
  if (opts.after !== null && opts.after !== undefined && opts.after !== "")
    query = query.where(afterCondition(keyset.terms, decodeCursor(keyset.terms, opts.after)));
  // One row more than the page tells whether a next page exists without counting.
  const rows = await fetch(db, query.limit(perPage + 1));
  const more = rows.length > perPage;
  const items = more ? rows.slice(0, perPage) : rows;
  return { items, perPage, next: more ? encodeCursor(keyset.terms, items[items.length - 1]) : null };
}

/** Whether a statement's items are single values (one entity or one column), as PageItem says. */
export function selectsOneValue(stmt: Select<any>): boolean {
  const entries = stmt.entries;
  return entries.length === 1 && entries[0]!.kind !== "table";
}

async function fetch(db: Session, stmt: Select<any>): Promise<unknown[]> {
  if (selectsOneValue(stmt)) return (await db.scalars(stmt)).all();
  return (await db.execute(stmt)).all();
}
