// `referral-nudge digest`: the scheduler's send path, run once by hand.
import { createServices } from "../../app/create-services.ts";
import { openMigratedDatabase } from "../../app/open-app-database.ts";
import { startPlatforms } from "../../app/platforms.ts";
import type { Config } from "../../config/config.ts";
import { secretCipherFor } from "../../db/secret-cipher.ts";
import { createLogger } from "../../logging/logger.ts";
import { digestCommand } from "./digest.ts";

export async function runDigestCli(
  config: Config,
  opts: { practice?: string; date?: string; dryRun?: boolean; force?: boolean },
): Promise<number> {
  // Quiet by default: this is a command whose output is the digest itself.
  const logger = createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL);
  const db = await openMigratedDatabase(config);
  try {
    const services = createServices(db, { logger, cipher: secretCipherFor(config) });
    const platforms = opts.dryRun ? null : await startPlatforms(config, services, logger);
    try {
      const result = await digestCommand(
        {
          ...(opts.practice ? { practiceName: opts.practice } : {}),
          ...(opts.date ? { date: opts.date } : {}),
          dryRun: Boolean(opts.dryRun),
          force: Boolean(opts.force),
        },
        { repos: services.repos, db, deliveries: platforms?.deliveries ?? [], logger },
      );
      return result.exitCode;
    } finally {
      await platforms?.stop();
    }
  } finally {
    await db.close();
  }
}
