import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadDriverModule } from "../../../src/dialects/driver.js";
import { mysqlConnectionOptions } from "../../../src/dialects/mysql/driver.js";
import { pgClientConfig } from "../../../src/dialects/postgresql/driver-pg.js";
import { SqliteDialect } from "../../../src/dialects/sqlite/dialect.js";
import { Engine } from "../../../src/engine/engine.js";
import { SUPPORTED_URLS } from "../../../src/engine/url.js";
import { ArgumentError, createEngine, DatabaseUrl, makeUrl } from "../../../src/index.js";

const SECRET = "s3cr3t p@ss:w/rd?#%";
const ENCODED = encodeURIComponent(SECRET);

describe("database URLs", () => {
  it("decodes a percent-encoded password and keeps the other parts", () => {
    const url = makeUrl(`postgresql+pg://scott:${ENCODED}@db.example.com:6543/app?sslmode=disable`);
    expect(url.drivername).toBe("postgresql+pg");
    expect(url.backend).toBe("postgresql");
    expect(url.driver).toBe("pg");
    expect(url.username).toBe("scott");
    expect(url.password).toBe(SECRET);
    expect(url.host).toBe("db.example.com");
    expect(url.port).toBe(6543);
    expect(url.database).toBe("app");
    expect(url.query).toEqual({ sslmode: "disable" });
  });

  it("reads an unencoded @ in the password (the last @ ends the user info)", () => {
    const url = makeUrl("mysql://root:p@ss@localhost/test");
    expect(url.password).toBe("p@ss");
    expect(url.host).toBe("localhost");
  });

  it("reads IPv6 hosts, empty passwords and SQLite paths", () => {
    expect(makeUrl("postgresql://u@[::1]:5432/d").host).toBe("::1");
    expect(makeUrl("mysql://root:@127.0.0.1:3306/test").password).toBe("");
    expect(makeUrl("sqlite://").database).toBeNull();
    expect(makeUrl("sqlite:///rel/app.db").database).toBe("rel/app.db");
    expect(makeUrl("sqlite:////abs/app.db").database).toBe("/abs/app.db");
  });

  it("masks the password in String(url), JSON, util.inspect and the engine", () => {
    const url = makeUrl(`postgresql://scott:${ENCODED}@localhost/app`);
    const shown = [
      String(url),
      `${url}`,
      JSON.stringify({ url }),
      inspect(url),
      inspect({ nested: { url } }, { depth: 5 }),
      String(createEngine(url)),
      inspect(createEngine(url), { depth: 3 }),
    ];
    for (const text of shown) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(ENCODED);
    }
    expect(String(url)).toBe("postgresql://scott:***@localhost/app");
  });

  it("renders the password only when asked, re-encoded so the URL parses back", () => {
    const url = makeUrl(`postgresql://scott:${ENCODED}@localhost/app`);
    expect(makeUrl(url.render(false)).password).toBe(SECRET);
  });

  it("round-trips any URL through render(false) and makeUrl", () => {
    // Characters with a meaning in URLs are the interesting ones: weight them up.
    const unit = fc.oneof(
      fc.constantFrom(..."%?#@:/+&= [].*"),
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
    );
    const part = fc.string({ unit, minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(
        fc.record({
          username: part,
          password: fc.option(fc.string({ unit, maxLength: 12 }), { nil: null }),
          host: fc.domain(),
          port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: null }),
          database: fc.option(part, { nil: null }),
          query: fc.dictionary(part, fc.string({ unit, maxLength: 8 })),
        }),
        (parts) => {
          const url = new DatabaseUrl({ drivername: "postgresql", ...parts });
          const back = makeUrl(url.render(false));
          expect({ ...back }).toEqual({ ...url });
          // Masked: the rendering is that of the same URL with the password replaced by ***.
          const masked = new DatabaseUrl({ ...url, password: parts.password === null ? null : "***" });
          expect(String(url)).toBe(masked.render(false));
        },
      ),
    );
  });

  it("rejects an unknown scheme, listing the supported URLs, with the password masked", () => {
    for (const bad of [`oracle://scott:${ENCODED}@h/db`, `postgresql+asyncpg://scott:${ENCODED}@h/db`]) {
      let error: unknown;
      try {
        createEngine(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ArgumentError);
      const message = (error as Error).message;
      for (const supported of SUPPORTED_URLS) expect(message).toContain(supported);
      expect(message).not.toContain(SECRET);
      expect(message).not.toContain(ENCODED);
    }
  });

  it("rejects text that is not a URL, with the password masked", () => {
    expect(() => makeUrl("scott:tiger@localhost")).toThrow(ArgumentError);
    expect(() => makeUrl("postgresql:/scott:tiger@localhost")).toThrow(/Supported forms/);
    expect(() => makeUrl("postgres//scott:tiger@localhost/db")).not.toThrow(/tiger/);
  });
});

describe("URL query parameters reach the driver", () => {
  it("maps PostgreSQL sslmode, connect_timeout, application_name and other options", () => {
    const url = makeUrl(
      "postgresql://u:p@h:5433/d?sslmode=disable&connect_timeout=7&application_name=athanor-app&statement_timeout=1500",
    );
    const config = pgClientConfig(url, {}) as Record<string, unknown>;
    expect(config).toMatchObject({
      host: "h",
      port: 5433,
      user: "u",
      password: "p",
      database: "d",
      ssl: false,
      connectionTimeoutMillis: 7000,
      application_name: "athanor-app",
      statement_timeout: 1500,
    });
    expect(config.options).toContain("TimeZone=UTC");
    expect(pgClientConfig(makeUrl("postgresql://h/d?sslmode=require"), {}).ssl).toEqual({
      rejectUnauthorized: false,
    });
    expect(pgClientConfig(makeUrl("postgresql://h/d?sslmode=verify-full"), {}).ssl).toEqual({
      rejectUnauthorized: true,
    });
  });

  it("lets connectArgs override the URL for PostgreSQL", () => {
    const config = pgClientConfig(makeUrl("postgresql://u@h/d?application_name=a"), {
      application_name: "b",
    }) as Record<string, unknown>;
    expect(config.application_name).toBe("b");
  });

  it("keeps the UTC session time zone when the URL passes its own options", () => {
    const config = pgClientConfig(makeUrl("postgresql://u@h/d?options=-c%20search_path%3Dapp"), {});
    expect(config.options).toBe("-c search_path=app -c TimeZone=UTC");
  });

  it("maps MySQL connect_timeout, charset and flags, with connectArgs overriding", () => {
    const options = mysqlConnectionOptions(
      makeUrl("mysql://root:pw@db:3307/shop?connect_timeout=4&charset=utf8mb4_bin&ssl=false"),
      { multipleStatements: true },
    ) as Record<string, unknown>;
    expect(options).toMatchObject({
      host: "db",
      port: 3307,
      user: "root",
      password: "pw",
      database: "shop",
      connectTimeout: 4000,
      charset: "utf8mb4_bin",
      multipleStatements: true,
    });
    expect(options.connect_timeout).toBeUndefined();
  });
});

describe("ports", () => {
  it("refuses a port that is not a number or out of range, with the password masked", () => {
    expect(() => makeUrl("postgresql://u:secret@db:notaport/app")).toThrow(
      /The port in database URL "postgresql:\/\/u:\*\*\*@db:notaport\/app" is "notaport", not a number/,
    );
    expect(() => makeUrl("postgresql://u@db:70000/app")).toThrow(
      /is 70000; a port is a number from 1 to 65535/,
    );
    expect(() => makeUrl("postgresql://u@db:0/app")).toThrow(/is 0;/);
    expect(() => makeUrl("postgresql://u@::1/app")).toThrow(/IPv6 address goes in brackets/);
    const v6 = makeUrl("postgresql://u@[::1]:5433/app");
    expect([v6.host, v6.port]).toEqual(["::1", 5433]);
    expect(makeUrl("postgresql://u@db:5432/app").port).toBe(5432);
  });
});

describe("missing driver packages", () => {
  it("names the npm install to run", async () => {
    const error = await loadDriverModule("athanor-no-such-driver", "postgresql://u:***@h/d").catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ArgumentError);
    expect((error as Error).message).toContain("npm install athanor-no-such-driver");
    expect((error as Error).message).toContain("postgresql://u:***@h/d");
  });

  it("names the package, not the module path inside it (mysql2, not mysql2/promise)", async () => {
    for (const [module, pkg] of [
      ["athanor-no-such-driver/promise", "athanor-no-such-driver"],
      ["@athanor-none/driver/sub", "@athanor-none/driver"],
    ]) {
      const error = (await loadDriverModule(module!, "mysql://u@h/d").catch((e: unknown) => e)) as Error;
      expect(error.message).toMatch(
        new RegExp(`needs the driver package '${pkg}'.* Run: npm install ${pkg}$`),
      );
    }
  });

  it("surfaces from engine.connect() as the same ArgumentError, password masked", async () => {
    class MissingDriverDialect extends SqliteDialect {
      override async connect(url: DatabaseUrl): Promise<never> {
        return loadDriverModule<never>("athanor-missing-sqlite-driver", String(url));
      }
    }
    const url = makeUrl(`sqlite://scott:${ENCODED}@/app.db`);
    const engine = new Engine(url, new MissingDriverDialect(), {});
    const error = await engine.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArgumentError);
    expect((error as Error).message).toMatch(/Run: npm install athanor-missing-sqlite-driver$/);
    expect((error as Error).message).not.toContain(SECRET);
    expect(engine.pool.checkedOut).toBe(0);
    await engine.dispose();
  });
});
