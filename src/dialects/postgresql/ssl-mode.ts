import type { ConnectionOptions as TlsOptions } from "node:tls";
import type { ClientConfig } from "pg";
import { ArgumentError } from "../../errors.js";
import type { ConnectionUrl } from "../dialect.js";
import type { DriverConnection } from "../driver.js";

/**
 * libpq's sslmode for node-pg. node-pg knows only "TLS or not": `prefer` (libpq's default, in
 * many copied URLs) failed with "The server does not support SSL connections". Here each mode
 * does what libpq does: prefer tries TLS and falls back to plain text when the server has none;
 * allow tries plain text and falls back to TLS when the server refuses it; require encrypts
 * without checking the certificate; verify-ca checks it was signed by a trusted CA (sslrootcert);
 * verify-full also that it names the host.
 */
export const SSL_MODES = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"] as const;

/** The URL query keys read here (removed before the rest reach node-pg). */
export const SSL_KEYS = ["sslmode", "sslrootcert", "sslcert", "sslkey"];

const NO_SSL = "The server does not support SSL connections";

/** CA, certificate and key files named as libpq names them. */
function tlsFiles(q: Readonly<Record<string, string>>): TlsOptions {
  // node:fs is loaded here, not imported: an ES import of it loads node's streams (~1 ms of CPU at every start).
  const { readFileSync } = process.getBuiltinModule("node:fs");
  const out: TlsOptions = {};
  if (q.sslrootcert) out.ca = readFileSync(q.sslrootcert);
  if (q.sslcert) out.cert = readFileSync(q.sslcert);
  if (q.sslkey) out.key = readFileSync(q.sslkey);
  return out;
}

/** node-pg's `ssl` for the URL's sslmode on the first or the fallback attempt (undefined: none given). */
export function pgSsl(
  q: Readonly<Record<string, string>>,
  attempt: "first" | "fallback" = "first",
): ClientConfig["ssl"] | undefined {
  const mode = q.sslmode;
  if (mode === undefined) return undefined;
  if (!(SSL_MODES as readonly string[]).includes(mode))
    throw new ArgumentError(`sslmode=${mode} is not one of ${SSL_MODES.join(", ")} (libpq's sslmode values)`);
  const tls = tlsFiles(q);
  const unverified = { ...tls, rejectUnauthorized: false };
  switch (mode) {
    case "disable":
      return false;
    case "allow":
      return attempt === "first" ? false : unverified;
    case "prefer":
      return attempt === "first" ? unverified : false;
    case "require":
      return unverified;
    case "verify-ca":
      // Signed by a trusted CA; the name in the certificate is what verify-full checks.
      return { ...tls, rejectUnauthorized: true, checkServerIdentity: () => undefined };
    default:
      return { ...tls, rejectUnauthorized: true };
  }
}

/**
 * Connects with `connect`, then once more with the other choice when sslmode is prefer (the
 * server has no TLS) or allow (the server refused plain text: pg_hba.conf hostssl, SQLSTATE
 * 28xxx). A mode that needs TLS on a server without it fails with a message naming the mode.
 */
export async function connectWithSslMode(
  url: ConnectionUrl,
  connectArgs: Readonly<Record<string, unknown>>,
  connect: (url: ConnectionUrl, connectArgs: Readonly<Record<string, unknown>>) => Promise<DriverConnection>,
): Promise<DriverConnection> {
  try {
    return await connect(url, connectArgs);
  } catch (e) {
    const mode = url.query.sslmode;
    const message = (e as Error)?.message ?? "";
    const explicit = connectArgs.ssl !== undefined;
    if (!explicit && mode === "prefer" && message.includes(NO_SSL))
      return connect(url, { ...connectArgs, ssl: pgSsl(url.query, "fallback") });
    if (!explicit && mode === "allow" && /^28/.test(String((e as { code?: unknown }).code)))
      return connect(url, { ...connectArgs, ssl: pgSsl(url.query, "fallback") });
    if (message.includes(NO_SSL)) {
      throw Object.assign(
        new Error(
          `sslmode=${mode ?? "(ssl in connectArgs)"} needs TLS, but the server at ${url.host ?? "localhost"}:${url.port ?? 5432} ` +
            "does not support SSL connections: enable ssl on the server, or use sslmode=prefer (TLS when the server offers it) or sslmode=disable",
        ),
        { cause: e },
      );
    }
    throw e;
  }
}
