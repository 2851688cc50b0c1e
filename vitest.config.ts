import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "athanor/migrate": fileURLToPath(new URL("./src/migrate/index.ts", import.meta.url)),
      "athanor/zod": fileURLToPath(new URL("./src/integrations/zod/index.ts", import.meta.url)),
      "athanor/express": fileURLToPath(new URL("./src/integrations/express/index.ts", import.meta.url)),
      "athanor/fastify": fileURLToPath(new URL("./src/integrations/fastify/index.ts", import.meta.url)),
      "athanor/hono": fileURLToPath(new URL("./src/integrations/hono/index.ts", import.meta.url)),
      athanor: fileURLToPath(new URL("./src/index.ts", import.meta.url)),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    // A guard against hangs, not a speed check: CLI tests start a dozen processes each, and the
    // consumer test installs packages, on 2 shared cores.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two files at a time on the 2-core machine: most tests wait on a database or a child
    // process, and one worker left the suite at 15 minutes (the sum of the files' times).
    maxWorkers: 2,
  },
});
