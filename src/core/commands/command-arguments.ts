// What follows each verb, read into a command draft. Drafts are checked against the zod schemas
// afterwards (parse-command.ts), so these functions decide meaning and leave limits to the schemas.

import { amountInText, formatCents } from "../gifts/money.ts";
import { MEMBER_ROLES, type MemberRole, type Sentiment } from "../model.ts";
import { isCredentialWord, isTitleWord } from "../referrers/name-words.ts";
import type { UserMention } from "./clean-text.ts";
import {
  type CommandName,
  commandNameFor,
  TOUCH_KIND_BY_COMMAND,
  type TouchCommandName,
  UMBRELLA_COMMAND,
} from "./command-names.ts";
import {
  type CommandParseError,
  MAX_GIFT_CENTS,
  MAX_NAME_LENGTH,
  type ParsedCommand,
  type UserRef,
} from "./command-schema.ts";
import { MAX_NAME_WORDS, type NameSplits, noteFrom, splitNameAndNote } from "./split-name-note.ts";
import { commandList, usageFor } from "./usage.ts";

export interface ArgumentsInput {
  name: CommandName;
  text: string;
  mentions: UserMention[];
  /** Typed after /referrals: usage lines then show that form. */
  umbrella: boolean;
}

type Draft = ParsedCommand | CommandParseError;

const ASK_FOR_NAME: Record<TouchCommandName | "gift" | "feedback" | "referral", string> = {
  thanked: "Who did you thank? Add the referrer's name.",
  called: "Who did you call? Add the referrer's name.",
  met: "Who did you meet? Add the referrer's name.",
  visited: "Whose office did you visit? Add the referrer's name.",
  sentback: "Which referrer did you send the patient back to? Add their name.",
  asked: "Who did you ask for feedback? Add the referrer's name.",
  gift: "Who was the gift or meal for? Add the referrer's name, what it was and the amount.",
  feedback: "Which referrer is the feedback about? Add their name.",
  referral: "Which referrer sent the referral? Add their name.",
};

const SENTIMENT_WORDS: Record<string, Sentiment> = {
  positive: "positive",
  "+": "positive",
  "👍": "positive",
  neutral: "neutral",
  negative: "negative",
  "-": "negative",
  "👎": "negative",
};

export function parseArguments(input: ArgumentsInput): Draft {
  const { name } = input;
  switch (name) {
    case "gift":
      return parseGift(input);
    case "feedback":
      return parseFeedback(input);
    case "referral":
      return withTarget(input, "referral", splitNameAndNote(input.text), (target) => ({ type: "referral", ...target }));
    case "referrer":
      return parseReferrer(input);
    case "brief":
      return input.text.trim() === ""
        ? failure("brief", "Whose brief? Add the referrer's name.", input.umbrella)
        : { type: "brief", name: input.text.trim() };
    case "nudges":
      return parseNudges(input);
    case "help":
      return parseHelp(input);
    case "digest":
      return parseDigest(input);
    case "settings":
      return { type: "settings" };
    case "team":
      return { type: "team" };
    case "needs":
      return { type: "needs", specialty: input.text.trim() };
    case "overview":
      return { type: "overview" };
    case "role":
      return parseRole(input);
    default:
      return withTarget(input, name, splitNameAndNote(input.text), (target) => ({
        type: "touch",
        command: name,
        kind: TOUCH_KIND_BY_COMMAND[name],
        ...target,
      }));
  }
}

export function failure(name: CommandName, error: string, umbrella = false): CommandParseError {
  return { error, usage: usageFor(name, { umbrella }) };
}

type Target = Pick<Extract<ParsedCommand, { type: "touch" }>, "splits" | "explicit" | "doneBy">;

function withTarget(
  input: ArgumentsInput,
  askFor: keyof typeof ASK_FOR_NAME,
  found: NameSplits,
  build: (target: Target) => ParsedCommand,
): Draft {
  const { name, text, mentions, umbrella } = input;
  if (mentions.length > 1) return failure(name, "Mention one person at most: the one who did it.", umbrella);
  if (text === "" || found.splits.length === 0) return failure(name, ASK_FOR_NAME[askFor], umbrella);
  const mention = mentions[0];
  // A long word glued to the name only rules out the cuts that include it; the schema reports a name that is all of it.
  const fitting = found.splits.filter((split) => split.name.length <= MAX_NAME_LENGTH);
  const splits = fitting.length > 0 ? fitting : found.splits;
  return build({ splits, explicit: found.explicit, doneBy: mention ? userRef(mention) : null });
}

/** "Dr. Lee lunch for the office $85": the amount is taken out first, then the rest splits into name and what. */
function parseGift(input: ArgumentsInput): Draft {
  const { text, mentions, umbrella } = input;
  // Whoever logs a gift gave it: the limit is about what the practice gives, and who did is on record.
  if (mentions.length > 0)
    return failure("gift", "Log your own gifts: whoever types /gift is recorded as the giver.", umbrella);
  if (text === "") return failure("gift", ASK_FOR_NAME.gift, umbrella);
  const amount = amountInText(text);
  if (amount.kind === "several") {
    return failure(
      "gift",
      `Give one amount, not ${amount.amounts.map((a) => `"${shorten(a, 20)}"`).join(" and ")}.`,
      umbrella,
    );
  }
  if (amount.kind === "none") {
    return failure("gift", "How much was it? Add the amount in dollars at the end, e.g. $85.", umbrella);
  }
  if (amount.cents === 0) return failure("gift", "A gift of $0 needs no record: give the amount it cost.", umbrella);
  if (amount.cents > MAX_GIFT_CENTS) {
    return failure("gift", `${formatCents(amount.cents)} is more than any gift can be: check the amount.`, umbrella);
  }
  return withTarget({ ...input, text: amount.rest }, "gift", splitNameAndNote(amount.rest), (target) => ({
    type: "gift",
    amountCents: amount.cents,
    splits: target.splits,
    explicit: target.explicit,
  }));
}

/** "Dr. Lee positive: great", "Dr. Lee - slow reports", "Dr. Lee: negative, slow", or "Dr. Lee" for the form. */
function parseFeedback(input: ArgumentsInput): Draft {
  const resolved = splitAtResolved(input.text);
  if (resolved) {
    return withTarget(input, "feedback", resolved, (target) => ({
      type: "feedback",
      sentiment: null,
      resolves: true,
      ...target,
    }));
  }
  const byWord = splitAtSentiment(input.text);
  const found = byWord?.found ?? splitNameAndNote(input.text);
  let sentiment = byWord?.sentiment ?? null;
  if (byWord === null && found.explicit && found.splits[0]?.note) {
    const [first = "", ...rest] = found.splits[0].note.split(" ");
    const leading = sentimentOf(first);
    if (leading) {
      sentiment = leading;
      found.splits[0] = { name: found.splits[0].name, note: noteFrom(rest.join(" ")) };
    }
  }
  return withTarget(input, "feedback", found, (target) => ({ type: "feedback", sentiment, ...target }));
}

const RESOLVED_WORD = /^resolved[:,;.—–-]*$/i;

/**
 * "Dr. Lee resolved: called her back" (or "Dr. Lee: resolved, called her back"): the word "resolved"
 * right after the name says the text is how their complaint was resolved, not new feedback.
 */
function splitAtResolved(text: string): NameSplits | null {
  if (/^["“”„«]/.test(text)) {
    const quoted = splitNameAndNote(text).splits[0];
    const [first = "", ...rest] = (quoted?.note ?? "").split(" ");
    return quoted && RESOLVED_WORD.test(first)
      ? { explicit: true, splits: [{ name: quoted.name, note: noteFrom(rest.join(" ")) }] }
      : null;
  }
  const words = text.split(" ");
  let at = 0;
  while (at < words.length && isTitleWord(words[at]!)) at++;
  for (let count = 0; at < words.length && count <= MAX_NAME_WORDS; at++) {
    const word = words[at]!;
    if (count > 0 && RESOLVED_WORD.test(word.replace(/^[:,;—–-]+/, ""))) {
      const name = words
        .slice(0, at)
        .join(" ")
        .replace(/[\s,;:—–-]+$/, "");
      return { explicit: true, splits: [{ name, note: noteFrom(words.slice(at + 1).join(" ")) }] };
    }
    if (/^[—–-]$/.test(word)) continue;
    // "Dr. Lee negative: resolved nothing" is negative feedback, and a colon ends the name.
    if (count > 0 && sentimentOf(word)) return null;
    if (word.endsWith(":") && !RESOLVED_WORD.test(words[at + 1] ?? "")) return null;
    if (!isCredentialWord(word)) count++;
  }
  return null;
}

/** A sentiment word right after the name marks where the name ends; "-" counts, so it means negative here. */
function splitAtSentiment(text: string): { found: NameSplits; sentiment: Sentiment } | null {
  if (/^["“”„«]/.test(text)) return null;
  const words = text.split(" ");
  let at = 0;
  while (at < words.length && isTitleWord(words[at]!)) at++;
  for (let count = 0; at < words.length && count <= MAX_NAME_WORDS; at++) {
    const word = words[at]!;
    const sentiment = count > 0 ? sentimentOf(word) : null;
    if (sentiment) {
      const name = words
        .slice(0, at)
        .join(" ")
        .replace(/[,;:]+$/, "");
      return {
        found: { explicit: true, splits: [{ name, note: noteFrom(words.slice(at + 1).join(" ")) }] },
        sentiment,
      };
    }
    if (/[,;:—–]$/.test(word) || word === "—" || word === "–") return null;
    if (!isCredentialWord(word)) count++;
  }
  return null;
}

function sentimentOf(word: string): Sentiment | null {
  const key = word.toLowerCase().replace(/(?<=.)[:,]$/, "");
  return Object.hasOwn(SENTIMENT_WORDS, key) ? SENTIMENT_WORDS[key]! : null;
}

function parseReferrer({ text, umbrella }: ArgumentsInput): Draft {
  const [first = "", ...rest] = text.split(" ");
  if (/^(?:add|new)$/i.test(first)) return parseReferrerAdd(rest.join(" "));
  const archiving = /^(?:archive|restore|unarchive)$/i.test(first) ? first.toLowerCase() : null;
  if (archiving) {
    const name = rest.join(" ").trim();
    if (name === "") return failure("referrer", `Which referrer should I ${archiving}? Add their name.`, umbrella);
    return { type: "referrer_archive", name, archive: archiving === "archive" };
  }
  if (text === "") return failure("referrer", "Which referrer? Add their name.", umbrella);
  return { type: "referrer", name: text };
}

/** "Dr Jane Smith, MD, Riverside Ortho, Orthopedics": credentials stay with the name. */
function parseReferrerAdd(text: string): Draft {
  const parts = text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  let nameParts = 1;
  while (nameParts < parts.length && parts[nameParts]!.split(" ").every(isCredentialWord)) nameParts++;
  const name = parts.slice(0, nameParts).join(", ");
  const [clinic, ...specialty] = parts.slice(nameParts);
  return {
    type: "referrer_add",
    name: name || null,
    clinic: clinic ?? null,
    specialty: specialty.length > 0 ? specialty.join(", ") : null,
  };
}

function parseNudges({ text, umbrella }: ArgumentsInput): Draft {
  const word = text.toLowerCase();
  if (word === "") return { type: "nudges", scope: "default" };
  if (["mine", "me", "my"].includes(word)) return { type: "nudges", scope: "mine" };
  if (["all", "everyone", "team"].includes(word)) return { type: "nudges", scope: "all" };
  return failure("nudges", `"${shorten(text)}" is not a nudge list: use mine or all, or nothing.`, umbrella);
}

function parseHelp({ text, umbrella }: ArgumentsInput): Draft {
  const words = text.split(" ").filter((w) => w !== "");
  const topicWord = commandNameFor(words[0] ?? "") === UMBRELLA_COMMAND ? words[1] : words[0];
  if (topicWord === undefined) return { type: "help", topic: null };
  const topic = commandNameFor(topicWord);
  if (topic === null || topic === UMBRELLA_COMMAND) {
    return {
      error: `There is no command called "${shorten(topicWord)}". The commands are: ${commandList()}.`,
      usage: usageFor("help", { umbrella }),
    };
  }
  return { type: "help", topic };
}

function parseDigest({ text, umbrella }: ArgumentsInput): Draft {
  const action = text.toLowerCase();
  if (action === "here" || action === "now") return { type: "digest", action };
  const problem = text === "" ? "Say where or when:" : `"${shorten(text)}" is not a digest option:`;
  return failure(
    "digest",
    `${problem} "digest here" sends the daily digest to this conversation, "digest now" posts it now.`,
    umbrella,
  );
}

function parseRole({ text, mentions, umbrella }: ArgumentsInput): Draft {
  const words = text.split(" ").filter((w) => w !== "");
  const roleWords = words.filter((w) => isRole(w.toLowerCase()));
  const typedHandles = words.filter((w) => /^@[\p{L}\p{N}._-]+$/u.test(w));
  const users = [...mentions.map(userRef), ...typedHandles.map((w): UserRef => ({ userId: null, name: w.slice(1) }))];
  const roles = MEMBER_ROLES.join(", ");
  if (users.length === 0)
    return failure("role", `Mention the person whose role to set, then one of: ${roles}.`, umbrella);
  if (users.length > 1) return failure("role", "Set one person's role at a time.", umbrella);
  if (roleWords.length !== 1) return failure("role", `Give exactly one role: ${roles}.`, umbrella);
  return { type: "role", user: users[0]!, role: roleWords[0]!.toLowerCase() as MemberRole };
}

function isRole(word: string): word is MemberRole {
  return (MEMBER_ROLES as readonly string[]).includes(word);
}

function userRef(mention: UserMention): UserRef {
  return { userId: mention.userId, name: mention.name };
}

/** Echo a bit of what was typed in an error, never a wall of it. */
export function shorten(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
