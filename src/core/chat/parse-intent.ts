// Text → Intent. Temporary minimal parser; replaced by src/core/commands when it lands.
import type { MemberRole, TouchKind } from "../model.ts";
import type { Intent, NameSplit } from "./intent.ts";

const TOUCH_VERBS: Record<string, TouchKind> = {
  thanked: "thank_you",
  called: "call",
  met: "meeting",
  visited: "liaison_visit",
  sentback: "returned_referral",
  returned: "returned_referral",
  asked: "feedback_request",
};

function splitsOf(text: string): NameSplit[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const out: NameSplit[] = [];
  for (let n = Math.min(words.length, 5); n >= 1; n--) out.push({ name: words.slice(0, n).join(" "), note: words.slice(n).join(" ") });
  return out;
}

export function parseIntent(command: string, text: string): Intent {
  const verb = command.replace(/^\//, "").toLowerCase();
  const rest = text.trim();
  if (verb === "referrals") {
    const [sub = "help", ...more] = rest.split(/\s+/);
    return parseIntent(sub, more.join(" "));
  }
  const kind = TOUCH_VERBS[verb];
  if (kind) return { t: "touch", kind, splits: splitsOf(rest) };
  switch (verb) {
    case "feedback":
      return { t: "feedback", splits: splitsOf(rest) };
    case "referral":
      return { t: "referral", splits: splitsOf(rest) };
    case "referrer":
      return { t: "profile", name: rest };
    case "nudges":
      return { t: "nudges", all: rest === "all" };
    case "home":
      return { t: "home" };
    case "digest":
      return { t: "digest_here" };
    case "settings": {
      const [key, ...value] = rest.split(/\s+/);
      return { t: "settings", ...(key ? { key } : {}), ...(value.length ? { value: value.join(" ") } : {}) };
    }
    case "role": {
      const m = /<@([A-Z0-9]+)(?:\|([^>]+))?>\s+(\w+)/.exec(rest);
      return m
        ? { t: "role", userId: m[1]!, ...(m[2] ? { userName: m[2] } : {}), role: m[3] as MemberRole }
        : { t: "error", error: "Whose role?", usage: "/referrals role @ana physician" };
    }
    case "help":
    case "":
      return { t: "help", ...(rest ? { topic: rest } : {}) };
    default:
      return { t: "error", error: `I don't know "${verb.slice(0, 30)}".`, usage: "/referrals help" };
  }
}
