import { describe, it } from "vitest";
import {
  Boolean,
  CheckConstraint,
  CompileError,
  column,
  Enum,
  EnumType,
  ForeignKey,
  func,
  Index,
  Integer,
  MetaData,
  String,
  Table,
  Text,
  text,
  UniqueConstraint,
} from "../../../src/index.js";
import {
  AddColumn,
  AddConstraint,
  AddEnumValue,
  AlterColumn,
  CreateEnumType,
  CreateIndex,
  DropColumn,
  DropConstraint,
  DropEnumType,
  DropIndex,
  RenameTable,
  SetColumnComment,
  SetTableComment,
} from "../../../src/schema/ddl.js";
import { expectDdl, raises } from "./helpers.js";

const md = new MetaData({ columnNaming: "snake_case" });
const docs = new Table(
  "docs",
  md,
  {
    id: column(Integer).primaryKey(),
    title: column(String(200)),
    body: column(Text),
    deleted: column(Boolean),
    tag: column(String(50)).nullable().index(),
  },
  Index("ix_docs_title", "title", { unique: true }),
  Index("ix_docs_live_title", "title", { where: text("deleted = false") }),
  Index("ix_docs_id_brin", "id", { using: "brin" }),
  Index("ix_docs_body_prefix", "body", "title", { mysqlLength: { body: 100 } }),
);
const d = docs.c;

function indexNamed(name: string) {
  const ix = docs.indexes.find((i) => i.name === name);
  if (!ix) throw new Error(`no index ${name}`);
  return ix;
}

describe("CREATE INDEX", () => {
  it("plain and unique; from .index() with the default naming convention", () => {
    expectDdl(new CreateIndex(indexNamed("ix_docs_title")), {
      pg: "CREATE UNIQUE INDEX ix_docs_title ON docs (title)",
      sqlite: "CREATE UNIQUE INDEX ix_docs_title ON docs (title)",
      mysql: "CREATE UNIQUE INDEX ix_docs_title ON docs (title)",
    });
    expectDdl(new CreateIndex(indexNamed("ix_docs_tag"), { ifNotExists: true }), {
      pg: "CREATE INDEX IF NOT EXISTS ix_docs_tag ON docs (tag)",
      sqlite: "CREATE INDEX IF NOT EXISTS ix_docs_tag ON docs (tag)",
      mysql: "CREATE INDEX IF NOT EXISTS ix_docs_tag ON docs (tag)",
    });
  });

  it("partial indexes (PostgreSQL, SQLite), from SQL text or an expression with unqualified columns", () => {
    expectDdl(new CreateIndex(indexNamed("ix_docs_live_title")), {
      pg: "CREATE INDEX ix_docs_live_title ON docs (title) WHERE deleted = false",
      sqlite: "CREATE INDEX ix_docs_live_title ON docs (title) WHERE deleted = false",
      mysql: raises(CompileError, /Partial indexes .* are not supported by mysql/),
    });
    const ix = Index("ix_docs_live_tag", d.tag, { where: d.deleted.is(false) });
    docs.appendConstraint(ix);
    expectDdl(new CreateIndex(ix), {
      pg: "CREATE INDEX ix_docs_live_tag ON docs (tag) WHERE deleted IS false",
      sqlite: "CREATE INDEX ix_docs_live_tag ON docs (tag) WHERE deleted IS 0",
      mysql: raises(CompileError),
    });
  });

  it("expression indexes (MySQL before 8.0.13 and MariaDB have none)", () => {
    const ix = Index("ix_docs_lower_title", func.lower(d.title), d.id);
    docs.appendConstraint(ix);
    expectDdl(new CreateIndex(ix), {
      pg: "CREATE INDEX ix_docs_lower_title ON docs ((lower(title)), id)",
      sqlite: "CREATE INDEX ix_docs_lower_title ON docs ((lower(title)), id)",
      mysql: raises(CompileError, /Expression indexes are not supported by mysql/),
    });
  });

  it("an index method: USING on PostgreSQL; BTREE / HASH only on MySQL; none on SQLite", () => {
    expectDdl(new CreateIndex(indexNamed("ix_docs_id_brin")), {
      pg: "CREATE INDEX ix_docs_id_brin ON docs USING brin (id)",
      sqlite: "CREATE INDEX ix_docs_id_brin ON docs (id)",
      mysql: "CREATE INDEX ix_docs_id_brin ON docs (id)",
    });
    const hash = Index("ix_docs_title_hash", "title", { using: "hash" });
    docs.appendConstraint(hash);
    expectDdl(new CreateIndex(hash), {
      pg: "CREATE INDEX ix_docs_title_hash ON docs USING hash (title)",
      sqlite: "CREATE INDEX ix_docs_title_hash ON docs (title)",
      mysql: "CREATE INDEX ix_docs_title_hash ON docs (title) USING HASH",
    });
  });

  it("MySQL prefix lengths (TEXT columns need one)", () => {
    expectDdl(new CreateIndex(indexNamed("ix_docs_body_prefix")), {
      pg: "CREATE INDEX ix_docs_body_prefix ON docs (body, title)",
      sqlite: "CREATE INDEX ix_docs_body_prefix ON docs (body, title)",
      mysql: "CREATE INDEX ix_docs_body_prefix ON docs (body(100), title)",
    });
  });

  it("an index with no name and no convention to name it", () => {
    const unnamed = new Table("unnamed_ix", new MetaData({ namingConvention: { ix: "" } }), {
      id: column(Integer).primaryKey(),
      a: column(Integer).index(),
    });
    expectDdl(new CreateIndex(unnamed.indexes[0]!), { pg: raises(CompileError, /has no name.*name it/) });
  });
});

describe("DROP INDEX", () => {
  it("MySQL names the table", () => {
    expectDdl(
      new DropIndex("ix_docs_title", "docs"),
      {
        pg: "DROP INDEX ix_docs_title",
        sqlite: "DROP INDEX ix_docs_title",
        mysql: "DROP INDEX ix_docs_title ON docs",
      },
      { setup: [docs] },
    );
    expectDdl(new DropIndex("ix_docs_title", "docs", { ifExists: true, schema: "public" }), {
      pg: "DROP INDEX IF EXISTS public.ix_docs_title",
    });
  });
});

describe("ADD / DROP CONSTRAINT", () => {
  const cmd = new MetaData({
    namingConvention: {
      uq: "uq_%(table_name)s_%(column_0_name)s",
      fk: "fk_%(table_name)s_%(referred_table_name)s",
    },
  });
  const accounts = new Table("accounts", cmd, {
    id: column(Integer).primaryKey(),
    email: column(String(100)),
  });
  const entries = new Table("entries", cmd, {
    id: column(Integer).primaryKey(),
    account: column(Integer),
    amount: column(Integer),
  });

  it("ADD CONSTRAINT (SQLite cannot: the table is recreated in batch mode)", () => {
    const uq = UniqueConstraint("email");
    accounts.appendConstraint(uq);
    expectDdl(new AddConstraint(uq), {
      pg: "ALTER TABLE accounts ADD CONSTRAINT uq_accounts_email UNIQUE (email)",
      sqlite: raises(CompileError, /cannot add constraints with ALTER TABLE; use batchAlterTable/),
      mysql: "ALTER TABLE accounts ADD CONSTRAINT uq_accounts_email UNIQUE (email)",
    });
    const ck = CheckConstraint(entries.c.amount.ne(0), { name: "ck_nonzero" });
    entries.appendConstraint(ck);
    expectDdl(new AddConstraint(ck), {
      pg: "ALTER TABLE entries ADD CONSTRAINT ck_nonzero CHECK (entries.amount != 0)",
      mysql: "ALTER TABLE entries ADD CONSTRAINT ck_nonzero CHECK (entries.amount != 0)",
    });
  });

  it("ADD CONSTRAINT ... FOREIGN KEY", () => {
    const withFk = new Table("transfers", cmd, {
      id: column(Integer).primaryKey(),
      accountId: column(Integer, ForeignKey("accounts.id", { ondelete: "RESTRICT" })),
    });
    const fk = withFk.foreignKeyConstraints[0]!;
    expectDdl(new AddConstraint(fk), {
      pg: 'ALTER TABLE transfers ADD CONSTRAINT fk_transfers_accounts FOREIGN KEY("accountId") REFERENCES accounts (id) ON DELETE RESTRICT',
      mysql:
        "ALTER TABLE transfers ADD CONSTRAINT fk_transfers_accounts FOREIGN KEY(`accountId`) REFERENCES accounts (id) ON DELETE RESTRICT",
    });
  });

  it("DROP CONSTRAINT: MySQL drops foreign keys, unique indexes and primary keys its own way", () => {
    // A table with the constraints dropped below (for checking the statements on a server).
    const entries = new Table(
      "entries",
      new MetaData(),
      {
        id: column(Integer).primaryKey({ autoincrement: false }),
        accountId: column(Integer, ForeignKey("accounts.id", { name: "fk_x" })),
        amount: column(Integer),
      },
      UniqueConstraint("amount", { name: "uq_x" }),
      CheckConstraint("amount > 0", { name: "ck_x" }),
    );
    new Table("accounts", entries.metadata, { id: column(Integer).primaryKey() });
    const setup = { setup: [entries] };
    expectDdl(
      new DropConstraint("fk_x", "entries", "foreign_key"),
      {
        pg: "ALTER TABLE entries DROP CONSTRAINT fk_x",
        sqlite: raises(CompileError, /cannot drop constraints with ALTER TABLE; use batchAlterTable/),
        mysql: "ALTER TABLE entries DROP FOREIGN KEY fk_x",
      },
      setup,
    );
    expectDdl(
      new DropConstraint("uq_x", "entries", "unique", { ifExists: true }),
      {
        pg: "ALTER TABLE entries DROP CONSTRAINT IF EXISTS uq_x",
        mysql: "ALTER TABLE entries DROP INDEX IF EXISTS uq_x",
      },
      setup,
    );
    expectDdl(
      new DropConstraint("ck_x", "entries", "check", { cascade: true }),
      {
        pg: "ALTER TABLE entries DROP CONSTRAINT ck_x CASCADE",
        mysql: "ALTER TABLE entries DROP CONSTRAINT ck_x",
      },
      setup,
    );
    expectDdl(
      new DropConstraint("entries_pkey", "entries", "primary_key"),
      {
        pg: "ALTER TABLE entries DROP CONSTRAINT entries_pkey",
        mysql: "ALTER TABLE entries DROP PRIMARY KEY",
      },
      setup,
    );
  });
});

describe("enum types", () => {
  const mood = new EnumType(["happy", "sad"], { name: "mood" });

  it("PostgreSQL CREATE TYPE / DROP TYPE; nothing elsewhere (MySQL ENUM and SQLite CHECK are in the table)", () => {
    expectDdl(new CreateEnumType(mood), {
      pg: "CREATE TYPE mood AS ENUM ('happy', 'sad')",
      sqlite: [],
      mysql: [],
    });
    expectDdl(new DropEnumType("mood", { ifExists: true }), {
      pg: "DROP TYPE IF EXISTS mood",
      sqlite: [],
      mysql: [],
    });
    expectDdl(new CreateEnumType(new EnumType(["it's", "x"], { name: "Quoted", schema: "app" })), {
      pg: `CREATE TYPE app."Quoted" AS ENUM ('it''s', 'x')`,
    });
  });

  it("CREATE TYPE if not exists: a DO block (CREATE TYPE has no IF NOT EXISTS)", () => {
    expectDdl(new CreateEnumType(mood, { ifNotExists: true }), {
      pg: "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN CREATE TYPE mood AS ENUM ('happy', 'sad'); END IF; END $$",
    });
  });

  it("ALTER TYPE ... ADD VALUE [IF NOT EXISTS] [BEFORE | AFTER]", () => {
    expectDdl(new AddEnumValue("mood", "meh", { after: "happy" }), {
      pg: "ALTER TYPE mood ADD VALUE 'meh' AFTER 'happy'",
      sqlite: [],
      mysql: [],
    });
    expectDdl(new AddEnumValue("mood", "it's", { ifNotExists: true, before: "sad", schema: "app" }), {
      pg: "ALTER TYPE app.mood ADD VALUE IF NOT EXISTS 'it''s' BEFORE 'sad'",
    });
  });
});

describe("ADD / DROP / ALTER COLUMN, RENAME TABLE", () => {
  const amd = new MetaData({ columnNaming: "snake_case" });
  const people = new Table("people", amd, {
    id: column(Integer).primaryKey(),
    nick: column(String(30)).nullable().serverDefault("anon").comment("nick name"),
    state: column(Enum(["on", "off"])).nullable(),
    kind: column(Enum(["a", "b"], { nativeEnum: false })).nullable(),
    bossId: column(
      Integer,
      ForeignKey("people.id", { ondelete: "SET NULL", onupdate: "CASCADE" }),
    ).nullable(),
  });
  const p = people.c;
  const setup = { setup: [people] };
  const before = new Table("people", new MetaData({ columnNaming: "snake_case" }), {
    id: column(Integer).primaryKey(),
    nick: column(String(30)).nullable(),
  });
  const setupBefore = { setup: [before] };

  it("ADD COLUMN with a default and a comment (PostgreSQL: COMMENT ON; MySQL: inline)", () => {
    expectDdl(
      new AddColumn("people", p.nick),
      {
        pg: [
          "ALTER TABLE people ADD COLUMN nick VARCHAR(30) DEFAULT 'anon'",
          "COMMENT ON COLUMN people.nick IS 'nick name'",
        ],
        sqlite: "ALTER TABLE people ADD COLUMN nick VARCHAR(30) DEFAULT 'anon'",
        mysql: "ALTER TABLE people ADD COLUMN nick VARCHAR(30) DEFAULT 'anon' COMMENT 'nick name'",
      },
      { setup: [new Table("people", new MetaData(), { id: column(Integer).primaryKey() })] },
    );
  });

  it("ADD COLUMN of an enum: the native type, or VARCHAR with its CHECK", () => {
    expectDdl(
      new AddColumn("people", p.state),
      {
        pg: "ALTER TABLE people ADD COLUMN state people_state",
        sqlite:
          "ALTER TABLE people ADD COLUMN state VARCHAR(3) CONSTRAINT people_state CHECK (state IN ('on', 'off'))",
        mysql: "ALTER TABLE people ADD COLUMN state ENUM('on', 'off')",
      },
      setupBefore,
    );
    expectDdl(
      new AddColumn("people", p.kind),
      {
        pg: "ALTER TABLE people ADD COLUMN kind VARCHAR(1) CONSTRAINT people_kind CHECK (kind IN ('a', 'b'))",
        sqlite:
          "ALTER TABLE people ADD COLUMN kind VARCHAR(1) CONSTRAINT people_kind CHECK (kind IN ('a', 'b'))",
        mysql: [
          "ALTER TABLE people ADD COLUMN kind VARCHAR(1)",
          "ALTER TABLE people ADD CONSTRAINT people_kind CHECK (kind IN ('a', 'b'))",
        ],
      },
      setupBefore,
    );
  });

  it("ADD COLUMN with a foreign key: inline REFERENCES; a separate ADD FOREIGN KEY on MySQL (which ignores inline ones)", () => {
    expectDdl(
      new AddColumn("people", p.bossId),
      {
        pg: "ALTER TABLE people ADD COLUMN boss_id INTEGER REFERENCES people (id) ON DELETE SET NULL ON UPDATE CASCADE",
        sqlite:
          "ALTER TABLE people ADD COLUMN boss_id INTEGER REFERENCES people (id) ON DELETE SET NULL ON UPDATE CASCADE",
        mysql: [
          "ALTER TABLE people ADD COLUMN boss_id INTEGER",
          "ALTER TABLE people ADD FOREIGN KEY(boss_id) REFERENCES people (id) ON DELETE SET NULL ON UPDATE CASCADE",
        ],
      },
      setupBefore,
    );
  });

  it("DROP COLUMN", () => {
    expectDdl(
      new DropColumn("people", "nick"),
      {
        pg: "ALTER TABLE people DROP COLUMN nick",
        sqlite: "ALTER TABLE people DROP COLUMN nick",
        mysql: "ALTER TABLE people DROP COLUMN nick",
      },
      setupBefore,
    );
  });

  it("ALTER COLUMN type: MODIFY on MySQL (nullability from existingNullable); SQLite needs batch mode", () => {
    expectDdl(
      new AlterColumn("people", "nick", { type: String(60), existingNullable: true }),
      {
        pg: "ALTER TABLE people ALTER COLUMN nick TYPE VARCHAR(60)",
        sqlite: raises(CompileError, /SQLite cannot ALTER COLUMN people\.nick \(type\); use batchAlterTable/),
        mysql: "ALTER TABLE people MODIFY nick VARCHAR(60) NULL",
      },
      setupBefore,
    );
    expectDdl(
      new AlterColumn("people", "nick", { type: Integer(), using: "length(nick)" }),
      {
        pg: "ALTER TABLE people ALTER COLUMN nick TYPE INTEGER USING length(nick)",
      },
      setupBefore,
    );
  });

  it("ALTER COLUMN nullability: MySQL needs the existing type (MODIFY rewrites the whole column)", () => {
    expectDdl(
      new AlterColumn("people", "nick", { nullable: false }),
      {
        pg: "ALTER TABLE people ALTER COLUMN nick SET NOT NULL",
        sqlite: raises(CompileError, /\(nullable\)/),
        mysql: raises(
          CompileError,
          /MySQL rewrites the whole column definition to change people\.nick: pass existingType/,
        ),
      },
      setupBefore,
    );
    expectDdl(
      new AlterColumn("people", "nick", {
        nullable: false,
        existingType: String(30),
        existingServerDefault: "anon",
      }),
      {
        mysql: "ALTER TABLE people MODIFY nick VARCHAR(30) NOT NULL DEFAULT 'anon'",
      },
      setupBefore,
    );
    expectDdl(
      new AlterColumn("people", "nick", { nullable: true }),
      { pg: "ALTER TABLE people ALTER COLUMN nick DROP NOT NULL" },
      setupBefore,
    );
  });

  it("ALTER COLUMN server default: SET / DROP DEFAULT", () => {
    expectDdl(
      new AlterColumn("people", "nick", { serverDefault: "x'y" }),
      {
        pg: "ALTER TABLE people ALTER COLUMN nick SET DEFAULT 'x''y'",
        sqlite: raises(CompileError, /\(serverDefault\)/),
        mysql: "ALTER TABLE people ALTER COLUMN nick SET DEFAULT 'x''y'",
      },
      setupBefore,
    );
    expectDdl(
      new AlterColumn("people", "nick", { serverDefault: null }),
      {
        pg: "ALTER TABLE people ALTER COLUMN nick DROP DEFAULT",
        mysql: "ALTER TABLE people ALTER COLUMN nick DROP DEFAULT",
      },
      setupBefore,
    );
  });

  it("ALTER COLUMN rename: RENAME COLUMN; MySQL CHANGE when the definition changes too", () => {
    expectDdl(
      new AlterColumn("people", "nick", { newName: "nickname" }),
      {
        pg: "ALTER TABLE people RENAME COLUMN nick TO nickname",
        sqlite: "ALTER TABLE people RENAME COLUMN nick TO nickname",
        mysql: "ALTER TABLE people RENAME COLUMN nick TO nickname",
      },
      setupBefore,
    );
    expectDdl(
      new AlterColumn("people", "nick", { newName: "handle", type: String(40), existingNullable: false }),
      {
        pg: [
          "ALTER TABLE people ALTER COLUMN nick TYPE VARCHAR(40)",
          "ALTER TABLE people RENAME COLUMN nick TO handle",
        ],
        mysql: "ALTER TABLE people CHANGE COLUMN nick handle VARCHAR(40) NOT NULL",
      },
      setupBefore,
    );
  });

  it("ALTER COLUMN comment: COMMENT ON (PostgreSQL), MODIFY (MySQL), nothing (SQLite)", () => {
    expectDdl(
      new AlterColumn("people", "nick", { comment: "who", existingType: String(30), existingNullable: true }),
      {
        pg: "COMMENT ON COLUMN people.nick IS 'who'",
        sqlite: [],
        mysql: "ALTER TABLE people MODIFY nick VARCHAR(30) NULL COMMENT 'who'",
      },
      setupBefore,
    );
    expectDdl(
      new SetColumnComment("people", p.nick, null),
      {
        pg: "COMMENT ON COLUMN people.nick IS NULL",
        sqlite: [],
      },
      setupBefore,
    );
    expectDdl(
      new SetColumnComment("people", p.nick, "new"),
      {
        mysql: "ALTER TABLE people MODIFY nick VARCHAR(30) DEFAULT 'anon' COMMENT 'new'",
      },
      setupBefore,
    );
    expectDdl(
      new SetTableComment("people", "it's"),
      {
        pg: "COMMENT ON TABLE people IS 'it''s'",
        sqlite: [],
        mysql: "ALTER TABLE people COMMENT 'it''s'",
      },
      setupBefore,
    );
  });

  it("RENAME TABLE", () => {
    expectDdl(
      new RenameTable("people", "persons"),
      {
        pg: "ALTER TABLE people RENAME TO persons",
        sqlite: "ALTER TABLE people RENAME TO persons",
        mysql: "ALTER TABLE people RENAME TO persons",
      },
      setup,
    );
    expectDdl(new RenameTable("people", "persons", { schema: "hr" }), {
      pg: "ALTER TABLE hr.people RENAME TO persons",
    });
  });
});
