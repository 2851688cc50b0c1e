// VitePress over docs/ (the guides, the Rosetta, the architecture page); the TypeDoc API reference
// is copied to out/api after the build (scripts/copy-api.mjs) and linked from the nav.
import { posix } from "node:path";
import { defineConfig } from "vitepress";

type Token = {
  type: string;
  attrGet(name: string): string | null;
  content: string;
  children: Token[] | null;
};
type MarkdownIt = {
  core: {
    ruler: {
      push(name: string, rule: (state: { env: { relativePath?: string }; tokens: Token[] }) => void): void;
    };
  };
};

/**
 * Links from docs/ to files elsewhere in the repository (../src/migrate/README.md) have no page on
 * the site: render them as the path in the repository instead of a dead link.
 */
function repositoryLinks(md: MarkdownIt): void {
  md.core.ruler.push("repository-links", (state) => {
    const page = state.env.relativePath ?? "index.md";
    for (const block of state.tokens) {
      for (const token of block.children ?? []) {
        if (token.type !== "link_open") continue;
        const href = token.attrGet("href") ?? "";
        if (/^[a-z]+:|^#|^\//i.test(href)) continue;
        const target = posix.normalize(posix.join(posix.dirname(page), href.split("#")[0]!));
        if (!target.startsWith("../")) continue;
        token.type = "html_inline";
        token.content = `<span class="repository-path" title="${target.slice(3)} in the repository">`;
        const close = block.children!.find(
          (t, i) => t.type === "link_close" && i > block.children!.indexOf(token),
        );
        if (close) {
          close.type = "html_inline";
          close.content = "</span>";
        }
      }
    }
  });
}

const guides: [string, string][] = [
  ["Getting started", "getting-started"],
  ["Engines and URLs", "engines-and-urls"],
  ["Models and types", "models-and-types"],
  ["Relationships and loading", "relationships-and-loading"],
  ["Sessions and transactions", "sessions-and-transactions"],
  ["Querying", "querying"],
  ["Raw SQL and the raw driver", "raw-sql"],
  ["Migrations", "migrations"],
  ["Web back ends", "web-back-ends"],
  ["Request and response schemas", "zod"],
  ["Testing an app", "testing"],
  ["Deploying", "deploying"],
  ["Scale-out", "scale-out"],
  ["Performance", "performance"],
  ["Errors", "errors"],
  ["Porting from Alembic", "porting-from-alembic"],
];

export default defineConfig({
  title: "Athanor",
  description: "SQLAlchemy and Alembic for TypeScript",
  srcDir: "..",
  srcExclude: ["site/**"],
  outDir: "./out",
  cacheDir: "./.cache",
  cleanUrls: false,
  head: [["link", { rel: "icon", type: "image/svg+xml", href: "/favicon.svg" }]],
  lastUpdated: false,
  // The API reference is a separate TypeDoc build copied in afterwards.
  ignoreDeadLinks: [/^\.?\/?api\//, /\/api\/index/],
  markdown: { config: (md) => repositoryLinks(md as unknown as MarkdownIt) },
  themeConfig: {
    nav: [
      { text: "Guide", link: "/guide/getting-started" },
      { text: "Rosetta", link: "/rosetta" },
      { text: "API", link: "/api/index.html", target: "_self" },
    ],
    sidebar: [
      { text: "Guides", items: guides.map(([text, page]) => ({ text, link: `/guide/${page}` })) },
      {
        text: "Reference",
        items: [
          { text: "SQLAlchemy Rosetta", link: "/rosetta" },
          { text: "API reference", link: "/api/index.html", target: "_self" },
          { text: "Architecture", link: "/architecture" },
        ],
      },
    ],
    search: { provider: "local" },
    outline: [2, 3],
  },
});
