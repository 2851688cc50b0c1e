import { MapperConfigurationError } from "../../errors.js";
import type { Table } from "../../schema/table.js";
import { mapperFor } from "../mapper/mapping.js";
import { kMapper, kTable } from "./keys.js";

/** The own properties of every class that a column key can be hidden by. */
const FUNCTION_OWN_KEYS: ReadonlySet<string> = new Set(["name", "length"]);

/**
 * Registers a model where it is declared, so that every column is a class attribute from the
 * first touch, `name` and `length` included:
 *
 *   export class Product extends Base.table("products", { name: column(VARCHAR(80)), ... }) {
 *     static { mapped(this); }
 *   }
 *
 * Columns are inherited static accessors, and JavaScript gives every class its own `name` and
 * `length` (the class name, the constructor's arity). Those hide the inherited `Product.name`
 * until the class is mapped, which otherwise happens on the first touch of any other attribute,
 * so `Product.name` as the very first touch would read "Product". No code of Athanor's runs when a
 * subclass is declared; this call is that code. It defines accessors for the hidden columns on
 * the class itself, which map it when read (the mapping then scans the class's relationships,
 * so the call may stand anywhere in the class body). Also usable as a class decorator
 * (`@mapped`, where the toolchain compiles decorators) or as `mapped(Product)` after the class.
 */
export function mapped<C extends abstract new (...args: any) => any>(cls: C, _context?: unknown): C {
  const table = (cls as unknown as Record<symbol, Table<any, any> | undefined>)[kTable];
  if (!table)
    throw new MapperConfigurationError(
      `mapped(${cls.name || "class"}): not a model of a table; declare it as \`class X extends Base.table("x", { ... }) {}\``,
    );
  if (Object.hasOwn(cls, kMapper)) return cls;
  const hidden = table.columns.filter((col) => FUNCTION_OWN_KEYS.has(col.key));
  // The class's own name and length, put back while it is mapped (the mapper reads its name).
  const own = hidden.map((col) => [col.key, Object.getOwnPropertyDescriptor(cls, col.key)!] as const);
  for (const col of hidden) {
    Object.defineProperty(cls, col.key, {
      get(this: C) {
        for (const [key, d] of own) Object.defineProperty(cls, key, d);
        mapperFor(this);
        return col;
      },
      configurable: true,
    });
  }
  return cls;
}
