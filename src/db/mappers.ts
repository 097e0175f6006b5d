// Row → domain object. The only place that knows how settings and lists are stored.
import { DEFAULT_CARD_WEEKDAY, DEFAULT_CARD_WRITER, DEFAULT_THANK_TOP_UNTHANKED } from "../core/cards/card-settings.ts";
import {
  CALL_AFTER_REPORT,
  type Gift,
  MEMBER_ROLES,
  type Member,
  type Nudge,
  type Practice,
  REASON_DISPLAYS,
  type Referrer,
  type Touch,
} from "../core/model.ts";
import type * as Rows from "./generated/postgresql/client.ts";

export type PracticeRow = Rows.Practice;

export function toPractice(row: Rows.Practice): Practice {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    digestTime: row.digestTime,
    digestWeekdays: parseWeekdays(row.digestWeekdays),
    missedDigestCutoff: row.missedDigestCutoff,
    skipEmptyDigest: row.skipEmptyDigest,
    reasonDisplay: REASON_DISPLAYS.find((d) => d === row.reasonDisplay) ?? "cleaned",
    // Null columns are the defaults (nullable so SQLite could add them without copying the table).
    cardWriterRole: MEMBER_ROLES.find((r) => r === row.cardWriterRole) ?? DEFAULT_CARD_WRITER,
    // Null is CMS's figure, which depends on the year asked about (core/gifts/gift-limit.ts).
    ...(row.giftLimitCents !== null ? { giftLimitCents: row.giftLimitCents } : {}),
    settings: {
      digestTopN: row.digestTopN,
      closeLoopBusinessDays: row.closeLoopBusinessDays,
      meetTopFraction: row.meetTopFraction,
      meetIntervalDays: row.meetIntervalDays,
      feedbackIntervalDays: row.feedbackIntervalDays,
      quietGapFactor: row.quietGapFactor,
      quietMinDays: row.quietMinDays,
      openProblemDays: row.openProblemDays,
      notScheduledBusinessDays: row.notScheduledBusinessDays,
      callAfterReport: CALL_AFTER_REPORT.find((c) => c === row.callAfterReport) ?? "top_and_first",
      thankTopUnthanked: row.thankTopUnthanked ?? DEFAULT_THANK_TOP_UNTHANKED,
      cardWeekday: row.cardWeekday ?? DEFAULT_CARD_WEEKDAY,
    },
  };
}

export function parseWeekdays(text: string): number[] {
  return text
    .split(",")
    .map((d) => Number.parseInt(d, 10))
    .filter((d) => d >= 1 && d <= 7);
}

export function toReferrer(row: Rows.Referrer): Referrer {
  return {
    id: row.id,
    practiceId: row.practiceId,
    displayName: row.displayName,
    firstName: row.firstName,
    lastName: row.lastName,
    credentials: row.credentials,
    clinic: row.clinic,
    specialty: row.specialty,
    npi: row.npi,
    phone: row.phone,
    email: row.email,
    addressLine1: row.addressLine1,
    addressLine2: row.addressLine2,
    city: row.city,
    state: row.state,
    postalCode: row.postalCode,
    aliases: parseStringList(row.aliases),
    status: row.status,
    ownerMemberId: row.ownerMemberId,
  };
}

export function parseStringList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

export function toMember(row: Rows.Member): Member {
  return {
    id: row.id,
    practiceId: row.practiceId,
    platform: row.platform,
    externalUserId: row.externalUserId,
    displayName: row.displayName,
    role: row.role,
    workspaceExternalId: row.workspaceExternalId,
  };
}

export function toTouch(row: Rows.Touch): Touch {
  return {
    id: row.id,
    practiceId: row.practiceId,
    referrerId: row.referrerId,
    kind: row.kind,
    actorName: row.actorName,
    memberId: row.memberId,
    occurredAt: row.occurredAt,
    note: row.note,
    channel: row.channel,
    referralId: row.referralId,
  };
}

export function toGift(row: Rows.Gift): Gift {
  return {
    id: row.id,
    practiceId: row.practiceId,
    referrerId: row.referrerId,
    memberId: row.memberId,
    actorName: row.actorName,
    description: row.description,
    amountCents: row.amountCents,
    givenAt: row.givenAt,
  };
}

export function toNudge(row: Rows.Nudge): Nudge {
  return {
    id: row.id,
    practiceId: row.practiceId,
    referrerId: row.referrerId,
    kind: row.kind,
    reason: row.reason,
    dueAt: row.dueAt,
    priority: row.priority,
    status: row.status,
    snoozedUntil: row.snoozedUntil,
    assigneeMemberId: row.assigneeMemberId,
    triggeredAt: row.triggeredAt,
    feedbackId: row.feedbackId,
    resolvedAt: row.resolvedAt,
    resolvedBy: row.resolvedBy,
  };
}

/** Unique-constraint violation, as Prisma reports it for both providers. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
