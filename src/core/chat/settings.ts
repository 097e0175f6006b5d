// "/referrals settings" and "/referrals role": practice settings and member roles, from chat.
import { z } from "zod/v4";
import type { ChatContext } from "../chat-api.ts";
import { setMemberRole } from "../members/set-member-role.ts";
import {
  type Actor,
  MEMBER_ROLES,
  type MemberRole,
  type Practice,
  REASON_DISPLAYS,
  type ReasonDisplay,
} from "../model.ts";
import { errorReply, type Reply } from "../reply.ts";
import { isValidTimeZone } from "../time/local-date.ts";
import type { CoreDeps } from "./deps.ts";
import { isAdmin, refuseUnlessAdmin } from "./permissions.ts";

const DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** Each setting: how to read it from text, and how to write it to the practice. */
const SETTINGS: Record<
  string,
  { usage: string; parse(v: string): Parameters<CoreDeps["repos"]["practices"]["updateSettings"]>[1] | string }
> = {
  time: {
    usage: "time 07:30",
    parse: (v) =>
      /^([01]?\d|2[0-3]):[0-5]\d$/.test(v) ? { digestTime: v.padStart(5, "0") } : "Give the time as HH:MM, e.g. 07:30",
  },
  timezone: {
    usage: "timezone America/Chicago",
    parse: (v) => (isValidTimeZone(v) ? { timeZone: v } : `"${v}" is not a time zone; use one like America/New_York`),
  },
  days: {
    usage: "days mon-fri  or  days mon,wed,fri",
    parse: (v) => {
      const days = parseDays(v);
      return days ? { digestWeekdays: days } : "Give days like mon-fri or mon,wed,fri";
    },
  },
  top: {
    usage: "top 5",
    parse: (v) => {
      const n = z.coerce.number().int().min(1).max(15).safeParse(v);
      return n.success ? { settings: { digestTopN: n.data } } : "Give a number of nudges from 1 to 15";
    },
  },
  cutoff: {
    usage: "cutoff 12:00",
    parse: (v) =>
      /^([01]?\d|2[0-3]):[0-5]\d$/.test(v) ? { missedDigestCutoff: v.padStart(5, "0") } : "Give the time as HH:MM",
  },
  skipempty: {
    usage: "skipempty on",
    parse: (v) =>
      /^(on|off|yes|no|true|false)$/i.test(v) ? { skipEmptyDigest: /^(on|yes|true)$/i.test(v) } : "Say on or off",
  },
  meetdays: {
    usage: "meetdays 180",
    parse: (v) => intSetting(v, 14, 730, (n) => ({ settings: { meetIntervalDays: n } })),
  },
  feedbackdays: {
    usage: "feedbackdays 90",
    parse: (v) => intSetting(v, 14, 730, (n) => ({ settings: { feedbackIntervalDays: n } })),
  },
  reasons: {
    usage: "reasons category  (cleaned, category or none)",
    parse: (v) =>
      REASON_DISPLAYS.find((d) => d === v.toLowerCase()) !== undefined
        ? { reasonDisplay: v.toLowerCase() as ReasonDisplay }
        : "Say cleaned (the reason's text without patient details), category (knee, cardiac …) or none",
  },
  quietdays: {
    usage: "quietdays 30",
    parse: (v) => intSetting(v, 7, 365, (n) => ({ settings: { quietMinDays: n } })),
  },
};

function intSetting<T>(v: string, min: number, max: number, make: (n: number) => T): T | string {
  const n = z.coerce.number().int().min(min).max(max).safeParse(v);
  return n.success ? make(n.data) : `Give a whole number of days from ${min} to ${max}`;
}

export function parseDays(text: string): number[] | null {
  const t = text.toLowerCase().replace(/\s+/g, "");
  if (t === "weekdays") return [1, 2, 3, 4, 5];
  if (t === "daily" || t === "everyday") return [1, 2, 3, 4, 5, 6, 7];
  const days = new Set<number>();
  for (const part of t.split(",")) {
    const [a, b] = part.split("-");
    const from = DAY_NAMES.indexOf((a ?? "").slice(0, 3)) + 1;
    const to = b === undefined ? from : DAY_NAMES.indexOf(b.slice(0, 3)) + 1;
    if (from < 1 || to < 1) return null;
    for (let d = from; ; d = (d % 7) + 1) {
      days.add(d);
      if (d === to) break;
    }
  }
  return days.size ? [...days].sort() : null;
}

function describe(p: Practice): string {
  const days = p.digestWeekdays.map((d) => DAY_NAMES[d - 1]).join(", ");
  return [
    `• Digest: ${p.digestTime} (${p.timeZone}) on ${days}; missed digests are sent until ${p.missedDigestCutoff}`,
    `• Nudges shown: top ${p.settings.digestTopN}; empty days ${p.skipEmptyDigest ? "skipped" : "still posted"}`,
    `• Meet top referrers every ${p.settings.meetIntervalDays} days; ask for feedback every ${p.settings.feedbackIntervalDays} days`,
    `• Going quiet after at least ${p.settings.quietMinDays} days and ${p.settings.quietGapFactor}× their usual gap`,
  ].join("\n");
}

/** The settings form's fields, as the form shows them: one per setting, prefilled. */
function currentValues(p: Practice): Record<string, string> {
  return {
    time: p.digestTime,
    timezone: p.timeZone,
    days: p.digestWeekdays.map((d) => DAY_NAMES[d - 1]).join(","),
    top: String(p.settings.digestTopN),
    cutoff: p.missedDigestCutoff,
    skipempty: p.skipEmptyDigest ? "on" : "off",
    meetdays: String(p.settings.meetIntervalDays),
    feedbackdays: String(p.settings.feedbackIntervalDays),
    quietdays: String(p.settings.quietMinDays),
  };
}

/** Saves a submitted settings form: every changed field checked, the first problem named by its field. */
export async function saveSettingsForm(deps: CoreDeps, actor: Actor, values: Record<string, unknown>): Promise<Reply> {
  const refused = await refuseUnlessAdmin(deps.repos, actor, "settings");
  if (refused) return refused;
  const practice = await deps.repos.practices.findById(actor.practiceId);
  if (!practice) return errorReply("This workspace has no practice yet.");
  const current = currentValues(practice);
  let patch: Parameters<CoreDeps["repos"]["practices"]["updateSettings"]>[1] = {};
  for (const [key, setting] of Object.entries(SETTINGS)) {
    const raw = values[key];
    if (typeof raw !== "string" || raw.trim() === "" || raw.trim() === current[key]) continue;
    const parsed = setting.parse(raw.trim());
    if (typeof parsed === "string") return errorReply(`${key}: ${parsed}`, `e.g. ${setting.usage}`);
    patch = { ...patch, ...parsed, settings: { ...patch.settings, ...parsed.settings } };
  }
  if (Object.keys(patch).length === 0) {
    return { ephemeral: true, tone: "info", headline: "Nothing changed", sections: [{ text: describe(practice) }] };
  }
  const updated = await deps.repos.practices.updateSettings(practice.id, patch);
  await deps.repos.audit.record(actor, {
    action: "practice.settings",
    entity: "practice",
    entityId: practice.id,
    oldValue: current,
    newValue: patch,
  });
  deps.onSettingsChanged?.(practice.id);
  return { ephemeral: true, tone: "success", headline: "✓ Settings saved", sections: [{ text: describe(updated) }] };
}

export async function settingsReply(deps: CoreDeps, actor: Actor, key?: string, value?: string): Promise<Reply> {
  const practice = await deps.repos.practices.findById(actor.practiceId);
  if (!practice) return errorReply("This workspace has no practice yet.");
  if (!key && !isAdmin(actor)) {
    // Everyone may read the settings; only admins get the form that changes them.
    return {
      ephemeral: true,
      tone: "info",
      headline: `Settings for ${practice.name}`,
      sections: [{ text: describe(practice) }, { context: "Only practice admins can change these." }],
    };
  }
  if (!key) {
    // The form shows every setting prefilled; typed settings ("settings time 07:30") still work too.
    return {
      ephemeral: true,
      tone: "info",
      headline: `Settings for ${practice.name}`,
      sections: [{ text: describe(practice) }],
      form: { kind: "settings", title: "Digest settings", metadata: "{}", initial: currentValues(practice) },
    };
  }
  const refused = await refuseUnlessAdmin(deps.repos, actor, "settings");
  if (refused) return refused;
  // Own keys only: "__proto__" or "constructor" must be an unknown setting, not the object's prototype.
  const name = key.toLowerCase();
  const setting = Object.hasOwn(SETTINGS, name) ? SETTINGS[name] : undefined;
  if (!setting) {
    const every = Object.values(SETTINGS)
      .map((s) => `/referrals settings ${s.usage}`)
      .join("\n");
    return errorReply(`There is no setting called "${key.slice(0, 40)}".`, every);
  }
  if (!value) return errorReply(`Give a value for ${key}.`, `/referrals settings ${setting.usage}`);
  const patch = setting.parse(value.trim());
  if (typeof patch === "string") return errorReply(patch, `/referrals settings ${setting.usage}`);
  const updated = await deps.repos.practices.updateSettings(practice.id, patch);
  await deps.repos.audit.record(actor, {
    action: "practice.settings",
    entity: "practice",
    entityId: practice.id,
    oldValue: practice,
    newValue: patch,
  });
  deps.onSettingsChanged?.(practice.id);
  return { ephemeral: true, tone: "success", headline: "✓ Settings saved", sections: [{ text: describe(updated) }] };
}

export async function roleReply(
  deps: CoreDeps,
  ctx: ChatContext,
  actor: Actor,
  userId: string,
  userName: string | undefined,
  role: MemberRole,
): Promise<Reply> {
  if (!MEMBER_ROLES.includes(role))
    return errorReply("Roles are physician, liaison, coordinator or manager.", "/referrals role @ana physician");
  const member = await deps.repos.members.upsert({
    practiceId: actor.practiceId,
    platform: ctx.platform,
    externalUserId: userId,
    displayName: userName ?? userId,
    workspaceExternalId: ctx.workspaceId,
    mentioned: true,
  });
  const { member: updated } = await setMemberRole(deps.repos, actor, member, role);
  const note = role === "physician" ? " They'll get their own nudges as a direct message each morning." : "";
  return {
    ephemeral: false,
    tone: "success",
    headline: `✓ ${updated.displayName} is now a ${role}.${note}`,
    sections: [],
  };
}
