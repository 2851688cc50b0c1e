/**
 * The code Athanor generates per mapper and per statement shape (hydrators, comparators, row
 * writers, row classes), compiled in one place. Where code generation is forbidden (Cloudflare
 * Workers, a Content-Security-Policy without 'unsafe-eval': `new Function` throws EvalError) every
 * site runs an interpreted twin instead: plain closures doing the same work, more slowly.
 *
 * Environment variables (read when a function is built):
 * - ATHANOR_CODEGEN=interpreted: use the interpreted twins although code generation works.
 * - ATHANOR_DEBUG_CODEGEN=1 prints each generated function's source to stderr;
 *   ATHANOR_DEBUG_CODEGEN=<directory> writes one file per function there instead.
 */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The property access of `key` in generated code: `.key`, or `["key"]` when it is no identifier. */
export function property(key: string): string {
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** A generated function: `body` returns it, given `params` bound to `args` (processors, helpers). */
export interface GeneratedSource {
  readonly params: readonly string[];
  readonly args: readonly unknown[];
  readonly body: string;
}

type Compiler = (params: readonly string[], body: string) => (...args: unknown[]) => unknown;

const compileWithFunction: Compiler = (params, body) =>
  new Function(...params, body) as (...args: unknown[]) => unknown;

/** What a runtime without code generation does (V8's message under a strict CSP). */
const forbidden: Compiler = () => {
  throw new EvalError("Code generation from strings disallowed for this context");
};

let compiler: Compiler = compileWithFunction;
/** Whether `new Function` works here: tried once, at the first function built. */
let available: boolean | null = null;
let forced: "generated" | "interpreted" | null = null;
let dumped = 0;

function env(name: string): string | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
}

/** Whether functions are generated (true) or their interpreted twins run (false). */
export function codegenEnabled(): boolean {
  const mode = forced ?? (env("ATHANOR_CODEGEN") === "interpreted" ? "interpreted" : "generated");
  if (mode === "interpreted") return false;
  if (available === null) {
    try {
      available = compiler([], "return 1")() === 1;
    } catch {
      available = false;
    }
  }
  return available;
}

/**
 * @internal For tests: `interpreted` forces the interpreted twins, `generated` the generated
 * code, `unavailable` makes code generation throw EvalError as a strict CSP does (so that the
 * detection decides), `auto` restores the default. Functions already built are kept by their
 * callers (per mapper, per compiled statement): use new models and engines after a switch.
 */
export function setCodegenMode(mode: "auto" | "generated" | "interpreted" | "unavailable"): void {
  forced = mode === "generated" || mode === "interpreted" ? mode : null;
  compiler = mode === "unavailable" ? forbidden : compileWithFunction;
  available = null;
}

/**
 * The function `name` from generated source, or `interpreted()` where code is not generated.
 * Both must do exactly the same thing; the generated one is faster on hot paths (the figures
 * are beside each site). Build once and keep the result: this compiles every time.
 */
export function generate<F>(name: string, source: () => GeneratedSource, interpreted: () => F): F {
  if (!codegenEnabled()) return interpreted();
  const { params, args, body } = source();
  let make: (...args: unknown[]) => unknown;
  try {
    make = compiler(params, body);
  } catch (e) {
    // Allowed at the first try and refused now (a policy installed later): interpret from here on.
    if (!(e instanceof EvalError)) throw e;
    available = false;
    return interpreted();
  }
  const debug = env("ATHANOR_DEBUG_CODEGEN");
  if (debug && debug !== "0") dump(debug, name, params, body);
  return make(...args) as F;
}

function dump(target: string, name: string, params: readonly string[], body: string): void {
  const text = `// athanor generated: ${name}\n(function (${params.join(", ")}) {${body}\n});\n`;
  if (target === "1" || target === "stderr") {
    (globalThis as { process?: { stderr?: { write(s: string): void } } }).process?.stderr?.write(text);
    return;
  }
  // Loaded here, not imported: where code generation is forbidden (Workers) node:fs may be too.
  const fs = process.getBuiltinModule("node:fs");
  fs.mkdirSync(target, { recursive: true });
  const file = `${process.pid}-${String(++dumped).padStart(4, "0")}-${name.replace(/[^\w.-]+/g, "_")}.js`;
  fs.writeFileSync(`${target}/${file}`, text);
}
