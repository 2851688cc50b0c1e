import type { AthanorError } from "../errors.js";
import type { Node } from "../sql/node.js";

/** What each event's listeners receive. */
export interface EngineEvents {
  /** A new driver connection was opened. */
  connect: { readonly raw: unknown };
  /** A connection was taken from the pool. */
  checkout: { readonly raw: unknown };
  /** A connection went back to the pool. */
  checkin: { readonly raw: unknown };
  /**
   * About to run a statement. For an executemany (`execute(stmt, [set, set, ...])` of a
   * non-INSERT) it fires once, `executemany` is true and `params` holds one value list per set.
   */
  beforeExecute: {
    readonly sql: string;
    readonly params: readonly unknown[];
    readonly statement: Node | null;
    readonly cached: boolean;
    readonly executemany: boolean;
  };
  /** A statement finished (once per executemany, as beforeExecute). */
  afterExecute: {
    readonly sql: string;
    readonly params: readonly unknown[];
    readonly rowCount: number;
    readonly durationMs: number;
    readonly cached: boolean;
    readonly executemany: boolean;
  };
  /** A statement failed; a listener may return another error to raise instead. */
  handleError: { readonly error: AthanorError; readonly sql: string | null; readonly params: unknown };
  begin: { readonly raw: unknown };
  commit: { readonly raw: unknown };
  rollback: { readonly raw: unknown };
  savepoint: { readonly name: string };
  rollbackSavepoint: { readonly name: string };
  releaseSavepoint: { readonly name: string };
}

/** The name of an engine event (`engine.on(name, listener)`). */
export type EventName = keyof EngineEvents;
/**
 * A listener. Its return value is ignored, except that a handleError listener may return an
 * Error to raise instead (so `(e) => log.push(e.sql)` type-checks as a listener).
 */
export type Listener<E extends EventName> = (event: EngineEvents[E]) => unknown;
type AnyListener = (event: any) => unknown;

/** Listener lists per event; cheap to check when nobody listens. */
export class EventHub {
  readonly #listeners: Partial<Record<EventName, AnyListener[]>> = {};
  /** How many events have listeners: has() answers from it alone in the common case, nobody listening. */
  #listened = 0;

  on<E extends EventName>(name: E, listener: Listener<E>): void {
    let list = this.#listeners[name];
    if (list === undefined) {
      list = this.#listeners[name] = [];
      this.#listened++;
    }
    list.push(listener as AnyListener);
  }

  off<E extends EventName>(name: E, listener: Listener<E>): void {
    const list = this.#listeners[name];
    if (!list) return;
    const i = list.indexOf(listener);
    if (i >= 0) list.splice(i, 1);
    if (!list.length) {
      delete this.#listeners[name];
      this.#listened--;
    }
  }

  has(name: EventName): boolean {
    return this.#listened !== 0 && this.#listeners[name] !== undefined;
  }

  /** Calls the listeners; for handleError, returns the last error a listener gave back. */
  emit<E extends EventName>(name: E, event: EngineEvents[E]): Error | undefined {
    const list = this.#listeners[name];
    if (!list) return undefined;
    let replaced: Error | undefined;
    for (const l of [...list]) {
      const r = l(event);
      if (r instanceof Error && name === "handleError") replaced = r;
    }
    return replaced;
  }
}
