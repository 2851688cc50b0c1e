// Builds the site: VitePress over docs/ into out/, then the TypeDoc reference into out/api.
// The pages live in docs/, outside this package, and each compiled page imports vue: a link
// docs/node_modules -> docs/site/node_modules (git-ignored) lets them resolve it during the
// build, and is removed afterwards.
import { cpSync, existsSync, lstatSync, rmSync, symlinkSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "vitepress";

const site = fileURLToPath(new URL("..", import.meta.url));
const link = fileURLToPath(new URL("../../node_modules", import.meta.url));

const made = !existsSync(link);
if (made) symlinkSync("site/node_modules", link, "dir");
try {
  await build(site);
} finally {
  if (made && lstatSync(link).isSymbolicLink()) rmSync(link);
}
if (!existsSync(`${site}/.api/index.html`)) {
  console.error("No API reference in docs/site/.api: run `npm run api` first.");
  process.exit(1);
}
cpSync(`${site}/.api`, `${site}/out/api`, { recursive: true });
console.log("Site in docs/site/out, API reference in docs/site/out/api");
