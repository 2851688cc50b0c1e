import type { CacheKeyBuilder } from "../sql/node.js";
import { Node } from "../sql/node.js";
import type { TypeEngine } from "../sql/type-engine.js";
import type { EnumType } from "../sql/types/enum.js";
import type { Column, ServerDefaultArg } from "./column.js";
import type { Constraint, IndexDef } from "./constraints.js";
import type { Table } from "./table.js";

/**
 * DDL statements as nodes: executed like any statement and compiled by the dialect's DDL
 * compiler. createAll() and the migration operations both produce these.
 */
export abstract class DdlElement extends Node {
  walk(key: CacheKeyBuilder): void {
    key.uncacheable();
  }
}

export class CreateTable extends DdlElement {
  readonly kind = "create_table";
  constructor(
    readonly table: Table<any, any>,
    readonly opts: {
      ifNotExists?: boolean;
      includeForeignKeys?: boolean;
      excludeConstraints?: ReadonlySet<Constraint>;
    } = {},
  ) {
    super();
  }
}

export class DropTable extends DdlElement {
  readonly kind = "drop_table";
  constructor(
    readonly table: Table<any, any> | { name: string; schema: string | null },
    readonly opts: { ifExists?: boolean } = {},
  ) {
    super();
  }
}

export class CreateIndex extends DdlElement {
  readonly kind = "create_index";
  constructor(
    readonly index: IndexDef,
    readonly opts: { ifNotExists?: boolean } = {},
  ) {
    super();
  }
}

export class DropIndex extends DdlElement {
  readonly kind = "drop_index";
  constructor(
    readonly name: string,
    readonly tableName: string,
    readonly opts: { ifExists?: boolean; schema?: string | null } = {},
  ) {
    super();
  }
}

export class AddConstraint extends DdlElement {
  readonly kind = "add_constraint";
  constructor(readonly constraint: Constraint) {
    super();
  }
}

export class DropConstraint extends DdlElement {
  readonly kind = "drop_constraint";
  constructor(
    readonly name: string,
    readonly tableName: string,
    readonly constraintKind: "primary_key" | "foreign_key" | "unique" | "check" | null,
    readonly opts: { ifExists?: boolean; schema?: string | null; cascade?: boolean } = {},
  ) {
    super();
  }
}

export class CreateEnumType extends DdlElement {
  readonly kind = "create_enum";
  constructor(
    readonly type: EnumType,
    readonly opts: { ifNotExists?: boolean } = {},
  ) {
    super();
  }
}

export class DropEnumType extends DdlElement {
  readonly kind = "drop_enum";
  constructor(
    readonly name: string,
    readonly opts: { ifExists?: boolean; schema?: string | null } = {},
  ) {
    super();
  }
}

/** `ALTER TYPE name ADD VALUE 'v' [BEFORE | AFTER 'x']` (PostgreSQL; outside a transaction before PG 12). */
export class AddEnumValue extends DdlElement {
  readonly kind = "add_enum_value";
  constructor(
    readonly name: string,
    readonly value: string,
    readonly opts: { before?: string; after?: string; ifNotExists?: boolean; schema?: string | null } = {},
  ) {
    super();
  }
}

export class AddColumn extends DdlElement {
  readonly kind = "add_column";
  constructor(
    readonly tableName: string,
    readonly column: Column<any, any>,
    readonly opts: { schema?: string | null; ifNotExists?: boolean } = {},
  ) {
    super();
  }
}

export class DropColumn extends DdlElement {
  readonly kind = "drop_column";
  constructor(
    readonly tableName: string,
    readonly columnName: string,
    readonly opts: { schema?: string | null; ifExists?: boolean } = {},
  ) {
    super();
  }
}

/** The changes of one `alterColumn`, with the column's existing definition where a dialect needs it. */
export interface AlterColumnSpec {
  readonly newName?: string;
  readonly type?: TypeEngine<any, any>;
  readonly nullable?: boolean;
  /** null drops the default. */
  readonly serverDefault?: ServerDefaultArg | null;
  /** null drops the comment. */
  readonly comment?: string | null;
  /** PostgreSQL `USING` expression for type changes. */
  readonly using?: string;
  readonly existingType?: TypeEngine<any, any>;
  readonly existingNullable?: boolean;
  readonly existingServerDefault?: ServerDefaultArg | null;
  readonly existingComment?: string | null;
  readonly existingAutoincrement?: boolean;
}

export class AlterColumn extends DdlElement {
  readonly kind = "alter_column";
  constructor(
    readonly tableName: string,
    readonly columnName: string,
    readonly spec: AlterColumnSpec,
    readonly opts: { schema?: string | null } = {},
  ) {
    super();
  }
}

export class RenameTable extends DdlElement {
  readonly kind = "rename_table";
  constructor(
    readonly oldName: string,
    readonly newName: string,
    readonly opts: { schema?: string | null } = {},
  ) {
    super();
  }
}

export class SetTableComment extends DdlElement {
  readonly kind = "set_table_comment";
  constructor(
    readonly tableName: string,
    readonly comment: string | null,
    readonly opts: { schema?: string | null } = {},
  ) {
    super();
  }
}

export class SetColumnComment extends DdlElement {
  readonly kind = "set_column_comment";
  constructor(
    readonly tableName: string,
    readonly column: Column<any, any>,
    readonly comment: string | null,
    readonly opts: { schema?: string | null } = {},
  ) {
    super();
  }
}

/** Any DDL element. */
export type DdlStatement =
  | CreateTable
  | DropTable
  | CreateIndex
  | DropIndex
  | AddConstraint
  | DropConstraint
  | CreateEnumType
  | DropEnumType
  | AddEnumValue
  | AddColumn
  | DropColumn
  | AlterColumn
  | RenameTable
  | SetTableComment
  | SetColumnComment;

export function isDdl(node: Node): node is DdlStatement {
  return node instanceof DdlElement;
}
