import type { ConnectionUrl } from "../dialects/dialect.js";
import { ArgumentError } from "../errors.js";

/** The URLs Athanor understands, for error messages. */
export const SUPPORTED_URLS = [
  "postgresql://user:password@host:5432/dbname  (also postgres://, postgresql+pg://; driver: pg)",
  "postgresql+pglite://  (in-memory) or postgresql+pglite:///path/to/dir  (driver: @electric-sql/pglite)",
  "sqlite://  (in-memory), sqlite:///relative.db, sqlite:////absolute/path.db  (driver: better-sqlite3)",
  "mysql://user:password@host:3306/dbname  (also mariadb://, mysql+mysql2://; driver: mysql2)",
];

/**
 * A parsed database URL: `dialect+driver://user:password@host:port/database?key=value`.
 * The password is percent-decoded, and masked wherever the URL is printed.
 */
export class DatabaseUrl implements ConnectionUrl {
  readonly drivername: string;
  readonly username: string | null;
  readonly password: string | null;
  readonly host: string | null;
  readonly port: number | null;
  readonly database: string | null;
  readonly query: Readonly<Record<string, string>>;

  constructor(parts: Omit<ConnectionUrl, "toString">) {
    this.drivername = parts.drivername;
    this.username = parts.username;
    this.password = parts.password;
    this.host = parts.host;
    this.port = parts.port;
    this.database = parts.database;
    this.query = parts.query;
  }

  /** The dialect part of the scheme (`postgresql` of `postgresql+pg`). */
  get backend(): string {
    return this.drivername.split("+")[0]!;
  }

  /** The driver part of the scheme, if given (`pg` of `postgresql+pg`). */
  get driver(): string | null {
    return this.drivername.split("+")[1] ?? null;
  }

  /** The URL as text; the password is shown as *** unless `hidePassword` is false. */
  render(hidePassword = true): string {
    let s = `${this.drivername}://`;
    if (this.username !== null) {
      s += encodeURIComponent(this.username);
      if (this.password !== null) s += `:${hidePassword ? "***" : encodeURIComponent(this.password)}`;
      s += "@";
    }
    if (this.host) s += this.host.includes(":") ? `[${this.host}]` : this.host;
    if (this.port !== null) s += `:${this.port}`;
    // Slashes stay (SQLite paths); characters that would end or garble the path are escaped.
    if (this.database !== null) s += `/${this.database.replace(/[%?#\s]/g, encodeURIComponent)}`;
    const q = Object.entries(this.query);
    if (q.length) s += `?${q.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")}`;
    return s;
  }

  toString(): string {
    return this.render(true);
  }

  toJSON(): string {
    return this.render(true);
  }

  /** A copy with some parts replaced (`url.set({ database: "other" })`). */
  set(parts: Partial<Omit<ConnectionUrl, "toString">>): DatabaseUrl {
    return new DatabaseUrl({ ...this, ...parts });
  }

  /** Shown by console.log / util.inspect, masked. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `DatabaseUrl(${this.render(true)})`;
  }
}

const URL_PATTERN = /^(?<scheme>[a-zA-Z][\w+.-]*):\/\/(?<rest>.*)$/s;

/** Parses a database URL. */
export function makeUrl(input: string | DatabaseUrl): DatabaseUrl {
  if (input instanceof DatabaseUrl) return input;
  const m = URL_PATTERN.exec(input.trim());
  if (!m?.groups) {
    throw new ArgumentError(
      `Could not parse a database URL from ${JSON.stringify(maskRaw(input))}. Supported forms:\n  ${SUPPORTED_URLS.join("\n  ")}`,
    );
  }
  const scheme = m.groups.scheme!.toLowerCase();
  let rest = m.groups.rest!;
  let queryText = "";
  const qi = rest.indexOf("?");
  if (qi >= 0) {
    queryText = rest.slice(qi + 1);
    rest = rest.slice(0, qi);
  }
  // fromEntries defines own properties, so a key such as __proto__ stays a plain key.
  const query: Record<string, string> = Object.fromEntries(new URLSearchParams(queryText));

  // sqlite:///rel.db and sqlite:////abs.db: everything after the third slash is the path.
  const slash = rest.indexOf("/");
  const authority = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash + 1) : null;
  let username: string | null = null;
  let password: string | null = null;
  let hostport = authority;
  const at = authority.lastIndexOf("@");
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    hostport = authority.slice(at + 1);
    const colon = userinfo.indexOf(":");
    username = decodeURIComponent(colon >= 0 ? userinfo.slice(0, colon) : userinfo);
    password = colon >= 0 ? decodeURIComponent(userinfo.slice(colon + 1)) : null;
  }
  let host: string | null = hostport || null;
  let port: number | null = null;
  const portMatch = /^(.*):(\d+)$/.exec(hostport);
  if (portMatch) {
    host = portMatch[1] || null;
    port = Number(portMatch[2]);
  }
  const bracketed = host?.startsWith("[") && host.endsWith("]");
  if (!bracketed && host?.includes(":")) {
    const after = host.slice(host.lastIndexOf(":") + 1);
    throw new ArgumentError(
      `The port in database URL ${JSON.stringify(maskRaw(input))} is ${JSON.stringify(after)}, not a number; write host:5432 (an IPv6 address goes in brackets: [::1]:5432).`,
    );
  }
  if (port !== null && (port < 1 || port > 65535)) {
    throw new ArgumentError(
      `The port in database URL ${JSON.stringify(maskRaw(input))} is ${port}; a port is a number from 1 to 65535.`,
    );
  }
  if (bracketed) host = host!.slice(1, -1);
  const database = path === null || path === "" ? null : decodeURIComponent(path);
  return new DatabaseUrl({ drivername: scheme, username, password, host, port, database, query });
}

/** Masks a password in a raw URL string we could not parse, for messages. */
function maskRaw(text: string): string {
  return text.replace(/(\/\/[^:/@]*:)[^@]*@/, "$1***@");
}
