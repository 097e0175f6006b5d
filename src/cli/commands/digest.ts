// `referral-nudge digest [--practice NAME] [--date YYYY-MM-DD] [--dry-run] [--force]`
// Prints the digest (--dry-run), or sends it now through the same claim the scheduler uses: running
// it twice, or while the scheduler runs, sends once; --force sends again on purpose.
import { DateTime } from "luxon";
import { z } from "zod/v4";
import type { Practice } from "../../core/model.ts";
import type { ChatDelivery, Repositories } from "../../core/ports.ts";
import { inZone, localDateOf } from "../../core/time/local-date.ts";
import { createCardData } from "../../db/card-data.ts";
import type { Database } from "../../db/database.ts";
import { createDigestData } from "../../db/digest-data.ts";
import { createDigestRunStore } from "../../db/digest-runs.ts";
import { createNudgeExposureStore } from "../../db/nudge-exposures.ts";
import type { Logger } from "../../logging/logger.ts";
import { withConsoleFallback } from "../../scheduler/console-delivery.ts";
import { defaultInstanceId } from "../../scheduler/digest-scheduler.ts";
import { type RetryPolicy, type SendDigestResult, sendDigest } from "../../scheduler/send-digest.ts";

export const ZDigestArgs = z
  .object({
    practiceName: z.string().trim().min(1, { error: "--practice needs a name" }).optional(),
    date: z
      .string()
      .trim()
      .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid, {
        error: (issue) => `--date must be a calendar date like 2026-03-09, got "${String(issue.input)}"`,
      })
      .optional(),
    dryRun: z.boolean().default(false),
    force: z.boolean().default(false),
  })
  .refine((a) => !(a.dryRun && a.force), { error: "--dry-run and --force cannot be used together" });
export type TDigestArgs = z.input<typeof ZDigestArgs>;

export interface DigestCommandDeps {
  repos: Repositories;
  db: Database;
  /** The configured chat platforms; empty means the digest is printed here instead. */
  deliveries: readonly ChatDelivery[];
  logger: Logger;
  now?: () => Date;
  instanceId?: string;
  /** Where the command (and the console delivery) writes; standard output by default. */
  out?: (text: string) => void;
  retry?: RetryPolicy;
}

export interface DigestCommandResult {
  exitCode: number;
  /** What was printed after the digest, if anything: the outcome in one or two sentences. */
  message: string;
  result?: SendDigestResult;
}

export async function digestCommand(args: TDigestArgs, deps: DigestCommandDeps): Promise<DigestCommandResult> {
  const out = deps.out ?? ((text: string) => process.stdout.write(text));
  const done = (exitCode: number, message: string, result?: SendDigestResult): DigestCommandResult => {
    out(`${message}\n`);
    return { exitCode, message, ...(result ? { result } : {}) };
  };

  const parsed = ZDigestArgs.safeParse(args);
  if (!parsed.success) return done(2, parsed.error.issues.map((i) => i.message).join("\n"));
  const { practiceName, date, dryRun, force } = parsed.data;

  const practice = await findPractice(deps.repos, practiceName);
  if (typeof practice === "string") return done(2, practice);

  const now = (deps.now ?? (() => new Date()))();
  const today = localDateOf(now, practice.timeZone);
  const localDate = date ?? today;
  // Sending tomorrow's digest today would claim tomorrow's run, and the scheduler would then send nothing.
  if (localDate > today) {
    return done(2, `--date ${localDate} is in the future for ${practice.name} (today there is ${today}).`);
  }

  const instanceId = deps.instanceId ?? `cli:${defaultInstanceId()}`;
  const sendDeps = {
    repos: deps.repos,
    store: createDigestRunStore(deps.db.prisma),
    data: createDigestData(deps.db),
    exposures: createNudgeExposureStore(deps.db.prisma),
    cards: createCardData(deps.db),
    deliveries: withConsoleFallback([...deps.deliveries], { write: out }),
    logger: deps.logger,
    ...(deps.retry ? { retry: deps.retry } : {}),
  };
  let result: SendDigestResult;
  try {
    result = await sendDigest(sendDeps, practice, localDate, { now, instanceId, force, dryRun, retryNow: true });
  } catch (error) {
    deps.logger.error({ err: String(error), practiceId: practice.id, localDate }, "digest command failed");
    return done(1, `Could not send the digest for ${practice.name} on ${localDate}: ${errorText(error)}`);
  }
  return describe(result, practice, done);
}

async function findPractice(repos: Repositories, name: string | undefined): Promise<Practice | string> {
  if (!name) return repos.practices.getOrCreateDefault();
  const found = await repos.practices.findByName(name);
  if (found) return found;
  const names = (await repos.practices.list()).map((p) => `"${p.name}"`);
  return `No practice is named "${name}".${names.length ? ` Practices: ${names.join(", ")}.` : ""}`;
}

function describe(
  result: SendDigestResult,
  practice: Practice,
  done: (exitCode: number, message: string, result?: SendDigestResult) => DigestCommandResult,
): DigestCommandResult {
  const day = `${practice.name}'s digest for ${result.localDate}`;
  const list = (keys: string[]) => keys.join(", ");
  const time = (at: Date | null | undefined) =>
    at ? `${inZone(at, practice.timeZone).toFormat("yyyy-MM-dd HH:mm")} (${practice.timeZone})` : "earlier";
  switch (result.outcome) {
    case "dry-run": {
      const where = result.targets.length ? `It would go to: ${list(result.targets)}.` : "No delivery targets.";
      return done(0, `${result.text ?? ""}\n(Dry run: nothing was sent or recorded. ${where})`, result);
    }
    case "delivered": {
      const earlier = result.alreadyDelivered.length
        ? ` (already delivered earlier to ${list(result.alreadyDelivered)})`
        : "";
      return done(0, `Sent ${day} to ${list(result.delivered) || "no new target"}${earlier}.`, result);
    }
    case "partial":
    case "failed": {
      const failed = result.failed.map((f) => `${f.key} (${f.error})`).join("; ");
      const sent = result.delivered.length
        ? `Sent ${day} to ${list(result.delivered)}, but not`
        : `Could not send ${day}`;
      return done(1, `${sent} to ${failed}. Run the command again to retry only what failed.`, result);
    }
    case "skipped":
      return done(0, `Nothing sent for ${day}: ${result.note ?? "skipped"}.`, result);
    case "already-done": {
      const run = result.existing;
      if (run?.status === "skipped") {
        return done(
          0,
          `${day} was skipped (${run.note ?? "no reason recorded"}). Use --force to send it anyway.`,
          result,
        );
      }
      return done(
        0,
        `${day} was already sent at ${time(run?.deliveredAt)}; nothing was sent again. Use --force to send it again.`,
        result,
      );
    }
    case "busy": {
      const run = result.existing;
      const by = run?.claimedBy ? ` (${run.claimedBy})` : "";
      return done(
        1,
        `${day} is being sent by another instance${by} right now, or it has used up its retries; nothing was sent. ` +
          "Try again in a few minutes, or use --force.",
        result,
      );
    }
    case "lost-claim":
      return done(1, `Another instance took over ${day} while this one was sending; it finishes the job.`, result);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
