// Lists the public exports of Athanor's entry points that have no doc comment (TypeDoc's view of
// src/index.ts, src/migrate/index.ts and the integrations), one "entry: name (kind)" a line.
// Exits 0; with --strict, exits 1 when the list is not empty.
import { Application, ReflectionKind } from "typedoc";

const app = await Application.bootstrapWithPlugins({ options: "typedoc.json", logLevel: "Error" });
const project = await app.convert();
if (!project) {
  console.error("TypeDoc could not convert the sources; run `npm run api` for its errors.");
  process.exit(2);
}

/** Whether a reflection, or one of its signatures, carries a comment with text. */
function documented(refl) {
  // A re-export under another name (BOOLEAN for Boolean) has the comment of what it names.
  if (refl.kindOf(ReflectionKind.Reference)) {
    const target = refl.tryGetTargetReflectionDeep();
    return target !== undefined && target !== refl && documented(target);
  }
  const has = (c) => c !== undefined && (c.summary.length > 0 || c.blockTags.length > 0);
  if (has(refl.comment)) return true;
  for (const sig of refl.signatures ?? []) if (has(sig.comment)) return true;
  if (refl.type?.declaration?.signatures)
    for (const sig of refl.type.declaration.signatures) if (has(sig.comment)) return true;
  return false;
}

const modules = project.children?.some((c) => c.kindOf(ReflectionKind.Module)) ? project.children : [project];
const missing = [];
let total = 0;
for (const mod of modules) {
  for (const child of mod.children ?? []) {
    total++;
    if (!documented(child))
      missing.push(`${mod.name}: ${child.name} (${ReflectionKind.singularString(child.kind)})`);
  }
}
for (const line of missing) console.log(line);
console.error(`${missing.length} of ${total} public exports have no doc comment.`);
if (process.argv.includes("--strict") && missing.length > 0) process.exit(1);
