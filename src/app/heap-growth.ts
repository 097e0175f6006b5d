// A long-running `serve` keeps its JavaScript heap near what it really holds. V8 lets the old generation
// grow to up to four times the live size before its next full collection when the heap limit is large
// (4 GB on a machine with 16 GB or more): for a server holding ~90 MB (10,000 referrers' directory,
// Prisma, Bolt, the Teams SDK) that is ~360 MB of mostly garbage, objects each request keeps alive for a
// few seconds (Bolt's ack timer, Prisma's transaction timeout) and which therefore outlive two scavenges.
// Growing by at most half the live size between full collections held a `serve` with 10,000 referrers
// under 300 MB RSS through 30,000 chat requests (see bench/serve-memory.ts); the extra collections are
// short. V8 reads this flag at each full collection, so setting it at start works without a command-line
// flag; one given by the operator (NODE_OPTIONS or the command line) wins.
import { setFlagsFromString } from "node:v8";

export const HEAP_GROWING_PERCENT = 50;

export function limitHeapGrowth(): void {
  const given = `${process.env.NODE_OPTIONS ?? ""} ${process.execArgv.join(" ")}`;
  if (/heap[-_]growing[-_]percent/.test(given)) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
