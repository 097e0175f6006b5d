// The referral-nudge command run as the operator runs it: a real process over a scratch SQLite file that
// lives as long as the test file. Each call answers its exit code and output, failing or not.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const CLI = fileURLToPath(new URL("../../bin/referral-nudge.mjs", import.meta.url));
const run = promisify(execFile);

/** Each test starts the CLI several times, which takes seconds on a busy machine. */
export const SLOW_CLI_TEST_MS = 120_000;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ScratchCli {
  databaseUrl: string;
  referralNudge(...args: string[]): Promise<CliRun>;
  remove(): void;
}

export function scratchCli(name: string): ScratchCli {
  const dir = mkdtempSync(join(tmpdir(), `referral-nudge-${name}-`));
  const databaseUrl = `file:${join(dir, `${name}.db`)}`;
  return {
    databaseUrl,
    async referralNudge(...args) {
      try {
        const { stdout, stderr } = await run(CLI, args, {
          env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", USER: "operator" },
          timeout: 60_000,
        });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const failed = error as CliRun;
        return { code: Number(failed.code), stdout: failed.stdout, stderr: failed.stderr };
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
