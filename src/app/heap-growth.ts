// A long-running `serve` keeps its JavaScript heap near what it really holds. V8 sizes both generations
// for the machine, not for the program: on one with 16 GB or more the heap limit is 4 GB, and with it
//
// - the young generation may grow to two 64 MB semi-spaces (Node 22 and later scale the semi-space with
//   the heap limit). A busy server's scavenges always find survivors (each request keeps objects alive for
//   a few seconds: Bolt's ack timer, Prisma's transaction timeout), so V8 keeps doubling the young
//   generation up to that maximum, and every page of it gets touched: 128 MB of RSS for a space that holds
//   a few MB of live objects. On `serve` with 10,000 referrers (bench/serve-memory.ts, 3,000 requests) the
//   new space went 16 → 128 MB in the first seconds of traffic, the largest part of a 460 MB peak; held
//   near 16 MB the same run peaked at 313 MB, every request answered.
// - the old generation may grow to up to four times the live size before its next full collection: for
//   a server holding ~70 MB (10,000 referrers' directory, Prisma, Bolt, the Teams SDK) that is ~280 MB of
//   mostly garbage. Growing by at most a fifth of the live size between full collections keeps it near
//   90 MB: 313 → 288 MB on the same run (half the live size: 313). Full collections come more often; they
//   are mostly concurrent marking and short at this size.
//
// Both are set from inside the process, so no one has to remember a command-line flag (the maximum
// semi-space size itself can only be given on the command line). V8 reads --heap-growing-percent at each
// full collection and --semi-space-growth-factor each time it would grow the young generation: a factor
// of 1 stops the doubling, so it stays near the size it has when `serve` starts loading its modules, which
// loading the command line's own modules brings to 16 MB (two 8 MB semi-spaces, V8's own default on a
// machine with 2 GB). Letting it double up to a cap and no further does not work from inside: V8 grows it
// during collections the program hears of only between turns of the event loop, and one synchronous
// stretch (10,000 referrers' rows read and indexed) took it 16 → 128 MB before the first notice. What the
// operator gives wins: --max-semi-space-size (command line or NODE_OPTIONS) or --heap-growing-percent.
import { setFlagsFromString } from "node:v8";

/** Old-generation growth between full collections, in percent of what survived the last one (V8: up to 300). */
export const HEAP_GROWING_PERCENT = 20;

function givenFlags(): string {
  return `${process.env.NODE_OPTIONS ?? ""} ${process.execArgv.join(" ")}`;
}

export function limitHeapGrowth(): void {
  const given = givenFlags();
  if (!/semi[-_]space/.test(given)) setFlagsFromString("--semi-space-growth-factor=1");
  if (!/heap[-_]growing[-_]percent/.test(given)) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
