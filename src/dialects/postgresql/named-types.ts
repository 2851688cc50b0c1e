import { type TypeDialect, TypeEngine } from "../../sql/type-engine.js";

/**
 * PostgreSQL types Athanor passes through as text, named as the catalog names them: network
 * addresses (INET, CIDR, MACADDR), case-insensitive text (CITEXT, from the citext extension)
 * and full-text search (TSVECTOR, TSQUERY). Values are the server's text forms
 * ('192.168.0.1/24', 'a:1 b:2'); reflection reads these columns back as the same types.
 */
export class PgNamedType<T = string, In = T> extends TypeEngine<T, In> {
  readonly typeName: string;
  /** The type's name in DDL. */
  readonly sqlName: string;
  readonly #affinity: "string" | "other";
  constructor(typeName: string, sqlName: string, affinity: "string" | "other" = "other") {
    super();
    this.typeName = typeName;
    this.sqlName = sqlName;
    this.#affinity = affinity;
  }
  override get affinity() {
    return this.#affinity;
  }
  override literal(value: In, dialect: TypeDialect): string {
    return `${dialect.quoteString(String(value))}::${this.sqlName}`;
  }
}

/** An IPv4 or IPv6 host address, with an optional netmask ('10.0.0.1', '10.0.0.0/8'). */
export const INET = () => new PgNamedType("inet", "INET");
/** An IPv4 or IPv6 network ('10.0.0.0/8'). */
export const CIDR = () => new PgNamedType("cidr", "CIDR");
/** A MAC address ('08:00:2b:01:02:03'). */
export const MACADDR = () => new PgNamedType("macaddr", "MACADDR");
/** Case-insensitive text (the citext extension must be installed: CREATE EXTENSION citext). */
export const CITEXT = () => new PgNamedType("citext", "CITEXT", "string");
/** A full-text search document (to_tsvector(...)); search it with `.match(query)`. */
export const TSVECTOR = () => new PgNamedType("tsvector", "TSVECTOR");
/** A full-text search query (to_tsquery(...)). */
export const TSQUERY = () => new PgNamedType("tsquery", "TSQUERY");

const BY_NAME: Record<string, () => PgNamedType<any, any>> = {
  inet: INET,
  cidr: CIDR,
  macaddr: MACADDR,
  citext: CITEXT,
  tsvector: TSVECTOR,
  tsquery: TSQUERY,
};

/** The named type for a catalog type name, or null. */
export function pgNamedTypeFor(name: string): PgNamedType<any, any> | null {
  const make = BY_NAME[name];
  return make ? make() : null;
}
