/**
 * Session.bulkInsertMappings(), bulkUpdateMappings() and bulkSaveObjects(): the session's side of
 * bulk writes (the model's mapper, the flush); the statements are unitofwork/bulk.ts's.
 */
import type { MappedInstance } from "../declarative/model-types.js";
import { mapperFor } from "../mapper/mapping.js";
import { bulkInsertMappings, bulkUpdateMappings } from "../unitofwork/bulk.js";
import type { Session } from "./session.js";

type ModelClass = abstract new (...args: any) => unknown;

/** Session.bulkInsertMappings(): INSERTs plain objects as rows of a model, in batches. */
export function bulkInsert(
  session: Session,
  model: ModelClass,
  rows: readonly object[],
  opts: { returnDefaults?: boolean },
): Promise<void> {
  return bulkInsertMappings(session, mapperFor(model), rows as readonly Record<string, unknown>[], opts);
}

/** Session.bulkUpdateMappings(): UPDATEs rows of a model from plain objects with the primary key. */
export function bulkUpdate(session: Session, model: ModelClass, rows: readonly object[]): Promise<void> {
  return bulkUpdateMappings(session, mapperFor(model), rows as readonly Record<string, unknown>[]);
}

/** Session.bulkSaveObjects(): adds the objects and flushes, so they are written in batches. */
export async function bulkSaveObjects(session: Session, objs: Iterable<MappedInstance>): Promise<void> {
  session.addAll(objs);
  await session.flush();
}
