import { describe, expect, it } from "vitest";
import {
  ARRAY,
  BigInteger,
  Boolean,
  CheckConstraint,
  CompileError,
  Computed,
  column,
  DateTime,
  Date as DateType,
  Double,
  Enum,
  Float,
  ForeignKey,
  ForeignKeyConstraint,
  func,
  Identity,
  Index,
  Integer,
  Interval,
  JSONB,
  Json,
  LargeBinary,
  MetaData,
  Numeric,
  PrimaryKeyConstraint,
  SmallInteger,
  String,
  sqlDefault,
  Table,
  Text,
  Time,
  UniqueConstraint,
  Uuid,
} from "../../../src/index.js";
import { CreateIndex, CreateTable, DropTable } from "../../../src/schema/ddl.js";
import { expectDdl, raises, table } from "./helpers.js";

const MYSQL_TAIL = " ENGINE=InnoDB";

describe("CREATE TABLE: every type", () => {
  const md = new MetaData({ columnNaming: "snake_case" });
  const everything = new Table("everything", md, {
    id: column(Integer).primaryKey(),
    small: column(SmallInteger),
    big: column(BigInteger),
    real: column(Float),
    dbl: column(Double),
    money: column(Numeric(10, 2)),
    anyNumber: column(Numeric),
    name: column(String(50)),
    anyLength: column(String()),
    body: column(Text),
    flag: column(Boolean),
    at: column(DateTime()),
    atTz: column(DateTime({ timezone: true })),
    day: column(DateType),
    clock: column(Time),
    span: column(Interval),
    bytes: column(LargeBinary),
    uid: column(Uuid),
    doc: column(Json),
    mood: column(Enum(["happy", "sad"], { name: "mood" })),
    stage: column(Enum(["a", "bb"], { nativeEnum: false })).nullable(),
  });

  it("type names per dialect; NOT NULL unless nullable; non-native enums get a CHECK", () => {
    expectDdl(new CreateTable(everything), {
      pg: [
        table("CREATE TABLE everything", [
          "id SERIAL NOT NULL",
          "small SMALLINT NOT NULL",
          "big BIGINT NOT NULL",
          "real FLOAT NOT NULL",
          "dbl DOUBLE PRECISION NOT NULL",
          "money NUMERIC(10, 2) NOT NULL",
          "any_number NUMERIC NOT NULL",
          "name VARCHAR(50) NOT NULL",
          "any_length VARCHAR NOT NULL",
          "body TEXT NOT NULL",
          "flag BOOLEAN NOT NULL",
          "at TIMESTAMP WITHOUT TIME ZONE NOT NULL",
          "at_tz TIMESTAMP WITH TIME ZONE NOT NULL",
          "day DATE NOT NULL",
          "clock TIME WITHOUT TIME ZONE NOT NULL",
          "span INTERVAL NOT NULL",
          "bytes BYTEA NOT NULL",
          "uid UUID NOT NULL",
          "doc JSON NOT NULL",
          "mood mood NOT NULL",
          "stage VARCHAR(2)",
          "PRIMARY KEY (id)",
          "CONSTRAINT everything_stage CHECK (stage IN ('a', 'bb'))",
        ]),
      ],
      sqlite: [
        table("CREATE TABLE everything", [
          "id INTEGER NOT NULL",
          "small SMALLINT NOT NULL",
          "big BIGINT NOT NULL",
          "real FLOAT NOT NULL",
          "dbl DOUBLE NOT NULL",
          "money NUMERIC(10, 2) NOT NULL",
          "any_number NUMERIC NOT NULL",
          "name VARCHAR(50) NOT NULL",
          "any_length VARCHAR NOT NULL",
          "body TEXT NOT NULL",
          "flag BOOLEAN NOT NULL",
          "at DATETIME NOT NULL",
          "at_tz DATETIME NOT NULL",
          "day DATE NOT NULL",
          "clock TIME NOT NULL",
          "span VARCHAR(64) NOT NULL",
          "bytes BLOB NOT NULL",
          "uid CHAR(36) NOT NULL",
          "doc JSON NOT NULL",
          "mood VARCHAR(5) NOT NULL",
          "stage VARCHAR(2)",
          "PRIMARY KEY (id)",
          "CONSTRAINT mood CHECK (mood IN ('happy', 'sad'))",
          "CONSTRAINT everything_stage CHECK (stage IN ('a', 'bb'))",
        ]),
      ],
      mysql: [
        table(
          "CREATE TABLE everything",
          [
            "id INTEGER NOT NULL AUTO_INCREMENT",
            "small SMALLINT NOT NULL",
            "big BIGINT NOT NULL",
            "`real` DOUBLE NOT NULL",
            "dbl DOUBLE NOT NULL",
            "money NUMERIC(10, 2) NOT NULL",
            "any_number NUMERIC NOT NULL",
            "name VARCHAR(50) NOT NULL",
            "any_length VARCHAR(255) NOT NULL",
            "body TEXT NOT NULL",
            "flag BOOL NOT NULL",
            "at DATETIME(6) NOT NULL",
            "at_tz DATETIME(6) NOT NULL",
            "day DATE NOT NULL",
            "clock TIME(6) NOT NULL",
            "span VARCHAR(64) NOT NULL",
            "bytes LONGBLOB NOT NULL",
            "uid CHAR(36) NOT NULL",
            "doc JSON NOT NULL",
            "mood ENUM('happy', 'sad') NOT NULL",
            "stage VARCHAR(2)",
            "PRIMARY KEY (id)",
            "CONSTRAINT everything_stage CHECK (stage IN ('a', 'bb'))",
          ],
          MYSQL_TAIL,
        ),
      ],
    });
  });

  it("PostgreSQL JSONB and ARRAY (other dialects have no such types)", () => {
    const pgOnly = new Table("pg_only", new MetaData(), {
      id: column(Integer).primaryKey(),
      doc: column(JSONB()),
      scores: column(ARRAY(Integer)),
      grid: column(ARRAY(String(10), { dimensions: 2 })).nullable(),
    });
    expectDdl(new CreateTable(pgOnly), {
      pg: [
        table("CREATE TABLE pg_only", [
          "id SERIAL NOT NULL",
          "doc JSONB NOT NULL",
          "scores INTEGER[] NOT NULL",
          "grid VARCHAR(10)[][]",
          "PRIMARY KEY (id)",
        ]),
      ],
      sqlite: raises(CompileError, /No SQLite type for 'array'/),
      mysql: raises(CompileError, /No MySQL type for 'array'/),
    });
  });

  it("precision and lengths: Float(precision), DateTime(precision), LargeBinary(length)", () => {
    const sized = new Table("sized", new MetaData(), {
      id: column(Integer).primaryKey(),
      f: column(Float({ precision: 24 })),
      ts: column(DateTime({ precision: 3 })),
      blob: column(LargeBinary(1000)),
    });
    expectDdl(new CreateTable(sized), {
      pg: [
        table("CREATE TABLE sized", [
          "id SERIAL NOT NULL",
          "f FLOAT(24) NOT NULL",
          "ts TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL",
          "blob BYTEA NOT NULL",
          "PRIMARY KEY (id)",
        ]),
      ],
      sqlite: [
        table("CREATE TABLE sized", [
          "id INTEGER NOT NULL",
          "f FLOAT NOT NULL",
          "ts DATETIME NOT NULL",
          "blob BLOB NOT NULL",
          "PRIMARY KEY (id)",
        ]),
      ],
      mysql: [
        table(
          "CREATE TABLE sized",
          [
            "id INTEGER NOT NULL AUTO_INCREMENT",
            "f FLOAT NOT NULL",
            "ts DATETIME(3) NOT NULL",
            "`blob` BLOB(1000) NOT NULL",
            "PRIMARY KEY (id)",
          ],
          MYSQL_TAIL,
        ),
      ],
    });
  });
});

describe("CREATE TABLE: keys and generated values", () => {
  it("autoincrement integer keys: SERIAL / BIGSERIAL / SMALLSERIAL, INTEGER PRIMARY KEY (rowid), AUTO_INCREMENT", () => {
    const md = new MetaData();
    for (const [type, pg, mysql] of [
      [Integer, "SERIAL", "INTEGER"],
      [BigInteger, "BIGSERIAL", "BIGINT"],
      [SmallInteger, "SMALLSERIAL", "SMALLINT"],
    ] as const) {
      const t = new Table(`keys_${pg.toLowerCase()}`, md, {
        id: column(type as typeof Integer).primaryKey(),
      });
      expectDdl(new CreateTable(t), {
        pg: [table(`CREATE TABLE ${t.name}`, [`id ${pg} NOT NULL`, "PRIMARY KEY (id)"])],
        sqlite: [table(`CREATE TABLE ${t.name}`, ["id INTEGER NOT NULL", "PRIMARY KEY (id)"])],
        mysql: [
          table(
            `CREATE TABLE ${t.name}`,
            [`id ${mysql} NOT NULL AUTO_INCREMENT`, "PRIMARY KEY (id)"],
            MYSQL_TAIL,
          ),
        ],
      });
    }
  });

  it("autoincrement off, or a key that is also a foreign key: a plain integer", () => {
    const md = new MetaData();
    new Table("parents", md, { id: column(Integer).primaryKey() });
    const manual = new Table("manual", md, { id: column(Integer).primaryKey({ autoincrement: false }) });
    const child = new Table("one_to_one", md, { id: column(Integer, ForeignKey("parents.id")).primaryKey() });
    expectDdl(new CreateTable(manual), {
      pg: [table("CREATE TABLE manual", ["id INTEGER NOT NULL", "PRIMARY KEY (id)"])],
      mysql: [table("CREATE TABLE manual", ["id INTEGER NOT NULL", "PRIMARY KEY (id)"], MYSQL_TAIL)],
    });
    expectDdl(new CreateTable(child), {
      pg: [
        table("CREATE TABLE one_to_one", [
          "id INTEGER NOT NULL",
          "PRIMARY KEY (id)",
          "FOREIGN KEY(id) REFERENCES parents (id)",
        ]),
      ],
      mysql: [
        table(
          "CREATE TABLE one_to_one",
          ["id INTEGER NOT NULL", "PRIMARY KEY (id)", "FOREIGN KEY(id) REFERENCES parents (id)"],
          MYSQL_TAIL,
        ),
      ],
    });
  });

  it("composite primary key, named; no autoincrement", () => {
    const lines = new Table(
      "order_lines",
      new MetaData({ columnNaming: "snake_case" }),
      { orderId: column(Integer), lineNo: column(Integer), qty: column(Integer) },
      PrimaryKeyConstraint("orderId", "lineNo", { name: "pk_order_lines" }),
    );
    const body = [
      "order_id INTEGER NOT NULL",
      "line_no INTEGER NOT NULL",
      "qty INTEGER NOT NULL",
      "CONSTRAINT pk_order_lines PRIMARY KEY (order_id, line_no)",
    ];
    expectDdl(new CreateTable(lines), {
      pg: [table("CREATE TABLE order_lines", body)],
      sqlite: [table("CREATE TABLE order_lines", body)],
      mysql: [table("CREATE TABLE order_lines", body, MYSQL_TAIL)],
    });
  });

  it("identity columns: GENERATED ... AS IDENTITY on PostgreSQL, AUTO_INCREMENT on MySQL, the rowid on SQLite", () => {
    const md = new MetaData();
    const t = new Table("idents", md, {
      id: column(BigInteger, Identity({ always: true, start: 100, increment: 10 })).primaryKey(),
      name: column(String(10)),
    });
    expectDdl(new CreateTable(t), {
      pg: [
        table("CREATE TABLE idents", [
          "id BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 10) NOT NULL",
          "name VARCHAR(10) NOT NULL",
          "PRIMARY KEY (id)",
        ]),
      ],
      sqlite: [
        table("CREATE TABLE idents", [
          "id INTEGER NOT NULL",
          "name VARCHAR(10) NOT NULL",
          "PRIMARY KEY (id)",
        ]),
      ],
      mysql: [
        table(
          "CREATE TABLE idents",
          ["id BIGINT NOT NULL AUTO_INCREMENT", "name VARCHAR(10) NOT NULL", "PRIMARY KEY (id)"],
          MYSQL_TAIL,
        ),
      ],
    });
    const byDefault = new Table("idents2", md, { id: column(Integer, Identity()).primaryKey() });
    expectDdl(new CreateTable(byDefault), {
      pg: [
        table("CREATE TABLE idents2", [
          "id INTEGER GENERATED BY DEFAULT AS IDENTITY NOT NULL",
          "PRIMARY KEY (id)",
        ]),
      ],
    });
  });

  it("computed columns: STORED on PostgreSQL; VIRTUAL or STORED as declared elsewhere", () => {
    const t = new Table("totals", new MetaData(), {
      id: column(Integer).primaryKey(),
      price: column(Numeric(10, 2)),
      qty: column(Integer),
      total: column(Numeric(12, 2), Computed("price * qty")),
      stored: column(Numeric(12, 2), Computed("price * qty", { persisted: true })),
    });
    expectDdl(new CreateTable(t), {
      pg: [
        table("CREATE TABLE totals", [
          "id SERIAL NOT NULL",
          "price NUMERIC(10, 2) NOT NULL",
          "qty INTEGER NOT NULL",
          "total NUMERIC(12, 2) GENERATED ALWAYS AS (price * qty) STORED",
          "stored NUMERIC(12, 2) GENERATED ALWAYS AS (price * qty) STORED",
          "PRIMARY KEY (id)",
        ]),
      ],
      sqlite: [
        table("CREATE TABLE totals", [
          "id INTEGER NOT NULL",
          "price NUMERIC(10, 2) NOT NULL",
          "qty INTEGER NOT NULL",
          "total NUMERIC(12, 2) GENERATED ALWAYS AS (price * qty)",
          "stored NUMERIC(12, 2) GENERATED ALWAYS AS (price * qty) STORED",
          "PRIMARY KEY (id)",
        ]),
      ],
      mysql: [
        table(
          "CREATE TABLE totals",
          [
            "id INTEGER NOT NULL AUTO_INCREMENT",
            "price NUMERIC(10, 2) NOT NULL",
            "qty INTEGER NOT NULL",
            "total NUMERIC(12, 2) GENERATED ALWAYS AS (price * qty) VIRTUAL",
            "`stored` NUMERIC(12, 2) GENERATED ALWAYS AS (price * qty) STORED",
            "PRIMARY KEY (id)",
          ],
          MYSQL_TAIL,
        ),
      ],
    });
  });
});

describe("CREATE TABLE: server defaults", () => {
  const md = new MetaData();
  const t = new Table("defaults", md, {
    id: column(Integer).primaryKey(),
    label: column(String(20)).serverDefault("it's"),
    n: column(Integer).serverDefault(0),
    ratio: column(Float).serverDefault(0.5),
    on: column(Boolean).serverDefault(true),
    off: column(Boolean).serverDefault("false"),
    created: column(DateTime({ timezone: true })).serverDefault(func.now()),
    stamp: column(DateTime()).nullable().serverDefault(sqlDefault("CURRENT_TIMESTAMP")),
    fallback: column(Integer).serverDefault(func.coalesce(1, 2)),
  });

  it("strings quoted, numbers and booleans literal, func.now(), raw SQL, expressions", () => {
    expectDdl(new CreateTable(t), {
      pg: [
        table("CREATE TABLE defaults", [
          "id SERIAL NOT NULL",
          "label VARCHAR(20) DEFAULT 'it''s' NOT NULL",
          "n INTEGER DEFAULT 0 NOT NULL",
          "ratio FLOAT DEFAULT 0.5 NOT NULL",
          '"on" BOOLEAN DEFAULT true NOT NULL',
          "off BOOLEAN DEFAULT false NOT NULL",
          "created TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL",
          "stamp TIMESTAMP WITHOUT TIME ZONE DEFAULT CURRENT_TIMESTAMP",
          "fallback INTEGER DEFAULT coalesce(1, 2) NOT NULL",
          "PRIMARY KEY (id)",
        ]),
      ],
      sqlite: [
        table("CREATE TABLE defaults", [
          "id INTEGER NOT NULL",
          "label VARCHAR(20) DEFAULT 'it''s' NOT NULL",
          "n INTEGER DEFAULT 0 NOT NULL",
          "ratio FLOAT DEFAULT 0.5 NOT NULL",
          '"on" BOOLEAN DEFAULT 1 NOT NULL',
          "off BOOLEAN DEFAULT 0 NOT NULL",
          "created DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')) NOT NULL",
          "stamp DATETIME DEFAULT CURRENT_TIMESTAMP",
          "fallback INTEGER DEFAULT (coalesce(1, 2)) NOT NULL",
          "PRIMARY KEY (id)",
        ]),
      ],
      mysql: [
        table(
          "CREATE TABLE defaults",
          [
            "id INTEGER NOT NULL AUTO_INCREMENT",
            "label VARCHAR(20) NOT NULL DEFAULT 'it''s'",
            "n INTEGER NOT NULL DEFAULT 0",
            "ratio DOUBLE NOT NULL DEFAULT 0.5",
            "`on` BOOL NOT NULL DEFAULT 1",
            "off BOOL NOT NULL DEFAULT 0",
            "created DATETIME(6) NOT NULL DEFAULT now(6)",
            "stamp DATETIME(6) DEFAULT CURRENT_TIMESTAMP",
            "fallback INTEGER NOT NULL DEFAULT (coalesce(1, 2))",
            "PRIMARY KEY (id)",
          ],
          MYSQL_TAIL,
        ),
      ],
    });
  });

  it("MySQL ON UPDATE from serverOnUpdate", () => {
    const touched = new Table("touched", new MetaData(), {
      id: column(Integer).primaryKey(),
      updatedAt: column(DateTime()).serverDefault(func.now()).serverOnUpdate(func.now()),
    });
    expectDdl(new CreateTable(touched), {
      mysql: [
        table(
          "CREATE TABLE touched",
          [
            "id INTEGER NOT NULL AUTO_INCREMENT",
            "`updatedAt` DATETIME(6) NOT NULL DEFAULT now(6) ON UPDATE now(6)",
            "PRIMARY KEY (id)",
          ],
          MYSQL_TAIL,
        ),
      ],
    });
  });
});

describe("CREATE TABLE: constraints", () => {
  const md = new MetaData({ columnNaming: "snake_case" });
  const parents = new Table("parents", md, {
    id: column(Integer).primaryKey(),
    code: column(String(10)).unique(),
  });
  const children = new Table(
    "children",
    md,
    {
      id: column(Integer).primaryKey(),
      parentId: column(
        Integer,
        ForeignKey("parents.id", { ondelete: "CASCADE", onupdate: "SET NULL" }),
      ).nullable(),
      code: column(String(10)),
      price: column(Integer),
    },
    UniqueConstraint("parentId", "code", { name: "uq_child_code" }),
    CheckConstraint("price > 0", { name: "ck_positive" }),
    CheckConstraint("price < 1000000"),
  );

  it("UNIQUE from .unique(), unnamed without a naming convention", () => {
    const body = ["id SERIAL NOT NULL", "code VARCHAR(10) NOT NULL", "PRIMARY KEY (id)", "UNIQUE (code)"];
    expectDdl(new CreateTable(parents), {
      pg: [table("CREATE TABLE parents", body)],
      sqlite: [table("CREATE TABLE parents", ["id INTEGER NOT NULL", ...body.slice(1)])],
      mysql: [
        table("CREATE TABLE parents", ["id INTEGER NOT NULL AUTO_INCREMENT", ...body.slice(1)], MYSQL_TAIL),
      ],
    });
  });

  it("foreign keys with ON DELETE / ON UPDATE, named UNIQUE, named and unnamed CHECK", () => {
    const rest = [
      "parent_id INTEGER",
      "code VARCHAR(10) NOT NULL",
      "price INTEGER NOT NULL",
      "PRIMARY KEY (id)",
      "FOREIGN KEY(parent_id) REFERENCES parents (id) ON DELETE CASCADE ON UPDATE SET NULL",
      "CONSTRAINT uq_child_code UNIQUE (parent_id, code)",
      "CONSTRAINT ck_positive CHECK (price > 0)",
      "CHECK (price < 1000000)",
    ];
    expectDdl(new CreateTable(children), {
      pg: [table("CREATE TABLE children", ["id SERIAL NOT NULL", ...rest])],
      sqlite: [table("CREATE TABLE children", ["id INTEGER NOT NULL", ...rest])],
      mysql: [table("CREATE TABLE children", ["id INTEGER NOT NULL AUTO_INCREMENT", ...rest], MYSQL_TAIL)],
    });
  });

  it("composite foreign key with options (deferrable on PostgreSQL)", () => {
    const lines = new Table(
      "lines",
      md,
      { orderId: column(Integer), lineNo: column(Integer) },
      PrimaryKeyConstraint("orderId", "lineNo"),
    );
    const notes = new Table(
      "line_notes",
      md,
      { id: column(Integer).primaryKey(), orderId: column(Integer), lineNo: column(Integer) },
      ForeignKeyConstraint(["orderId", "lineNo"], ["lines.order_id", "lines.line_no"], {
        name: "fk_note_line",
        ondelete: "CASCADE",
      }),
    );
    expectDdl(new CreateTable(notes), {
      pg: [
        table("CREATE TABLE line_notes", [
          "id SERIAL NOT NULL",
          "order_id INTEGER NOT NULL",
          "line_no INTEGER NOT NULL",
          "PRIMARY KEY (id)",
          "CONSTRAINT fk_note_line FOREIGN KEY(order_id, line_no) REFERENCES lines (order_id, line_no) ON DELETE CASCADE",
        ]),
      ],
    });
    const deferred = new Table("deferred", md, {
      id: column(Integer).primaryKey(),
      parentId: column(Integer, ForeignKey("parents.id", { deferrable: true, initially: "DEFERRED" })),
    });
    expectDdl(new CreateTable(deferred), {
      pg: [
        table("CREATE TABLE deferred", [
          "id SERIAL NOT NULL",
          "parent_id INTEGER NOT NULL",
          "PRIMARY KEY (id)",
          "FOREIGN KEY(parent_id) REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED",
        ]),
      ],
    });
    expect(lines.primaryKey.columns.map((c) => c.name)).toEqual(["order_id", "line_no"]);
  });

  it("CREATE TABLE IF NOT EXISTS, without foreign keys; DROP TABLE [IF EXISTS]", () => {
    expectDdl(new CreateTable(children, { ifNotExists: true, includeForeignKeys: false }), {
      sqlite: [
        table("CREATE TABLE IF NOT EXISTS children", [
          "id INTEGER NOT NULL",
          "parent_id INTEGER",
          "code VARCHAR(10) NOT NULL",
          "price INTEGER NOT NULL",
          "PRIMARY KEY (id)",
          "CONSTRAINT uq_child_code UNIQUE (parent_id, code)",
          "CONSTRAINT ck_positive CHECK (price > 0)",
          "CHECK (price < 1000000)",
        ]),
      ],
    });
    const setup = { setup: [children] };
    expectDdl(
      new DropTable(children),
      { pg: "DROP TABLE children", sqlite: "DROP TABLE children", mysql: "DROP TABLE children" },
      setup,
    );
    expectDdl(
      new DropTable(children, { ifExists: true }),
      {
        pg: "DROP TABLE IF EXISTS children",
        sqlite: "DROP TABLE IF EXISTS children",
        mysql: "DROP TABLE IF EXISTS children",
      },
      setup,
    );
  });
});

describe("naming conventions", () => {
  const convention = {
    ix: "ix_%(column_0_label)s",
    uq: "uq_%(table_name)s_%(column_0_N_name)s",
    ck: "ck_%(table_name)s_%(constraint_name)s",
    fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    pk: "pk_%(table_name)s",
  };
  const md = new MetaData({ namingConvention: convention, columnNaming: "snake_case" });
  const accounts = new Table(
    "accounts",
    md,
    { id: column(Integer).primaryKey(), email: column(String(100)).unique(), balance: column(Integer) },
    CheckConstraint("balance >= 0", { name: "non_negative" }),
    UniqueConstraint("email", "balance"),
  );
  const entries = new Table("entries", md, {
    id: column(Integer).primaryKey(),
    accountId: column(Integer, ForeignKey("accounts.id")),
  });

  it("pk / uq / ck / fk names from the tokens", () => {
    const body = [
      "email VARCHAR(100) NOT NULL",
      "balance INTEGER NOT NULL",
      "CONSTRAINT pk_accounts PRIMARY KEY (id)",
      "CONSTRAINT ck_accounts_non_negative CHECK (balance >= 0)",
      "CONSTRAINT uq_accounts_email_balance UNIQUE (email, balance)",
      "CONSTRAINT uq_accounts_email UNIQUE (email)",
    ];
    expectDdl(new CreateTable(accounts), {
      pg: [table("CREATE TABLE accounts", ["id SERIAL NOT NULL", ...body])],
      sqlite: [table("CREATE TABLE accounts", ["id INTEGER NOT NULL", ...body])],
      mysql: [table("CREATE TABLE accounts", ["id INTEGER NOT NULL AUTO_INCREMENT", ...body], MYSQL_TAIL)],
    });
    expectDdl(new CreateTable(entries), {
      pg: [
        table("CREATE TABLE entries", [
          "id SERIAL NOT NULL",
          "account_id INTEGER NOT NULL",
          "CONSTRAINT pk_entries PRIMARY KEY (id)",
          "CONSTRAINT fk_entries_account_id_accounts FOREIGN KEY(account_id) REFERENCES accounts (id)",
        ]),
      ],
    });
  });

  it("ix names from the tokens, for .index() and unnamed Index()", () => {
    const ixmd = new MetaData({
      namingConvention: { ix: "ix_%(table_name)s_%(column_0_N_name)s" },
      columnNaming: "snake_case",
    });
    const events = new Table(
      "events",
      ixmd,
      { id: column(Integer).primaryKey(), kitId: column(Integer).index(), at: column(DateTime()) },
      Index(null, "kitId", "at"),
    );
    expectDdl(new CreateIndex(events.indexes[0]!), {
      pg: "CREATE INDEX ix_events_kit_id_at ON events (kit_id, at)",
      sqlite: "CREATE INDEX ix_events_kit_id_at ON events (kit_id, at)",
      mysql: "CREATE INDEX ix_events_kit_id_at ON events (kit_id, at)",
    });
    expectDdl(new CreateIndex(events.indexes[1]!), {
      pg: "CREATE INDEX ix_events_kit_id ON events (kit_id)",
      sqlite: "CREATE INDEX ix_events_kit_id ON events (kit_id)",
      mysql: "CREATE INDEX ix_events_kit_id ON events (kit_id)",
    });
  });

  it("the CHECK of an enum stored as VARCHAR follows the ck convention (its name is the enum's)", () => {
    const tickets = new Table("tickets", md, {
      id: column(Integer).primaryKey(),
      state: column(Enum(["open", "closed"], { name: "ticket_state", nativeEnum: false })),
      kind: column(Enum(["bug", "task"])),
    });
    const rest = ["state VARCHAR(6) NOT NULL", "CONSTRAINT pk_tickets PRIMARY KEY (id)"];
    expectDdl(new CreateTable(tickets), {
      pg: [
        table("CREATE TABLE tickets", [
          "id SERIAL NOT NULL",
          ...rest.slice(0, 1),
          "kind tickets_kind NOT NULL",
          ...rest.slice(1),
          "CONSTRAINT ck_tickets_ticket_state CHECK (state IN ('open', 'closed'))",
        ]),
      ],
      sqlite: [
        table("CREATE TABLE tickets", [
          "id INTEGER NOT NULL",
          ...rest.slice(0, 1),
          "kind VARCHAR(4) NOT NULL",
          ...rest.slice(1),
          "CONSTRAINT ck_tickets_ticket_state CHECK (state IN ('open', 'closed'))",
          "CONSTRAINT ck_tickets_tickets_kind CHECK (kind IN ('bug', 'task'))",
        ]),
      ],
      mysql: [
        table(
          "CREATE TABLE tickets",
          [
            "id INTEGER NOT NULL AUTO_INCREMENT",
            ...rest.slice(0, 1),
            "kind ENUM('bug', 'task') NOT NULL",
            ...rest.slice(1),
            "CONSTRAINT ck_tickets_ticket_state CHECK (state IN ('open', 'closed'))",
          ],
          MYSQL_TAIL,
        ),
      ],
    });
  });

  it("a check convention needing %(constraint_name)s refuses an unnamed CHECK", () => {
    expect(
      () =>
        new Table(
          "bad",
          new MetaData({ namingConvention: convention }),
          { id: column(Integer).primaryKey() },
          CheckConstraint("id > 0"),
        ),
    ).toThrow(/needs %\(constraint_name\)s/);
  });

  it("long names are truncated per dialect (63 on PostgreSQL, 64 on MySQL) with a hash suffix", () => {
    const long = new Table("a_very_long_table_name_that_goes_on_and_on_beyond_reason", md, {
      id: column(Integer).primaryKey(),
      anotherVeryLongColumnName: column(Integer).unique(),
    });
    const head = "CREATE TABLE a_very_long_table_name_that_goes_on_and_on_beyond_reason";
    expectDdl(new CreateTable(long), {
      pg: [
        table(head, [
          "id SERIAL NOT NULL",
          "another_very_long_column_name INTEGER NOT NULL",
          "CONSTRAINT pk_a_very_long_table_name_that_goes_on_and_on_beyond_reason PRIMARY KEY (id)",
          "CONSTRAINT uq_a_very_long_table_name_that_goes_on_and_on_beyond_re_e891 UNIQUE (another_very_long_column_name)",
        ]),
      ],
      sqlite: [
        table(head, [
          "id INTEGER NOT NULL",
          "another_very_long_column_name INTEGER NOT NULL",
          "CONSTRAINT pk_a_very_long_table_name_that_goes_on_and_on_beyond_reason PRIMARY KEY (id)",
          "CONSTRAINT uq_a_very_long_table_name_that_goes_on_and_on_beyond_reason_another_very_long_column_name UNIQUE (another_very_long_column_name)",
        ]),
      ],
      mysql: [
        table(
          head,
          [
            "id INTEGER NOT NULL AUTO_INCREMENT",
            "another_very_long_column_name INTEGER NOT NULL",
            "CONSTRAINT pk_a_very_long_table_name_that_goes_on_and_on_beyond_reason PRIMARY KEY (id)",
            "CONSTRAINT uq_a_very_long_table_name_that_goes_on_and_on_beyond_rea_e891 UNIQUE (another_very_long_column_name)",
          ],
          MYSQL_TAIL,
        ),
      ],
    });
  });
});

describe("comments", () => {
  const md = new MetaData();
  const t = new Table(
    "notes",
    md,
    { id: column(Integer).primaryKey(), body: column(Text).comment("the note's text") },
    { comment: "user notes" },
  );

  it("PostgreSQL: COMMENT ON statements; MySQL: inline; SQLite: none", () => {
    expectDdl(new CreateTable(t), {
      pg: [
        table("CREATE TABLE notes", ["id SERIAL NOT NULL", "body TEXT NOT NULL", "PRIMARY KEY (id)"]),
        "COMMENT ON TABLE notes IS 'user notes'",
        "COMMENT ON COLUMN notes.body IS 'the note''s text'",
      ],
      sqlite: [
        table("CREATE TABLE notes", ["id INTEGER NOT NULL", "body TEXT NOT NULL", "PRIMARY KEY (id)"]),
      ],
      mysql: [
        table(
          "CREATE TABLE notes",
          [
            "id INTEGER NOT NULL AUTO_INCREMENT",
            "body TEXT NOT NULL COMMENT 'the note''s text'",
            "PRIMARY KEY (id)",
          ],
          `${MYSQL_TAIL} COMMENT='user notes'`,
        ),
      ],
    });
  });

  it("MySQL table options: engine, charset, collation", () => {
    const opts = new Table(
      "opts",
      md,
      { id: column(Integer).primaryKey() },
      { dialectOptions: { mysqlEngine: "MyISAM", mysqlCharset: "latin1", mysqlCollate: "latin1_bin" } },
    );
    expectDdl(new CreateTable(opts), {
      mysql: [
        table(
          "CREATE TABLE opts",
          ["id INTEGER NOT NULL AUTO_INCREMENT", "PRIMARY KEY (id)"],
          " ENGINE=MyISAM DEFAULT CHARSET=latin1 COLLATE=latin1_bin",
        ),
      ],
    });
  });
});
