/** The child side of lib/memory.ts's runProbe: its request, a full gc, and how it reports and exits. */

/** Two gc() calls: the second collects what the first one's finalizers released. */
export function fullGc(): void {
  const gc = globalThis.gc as (() => void) | undefined;
  if (!gc) throw new Error("run with --expose-gc");
  gc();
  gc();
}

/**
 * Runs `measure` on the request the parent put in BENCH_PROBE, prints its result as one "PROBE {json}"
 * line and exits (0, or 1 with the stack on stderr).
 */
export function runProbeChild<Req, Res>(measure: (req: Req) => Promise<Res>): void {
  if (typeof globalThis.gc !== "function") throw new Error("run with --expose-gc");
  measure(JSON.parse(process.env.BENCH_PROBE ?? "") as Req).then(
    (out) => {
      process.stdout.write(`PROBE ${JSON.stringify(out)}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.stack : err);
      process.exit(1);
    },
  );
}
