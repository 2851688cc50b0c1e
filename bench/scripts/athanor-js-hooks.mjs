// Module hooks of scripts/athanor-js.mjs (they run in Node's loader thread, so plain JavaScript):
// `athanor` (and `athanor-baseline`) resolve to built dist/ folders, and its files load as they are, without passing
// through tsx's loader (which would transform them again and keep their source maps).
import { readFile } from "node:fs/promises";

let map = {};
let dirs = [];

export function initialize(data) {
  map = data.map;
  dirs = data.dirs;
}

export async function resolve(specifier, context, next) {
  return next(Object.hasOwn(map, specifier) ? map[specifier] : specifier, context);
}

export async function load(url, context, next) {
  if (!dirs.some((d) => url.startsWith(d))) return next(url, context);
  return { format: "module", source: await readFile(new URL(url)), shortCircuit: true };
}
