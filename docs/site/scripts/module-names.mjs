// TypeDoc plugin: names each entry point's module by the import a user writes ("athanor",
// "athanor/migrate", "athanor/zod", ...) instead of its path in src/ ("index", "integrations/zod").
import { Converter, ReflectionKind } from "typedoc";

const NAMES = {
  index: "athanor",
  migrate: "athanor/migrate",
  "integrations/zod": "athanor/zod",
  "integrations/express": "athanor/express",
  "integrations/fastify": "athanor/fastify",
  "integrations/hono": "athanor/hono",
};

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const refl of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const name = NAMES[refl.getFullName()] ?? NAMES[refl.name];
      if (name) refl.name = name;
    }
  });
}
