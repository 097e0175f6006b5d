// Domain types shared by every part of the bot. Plain data: no Prisma, Slack or Teams types.

export const MEMBER_ROLES = ["physician", "liaison", "coordinator", "manager"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const TOUCH_KINDS = [
  "thank_you",
  "call",
  "meeting",
  "returned_referral",
  "feedback_request",
  "liaison_visit",
  "other",
] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];

export const TOUCH_CHANNELS = ["slack", "teams", "cli", "import", "system"] as const;
export type TouchChannel = (typeof TOUCH_CHANNELS)[number];

export const REFERRAL_STATUSES = ["received", "scheduled", "seen", "loop_closed", "cancelled"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const SENTIMENTS = ["positive", "neutral", "negative"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const NUDGE_KINDS = [
  "thank",
  "close_loop",
  "welcome",
  "meet",
  "ask_feedback",
  "going_quiet",
  "open_problem",
  "return_favor",
  "not_scheduled",
] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

export const NUDGE_STATUSES = ["open", "done", "snoozed", "dismissed"] as const;
export type NudgeStatus = (typeof NUDGE_STATUSES)[number];

export type Platform = "slack" | "teams";

/** The thresholds the nudge rules read; every one is a practice setting with a default. */
export interface NudgeSettings {
  digestTopN: number;
  closeLoopBusinessDays: number;
  meetTopFraction: number;
  meetIntervalDays: number;
  feedbackIntervalDays: number;
  quietGapFactor: number;
  quietMinDays: number;
  openProblemDays: number;
  /** Business days a referral may wait for an appointment before the coordinator is nudged. */
  notScheduledBusinessDays: number;
  /** After the consult report reached the referrer in writing: whom the physician still calls. */
  callAfterReport: CallAfterReport;
  /**
   * Between card days, a top referrer with at least this many referrals not yet thanked still gets a
   * thank nudge in the digest (the rest wait for the weekly cards). DEFAULT_THANK_TOP_UNTHANKED when absent.
   */
  thankTopUnthanked?: number;
  /** ISO weekday of the weekly thank-you cards (1 = Monday … 7 = Sunday); Friday (5) when absent. */
  cardWeekday?: number;
}

/**
 * What the physician is still asked to do once the report reached the referrer in writing: call top
 * referrers and first referrals ("top_and_first"), call for every referral as before ("all"), or nothing.
 */
export const CALL_AFTER_REPORT = ["top_and_first", "all", "none"] as const;
export type CallAfterReport = (typeof CALL_AFTER_REPORT)[number];

/** Why a referral that never got an appointment was closed (besides being scheduled after all). */
export const NOT_SCHEDULED_REASONS = ["declined", "unreachable", "elsewhere"] as const;
export type NotScheduledReason = (typeof NOT_SCHEDULED_REASONS)[number];

/** How referral reasons show in chat: their cleaned text, a body-part or service category only, or not at all. */
export const REASON_DISPLAYS = ["cleaned", "category", "none"] as const;
export type ReasonDisplay = (typeof REASON_DISPLAYS)[number];

export interface Practice {
  id: string;
  name: string;
  /** IANA zone, e.g. "America/New_York". */
  timeZone: string;
  /** Local "HH:MM". */
  digestTime: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  digestWeekdays: number[];
  /** Local "HH:MM" after which a missed digest is skipped. */
  missedDigestCutoff: string;
  skipEmptyDigest: boolean;
  /** How referral reasons show in chat; "cleaned" when not set. */
  reasonDisplay?: ReasonDisplay;
  /** Who writes the cards: the card-day message goes to the members with this role; physician when absent. */
  cardWriterRole?: MemberRole;
  /** The practice's own yearly limit for gifts and meals per physician, in cents; CMS's figure for the year when absent. */
  giftLimitCents?: number;
  settings: NudgeSettings;
}

export interface Member {
  id: string;
  practiceId: string;
  platform: Platform;
  externalUserId: string;
  displayName: string;
  role: MemberRole;
  /** The Slack team or Teams tenant the user was last seen in, where their direct messages go. */
  workspaceExternalId: string | null;
}

export interface Referrer {
  id: string;
  practiceId: string;
  displayName: string;
  firstName: string | null;
  lastName: string;
  credentials: string | null;
  clinic: string | null;
  specialty: string | null;
  npi: string | null;
  phone: string | null;
  email: string | null;
  /** Mailing address for thank-you cards; absent or null when not known. */
  addressLine1?: string | null;
  addressLine2?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
  aliases: string[];
  status: "active" | "archived";
  ownerMemberId: string | null;
}

export interface Touch {
  id: string;
  practiceId: string;
  referrerId: string;
  kind: TouchKind;
  actorName: string;
  memberId: string | null;
  occurredAt: Date;
  note: string | null;
  channel: TouchChannel;
  referralId: string | null;
}

/** A gift or meal given to a referrer, with what it cost (the Stark law caps a physician's yearly total). */
export interface Gift {
  id: string;
  practiceId: string;
  referrerId: string;
  /** Who gave it: the member who logged it. */
  memberId: string | null;
  actorName: string;
  /** What it was, cleaned of patient details; null when not said. */
  description: string | null;
  amountCents: number;
  givenAt: Date;
}

export interface Feedback {
  id: string;
  practiceId: string;
  referrerId: string;
  sentiment: Sentiment;
  text: string;
  heardBy: string;
  needsFollowUp: boolean;
  status: "open" | "resolved";
  createdAt: Date;
  /** Set once a complaint is resolved: when, by which member (null from the CLI), and how. */
  resolvedAt: Date | null;
  resolvedById: string | null;
  resolution: string | null;
}

export interface Nudge {
  id: string;
  practiceId: string;
  referrerId: string;
  kind: NudgeKind;
  reason: string;
  dueAt: Date;
  priority: number;
  status: NudgeStatus;
  snoozedUntil: Date | null;
  assigneeMemberId: string | null;
  triggeredAt: Date;
  /** The complaint an open-problem nudge is about (each complaint has its own nudge); else null. */
  feedbackId: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

/** Who is acting, on which practice, from where. Every use case takes one. */
export interface Actor {
  practiceId: string;
  /** Member id when the actor is a known chat member. */
  memberId: string | null;
  /** A display name for audit lines and "✓ Called by …" (a chat mention is fine). */
  name: string;
  channel: TouchChannel;
  role: MemberRole | null;
  /**
   * Set by the adapter from the platform itself (a Slack workspace owner or admin, the member who
   * installed the Teams app, local Playground mode); never from anything a user typed.
   */
  platformAdmin?: boolean;
}
