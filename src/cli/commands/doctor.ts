// `referral-nudge doctor`: checks what a practice needs and says how to fix what is missing.
import { ConfigError, loadConfig, slackMode, teamsMode } from "../../config/config.ts";
import { openDatabase } from "../../db/database.ts";
import { migrationsStatus } from "../../db/migrate.ts";

type Check = { ok: boolean | "info"; line: string };

export async function doctorCommand(env: NodeJS.ProcessEnv): Promise<number> {
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
      checks.push({
        ok: status.pending.length === 0,
        line:
          status.pending.length === 0
            ? `Database (${kind}): reachable, ${status.applied.length} migration(s) applied`
            : `Database (${kind}): ${status.pending.length} migration(s) pending — run \`referral-nudge migrate\` (serve does it too)`,
      });
      if (status.pending.length === 0) {
        const db = await openDatabase(config.DATABASE_URL);
        try {
          const [practices, referrers, referrals] = await Promise.all([
            db.prisma.practice.count(),
            db.prisma.referrer.count(),
            db.prisma.referral.count(),
          ]);
          checks.push({
            ok: referrers > 0 ? true : "info",
            line: `Data: ${practices} practice(s), ${referrers} referrer(s), ${referrals} referral(s)${
              referrers === 0 ? " — try `referral-nudge seed-demo`, or `referral-nudge import report.csv`" : ""
            }`,
          });
        } finally {
          await db.close();
        }
      }
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
    checks.push({
      ok: teamsMode(config) === "local" ? "info" : true,
      line:
        teamsMode(config) === "local"
          ? "Teams: local mode (Agents Playground only) — set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD, MICROSOFT_APP_TENANT_ID for real Teams"
          : "Teams: on, tokens validated",
    });
  }
  for (const c of checks) console.log(`${c.ok === true ? "✓" : c.ok === "info" ? "•" : "✗"} ${c.line}`);
  const failed = checks.filter((c) => c.ok === false).length;
  console.log(failed ? `\n${failed} problem(s) to fix.` : "\nAll good.");
  return failed ? 1 : 0;
}
