// The one place that reads process.env. Parsed with zod once at start; one error lists every problem.
import { z } from "zod/v4";
import { parseKey } from "./encryption-key.ts";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

export const ZConfig = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .trim()
    .default("file:./data/referral-nudge.db")
    .refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), {
      message: 'must start with "file:" (SQLite) or "postgresql://" (PostgreSQL)',
    }),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Digest scheduling on this instance; turn off on instances that only answer chat. */
  SCHEDULER: z.enum(["on", "off"]).default("on"),
  /** A name for this instance in digest claims (defaults to host and pid). */
  INSTANCE_ID: optionalString,
  /** Turns on GET /metrics (Prometheus), which then asks for `Authorization: Bearer <this>`; off when unset. */
  METRICS_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, {
    error: "must be at least 16 characters (it guards /metrics)",
  }),
  /** On SIGTERM/SIGINT: how long requests and a digest in flight may take to finish before the process ends. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** Turns on the HL7 v2 door over MLLP on this TCP port (on HOST); off when unset. MSH-4 chooses the practice. */
  HL7_MLLP_PORT: optionalString
    .transform((v) => (v === undefined ? undefined : Number(v)))
    .pipe(z.number({ error: "must be a port number" }).int().min(1).max(65535).optional()),
  /**
   * Where chat platforms reach this server from outside ("https://nudge.example.org"): chart images link
   * here, and it turns on signed, expiring download links (GET /files/…), which Teams needs for the
   * thank-you cards' PDF. Unset: Slack gets charts as uploads, Teams no chart pictures and no card PDF
   * (Playground mode uses the local address).
   */
  PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /**
   * Signs (and encrypts) chart links. Unset, each process makes a random one at start: links then work
   * until a restart and only on the instance that made them, so set it when several instances serve.
   */
  CHART_SIGNING_KEY: optionalString.refine((v) => v === undefined || v.length >= 32, {
    error: "must be at least 32 characters (make one with: openssl rand -base64 32)",
  }),
  /** How long a chart link stays valid. */
  CHART_LINK_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** Signs the download links; set the same value on every instance behind PUBLIC_URL (a random key per process otherwise). */
  FILE_LINK_KEY: optionalString.refine((v) => v === undefined || v.length >= 32, {
    error: "must be at least 32 characters (make one with: npx referral-nudge keys generate)",
  }),
  /** Show patient references in chat. Off by default, and it should stay off. */
  SHOW_PATIENT_REFS: z.enum(["true", "false"]).default("false"),

  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString,
  SLACK_API_URL: optionalString.pipe(z.url().optional()),
  /**
   * Seals Slack OAuth installations (their bot tokens) at rest with AES-256-GCM: 32 random bytes in base64
   * (`referral-nudge keys generate`). Required with Slack OAuth. ENCRYPTION_KEY_PREVIOUS (comma-separated)
   * still opens what older keys sealed, for `referral-nudge keys rotate`.
   */
  ENCRYPTION_KEY: optionalString.refine((v) => v === undefined || parseKey(v) !== null, {
    error: "must be 32 bytes in base64 (make one with: npx referral-nudge keys generate)",
  }),
  ENCRYPTION_KEY_PREVIOUS: optionalString.refine(
    (v) => v === undefined || v.split(",").every((k) => parseKey(k) !== null),
    { error: "must be keys of 32 bytes in base64, separated by commas" },
  ),

  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  MICROSOFT_APP_TYPE: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).optional(),
  /**
   * Teams without Microsoft sign-in, for the Agents Playground on this machine (`npm run playground`
   * sets it). Off unless asked for: the server then listens on loopback only and everyone is an admin.
   */
  TEAMS_LOCAL: z
    .enum(["1", "true", "0", "false", ""], { error: "use TEAMS_LOCAL=1 to turn local mode on, or leave it unset" })
    .optional()
    .transform((v) => v === "1" || v === "true"),
});

type RawEnv = Record<string, string | undefined>;

/**
 * Checks that span several variables. Run on the raw environment, not after parsing, so one
 * message can list these together with every single-variable problem.
 */
function crossFieldProblems(env: RawEnv): string[] {
  const c = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v?.trim() ? v.trim() : undefined])) as RawEnv;
  const problems: string[] = [];
  const slackOAuth = [c.SLACK_CLIENT_ID, c.SLACK_CLIENT_SECRET, c.SLACK_STATE_SECRET];
  if (slackOAuth.some(Boolean) && !slackOAuth.every(Boolean)) {
    problems.push(
      "SLACK_CLIENT_ID: Slack OAuth needs all three of SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET",
    );
  }
  if ((c.SLACK_BOT_TOKEN || slackOAuth.every(Boolean)) && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN) {
    problems.push(
      "SLACK_SIGNING_SECRET: is required with SLACK_BOT_TOKEN (find it under Basic Information → App Credentials)",
    );
  }
  if (c.SLACK_APP_TOKEN && !c.SLACK_APP_TOKEN.startsWith("xapp-")) {
    problems.push('SLACK_APP_TOKEN: must start with "xapp-" (an app-level token)');
  }
  if (c.SLACK_BOT_TOKEN && !c.SLACK_BOT_TOKEN.startsWith("xoxb-")) {
    problems.push('SLACK_BOT_TOKEN: must start with "xoxb-" (a bot token)');
  }
  if (slackOAuth.every(Boolean) && !c.ENCRYPTION_KEY) {
    problems.push(
      "ENCRYPTION_KEY: is required with Slack OAuth, to keep installation tokens encrypted at rest (make one with: npx referral-nudge keys generate)",
    );
  }
  const teams = [c.MICROSOFT_APP_ID, c.MICROSOFT_APP_PASSWORD];
  if (teams.some(Boolean) && !teams.every(Boolean)) {
    problems.push(
      "MICROSOFT_APP_PASSWORD: MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD go together (leave both empty to keep Teams off)",
    );
  }
  if (teams.every(Boolean) && (c.TEAMS_LOCAL === "1" || c.TEAMS_LOCAL === "true")) {
    problems.push(
      "TEAMS_LOCAL: local mode is Teams without Microsoft sign-in; unset it, or unset MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD",
    );
  }
  return problems;
}

export type Config = z.infer<typeof ZConfig>;

export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
  constructor(readonly problems: string[]) {
    super(`Configuration problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Parses the environment; throws ConfigError listing every bad or missing variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ZConfig.safeParse(env);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`)),
    ...crossFieldProblems(env),
  ];
  if (result.success && problems.length === 0) return result.data;
  throw new ConfigError(problems);
}

export type SlackMode = "off" | "single" | "oauth" | "socket";

export function slackMode(c: Config): SlackMode {
  if (c.SLACK_APP_TOKEN && (c.SLACK_BOT_TOKEN || c.SLACK_CLIENT_ID)) return "socket";
  if (c.SLACK_CLIENT_ID && c.SLACK_CLIENT_SECRET && c.SLACK_STATE_SECRET) return "oauth";
  if (c.SLACK_BOT_TOKEN && c.SLACK_SIGNING_SECRET) return "single";
  return "off";
}

export type TeamsMode = "authenticated" | "local" | "off";

/**
 * Teams is closed unless configured: with Microsoft credentials every request's token is checked;
 * local (Playground) mode, with no sign-in at all, runs only when TEAMS_LOCAL=1 asks for it.
 */
export function teamsMode(c: Config): TeamsMode {
  if (c.MICROSOFT_APP_ID && c.MICROSOFT_APP_PASSWORD) return "authenticated";
  return c.TEAMS_LOCAL ? "local" : "off";
}

/** The address to listen on: in Teams local mode only this machine may reach the bot, whatever HOST says. */
export function listenHost(c: Config): string {
  if (teamsMode(c) !== "local") return c.HOST;
  return isLoopbackHost(c.HOST) ? c.HOST : "127.0.0.1";
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
