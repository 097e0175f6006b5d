// `referral-nudge doctor`: checks what a practice needs and says how to fix what is missing.
import { type Config, ConfigError, loadConfig, slackMode, teamsMode } from "../../config/config.ts";
import { type Database, openDatabase } from "../../db/database.ts";
import { type MigrationsStatus, migrationsStatus } from "../../db/migrate.ts";
import { isSealed } from "../../db/secret-cipher.ts";

type Check = { ok: boolean | "info"; line: string };

export async function doctorCommand(
  env: NodeJS.ProcessEnv,
  print: (line: string) => void = (line) => console.log(line),
): Promise<number> {
  const checks: Check[] = [];
  let config: ReturnType<typeof loadConfig> | null = null;
  try {
    config = loadConfig(env);
    checks.push({ ok: true, line: "Configuration: every variable is valid" });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const p of error.problems) checks.push({ ok: false, line: `Configuration: ${p}` });
  }
  if (config) {
    const kind = config.DATABASE_URL.startsWith("file:") ? "SQLite" : "PostgreSQL";
    try {
      const status = await migrationsStatus(config.DATABASE_URL);
      checks.push(databaseCheck(kind, status));
      if (status.pending.length === 0 && status.failed.length === 0) checks.push(...(await dataChecks(config)));
    } catch (error) {
      checks.push({
        ok: false,
        line: `Database (${kind}): ${error instanceof Error ? error.message : String(error)} — check DATABASE_URL${
          kind === "PostgreSQL" ? " and that the server is running" : ""
        }`,
      });
    }
    const slack = slackMode(config);
    checks.push({
      ok: slack === "off" ? "info" : true,
      line:
        slack === "off"
          ? "Slack: off — set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (see README, Slack)"
          : `Slack: on, ${slack} mode`,
    });
    const teams = teamsMode(config);
    const teamsLines = {
      off: "Teams: off — set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD, MICROSOFT_APP_TENANT_ID for real Teams, or run npm run playground to try it locally",
      local: "Teams: local mode (TEAMS_LOCAL=1, Agents Playground only): listens on this machine only, no sign-in",
      authenticated: "Teams: on, tokens validated",
    } as const;
    checks.push({ ok: teams === "authenticated" ? true : "info", line: teamsLines[teams] });
  }
  for (const c of checks) print(`${c.ok === true ? "✓" : c.ok === "info" ? "•" : "✗"} ${c.line}`);
  const failed = checks.filter((c) => c.ok === false).length;
  print(failed ? `\n${failed} problem(s) to fix.` : "\nAll good.");
  return failed ? 1 : 0;
}

/**
 * Migrations not applied yet are no problem: serve and every command apply them first. One that failed
 * halfway, or was edited after it was applied, is: nothing starts until a person has looked at it.
 */
function databaseCheck(kind: string, status: MigrationsStatus): Check {
  const { applied, pending, failed, modified } = status;
  if (failed.length > 0) {
    return {
      ok: false,
      line:
        `Database (${kind}): migration ${failed.join(", ")} failed halfway, so no migration is applied until it is ` +
        `resolved — check the database, then \`npx prisma migrate resolve --rolled-back ${failed[0]}\` (or --applied)`,
    };
  }
  if (modified.length > 0) {
    return {
      ok: false,
      line:
        `Database (${kind}): migration ${modified.join(", ")} was edited after it was applied — restore it from git ` +
        "and put the change in a new migration (npm run migrations:create)",
    };
  }
  if (applied.length === 0) {
    return {
      ok: "info",
      line: `Database (${kind}): new — \`npm start\` (or any command) sets it up, or run \`referral-nudge migrate\``,
    };
  }
  if (pending.length > 0) {
    return {
      ok: "info",
      line:
        `Database (${kind}): ${applied.length} migration(s) applied, ${pending.length} to apply (${pending.join(", ")}) — ` +
        "serve applies them at start, or run `referral-nudge migrate`",
    };
  }
  return { ok: true, line: `Database (${kind}): reachable, ${applied.length} migration(s) applied` };
}

/** What is stored, and whether the stored secrets are encrypted: one connection for both. */
async function dataChecks(config: Config): Promise<Check[]> {
  const db = await openDatabase(config.DATABASE_URL);
  try {
    return [await dataCheck(db), await secretsCheck(db, config)];
  } finally {
    await db.close();
  }
}

async function dataCheck(db: Database): Promise<Check> {
  const [practices, referrers, referrals] = await Promise.all([
    db.prisma.practice.count(),
    db.prisma.referrer.count(),
    db.prisma.referral.count(),
  ]);
  return {
    ok: referrers > 0 ? true : "info",
    line: `Data: ${practices} practice(s), ${referrers} referrer(s), ${referrals} referral(s)${
      referrers === 0 ? " — try `referral-nudge seed-demo`, or `referral-nudge import report.csv`" : ""
    }`,
  };
}

/** Whether stored Slack installations (bot tokens) are encrypted; never prints a key or a token. */
async function secretsCheck(db: Database, config: Config): Promise<Check> {
  const rows = await db.prisma.chatWorkspace.findMany({
    where: { installation: { not: null } },
    select: { installation: true },
  });
  const plain = rows.filter((r) => !isSealed(r.installation as string)).length;
  if (!config.ENCRYPTION_KEY) {
    return {
      ok: plain > 0 ? false : "info",
      line:
        plain > 0
          ? `Secrets: ${plain} Slack installation(s) stored unencrypted — make a key with \`referral-nudge keys generate\`, set it as ENCRYPTION_KEY and start the bot once (it encrypts them)`
          : "Secrets: ENCRYPTION_KEY not set (needed with Slack OAuth; `referral-nudge keys generate` makes one)",
    };
  }
  return {
    ok: plain === 0 ? true : "info",
    line:
      plain === 0
        ? `Secrets: ${rows.length} Slack installation(s), all encrypted (AES-256-GCM, ENCRYPTION_KEY)`
        : `Secrets: ${plain} of ${rows.length} Slack installation(s) not encrypted yet — the next start encrypts them`,
  };
}
