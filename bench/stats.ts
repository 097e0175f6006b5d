// Small helpers for timing: percentiles and a readable line per figure.
import { performance } from "node:perf_hooks";

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

/**
 * Runs `work` n times, one after another, timing each by the wall clock and by this process's CPU time.
 * The CPU time is what the code costs: on a machine shared with other work the wall clock also counts
 * the time spent waiting for a core.
 */
export async function timeRuns(n: number, work: () => Promise<unknown>): Promise<{ wall: number[]; cpu: number[] }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < n; i++) {
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    await work();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

/**
 * Collects the garbage a section's set-up left (seeding 200,000 referrals leaves 300 MB of it), so that its
 * collection, 45 ms at once, does not land in a timed run: a bot process never carries it. Needs node's
 * --expose-gc, which run.ts gives each section; without it this does nothing.
 */
export function collectSetupGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** "31.2 ms / 44.0 ms": a p50 and a p99 side by side. */
export const p50p99 = (s: { p50: number; p99: number }) => `${ms(s.p50)} / ${ms(s.p99)}`;
