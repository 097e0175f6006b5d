// `serve` bounds its own heap (src/app/heap-growth.ts): the young generation stays where it was when the
// server started loading (V8 still adds a little), instead of doubling up to V8's maximum for a large machine.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const RUN_TS = fileURLToPath(new URL("../../bin/run-ts.mjs", import.meta.url));
const SCRIPT = fileURLToPath(new URL("./support/young-generation-under-load.ts", import.meta.url));

async function youngGeneration(mode: "limited" | "default", nodeFlags: string[] = []) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--max-old-space-size=4096", ...nodeFlags, RUN_TS, SCRIPT, mode],
    { timeout: 60_000, env: { ...process.env, NODE_OPTIONS: "" } },
  );
  return JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as { before: number; max: number };
}

describe("the heap limits serve sets for itself", () => {
  it("keep the young generation under 32 MB through allocation that grows it to 128 MB without them", async () => {
    const limited = await youngGeneration("limited");
    expect(limited.max).toBeLessThanOrEqual(32);
  }, 60_000);

  it("are needed: without them the same allocation grows the young generation past 32 MB", async () => {
    const unlimited = await youngGeneration("default");
    expect(unlimited.max).toBeGreaterThan(32);
  }, 60_000);

  it("leave a semi-space size the operator gave on the command line in charge", async () => {
    const given = await youngGeneration("limited", ["--max-semi-space-size=32"]);
    expect(given.max).toBeGreaterThan(given.before);
  }, 60_000);
});
