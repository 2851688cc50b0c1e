import { enumNames, tableExists } from "../dialects/catalog.js";
import type { ForeignKeyConstraintDef } from "../schema/constraints.js";
import {
  AddConstraint,
  CreateEnumType,
  CreateIndex,
  CreateTable,
  DropConstraint,
  DropEnumType,
  DropTable,
} from "../schema/ddl.js";
import { type MetaData, sortTables } from "../schema/metadata.js";
import type { CreateDropOptions, DdlRunner } from "../schema/protocols.js";
import type { Table } from "../schema/table.js";
import type { Connection } from "./connection.js";
import { reflectInto } from "./reflect-into.js";

/** Runs `fn` on the connection inside a transaction of its own when it has none. */
export type WithConnection = <T>(fn: (conn: Connection) => Promise<T>) => Promise<T>;

function selected(metadata: MetaData, opts: CreateDropOptions): Table<any, any>[] {
  const all = [...metadata.tables.values()];
  return opts.tables ? all.filter((t) => opts.tables!.includes(t.name)) : all;
}

/** The native enum types the tables' columns use, also as ARRAY items (PostgreSQL `kit_mood[]`). */
function nativeEnums(tables: readonly Table<any, any>[]): { name?: string }[] {
  const out: { name?: string; nativeEnum?: boolean; typeName: string }[] = [];
  for (const c of tables.flatMap((t) => t.columns)) {
    let type = c.type as { name?: string; nativeEnum?: boolean; typeName: string; itemType?: unknown };
    while (type.itemType) type = type.itemType as typeof type;
    if (type.typeName === "enum" && type.nativeEnum && type.name) out.push(type);
  }
  return out;
}

/** createAll / dropAll / reflect for an Engine or Connection. */
export function schemaRunner(withConnection: WithConnection): DdlRunner {
  return {
    createAll: (metadata, opts) =>
      withConnection(async (conn) => {
        const checkFirst = opts.checkFirst ?? true;
        const exec = (sql: string, params?: readonly unknown[]) =>
          conn.executeDriverSql(sql, params).then((r) => r.rawRows());
        const tables = selected(metadata, opts);
        const { tables: ordered, deferredForeignKeys } = sortTables(tables);
        const dialect = conn.dialect;
        const deferred = new Set<ForeignKeyConstraintDef>(
          dialect.supportsAddConstraint ? deferredForeignKeys : [],
        );
        if (dialect.supportsNativeEnum && dialect.name === "postgresql") {
          const existing = checkFirst ? await enumNames(exec, metadata.schema) : new Set<string>();
          const enums = new Map(nativeEnums(tables).map((t) => [t.name as string, t]));
          for (const [name, type] of enums)
            if (!existing.has(name)) await conn.execute(new CreateEnumType(type as never));
        }
        const created: Table<any, any>[] = [];
        for (const t of ordered) {
          if (checkFirst && (await tableExists(dialect.name, exec, t.name, t.schema))) continue;
          await conn.execute(new CreateTable(t, { excludeConstraints: deferred }));
          for (const ix of t.indexes) await conn.execute(new CreateIndex(ix));
          created.push(t);
        }
        for (const fk of deferred) if (created.includes(fk.table)) await conn.execute(new AddConstraint(fk));
      }),
    dropAll: (metadata, opts) =>
      withConnection(async (conn) => {
        const checkFirst = opts.checkFirst ?? true;
        const exec = (sql: string, params?: readonly unknown[]) =>
          conn.executeDriverSql(sql, params).then((r) => r.rawRows());
        const tables = selected(metadata, opts);
        const { tables: ordered, deferredForeignKeys } = sortTables(tables);
        const dialect = conn.dialect;
        const present: Table<any, any>[] = [];
        for (const t of ordered)
          if (!checkFirst || (await tableExists(dialect.name, exec, t.name, t.schema))) present.push(t);
        if (dialect.supportsAddConstraint) {
          for (const fk of deferredForeignKeys) {
            if (fk.name && present.includes(fk.table))
              await conn.execute(
                new DropConstraint(fk.name, fk.table.name, "foreign_key", { schema: fk.table.schema }),
              );
          }
        }
        for (const t of [...present].reverse()) await conn.execute(new DropTable(t));
        if (dialect.name === "postgresql") {
          const existing = checkFirst ? await enumNames(exec, metadata.schema) : null;
          const names = new Set(nativeEnums(tables).map((t) => t.name as string));
          for (const name of names)
            if (!existing || existing.has(name)) await conn.execute(new DropEnumType(name));
        }
      }),
    reflect: (metadata, opts) => withConnection((conn) => reflectInto(conn, metadata, opts)),
  };
}
