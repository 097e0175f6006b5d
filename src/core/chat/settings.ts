// "/referrals settings" and "/referrals role": practice settings and member roles, from chat.
import { z } from "zod/v4";
import { cardWeekdayOf, cardWriterOf, thankTopUnthankedOf } from "../cards/card-settings.ts";
import type { ChatContext } from "../chat-api.ts";
import { MAX_GIFT_CENTS } from "../commands/command-schema.ts";
import type { FormField } from "../forms/form-definition.ts";
import { giftLimitFor } from "../gifts/gift-limit.ts";
import { calendarYearOf } from "../gifts/gift-year.ts";
import { centsOf, formatCents } from "../gifts/money.ts";
import { setMemberRole } from "../members/set-member-role.ts";
import {
  type Actor,
  type CallAfterReport,
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
const DAY_LABELS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export type SettingsPatch = Parameters<CoreDeps["repos"]["practices"]["updateSettings"]>[1];

/**
 * One practice setting: how it reads as text (typed in one line, `settings top 5`), how it is
 * written to the practice, and the field the settings form shows for it. The settings form is built
 * from this table (core/forms/settings.ts), so a setting, its limits and its field cannot drift apart.
 */
export interface Setting {
  usage: string;
  /** The form's field for it (its name is the setting's; every setting is optional: empty keeps it). */
  field: Omit<FormField, "name" | "required">;
  /** The setting's text ("07:30", "mon,wed", "7", "true") as a change, or what is wrong with it. */
  parse(v: string): SettingsPatch | string;
}

const HH_MM = /^([01]?\d|2[0-3]):[0-5]\d$/;

function timeSetting(label: string, usage: string, make: (hhmm: string) => SettingsPatch): Setting {
  return {
    usage,
    field: { kind: "time", label, hint: "Local time, HH:MM" },
    parse: (v) => (HH_MM.test(v) ? make(v.padStart(5, "0")) : "Give the time as HH:MM, e.g. 07:30"),
  };
}

/** A whole-number setting; its bounds are the form field's, so the form and `settings top 5` agree. */
function numberSetting(
  label: string,
  usage: string,
  bounds: { min: number; max: number; unit: string },
  make: (n: number) => SettingsPatch,
): Setting {
  return {
    usage,
    field: { kind: "number", label, min: bounds.min, max: bounds.max, hint: `${bounds.min} to ${bounds.max}` },
    parse: (v) => {
      const n = z.coerce.number().int().min(bounds.min).max(bounds.max).safeParse(v);
      return n.success ? make(n.data) : `Give a whole number of ${bounds.unit} from ${bounds.min} to ${bounds.max}`;
    },
  };
}

export const SETTINGS: Record<string, Setting> = {
  time: timeSetting("Digest time", "time 07:30", (t) => ({ digestTime: t })),
  timezone: {
    usage: "timezone America/Chicago",
    field: { kind: "text", label: "Time zone", placeholder: "America/New_York", maxLength: 64 },
    parse: (v) => (isValidTimeZone(v) ? { timeZone: v } : `"${v}" is not a time zone; use one like America/New_York`),
  },
  days: {
    usage: "days mon-fri  or  days mon,wed,fri",
    field: {
      kind: "multi_choice",
      label: "Days",
      options: DAY_NAMES.map((value, i) => ({ value, label: DAY_LABELS[i]! })),
    },
    parse: (v) => {
      const days = parseDays(v);
      return days ? { digestWeekdays: days } : "Give days like mon-fri or mon,wed,fri";
    },
  },
  top: numberSetting("Nudges per person a day", "top 5", { min: 1, max: 15, unit: "nudges" }, (n) => ({
    settings: { digestTopN: n },
  })),
  cutoff: timeSetting("Send a missed digest until", "cutoff 12:00", (t) => ({ missedDigestCutoff: t })),
  skipempty: {
    usage: "skipempty on",
    field: { kind: "toggle", label: "Skip days with nothing new" },
    parse: (v) =>
      /^(on|off|yes|no|true|false)$/i.test(v) ? { skipEmptyDigest: /^(on|yes|true)$/i.test(v) } : "Say on or off",
  },
  meetdays: numberSetting(
    "Meet top referrers every (days)",
    "meetdays 180",
    { min: 14, max: 730, unit: "days" },
    (n) => ({
      settings: { meetIntervalDays: n },
    }),
  ),
  feedbackdays: numberSetting(
    "Ask for feedback every (days)",
    "feedbackdays 90",
    { min: 14, max: 730, unit: "days" },
    (n) => ({ settings: { feedbackIntervalDays: n } }),
  ),
  reasons: {
    usage: "reasons category  (cleaned, category or none)",
    field: {
      kind: "choice",
      label: "Referral reasons in chat",
      options: [
        { value: "cleaned", label: "Cleaned text" },
        { value: "category", label: "Category only" },
        { value: "none", label: "Not shown" },
      ],
    },
    parse: (v) =>
      REASON_DISPLAYS.find((d) => d === v.toLowerCase()) !== undefined
        ? { reasonDisplay: v.toLowerCase() as ReasonDisplay }
        : "Say cleaned (the reason's text without patient details), category (knee, cardiac …) or none",
  },
  unscheduleddays: numberSetting(
    "Nudge about unscheduled referrals after (business days)",
    "unscheduleddays 3",
    { min: 1, max: 30, unit: "business days" },
    (n) => ({ settings: { notScheduledBusinessDays: n } }),
  ),
  callafterreport: {
    usage: "callafterreport top  (top, all or none)",
    field: {
      kind: "choice",
      label: "After the report went out in writing, still call",
      options: [
        { value: "top", label: "Top referrers and first referrals" },
        { value: "all", label: "Every referrer" },
        { value: "none", label: "Nobody" },
      ],
    },
    parse: (v) => {
      const choice = { top: "top_and_first", top_and_first: "top_and_first", all: "all", none: "none" }[
        v.toLowerCase()
      ] as CallAfterReport | undefined;
      return choice
        ? { settings: { callAfterReport: choice } }
        : "Say top (top referrers and first referrals), all or none";
    },
  },
  quietdays: numberSetting(
    "Going quiet after at least (days)",
    "quietdays 30",
    { min: 7, max: 365, unit: "days" },
    (n) => ({
      settings: { quietMinDays: n },
    }),
  ),
  cardday: {
    usage: "cardday fri",
    field: {
      kind: "choice",
      label: "Thank-you cards on",
      options: DAY_NAMES.map((value, i) => ({ value, label: DAY_LABELS[i]! })),
    },
    parse: (v) => {
      const day = DAY_NAMES.indexOf(v.trim().toLowerCase().slice(0, 3)) + 1;
      return day >= 1 ? { settings: { cardWeekday: day } } : "Give a day like fri or monday";
    },
  },
  cardwriter: {
    usage: "cardwriter physician  (physician, liaison, coordinator or manager)",
    field: {
      kind: "choice",
      label: "Who writes the cards",
      options: MEMBER_ROLES.map((role) => ({ value: role, label: role.charAt(0).toUpperCase() + role.slice(1) })),
    },
    parse: (v) => {
      const role = MEMBER_ROLES.find((r) => r === v.trim().toLowerCase());
      return role ? { cardWriterRole: role } : "Say physician, liaison, coordinator or manager";
    },
  },
  thanktop: numberSetting(
    "Thank a top referrer before card day after (referrals)",
    "thanktop 5",
    { min: 2, max: 50, unit: "referrals" },
    (n) => ({ settings: { thankTopUnthanked: n } }),
  ),
  giftlimit: {
    usage: "giftlimit 500  (dollars a physician a year, or cms for the figure CMS publishes)",
    field: {
      kind: "text",
      label: "Gifts and meals, yearly limit per physician ($)",
      placeholder: "cms",
      hint: "Dollars, or cms for the figure CMS publishes each year (Stark law, 42 CFR 411.357(k))",
      maxLength: 20,
    },
    parse: (v) => {
      if (/^(cms|default)$/i.test(v.trim())) return { giftLimitCents: null };
      const cents = centsOf(v);
      return cents !== null && cents >= 100 && cents <= MAX_GIFT_CENTS
        ? { giftLimitCents: cents }
        : "Give the yearly limit in dollars, e.g. 500, or cms for the figure CMS publishes";
    },
  },
};

/** 53500 → "535", 50050 → "500.50": the limit as the setting is typed. */
function dollarsText(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

const CALL_AFTER_REPORT_TEXT: Record<CallAfterReport, string> = {
  top_and_first: "top referrers and first referrals",
  all: "every referrer",
  none: "nobody",
};

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

/** The practice's settings in words; `now` picks the calendar year whose gift limit applies. */
export function describe(p: Practice, now: Date): string {
  const year = calendarYearOf(now, p.timeZone);
  const limit = giftLimitFor(p, year);
  const days = p.digestWeekdays.map((d) => DAY_NAMES[d - 1]).join(", ");
  return [
    `• Digest: ${p.digestTime} (${p.timeZone}) on ${days}; missed digests are sent until ${p.missedDigestCutoff}`,
    `• Nudges shown: top ${p.settings.digestTopN}; empty days ${p.skipEmptyDigest ? "skipped" : "still posted"}`,
    `• Meet top referrers every ${p.settings.meetIntervalDays} days; ask for feedback every ${p.settings.feedbackIntervalDays} days`,
    `• Thank-you cards on ${DAY_LABELS[cardWeekdayOf(p.settings) - 1]}, written by the ${cardWriterOf(p)}; before then only a top referrer with ${thankTopUnthankedOf(p.settings)} or more referrals not yet thanked gets a thank nudge`,
    `• Going quiet after at least ${p.settings.quietMinDays} days and ${p.settings.quietGapFactor}× their usual gap`,
    `• Referrals not scheduled after ${p.settings.notScheduledBusinessDays} business days are flagged; after a report in writing, still call ${CALL_AFTER_REPORT_TEXT[p.settings.callAfterReport]}`,
    `• Gifts and meals: at most ${formatCents(limit.cents)} a physician in ${year} (${limit.source === "practice" ? "the practice's own limit" : `CMS's figure for ${limit.cmsYear}`})`,
  ].join("\n");
}

/** The settings form's values, as the form shows them: one per setting, prefilled (see ReplyForm.initial). */
export function currentValues(p: Practice): Record<string, string> {
  return {
    time: p.digestTime,
    timezone: p.timeZone,
    days: p.digestWeekdays.map((d) => DAY_NAMES[d - 1]).join(","),
    top: String(p.settings.digestTopN),
    cutoff: p.missedDigestCutoff,
    skipempty: p.skipEmptyDigest ? "true" : "false",
    meetdays: String(p.settings.meetIntervalDays),
    feedbackdays: String(p.settings.feedbackIntervalDays),
    reasons: p.reasonDisplay ?? "cleaned",
    quietdays: String(p.settings.quietMinDays),
    unscheduleddays: String(p.settings.notScheduledBusinessDays),
    callafterreport: p.settings.callAfterReport === "top_and_first" ? "top" : p.settings.callAfterReport,
    cardday: DAY_NAMES[cardWeekdayOf(p.settings) - 1]!,
    cardwriter: cardWriterOf(p),
    thanktop: String(thankTopUnthankedOf(p.settings)),
    giftlimit: p.giftLimitCents === undefined ? "cms" : dollarsText(p.giftLimitCents),
  };
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
      sections: [{ text: describe(practice, deps.clock.now()) }, { context: "Only practice admins can change these." }],
    };
  }
  if (!key) {
    // The form shows every setting prefilled; typed settings ("settings time 07:30") still work too.
    return {
      ephemeral: true,
      tone: "info",
      headline: `Settings for ${practice.name}`,
      sections: [{ text: describe(practice, deps.clock.now()) }],
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
  return saveSettings(deps, actor, practice, patch);
}

/** Writes a checked change to the practice's settings, audited (the settings before, as text), and says so. */
export async function saveSettings(
  deps: CoreDeps,
  actor: Actor,
  practice: Practice,
  patch: SettingsPatch,
): Promise<Reply> {
  const updated = await deps.repos.practices.updateSettings(practice.id, patch);
  await deps.repos.audit.record(actor, {
    action: "practice.settings",
    entity: "practice",
    entityId: practice.id,
    oldValue: currentValues(practice),
    newValue: patch,
  });
  deps.onSettingsChanged?.(practice.id);
  return {
    ephemeral: true,
    tone: "success",
    headline: "✓ Settings saved",
    sections: [{ text: describe(updated, deps.clock.now()) }],
  };
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
