// A process's resident memory over a stretch of work, sampled as the work goes: start, peak and end.
// The memory target (issue 15): a `serve` with 10,000 referrers stays under 300 MB through chat traffic.
import { readFileSync } from "node:fs";
import type { Figure } from "./stats.ts";

export const RSS_TARGET_MB = 300;

/** VmRSS of any process, in MB, from /proc (Linux); null once it has gone. */
export function rssOfPidMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

export interface RssCurve {
  startMb: number;
  peakMb: number;
  endMb: number;
  samples: number;
}

/** Samples `read` every `everyMs` until stopped; the curve includes one sample at start and one at stop. */
export function sampleRss(read: () => number | null, everyMs = 100): { stop(): RssCurve } {
  const first = read() ?? 0;
  const curve: RssCurve = { startMb: first, peakMb: first, endMb: first, samples: 1 };
  const take = () => {
    const mb = read();
    if (mb === null) return;
    curve.samples++;
    curve.endMb = mb;
    curve.peakMb = Math.max(curve.peakMb, mb);
  };
  const timer = setInterval(take, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      take();
      return { ...curve };
    },
  };
}

export const ownRssMb = () => process.memoryUsage().rss / 1024 / 1024;

/** The curve as figures: start, peak and end printed, the peak checked against the target. */
export function rssFigures(label: string, curve: RssCurve): Figure[] {
  return [
    {
      name: `${label}: RSS start → peak → end`,
      value: `${curve.startMb.toFixed(0)} → ${curve.peakMb.toFixed(0)} → ${curve.endMb.toFixed(0)} MB`,
    },
    {
      name: `${label}: peak RSS`,
      value: `${curve.peakMb.toFixed(0)} MB`,
      target: `< ${RSS_TARGET_MB} MB`,
      pass: curve.peakMb < RSS_TARGET_MB,
    },
  ];
}
