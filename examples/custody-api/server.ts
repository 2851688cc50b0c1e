// Runs the API: `DATABASE_URL=postgresql://... PORT=3000 tsx examples/custody-api/server.ts`.
// The schema comes from the migrations (`athanor upgrade head`), as in a deployment.
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { upgrade } from "athanor/migrate";
import { engine, SessionLocal } from "../custody/db.js";
import { createApp } from "./app.js";

const MIGRATIONS = fileURLToPath(new URL("../migrations", import.meta.url));

await upgrade({ engine, migrations: MIGRATIONS }, "head");
const port = Number(process.env.PORT ?? 3000);
serve({ fetch: createApp(SessionLocal).fetch, port, hostname: "127.0.0.1" }, (info) => {
  console.log(`Custody API on http://127.0.0.1:${info.port}`);
});
