// Text → Intent: the command parser's result, in the terms the use cases act on.
import { isCommandParseError, parseCommand } from "../commands/parse-command.ts";
import type { Intent, NameSplit } from "./intent.ts";

/** Subcommands the parser leaves to us: settings take "key value", and "home" has no text form. */
function ownSubcommand(verb: string, rest: string): Intent | null {
  if (verb === "home") return { t: "home" };
  // Plain `/feedback` opens the form, where the referrer is chosen.
  if (verb === "feedback" && rest.trim() === "") return { t: "feedback", splits: [] };
  if (verb === "settings") {
    const [key, ...value] = rest.trim().split(/\s+/).filter(Boolean);
    return { t: "settings", ...(key ? { key } : {}), ...(value.length ? { value: value.join(" ") } : {}) };
  }
  return null;
}

const splitsOf = (splits: Array<{ name: string; note: string | null }>): NameSplit[] =>
  splits.map((s) => ({ name: s.name, note: s.note ?? "" }));

export function parseIntent(command: string, text: string): Intent {
  const verb = command.trim().replace(/^\//, "").toLowerCase();
  const umbrella = verb === "referrals" ? /^\s*(\S+)\s*([\s\S]*)$/.exec(text) : null;
  const own = umbrella
    ? ownSubcommand(umbrella[1]!.toLowerCase().replace(/^\//, ""), umbrella[2] ?? "")
    : ownSubcommand(verb, text);
  if (own) return own;

  const parsed = parseCommand(command, text);
  if (isCommandParseError(parsed)) return { t: "error", error: parsed.error, usage: parsed.usage };
  switch (parsed.type) {
    case "touch":
      return {
        t: "touch",
        kind: parsed.kind,
        splits: splitsOf(parsed.splits),
        ...(parsed.doneBy
          ? {
              doneBy: {
                userId: parsed.doneBy.userId ?? `name:${parsed.doneBy.name}`,
                ...(parsed.doneBy.name ? { name: parsed.doneBy.name } : {}),
              },
            }
          : {}),
      };
    case "gift":
      return { t: "gift", amountCents: parsed.amountCents, splits: splitsOf(parsed.splits) };
    case "feedback":
      return {
        t: "feedback",
        splits: splitsOf(parsed.splits),
        ...(parsed.sentiment ? { sentiment: parsed.sentiment } : {}),
        ...(parsed.resolves ? { resolves: true as const } : {}),
      };
    case "referral":
      return { t: "referral", splits: splitsOf(parsed.splits) };
    case "referrer":
      return { t: "profile", name: parsed.name };
    case "brief":
      return { t: "brief", name: parsed.name };
    case "referrer_add":
      return parsed.name
        ? {
            t: "add_referrer",
            name: parsed.name,
            ...(parsed.clinic ? { clinic: parsed.clinic } : {}),
            ...(parsed.specialty ? { specialty: parsed.specialty } : {}),
          }
        : {
            t: "error",
            error: "Whom should I add?",
            usage: "/referrer add Dr. Jane Smith, Main St Clinic, Family Medicine",
          };
    case "referrer_archive":
      return { t: "archive_referrer", name: parsed.name, archive: parsed.archive };
    case "nudges":
      return { t: "nudges", all: parsed.scope === "all" };
    case "help":
      return { t: "help", ...(parsed.topic ? { topic: parsed.topic } : {}) };
    case "digest":
      return parsed.action === "here" ? { t: "digest_here" } : { t: "digest_now" };
    case "settings":
      return { t: "settings" };
    case "needs":
      return { t: "return_favor", specialty: parsed.specialty };
    case "overview":
      return { t: "overview" };
    case "team":
      return { t: "team" };
    case "role":
      // Who may change roles is checked before who is meant, so a non-admin is refused either way.
      return {
        t: "role",
        userId: parsed.user.userId,
        ...(parsed.user.name ? { userName: parsed.user.name } : {}),
        role: parsed.role,
      };
  }
}
