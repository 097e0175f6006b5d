// The referral-nudge command. Each subcommand lives in commands/; this file only wires them.
import { Command, CommanderError } from "commander";
import "dotenv/config";
import { limitHeapGrowth } from "../app/heap-growth.ts";
import { VERSION } from "../app/version.ts";
import { ConfigError, loadConfig } from "../config/config.ts";
import { createLogger } from "../logging/logger.ts";
import { withCliDatabase, withCliServices } from "./cli-services.ts";
import { doctorCommand } from "./commands/doctor.ts";
import { keysGenerateCommand, keysRotateCommand } from "./commands/keys.ts";
import { membersListCommand, membersRoleCommand } from "./commands/members.ts";
import { migrateCommand } from "./commands/migrate.ts";
import { referrersAddCommand, referrersListCommand, referrersOwnerCommand } from "./commands/referrers.ts";
import { workspacesLinkCommand, workspacesListCommand, workspacesUnlinkCommand } from "./commands/workspaces.ts";

const program = new Command("referral-nudge")
  .description("Keeps a practice's referral relationships alive, from Slack or Microsoft Teams.")
  .version(VERSION)
  .showHelpAfterError("(run referral-nudge --help for the list of commands)")
  .exitOverride();

program
  .command("serve")
  .description("Run the bot: HTTP server (health, Slack, Teams) and the daily digest scheduler")
  .action(async () => {
    // Loaded only for serve: Bolt and the Bot Framework take a second or two to load, which the
    // other commands (an import, a seed) need not wait for. The heap's limits are set before they load:
    // loading them is where V8 would first grow the young generation (heap-growth.ts).
    limitHeapGrowth();
    const { serveCommand } = await import("./commands/serve.ts");
    await serveCommand(loadConfig());
  });

program
  .command("migrate")
  .description("Apply database migrations (serve and every command do this by themselves)")
  .action(async () => migrateCommand(loadConfig()));

program
  .command("doctor")
  .description("Check configuration and database, and say what is missing and how to fix it")
  .action(async () => {
    process.exitCode = await doctorCommand(process.env);
  });

program
  .command("import")
  .description("Import a referral report (CSV) exported from your EHR or referral system")
  .argument("<file>", "CSV file")
  .option("--practice <name>", "practice to import into (default: the only one)")
  .option("--rejects <file>", "write every rejected row, with its reason, to this CSV")
  .option("--date-order <order>", "read 03/04/2026 as mdy (US: March 4) or dmy (3 April); by default the file decides")
  .action(async (file: string, opts: { practice?: string; rejects?: string; dateOrder?: string }) => {
    const { dateOrderProblem, importCommand, startReading } = await import("./commands/import.ts");
    // Refused before the database is opened (and created, and migrated) for nothing.
    const problem = dateOrderProblem(opts.dateOrder);
    if (problem) {
      console.error(problem);
      process.exitCode = 1;
      return;
    }
    // A large file's reader starts now and boots while the database opens.
    const reader = startReading(file, opts.dateOrder);
    try {
      await withCliServices(loadConfig(), opts.practice, (s, practice) =>
        importCommand(
          {
            file,
            ...(opts.rejects ? { rejects: opts.rejects } : {}),
            ...(opts.dateOrder ? { dateOrder: opts.dateOrder } : {}),
          },
          { ...s, practice, reader },
        ),
      );
    } finally {
      await reader?.close();
    }
  });

const referrers = program
  .command("referrers")
  .description("List or add referring clinicians, or set who looks after one");
referrers
  .command("list")
  .option("--practice <name>", "practice (default: the only one)")
  .option("--all", "include archived referrers")
  .option("--archived", "the same as --all")
  .action(async (opts: { practice?: string; all?: boolean; archived?: boolean }) =>
    withCliServices(loadConfig(), opts.practice, (s, practice) =>
      referrersListCommand(s, practice, { all: Boolean(opts.all || opts.archived) }),
    ),
  );
referrers
  .command("add")
  .argument("<name>", 'e.g. "Dr. Jane Smith, MD"')
  .option("--practice <name>", "practice (default: the only one)")
  .option("--clinic <clinic>")
  .option("--specialty <specialty>")
  .option("--npi <npi>", "10-digit NPI")
  .option("--phone <phone>")
  .option("--email <email>")
  .action(async (name: string, opts: Record<string, string | undefined>) =>
    withCliServices(loadConfig(), opts.practice, (s, practice) => referrersAddCommand(s, practice, { name, ...opts })),
  );
referrers
  .command("owner")
  .description("Set who looks after a referrer (a member id or chat user id from members list, or none)")
  .argument("<name>", 'the referrer, e.g. "Dr. Jane Smith"')
  .argument("<member>", "member id, chat user id, or none")
  .option("--practice <name>", "practice (default: the only one)")
  .action(async (name: string, member: string, opts: { practice?: string }) =>
    withCliServices(loadConfig(), opts.practice, (s, practice) => referrersOwnerCommand(s, practice, name, member)),
  );

const members = program
  .command("members")
  .description(
    "The practice's chat members and their roles; admins are managers, Slack workspace admins and the Teams installer",
  );
members
  .command("list")
  .description("List everyone who has talked to the bot, with their chat user id and role")
  .option("--practice <name>", "practice (default: the only one)")
  .action(async (opts: { practice?: string }) =>
    withCliServices(loadConfig(), opts.practice, (s, practice) => membersListCommand(s, practice)),
  );
members
  .command("role")
  .description("Give a member a role (manager makes them a practice admin); audited")
  .argument("<user>", "chat user id: Slack U…, or the Teams AAD object id (see members list)")
  .argument("<role>", "physician, liaison, coordinator or manager")
  .option("--practice <name>", "practice (default: the only one)")
  .option("--platform <platform>", "slack or teams, when the id could be either")
  .action(async (userId: string, role: string, opts: { practice?: string; platform?: string }) =>
    withCliServices(loadConfig(), opts.practice, (s, practice) =>
      membersRoleCommand(s, practice, { userId, role, ...(opts.platform ? { platform: opts.platform } : {}) }),
    ),
  );

const keys = program.command("keys").description("The key that encrypts stored Slack installations (ENCRYPTION_KEY)");
keys
  .command("generate")
  .description("Print a new random key for ENCRYPTION_KEY")
  .action(() => keysGenerateCommand());
keys
  .command("rotate")
  .description("Encrypt every stored installation under ENCRYPTION_KEY (old key in ENCRYPTION_KEY_PREVIOUS)")
  .action(async () => {
    const config = loadConfig();
    const counts = await withCliDatabase(config, (s) => keysRotateCommand(config, s.db));
    if (counts)
      console.log(`Sealed ${counts.sealed} installation(s) under the new key; ${counts.alreadyCurrent} already were.`);
  });

const workspaces = program
  .command("workspaces")
  .description("Which Slack workspace or Teams tenant belongs to which practice (a new one gets its own)");
workspaces
  .command("list")
  .description("List every Slack workspace and Teams tenant and its practice")
  .action(async () => withCliDatabase(loadConfig(), (s) => workspacesListCommand(s)));
workspaces
  .command("link")
  .description("Let a Slack workspace or Teams tenant join an existing practice")
  .option("--platform <platform>", "slack or teams")
  .option("--id <id>", "Slack team id (T…) or Teams tenant id")
  .option("--practice <name>", "the practice it joins")
  .action(async (opts: Record<string, unknown>) =>
    withCliDatabase(loadConfig(), (s) => workspacesLinkCommand(s, opts)),
  );
workspaces
  .command("unlink")
  .description("Move a Slack workspace or Teams tenant out of its practice, into a new one of its own")
  .option("--platform <platform>", "slack or teams")
  .option("--id <id>", "Slack team id (T…) or Teams tenant id")
  .action(async (opts: Record<string, unknown>) =>
    withCliDatabase(loadConfig(), (s) => workspacesUnlinkCommand(s, opts)),
  );

const tokens = program
  .command("tokens")
  .description(
    "API tokens for the referral intake (POST /api/referrals); the token is printed once, only its hash is kept",
  );
tokens
  .command("create")
  .description("Make a token for one practice and print it once")
  .option("--practice <name>", "practice (default: the only one)")
  .option("--label <label>", 'what it is for, e.g. "EHR feed"')
  .option("--source <system>", "the source system its referrals are filed under (default: from the label)")
  .action(async (opts: { practice?: string; label?: string; source?: string }) => {
    const { tokensCreateCommand } = await import("./commands/tokens.ts");
    await withCliServices(loadConfig(), opts.practice, (s, practice) => tokensCreateCommand(s, practice, opts));
  });
tokens
  .command("list")
  .description("List the practice's tokens (their last four characters, never the token)")
  .option("--practice <name>", "practice (default: the only one)")
  .action(async (opts: { practice?: string }) => {
    const { tokensListCommand } = await import("./commands/tokens.ts");
    await withCliServices(loadConfig(), opts.practice, (s, practice) => tokensListCommand(s, practice));
  });
tokens
  .command("revoke")
  .description("Revoke a token at once; audited")
  .argument("<token>", "its id or its last four characters (see tokens list)")
  .option("--practice <name>", "practice (default: the only one)")
  .action(async (idOrHint: string, opts: { practice?: string }) => {
    const { tokensRevokeCommand } = await import("./commands/tokens.ts");
    await withCliServices(loadConfig(), opts.practice, (s, practice) => tokensRevokeCommand(s, practice, idOrHint));
  });
tokens
  .command("rate")
  .description("Set how many requests a minute each of the practice's tokens may make (default 600); audited")
  .argument("<perMinute>", "requests per minute per token")
  .option("--practice <name>", "practice (default: the only one)")
  .action(async (perMinute: string, opts: { practice?: string }) => {
    const { tokensRateCommand } = await import("./commands/tokens.ts");
    await withCliServices(loadConfig(), opts.practice, (s, practice) => tokensRateCommand(s, practice, perMinute));
  });

const hl7 = program
  .command("hl7")
  .description("HL7 v2 sending facilities (MSH-4): over MLLP only a linked facility's messages are read");
hl7
  .command("link")
  .description("Link a sending facility to a practice; audited")
  .option("--practice <name>", "practice (default: the only one)")
  .option("--facility <code>", "the sending facility as MSH-4 names it, e.g. RIVERSIDE-FH")
  .option("--source <system>", "the source system its referrals are filed under (default: hl7-<facility>)")
  .action(async (opts: { practice?: string; facility?: string; source?: string }) => {
    const { hl7LinkCommand } = await import("./commands/hl7.ts");
    await withCliServices(loadConfig(), opts.practice, (s, practice) => hl7LinkCommand(s, practice, opts));
  });
hl7
  .command("list")
  .description("List the practice's linked sending facilities")
  .option("--practice <name>", "practice (default: the only one)")
  .action(async (opts: { practice?: string }) => {
    const { hl7ListCommand } = await import("./commands/hl7.ts");
    await withCliServices(loadConfig(), opts.practice, (s, practice) => hl7ListCommand(s, practice));
  });
hl7
  .command("unlink")
  .description("Unlink a sending facility: its messages are refused from then on; audited")
  .option("--practice <name>", "practice (default: the only one)")
  .option("--facility <code>", "the sending facility as MSH-4 names it")
  .action(async (opts: { practice?: string; facility?: string }) => {
    const { hl7UnlinkCommand } = await import("./commands/hl7.ts");
    await withCliServices(loadConfig(), opts.practice, (s, practice) => hl7UnlinkCommand(s, practice, opts));
  });

program
  .command("seed-demo")
  .description("Fill the practice with a realistic demo: referrers, a year of referrals, touches and feedback")
  .option("--practice <name>", "practice (default: the only one)")
  .option("--reset", "wipe the practice's data first")
  .action(async (opts: { practice?: string; reset?: boolean }) => {
    const { seedDemoCommand } = await import("./commands/seed-demo.ts");
    await withCliServices(loadConfig(), opts.practice, (s, practice) =>
      seedDemoCommand({ reset: Boolean(opts.reset) }, { ...s, practice }),
    );
  });

program
  .command("scrub")
  .description("Clean patient identifiers out of every stored reason, specialty, note and feedback (safe to rerun)")
  .action(async () => {
    const { scrubCommand } = await import("./commands/scrub.ts");
    await withCliServices(loadConfig(), undefined, (s) => scrubCommand(s));
  });

program
  .command("cards")
  .description("The week's thank-you cards: print the card-day message and write the PDF (card texts, address labels)")
  .option("--practice <name>", "practice (default: the only one)")
  .option("--week <YYYY-Www>", "ISO week (default: this week in the practice's zone)")
  .option("--out <file.pdf>", "where to write the PDF (default: thank-you-cards-<week>.pdf)")
  .action(async (opts: { practice?: string; week?: string; out?: string }) => {
    const { cardsCommand } = await import("./commands/cards.ts");
    await withCliServices(loadConfig(), opts.practice, (s, practice) =>
      cardsCommand(s, practice, { ...(opts.week ? { week: opts.week } : {}), ...(opts.out ? { out: opts.out } : {}) }),
    );
  });

program
  .command("digest")
  .description("Print (--dry-run) or send one practice's digest now; sends once per day unless --force")
  .option("--practice <name>", "practice (default: the only one)")
  .option("--date <YYYY-MM-DD>", "local date of the digest (default: today in the practice's zone)")
  .option("--dry-run", "print the digest instead of sending it")
  .option("--force", "send again even if today's digest went out")
  .action(async (opts: { practice?: string; date?: string; dryRun?: boolean; force?: boolean }) => {
    const { runDigestCli } = await import("./commands/digest-cli.ts");
    process.exitCode = await runDigestCli(loadConfig(), opts);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof ConfigError) {
    console.error(error.message);
    console.error(
      "Fix these variables (in the environment or a .env file) and try again; `referral-nudge doctor` explains each.",
    );
    process.exitCode = 2;
  } else {
    const logger = createLogger("error");
    logger.error({ err: error }, error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
