// Module resolve hook of the athanor CLI (runs in Node's loader thread, so plain JavaScript).
// `athanor` and `athanor/migrate` resolve to the modules the CLI itself runs, so user files
// (athanor.config.ts, revision files) share its instances; project TypeScript files load as ES
// modules whatever the nearest package.json says.
let map = {};

/** Receives the specifier map from module.register(..., { data }). */
export function initialize(data) {
  map = data?.map ?? {};
}

const TS = /\.(ts|mts|tsx)$/;

export async function resolve(specifier, context, next) {
  const mapped = Object.hasOwn(map, specifier) ? map[specifier] : specifier;
  const result = await next(mapped, context);
  const path = result.url.split("?")[0];
  if (
    result.format === "commonjs" &&
    result.url.startsWith("file:") &&
    TS.test(path) &&
    !path.includes("/node_modules/")
  ) {
    return { ...result, format: "module" };
  }
  return result;
}
