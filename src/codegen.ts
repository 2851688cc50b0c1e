/** Helpers for the code Athanor generates per mapper and per statement shape (new Function). */

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The property access of `key` in generated code: `.key`, or `["key"]` when it is no identifier. */
export function property(key: string): string {
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
