// Small helpers for timing: percentiles and a readable line per figure.
export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const i = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[i]!;
}

export function summarize(samples: number[]): { p50: number; p99: number; mean: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: samples.reduce((s, x) => s + x, 0) / samples.length,
    n: samples.length,
  };
}

export interface Figure {
  name: string;
  value: string;
  target?: string;
  pass?: boolean;
}

export function printFigure(f: Figure): void {
  const verdict = f.pass === undefined ? "" : f.pass ? "  ✓ meets target" : "  ✗ misses target";
  console.log(`  ${f.name.padEnd(58)} ${f.value.padStart(18)}${f.target ? `   (target ${f.target})` : ""}${verdict}`);
}

export const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
