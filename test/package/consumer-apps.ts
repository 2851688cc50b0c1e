/**
 * The code a new user writes in each kind of project, as the README shows it: models with a
 * relationship, a Core query, an ORM flush and a read back on SQLite, and the CLI's config.
 */

/** A kind of project the consumer test installs the package into. */
export interface ProjectKind {
  readonly name: string;
  readonly esm: boolean;
  readonly typescript: boolean;
  /** Files of the app, by path. */
  readonly files: Readonly<Record<string, string>>;
  /** The command that runs the app (after `tsc` in TypeScript projects). */
  readonly main: string;
  /** The config file the CLI loads, replacing the one `athanor init` wrote. */
  readonly config: { readonly path: string; readonly text: string };
}

const MODEL_BODY = `const Base = declarativeBase();

class Kit extends Base.table("kits", {
  id: column(Integer).primaryKey(),
  code: column(VARCHAR(50)).unique(),
  serialNumber: column(VARCHAR(100)).nullable(),
  active: column(BOOLEAN).default(true),
}) {
  static events = relationship(() => KitEvent, { backPopulates: "kit", cascade: "all, delete-orphan" });
  declare events: KitEvent[];
}

class KitEvent extends Base.table("kit_events", {
  id: column(Integer).primaryKey(),
  kitId: column(Integer, ForeignKey("kits.id")),
  notes: column(Text).nullable(),
}) {
  static kit = relationship(() => Kit, { backPopulates: "events" });
  declare kit: Kit;
}
`;

const JS_MODEL_BODY = MODEL_BODY.replace(/^ {2}declare .*\n/gm, "");

const APP_BODY = `  const engine = createEngine("sqlite://");
  await engine.begin((conn) => Base.metadata.createAll(conn));
  const conn = await engine.connect();
  const two = (await conn.execute(select(literal(1).add(1).label("two")))).scalarOne();
  await conn.close();
  const SessionLocal = sessionmaker({ bind: engine });
  await SessionLocal.begin(async (db) => {
    const kit = new Kit({ code: "KIT-" + String(7).padStart(3, "0") });
    kit.events.push(new KitEvent({ notes: "checked out" }));
    db.add(kit);
  });
  const db = SessionLocal();
  const kits = (await db.scalars(select(Kit).options(selectinload(Kit.events)).where(Kit.code.like("KIT-%")))).all();
  const first = kits[0];
  console.log(JSON.stringify({ two, codes: kits.map((k) => k.code), events: first ? first.events.map((e) => e.notes) : [] }));
  await db.close();
  await engine.dispose();
`;

const NAMES = "column, declarativeBase, ForeignKey, Integer, relationship, Text, BOOLEAN, VARCHAR";
const APP_NAMES = "createEngine, literal, select, selectinload, sessionmaker";

/** What every app prints. */
export const EXPECTED_OUTPUT = { two: 2, codes: ["KIT-007"], events: ["checked out"] };

export const PROJECT_KINDS: readonly ProjectKind[] = [
  {
    name: "commonjs-js",
    esm: false,
    typescript: false,
    files: {
      "models.js": `const { ${NAMES} } = require("athanor");\n\n${JS_MODEL_BODY}\nmodule.exports = { Base, Kit, KitEvent };\n`,
      "app.js": `const { ${APP_NAMES} } = require("athanor");\nconst { Base, Kit, KitEvent } = require("./models");\n\nasync function main() {\n${APP_BODY}}\n\nmain();\n`,
    },
    main: "app.js",
    config: {
      path: "athanor.config.js",
      text: `const { defineConfig } = require("athanor/migrate");\nconst { Base } = require("./models");\n\nmodule.exports = defineConfig({ url: "sqlite:///app.db", metadata: Base.metadata, migrations: "migrations" });\n`,
    },
  },
  {
    name: "esm-js",
    esm: true,
    typescript: false,
    files: {
      "models.js": `import { ${NAMES} } from "athanor";\n\n${JS_MODEL_BODY}\nexport { Base, Kit, KitEvent };\n`,
      "app.js": `import { ${APP_NAMES} } from "athanor";\nimport { Base, Kit, KitEvent } from "./models.js";\n\n${APP_BODY.replace(/^ {2}/gm, "")}`,
    },
    main: "app.js",
    config: {
      path: "athanor.config.mjs",
      text: `import { defineConfig } from "athanor/migrate";\nimport { Base } from "./models.js";\n\nexport default defineConfig({ url: "sqlite:///app.db", metadata: Base.metadata, migrations: "migrations" });\n`,
    },
  },
  {
    // A CommonJS TypeScript project under tsc --init defaults (verbatimModuleSyntax): the user
    // writes `import x = require()` and `export =`; config and revisions are .mts (ES modules).
    name: "commonjs-ts",
    esm: false,
    typescript: true,
    files: {
      "models.ts": `import athanor = require("athanor");\nconst { ${NAMES} } = athanor;\n\n${MODEL_BODY}\nexport = { Base, Kit, KitEvent };\n`,
      "app.ts": `import athanor = require("athanor");\nimport models = require("./models");\nconst { ${APP_NAMES} } = athanor;\nconst { Base, Kit, KitEvent } = models;\n\nasync function main(): Promise<void> {\n${APP_BODY}}\n\nvoid main();\n`,
    },
    main: "build/app.js",
    config: {
      path: "athanor.config.mts",
      text: `import { defineConfig } from "athanor/migrate";\nimport models from "./models.js";\n\nexport default defineConfig({ url: "sqlite:///app.db", metadata: models.Base.metadata, migrations: "migrations" });\n`,
    },
  },
  {
    name: "esm-ts",
    esm: true,
    typescript: true,
    files: {
      "models.ts": `import { ${NAMES} } from "athanor";\n\n${MODEL_BODY}\nexport { Base, Kit, KitEvent };\n`,
      "app.ts": `import { ${APP_NAMES} } from "athanor";\nimport { Base, Kit, KitEvent } from "./models.js";\n\n${APP_BODY.replace(/^ {2}/gm, "")}`,
    },
    main: "build/app.js",
    config: {
      path: "athanor.config.ts",
      text: `import { defineConfig } from "athanor/migrate";\nimport { Base } from "./models.js";\n\nexport default defineConfig({ url: "sqlite:///app.db", metadata: Base.metadata, migrations: "migrations" });\n`,
    },
  },
];
