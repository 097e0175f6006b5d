// No bad input may end the process: a rejection nothing handled is logged and the server keeps serving.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { installProcessGuards, onUncaughtException } from "../../src/app/process-guards.ts";

const RUN_TS = fileURLToPath(new URL("../../bin/run-ts.mjs", import.meta.url));
const SCRIPT = fileURLToPath(new URL("./support/reject-while-serving.ts", import.meta.url));

describe("the process-level guards", () => {
  it("keep a real server answering after a rejection nothing handled, and log it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "referral-nudge-guards-"));
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [RUN_TS, SCRIPT], {
        env: { ...process.env, DATABASE_URL: `file:${join(dir, "app.db")}` },
        timeout: 30_000,
      });
      expect(stdout).toContain("a promise was rejected and nothing handled it; still serving");
      expect(stdout).toContain("escaped from a handler");
      expect(stdout).toContain("healthz 200");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("log an uncaught exception before the process exits for a clean restart", () => {
    const lines: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
    const exits: number[] = [];
    onUncaughtException(logger, (code) => exits.push(code))(new Error("boom"));
    expect(exits).toEqual([1]);
    expect(lines.join("")).toContain("uncaught exception");
  });

  it("are removed again when the server stops", () => {
    const before = process.listenerCount("unhandledRejection");
    const remove = installProcessGuards(pino({ level: "silent" }), () => undefined);
    expect(process.listenerCount("unhandledRejection")).toBe(before + 1);
    remove();
    expect(process.listenerCount("unhandledRejection")).toBe(before);
  });
});
