import { ArgumentError, StaleDataError } from "../../errors.js";
import { insert, update } from "../../sql/dml.js";
import { and_, type ColumnElement } from "../../sql/elements.js";
import { ColumnClause } from "../../sql/from-clause.js";
import { values } from "../../sql/values.js";
import type { Mapper } from "../mapper/mapper.js";
import { expireState } from "../state/lifecycle.js";
import type { UnitOfWorkContext } from "./context.js";

/**
 * INSERTs plain objects as rows (executemany: batched multi-row INSERTs; defaults applied). With
 * `returnDefaults`, generated primary keys are written back into the objects (RETURNING, or one
 * row at a time reading the insert id where there is none).
 */
export async function bulkInsertMappings(
  session: UnitOfWorkContext,
  mapper: Mapper,
  rows: readonly Record<string, unknown>[],
  opts: { returnDefaults?: boolean },
): Promise<void> {
  if (!rows.length) return;
  const conn = await session.connection();
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const r of rows) {
    for (const k of Object.keys(r))
      if (!mapper.byKey.has(k))
        throw new ArgumentError(`bulkInsertMappings: ${mapper.name} has no column '${k}'`);
    const sig = Object.keys(r)
      .filter((k) => r[k] !== undefined)
      .sort()
      .join(",");
    const g = groups.get(sig);
    if (g) g.push(r);
    else groups.set(sig, [r]);
  }
  for (const g of groups.values()) {
    const fetch = opts.returnDefaults ? mapper.pk.filter((c) => g[0]![c.key] === undefined) : [];
    if (!fetch.length) {
      await conn.execute(insert(mapper.table), g);
    } else if (conn.dialect.supportsReturning) {
      const res = await conn.execute(insert(mapper.table).returning(...fetch.map((c) => c.column)), g);
      res.rawRows().forEach((row, i) => {
        fetch.forEach((c, j) => {
          g[i]![c.key] = row[j];
        });
      });
    } else {
      const auto = fetch.length === 1 && fetch[0]!.column.isAutoincrement ? fetch[0]! : null;
      if (!auto)
        throw new ArgumentError(
          `bulkInsertMappings(returnDefaults): ${conn.dialect.name} has no RETURNING, so only a single autoincrement key of ${mapper.name} can be read back; give the keys in the rows`,
        );
      for (const r of g) {
        const res = await conn.execute(insert(mapper.table).values(r as never));
        r[auto.key] = Number(res.lastInsertId);
      }
    }
  }
}

/**
 * UPDATEs rows from plain objects carrying the primary key and the columns to set: rows setting
 * the same columns go in one statement joined to a VALUES list.
 */
export async function bulkUpdateMappings(
  session: UnitOfWorkContext,
  mapper: Mapper,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (!rows.length) return;
  await session._autoflush();
  const conn = await session.connection();
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const r of rows) {
    for (const k of mapper.pkKeys)
      if (r[k] === undefined || r[k] === null)
        throw new ArgumentError(
          `bulkUpdateMappings: each row needs the primary key '${k}' of ${mapper.name}`,
        );
    const keys = Object.keys(r).filter((k) => !mapper.pkKeys.includes(k) && r[k] !== undefined);
    for (const k of keys)
      if (!mapper.byKey.has(k))
        throw new ArgumentError(`bulkUpdateMappings: ${mapper.name} has no column '${k}'`);
    const sig = keys.sort().join(",");
    const g = groups.get(sig);
    if (g) g.push(r);
    else groups.set(sig, [r]);
  }
  for (const [sig, group] of groups) {
    if (!sig) continue;
    const setKeys = sig.split(",");
    const pk = mapper.pk;
    const perRow = pk.length + setKeys.length;
    const chunk = Math.max(1, Math.floor((conn.dialect.maxBindParameters - 10) / perRow));
    for (let i = 0; i < group.length; i += chunk) {
      const part = group.slice(i, i + chunk);
      const keyCols = pk.map((c) => new ColumnClause(`k_${c.column.name}`, c.column.type));
      const setCols = setKeys.map(
        (k) => new ColumnClause(`v_${mapper.byKey.get(k)!.column.name}`, mapper.byKey.get(k)!.column.type),
      );
      const v = values([...keyCols, ...setCols], "athanor_v").data(
        part.map((r) => [...pk.map((c) => r[c.key]), ...setKeys.map((k) => r[k])]),
      );
      const set: Record<string, unknown> = {};
      setKeys.forEach((k, j) => {
        set[k] = v.c[setCols[j]!.name];
      });
      const where: ColumnElement<any, any>[] = pk.map((c, j) => c.column.eq(v.c[keyCols[j]!.name] as never));
      const res = await conn.execute(
        update(mapper.table)
          .values(set as never)
          .where(and_(...where)),
      );
      if (res.rowCount !== part.length) {
        throw new StaleDataError(
          `bulkUpdateMappings: expected to update ${part.length} row(s) of '${mapper.table.name}'; ${res.rowCount} were matched (some primary keys do not exist)`,
        );
      }
    }
  }
  // Objects of these rows in the session now hold stale values.
  const identity = session.identityMap.forMapper(mapper);
  for (const r of rows) {
    const st = identity.get(mapper.identityKey(mapper.pk.map((c) => r[c.key])));
    if (st) {
      expireState(
        st,
        Object.keys(r).filter((k) => !mapper.pkKeys.includes(k)),
      );
    }
  }
}
