// Opens the built site (docs/site/out) in headless Chromium (Debian's /usr/bin/chromium, driven
// by puppeteer-core; nothing downloaded), walks from the home page to every page it links to,
// runs the search, and fails on a broken internal link, a missing guide, or a console error.
// Every internal link of the API reference is fetched too (its pages are many and static).
// Screenshots: out/screenshot-{home,guide,api,search}.png.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const OUT = fileURLToPath(new URL("../out", import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(join(OUT, "index.html"))) fail(["no built site in docs/site/out: run `npm run build` first"]);
if (!existsSync(CHROMIUM)) fail([`no Chromium at ${CHROMIUM}: run scripts/ci/chromium.sh`]);

function fail(problems) {
  for (const p of problems) console.error(`site check: ${p}`);
  process.exit(1);
}

const TYPES = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

/** A static server for out/, as a host would serve it. */
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
  let file = normalize(join(OUT, path));
  if (!file.startsWith(OUT)) return void res.writeHead(403).end();
  if (path.endsWith("/")) file = join(file, "index.html");
  if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
  if (!existsSync(file)) return void res.writeHead(404).end("not found");
  res
    .writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" })
    .end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const problems = [];
const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  let current = "";
  page.on(
    "console",
    (m) => m.type() === "error" && problems.push(`console error on ${current}: ${m.text()}`),
  );
  page.on("pageerror", (e) => problems.push(`script error on ${current}: ${e.message}`));
  page.on(
    "response",
    (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} for ${r.url()} on ${current}`),
  );
  page.on(
    "requestfailed",
    (r) => r.url().startsWith(base) && problems.push(`request failed on ${current}: ${r.url()}`),
  );

  // Walk the site pages in the browser (not the API pages: fetched below).
  const seen = new Set();
  const queue = ["/"];
  const apiLinks = new Set();
  while (queue.length > 0) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    current = path;
    const response = await page.goto(base + path, { waitUntil: "networkidle0" });
    if (response?.status() !== 200) {
      problems.push(`${path}: HTTP ${response?.status()} (linked from the site)`);
      continue;
    }
    if (path === "/") await page.screenshot({ path: join(OUT, "screenshot-home.png") });
    if (path === "/guide/querying.html") await page.screenshot({ path: join(OUT, "screenshot-guide.png") });
    const links = await page.$$eval("a[href]", (as) => as.map((a) => a.href));
    for (const href of links) {
      const url = new URL(href);
      if (url.origin !== base) continue;
      const target = url.pathname;
      if (target.startsWith("/api/")) apiLinks.add(target);
      else if (!seen.has(target)) queue.push(target);
    }
    // An anchor this page links to must exist on it.
    const missing = await page.$$eval("a[href^='#']", (as) =>
      as
        .map((a) => a.getAttribute("href").slice(1))
        .filter((id) => id && !document.getElementById(decodeURIComponent(id))),
    );
    for (const id of missing) problems.push(`${path}: link to #${id}, which is not on the page`);
  }

  const guides = readdirSync(join(OUT, "guide")).filter((f) => f.endsWith(".html"));
  for (const g of guides)
    if (!seen.has(`/guide/${g}`)) problems.push(`guide/${g} is not reachable from the home page`);
  if (!apiLinks.has("/api/index.html")) problems.push("the API reference is not linked from the site");

  // The API reference: open its index in the browser, then fetch every page it links to, and theirs.
  current = "/api/index.html";
  await page.goto(`${base}/api/index.html`, { waitUntil: "networkidle0" });
  await page.screenshot({ path: join(OUT, "screenshot-api.png") });
  const apiSeen = new Set();
  const apiQueue = [...apiLinks];
  while (apiQueue.length > 0) {
    const path = apiQueue.shift();
    if (apiSeen.has(path)) continue;
    apiSeen.add(path);
    const res = await fetch(base + path);
    if (res.status !== 200) {
      problems.push(`${path}: HTTP ${res.status}`);
      continue;
    }
    if (!path.endsWith(".html")) continue;
    const html = await res.text();
    for (const m of html.matchAll(/href="([^"#]+)(?:#[^"]*)?"/g)) {
      const url = new URL(m[1], base + path);
      if (url.origin === base && !apiSeen.has(url.pathname)) apiQueue.push(url.pathname);
    }
  }

  // The search: type a word every guide set uses, expect results.
  current = "/ (search)";
  await page.goto(`${base}/`, { waitUntil: "networkidle0" });
  await page.click(".VPNavBarSearchButton, #local-search button, button.DocSearch");
  await page.waitForSelector("input.search-input, #localsearch-input", { timeout: 10_000 });
  await page.type("input.search-input, #localsearch-input", "savepoint");
  await page
    .waitForFunction(() => document.querySelectorAll(".result, .results li").length > 0, { timeout: 10_000 })
    .catch(() => {});
  const results = await page.$$eval(".result, .results li", (r) =>
    r.map((e) => e.textContent?.trim().slice(0, 80)),
  );
  if (results.length === 0) problems.push("search for 'savepoint' found nothing");
  await page.screenshot({ path: join(OUT, "screenshot-search.png") });

  console.log(
    `site check: ${seen.size} site pages in Chromium, ${apiSeen.size} API files fetched, search found ${results.length} results`,
  );
} finally {
  await browser.close();
  server.close();
}
if (problems.length > 0) fail(problems);
console.log("site check: no broken links, no console errors");
