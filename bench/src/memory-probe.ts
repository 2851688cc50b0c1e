/** Child process of lib/memory.ts: measures one system's memory on W2. Prints one "PROBE {json}" line. */
import { readFileSync, writeFileSync } from "node:fs";
import type { ProbeRequest } from "./lib/memory.ts";
import { fullGc, runProbeChild } from "./lib/probe-child.ts";
import { loadSystemModule } from "./lib/registry.ts";
import type { MemoryResult } from "./lib/results.ts";
import type { OrderLike } from "./system.ts";

const MiB = 2 ** 20;

/**
 * Peak RSS since the last reset, from Linux's VmHWM. getrusage's maxrss is no use in a child process: Linux
 * carries the parent's high-water mark over fork and exec, so every child would report the harness's own
 * peak. Writing "5" to /proc/self/clear_refs resets VmHWM to the current RSS (Linux 4.0+). RSS is also
 * sampled after every W2 call (the only source where procfs is missing); the peak is the larger of the two.
 */
class PeakRss {
  private sampled = 0;
  private readonly procfs: boolean;

  constructor() {
    let ok = false;
    try {
      writeFileSync("/proc/self/clear_refs", "5");
      ok = this.hwm() > 0;
    } catch {}
    this.procfs = ok;
  }

  private hwm(): number {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  }

  sample(): void {
    this.sampled = Math.max(this.sampled, process.memoryUsage.rss());
  }

  peak(): number {
    return Math.max(this.sampled, this.procfs ? this.hwm() : 0);
  }
}

async function probe(req: ProbeRequest): Promise<MemoryResult> {
  const system = (await loadSystemModule(req.systemFile))();
  await system.setup(req.target);
  // Warm-up run, then the RSS baseline.
  await system.loadOrders(req.limit);
  fullGc();
  const peak = new PeakRss();
  const rssBefore = process.memoryUsage().rss;
  peak.sample();
  // Retained heap per result, as a difference between holding one result and holding four: a library that
  // keeps a reference to its last result internally is then counted the same way in both states.
  const held: (readonly OrderLike[])[] = [await system.loadOrders(req.limit)];
  peak.sample();
  fullGc();
  const holdingOne = process.memoryUsage().heapUsed;
  for (let i = 0; i < 3; i++) {
    held.push(await system.loadOrders(req.limit));
    peak.sample();
  }
  fullGc();
  const holdingFour = process.memoryUsage().heapUsed;
  if (held.some((r) => r.length !== req.limit)) throw new Error("W2 returned the wrong number of rows");
  const peakRss = peak.peak();
  held.length = 0;
  await system.teardown();
  return {
    peakRssMiB: peakRss / MiB,
    rssBeforeMiB: rssBefore / MiB,
    retainedHeapMiB: (holdingFour - holdingOne) / 3 / MiB,
  };
}

runProbeChild(probe);
