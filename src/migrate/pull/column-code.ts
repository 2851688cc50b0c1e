/**
 * One pulled column as model source: `column(VARCHAR(50), ForeignKey("kits.id")).nullable()`.
 * Types render through the revision renderer's `renderType`, with the SQL type names that do not
 * shadow JavaScript globals (VARCHAR, BOOLEAN, DATE) and enums as their `as const` objects.
 */
import type { ColumnSpec } from "../../schema/column.js";
import type { ForeignKeyOptions } from "../../schema/foreign-key.js";
import type { TypeEngine } from "../../sql/type-engine.js";
import { EnumType } from "../../sql/types/enum.js";
import { type Code, CodeRenderer, call, chain, docOf, link as linkDoc, str } from "../render/code.js";
import type { Doc } from "../render/doc.js";
import { hardline, indent, join } from "../render/doc.js";
import { foreignKeyOptions, renderServerDefault, renderType, withOptions } from "../render/schema-code.js";
import { isSimpleArgument } from "./simple-argument.js";

/** Factory names that shadow JavaScript globals, and the names generated models use instead. */
const NON_SHADOWING: Readonly<Record<string, string>> = {
  String: "VARCHAR",
  Boolean: "BOOLEAN",
  Date: "DATE",
};

/** A CodeRenderer for model files: imports VARCHAR / BOOLEAN / DATE where revisions say String / Boolean / Date. */
export class ModelRenderer extends CodeRenderer {
  override use(name: string, module = "athanor"): string {
    return super.use(module === "athanor" ? (NON_SHADOWING[name] ?? name) : name, module);
  }
}

/** Enum types by identity, to the name of the `as const` object each is declared with. */
export type EnumNames = ReadonlyMap<EnumType, string>;

/** A type as code; an enum as `Enum(KitStatus, { name: "kitstatus" })` with its object. */
export function renderModelType(type: TypeEngine<any, any>, r: CodeRenderer, enums: EnumNames): Doc {
  if (type instanceof EnumType) {
    const objectName = enums.get(type);
    if (objectName) {
      return call(
        r.use("Enum"),
        withOptions([objectName], {
          name: type.name,
          nativeEnum: type.nativeEnum === false ? false : undefined,
          createConstraint: type.createConstraint === false ? false : undefined,
          schema: type.schema,
        }),
      );
    }
  }
  const t = type as TypeEngine<any, any> & { itemType?: TypeEngine<any, any>; dimensions?: number };
  if (t.typeName === "array" && t.itemType instanceof EnumType && enums.has(t.itemType))
    return call(
      r.use("ARRAY"),
      withOptions([renderModelType(t.itemType, r, enums)], {
        dimensions: t.dimensions === 1 ? undefined : t.dimensions,
      }),
    );
  return renderType(type, r);
}

/** What goes into a column declaration beside its spec. */
export interface ColumnExtras {
  /** The property key's snake_case differs from the column name: `.name("...")`. */
  readonly explicitName: string | null;
  /** A single-column foreign key, as `ForeignKey(target, options)`. */
  readonly foreignKey: { readonly target: string; readonly options: ForeignKeyOptions } | null;
  /** `.unique()` (true) or `.unique("name")`. */
  readonly unique: true | string | null;
  /** `.index()`: the index the naming convention names (unique with `.unique()`). */
  readonly index: boolean;
  readonly primaryKey: boolean;
}

/** `column(type, ForeignKey(...)).name(...).primaryKey()...`, in the order renderColumn uses. */
export function renderModelColumn(
  spec: ColumnSpec,
  extras: ColumnExtras,
  r: CodeRenderer,
  enums: EnumNames,
): Doc {
  const args: Code[] = [renderModelType(spec.type, r, enums)];
  if (extras.foreignKey) {
    const opts = foreignKeyOptions(extras.foreignKey.options);
    args.push(
      call(
        r.use("ForeignKey"),
        opts === null ? [str(extras.foreignKey.target)] : [str(extras.foreignKey.target), opts],
      ),
    );
  }
  // Every argument of the chain's calls, to apply Biome's rule for chains with complex ones.
  const argumentDocs: Code[] = [...args];
  const links: Doc[] = [];
  const link = (name: string, linkArgs: Code[] = []): Doc => {
    argumentDocs.push(...linkArgs);
    return linkDoc(name, linkArgs);
  };
  if (extras.explicitName !== null) links.push(link("name", [str(extras.explicitName)]));
  if (extras.primaryKey) {
    links.push(
      spec.autoincrement === "auto"
        ? link("primaryKey")
        : link("primaryKey", [`{ autoincrement: ${String(spec.autoincrement)} }`]),
    );
  } else if (spec.autoincrement !== "auto") links.push(link("autoincrement", [String(spec.autoincrement)]));
  if (spec.nullable) links.push(link("nullable"));
  if (spec.serverDefault !== null)
    links.push(link("serverDefault", [renderServerDefault(spec.serverDefault, r)]));
  if (spec.serverOnUpdate !== null)
    links.push(link("serverOnUpdate", [renderServerDefault(spec.serverOnUpdate, r)]));
  if (extras.unique !== null) links.push(link("unique", extras.unique === true ? [] : [str(extras.unique)]));
  if (extras.index) links.push(link("index"));
  if (spec.identity) {
    const id = spec.identity;
    links.push(
      link("identity", [
        call(
          r.use("Identity"),
          withOptions([], { always: id.always || undefined, start: id.start, increment: id.increment }),
        ),
      ]),
    );
  }
  if (spec.computed) {
    const c = spec.computed;
    links.push(
      link("computed", [call(r.use("Computed"), withOptions([str(c.sqltext)], { persisted: c.persisted }))]),
    );
  }
  if (spec.comment !== null) links.push(link("comment", [str(spec.comment)]));
  const head = call(r.use("column"), args);
  const complex = argumentDocs.some((a) => !isSimpleArgument(r.print(docOf(a), 0)));
  if (links.length >= 2 && complex) return [head, indent([hardline, join(hardline, links)])];
  return chain(head, links);
}
