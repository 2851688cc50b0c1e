/** `init [dir]`: writes `athanor.config.ts` (`.mts` in a CommonJS project) and the migrations folder, from a project template. */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { findConfigFile } from "../config/load-config.js";
import { CommandError } from "../errors.js";
import { typeScriptExtension } from "../script/module-kind.js";
import { DEFAULT_REVISION_TEMPLATE, TEMPLATE_FILE } from "../script/revision-file.js";

/** A project template: what its config file says. */
interface ProjectTemplate {
  readonly description: string;
  config(migrations: string): string;
}

const TEMPLATES: Record<string, ProjectTemplate> = {
  generic: {
    description: "URL from DATABASE_URL; add your models' metadata for autogenerate",
    config: (migrations) => `import { defineConfig } from "athanor/migrate";

export default defineConfig({
  // The database, e.g. "postgresql://user:password@localhost:5432/app"; when unset, the
  // DATABASE_URL environment variable (and --url overrides both).
  // url: "sqlite:///app.db",
  // Revision files live in ${migrations}/versions.
  migrations: ${JSON.stringify(migrations)},
  // For \`athanor revision --autogenerate\` and \`athanor check\`: your models' MetaData.
  // metadata: Base.metadata,
});
`,
  },
  orm: {
    description: "declarative models: metadata from Base (edit the import to your models module)",
    config: (migrations) => `import { defineConfig } from "athanor/migrate";
// The module that declares your declarative Base (and imports every model).
import { Base } from "./src/models.js";

export default defineConfig({
  // url: the DATABASE_URL environment variable unless set here (--url overrides both).
  metadata: Base.metadata,
  migrations: ${JSON.stringify(migrations)},
});
`,
  },
  sqlite: {
    description: "a local SQLite file (app.db) unless DATABASE_URL is set",
    config: (migrations) => `import { defineConfig } from "athanor/migrate";

export default defineConfig({
  // DATABASE_URL counts only where url is unset; --url overrides both.
  url: "sqlite:///app.db",
  migrations: ${JSON.stringify(migrations)},
  // metadata: Base.metadata,
});
`,
  },
};

/** The project templates `init --template` takes, with descriptions. */
export function listTemplates(): { readonly name: string; readonly description: string }[] {
  return Object.entries(TEMPLATES).map(([name, t]) => ({ name, description: t.description }));
}

/** Options of `init`. */
export interface InitOptions {
  /** The migrations folder to create (default "migrations"), relative to `cwd`. */
  readonly directory?: string;
  /** "generic" (default), "orm" or "sqlite". */
  readonly template?: string;
  /** Where the config file goes (default: the working directory). */
  readonly cwd?: string;
}

/** What `init` created. */
export interface InitResult {
  readonly configFile: string;
  readonly migrationsDir: string;
  readonly template: string;
  /** Every file and folder written. */
  readonly created: readonly string[];
}

/** `init migrations`: athanor.config.ts plus migrations/versions and the revision template. */
export async function init(options: InitOptions = {}): Promise<InitResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const name = options.template ?? "generic";
  const template = TEMPLATES[name];
  if (!template) {
    throw new CommandError(
      `Unknown template '${name}'; choose one of: ${Object.keys(TEMPLATES).join(", ")} (\`athanor list-templates\` describes them).`,
    );
  }
  const dir = options.directory ?? "migrations";
  const migrationsDir = isAbsolute(dir) ? dir : resolve(cwd, dir);
  const existing = findConfigFile(cwd);
  if (existing) {
    throw new CommandError(`${existing} already exists; edit it, or run init in another directory.`);
  }
  const configFile = join(cwd, `athanor.config${typeScriptExtension(cwd)}`);
  if (existsSync(migrationsDir) && readdirSync(migrationsDir).length > 0) {
    throw new CommandError(
      `${migrationsDir} exists and is not empty; choose another directory: \`athanor init <dir>\`.`,
    );
  }
  const created: string[] = [];
  const versions = join(migrationsDir, "versions");
  mkdirSync(versions, { recursive: true });
  created.push(migrationsDir, versions);
  const templateFile = join(migrationsDir, TEMPLATE_FILE);
  writeFileSync(templateFile, DEFAULT_REVISION_TEMPLATE);
  created.push(templateFile);
  const readme = join(migrationsDir, "README.md");
  writeFileSync(
    readme,
    `# Migrations

Revision files live in \`versions/\`; \`${TEMPLATE_FILE}\` is the template new revisions are made from.

    npx athanor revision -m "create kits"     # a new, empty revision
    npx athanor upgrade head                  # apply every pending revision
    npx athanor history --indicate-current    # where the database is
`,
  );
  created.push(readme);
  const relativeDir = relative(cwd, migrationsDir).replace(/\\/g, "/") || ".";
  writeFileSync(configFile, template.config(relativeDir), { flag: "wx" });
  created.push(configFile);
  return { configFile, migrationsDir, template: name, created };
}
