/** Number and table formatting shared by the reports. */

export function fmtMs(ms: number | null): string {
  if (ms === null) return "–";
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function fmtRatio(r: number | null): string {
  if (r === null) return "–";
  if (r >= 100) return `${r.toFixed(0)}×`;
  if (r >= 10) return `${r.toFixed(1)}×`;
  return `${r.toFixed(2)}×`;
}

/**
 * A markdown table padded the way the repository's formatter (Biome) pads it, so that the README section
 * the harness writes passes `biome ci` unchanged.
 */
export function table(
  header: readonly string[],
  align: readonly ("l" | "r")[],
  rows: readonly string[][],
): string[] {
  const width = header.map((h, c) => Math.max(3, h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, c) => (align[c] === "r" ? cell.padStart(width[c]!) : cell.padEnd(width[c]!))).join(" | ")} |`;
  const rule = `| ${width.map((w, c) => (align[c] === "r" ? `${"-".repeat(w - 1)}:` : "-".repeat(w))).join(" | ")} |`;
  return [line(header), rule, ...rows.map(line)];
}
