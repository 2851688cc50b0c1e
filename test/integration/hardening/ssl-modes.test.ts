import { readFileSync } from "node:fs";
import { createServer, connect as netConnect, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { TLSSocket } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgClientConfig } from "../../../src/dialects/postgresql/driver-pg.js";
import { createEngine, makeUrl, text } from "../../../src/index.js";

const TLS_DIR = join(import.meta.dirname, "tls");
const CA = join(TLS_DIR, "ca.pem");

/** Issue 14, item 8: libpq's sslmode values, as node-pg settings and against servers with and without TLS. */
describe("sslmode", () => {
  it("maps each mode to node-pg's ssl for its first attempt; unknown modes are refused", () => {
    const ssl = (q: string) => pgClientConfig(makeUrl(`postgresql://h/d?${q}`), {}).ssl;
    expect(ssl("sslmode=disable")).toBe(false);
    expect(ssl("sslmode=allow")).toBe(false);
    expect(ssl("sslmode=prefer")).toEqual({ rejectUnauthorized: false });
    expect(ssl("sslmode=require")).toEqual({ rejectUnauthorized: false });
    expect(ssl("sslmode=verify-full")).toEqual({ rejectUnauthorized: true });
    const verifyCa = ssl(`sslmode=verify-ca&sslrootcert=${CA}`) as Record<string, unknown>;
    expect(verifyCa.rejectUnauthorized).toBe(true);
    expect(String(verifyCa.ca)).toContain("BEGIN CERTIFICATE");
    expect((verifyCa.checkServerIdentity as () => unknown)()).toBeUndefined();
    expect(pgClientConfig(makeUrl("postgresql://h/d"), {}).ssl).toBeUndefined();
    expect(() => ssl("sslmode=always")).toThrow(/sslmode=always is not one of disable, allow, prefer/);
  });
});

const serverUrl = process.env.ATHANOR_TEST_POSTGRES_URL;

/**
 * A PostgreSQL server with TLS, made of the test server behind a TLS-terminating proxy: it
 * answers the SSLRequest with 'S', speaks TLS with the test certificate and forwards the plain
 * protocol. `plain: false` refuses unencrypted connections as a hostssl-only pg_hba.conf does.
 */
async function tlsProxy(plain: boolean): Promise<{ port: number; server: Server }> {
  const target = makeUrl(serverUrl!);
  const key = readFileSync(join(TLS_DIR, "server.key"));
  const cert = readFileSync(join(TLS_DIR, "server.pem"));
  const pipe = (a: Socket, b: Socket) => {
    a.pipe(b).on("error", () => b.destroy());
    b.pipe(a).on("error", () => a.destroy());
    a.on("error", () => b.destroy());
    b.on("error", () => a.destroy());
    a.on("close", () => b.destroy());
    b.on("close", () => a.destroy());
  };
  const server = createServer((sock) => {
    sock.once("data", (first) => {
      const upstream = () => netConnect(target.port ?? 5432, target.host ?? "127.0.0.1");
      if (first.length === 8 && first.readInt32BE(4) === 80877103) {
        sock.write("S");
        pipe(new TLSSocket(sock, { isServer: true, key, cert }), upstream());
      } else if (plain) {
        const up = upstream();
        up.write(first);
        pipe(sock, up);
      } else {
        const fields = Buffer.from(
          "SFATAL\0VFATAL\0C28000\0Mno pg_hba.conf entry for host, no encryption\0\0",
        );
        const head = Buffer.alloc(5);
        head.write("E", 0);
        head.writeInt32BE(fields.length + 4, 1);
        sock.end(Buffer.concat([head, fields]));
      }
    });
    sock.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
  return { port: (server.address() as { port: number }).port, server };
}

if (serverUrl)
  describe("sslmode against servers with and without TLS [postgresql]", () => {
    let both: { port: number; server: Server };
    let tlsOnly: { port: number; server: Server };
    beforeAll(async () => {
      both = await tlsProxy(true);
      tlsOnly = await tlsProxy(false);
    });
    afterAll(() => {
      both.server.close();
      tlsOnly.server.close();
    });
    const user = () => makeUrl(serverUrl!);
    /**
     * Whether the client's connection is encrypted (its socket is a TLS socket: through the proxy
     * the server itself sees plain text), or the error message.
     */
    async function encrypted(host: string, port: number | null, query: string): Promise<boolean | string> {
      const u = user();
      const url = `postgresql://${u.username}@${host}:${port ?? u.port ?? 5432}/${u.database}?${query}`;
      const engine = createEngine(url, { poolClass: "null" });
      try {
        return await engine.begin(async (c) => {
          expect((await c.execute(text("SELECT 1"))).scalar()).toBe(1);
          const raw = c.driverConnection as { connection: { stream: { encrypted?: boolean } } };
          return raw.connection.stream.encrypted === true;
        });
      } catch (e) {
        return (e as Error).message;
      } finally {
        await engine.dispose();
      }
    }
    const plainServer = () => [user().host ?? "127.0.0.1", user().port] as const;

    it("prefer and allow: TLS where offered, plain text on a server without TLS (libpq's default no longer fails)", async () => {
      expect(await encrypted(...plainServer(), "sslmode=prefer")).toBe(false);
      expect(await encrypted(...plainServer(), "sslmode=allow")).toBe(false);
      expect(await encrypted("localhost", both.port, "sslmode=prefer")).toBe(true);
      expect(await encrypted("localhost", both.port, "sslmode=allow")).toBe(false);
      // allow falls back to TLS when the server refuses plain text.
      expect(await encrypted("localhost", tlsOnly.port, "sslmode=allow")).toBe(true);
    });

    it("require, verify-ca and verify-full insist on TLS and say so on a server without it", async () => {
      for (const mode of ["require", "verify-ca", "verify-full"])
        expect(await encrypted(...plainServer(), `sslmode=${mode}`)).toMatch(
          new RegExp(`sslmode=${mode} needs TLS, but the server at .* does not support SSL connections`),
        );
      expect(await encrypted("localhost", both.port, "sslmode=require")).toBe(true);
    });

    it("verify-ca checks the CA; verify-full also the host name", async () => {
      expect(await encrypted("localhost", both.port, "sslmode=verify-ca")).toMatch(
        /self.signed|certificate/i,
      );
      expect(await encrypted("127.0.0.1", both.port, `sslmode=verify-ca&sslrootcert=${CA}`)).toBe(true);
      expect(await encrypted("localhost", both.port, `sslmode=verify-full&sslrootcert=${CA}`)).toBe(true);
      expect(await encrypted("127.0.0.1", both.port, `sslmode=verify-full&sslrootcert=${CA}`)).toMatch(
        /IP: 127\.0\.0\.1 is not in the cert's list|altnames/i,
      );
    });
  });
