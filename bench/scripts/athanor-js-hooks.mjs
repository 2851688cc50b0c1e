// Module hooks of scripts/athanor-js.mjs (they run in Node's loader thread, so plain JavaScript):
// `athanor` resolves to the built dist/, and its files load as they are, without passing
// through tsx's loader (which would transform them again and keep their source maps).
import { readFile } from "node:fs/promises";

let map = {};
let dir = "";

export function initialize(data) {
  map = data.map;
  dir = data.dir;
}

export async function resolve(specifier, context, next) {
  return next(Object.hasOwn(map, specifier) ? map[specifier] : specifier, context);
}

export async function load(url, context, next) {
  if (!url.startsWith(dir)) return next(url, context);
  return { format: "module", source: await readFile(new URL(url)), shortCircuit: true };
}
