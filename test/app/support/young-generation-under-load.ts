// Allocates the way a busy server does (most objects die young, some live for a while), then prints
// the young generation's size before and at most during it. With "limited", the heap is limited first,
// as `serve` does at start. Run with --max-old-space-size=4096 so V8 sizes the young generation as it
// does on a machine with 16 GB or more, whatever this machine has.
import { getHeapSpaceStatistics } from "node:v8";
import { limitHeapGrowth } from "../../../src/app/heap-growth.ts";

const newSpaceMb = () =>
  (getHeapSpaceStatistics().find((s) => s.space_name === "new_space")?.space_size ?? 0) / 1024 / 1024;

if (process.argv[2] === "limited") limitHeapGrowth();
const before = newSpaceMb();
let max = before;
let kept: object[] = [];
for (let round = 0; round < 60; round++) {
  for (let i = 0; i < 20_000; i++) kept.push({ i, text: `row ${i}`, pair: [i, round] });
  if (kept.length > 200_000) kept = kept.slice(-50_000);
  max = Math.max(max, newSpaceMb());
  await new Promise((resolve) => setImmediate(resolve));
}
console.log(JSON.stringify({ before, max }));
