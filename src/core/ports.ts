// What the core needs from the outside world: every port is declared here or in ports/ beside this file,
// and every other module imports them from here. src/db implements the repositories, the digest data and
// the digest runs; the chat adapters implement ChatDelivery. Small interfaces, one per concern.
import type { Digest } from "./digest/digest-model.ts";
import type { FeedbackStatus } from "./feedback/feedback-status.ts";
import type {
  Actor,
  Feedback,
  Gift,
  Member,
  MemberRole,
  NotScheduledReason,
  Nudge,
  NudgeKind,
  Platform,
  Practice,
  Referrer,
  Sentiment,
  Touch,
  TouchKind,
} from "./model.ts";
import type { TouchAnswers } from "./nudges/touch-answers.ts";
import type { Reply } from "./reply.ts";

export interface PracticeRepository {
  findById(id: string): Promise<Practice | null>;
  findByName(name: string): Promise<Practice | null>;
  list(): Promise<Practice[]>;
  /** The only practice there is, created (named "My Practice") on first use if there is none. */
  getOrCreateDefault(): Promise<Practice>;
  create(input: { name: string; timeZone?: string }): Promise<Practice>;
  updateSettings(
    id: string,
    patch: Partial<Omit<Practice, "id" | "settings" | "giftLimitCents">> & {
      settings?: Partial<Practice["settings"]>;
      /** Null goes back to CMS's yearly figure. */
      giftLimitCents?: number | null;
    },
  ): Promise<Practice>;
}

export interface WorkspaceLink {
  id: string;
  practiceId: string;
  platform: Platform;
  externalId: string;
  name: string | null;
  digestConversation: string | null;
  /** The chat user id of whoever installed the app there first (Teams); that person is an admin. */
  installedBy?: string | null;
  /** Set when the app was uninstalled there (or its bot token revoked); a new install clears it. */
  uninstalledAt?: Date | null;
}

export interface WorkspaceLinkOptions {
  /** The workspace's display name, which names its new practice. */
  name?: string;
  /** Join this practice (an explicit link). */
  practiceId?: string;
  /** Join the default practice: only for the workspace the operator configured. */
  joinDefault?: boolean;
}

export interface WorkspaceRepository {
  find(platform: Platform, externalId: string): Promise<WorkspaceLink | null>;
  /**
   * The workspace's link, made on first sight if there is none. A new workspace joins an existing
   * practice only when told which (`practiceId`: an admin's `workspaces link`) or when it is the one
   * the operator configured (`joinDefault`: the single-token Slack workspace, the local Playground);
   * any other gets a new practice of its own, named after it, so a stranger never sees another's data.
   */
  getOrLink(platform: Platform, externalId: string, opts?: WorkspaceLinkOptions): Promise<WorkspaceLink>;
  /** Every link, for `referral-nudge workspaces list`. */
  listAll(): Promise<WorkspaceLink[]>;
  /** Links the workspace to this practice, moving it if it was linked elsewhere (an admin's explicit link). */
  linkToPractice(platform: Platform, externalId: string, practiceId: string): Promise<WorkspaceLink>;
  /** Moves the workspace out of its practice into a new one of its own; null if it was never linked. */
  unlink(platform: Platform, externalId: string): Promise<WorkspaceLink | null>;
  setDigestConversation(id: string, conversation: string | null): Promise<void>;
  /**
   * Records who installed the app in this workspace, unless someone already is: the first
   * installer stays, so a later personal install does not make everyone an admin. True if recorded.
   */
  recordInstaller(platform: Platform, externalId: string, userId: string): Promise<boolean>;
  /**
   * The app was removed from the workspace: its installation and digest conversation are forgotten and it
   * is marked uninstalled (members and all the practice's data stay). Returns the link as it was, or null
   * if the workspace is unknown or was already uninstalled.
   */
  markUninstalled(platform: Platform, externalId: string, at: Date): Promise<WorkspaceLink | null>;
  /** The chat user id recorded by recordInstaller, or null. */
  installerOf(platform: Platform, externalId: string): Promise<string | null>;
  listForPractice(practiceId: string): Promise<WorkspaceLink[]>;
  /** Slack OAuth installations (JSON as Bolt gives it), keyed by enterprise id for org installs, else team id. */
  saveInstallation(platform: Platform, externalId: string, installation: string, name?: string): Promise<WorkspaceLink>;
  findInstallation(platform: Platform, externalId: string): Promise<string | null>;
  deleteInstallation(platform: Platform, externalId: string): Promise<void>;
}

export interface MemberRepository {
  /** Finds or creates the member for a chat user; keeps the display name and workspace fresh. */
  upsert(input: {
    practiceId: string;
    platform: Platform;
    externalUserId: string;
    displayName: string;
    /** The workspace (Slack team, Teams tenant) the user is seen in now. */
    workspaceExternalId: string;
    /** Seen only as someone's mention there: a guess, kept only while their own workspace is not known. */
    mentioned?: boolean;
  }): Promise<Member>;
  setRole(memberId: string, role: MemberRole): Promise<Member>;
  findById(id: string): Promise<Member | null>;
  listForPractice(practiceId: string): Promise<Member[]>;
  /** Null forgets the chat (the bot was removed from it). */
  setDmConversation(memberId: string, conversation: string | null): Promise<void>;
  getDmConversation(memberId: string): Promise<string | null>;
  /** Every stored direct-message conversation of the practice's members on one platform, by member id, in one read. */
  dmConversations(practiceId: string, platform: Platform): Promise<Map<string, string>>;
}

export interface NewReferrer {
  displayName: string;
  firstName?: string | null;
  lastName: string;
  credentials?: string | null;
  clinic?: string | null;
  specialty?: string | null;
  npi?: string | null;
  phone?: string | null;
  email?: string | null;
  addressLine1?: string | null;
  addressLine2?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
  aliases?: string[];
}

export interface ReferrerRepository {
  listForPractice(practiceId: string, opts?: { includeArchived?: boolean }): Promise<Referrer[]>;
  findById(practiceId: string, id: string): Promise<Referrer | null>;
  create(practiceId: string, input: NewReferrer, actor: Actor): Promise<Referrer>;
  /**
   * Archives or restores one referrer of the actor's practice, audited with the change; `changed` is
   * false when it already had that status. Null if the practice has no such referrer.
   */
  setStatus(
    actor: Actor,
    id: string,
    status: Referrer["status"],
  ): Promise<{ referrer: Referrer; changed: boolean } | null>;
  /**
   * Makes a member of the practice the one who looks after this referrer (null: nobody), audited.
   * Null if the practice has no such referrer or member.
   */
  setOwner(actor: Actor, id: string, memberId: string | null): Promise<Referrer | null>;
  /** A cheap fingerprint of the practice's referrer list (count and last change), for caches. */
  version(practiceId: string): Promise<string>;
}

export interface LogTouchInput {
  referrerId: string;
  kind: TouchKind;
  note?: string | null;
  referralId?: string | null;
  occurredAt: Date;
  /** Same key, same touch: a retried request or a double click logs once. */
  idempotencyKey: string;
  /** What the touch answers, as the core decided it (touchAnswers); the repository only applies it. */
  answers: TouchAnswers;
}

export interface TouchRepository {
  /** Logs the touch once; `created` is false when the key was seen before. Also closes the nudges it answers. */
  log(actor: Actor, input: LogTouchInput): Promise<{ touch: Touch; created: boolean; resolvedNudges: Nudge[] }>;
  countSince(practiceId: string, since: Date): Promise<number>;
  recentForReferrer(practiceId: string, referrerId: string, limit: number): Promise<Touch[]>;
  /** How many touches of this kind each referrer has had since `since` (all time when null); absent means none. */
  countByReferrer(practiceId: string, kind: TouchKind, since: Date | null): Promise<Map<string, number>>;
}

export interface LogGiftInput {
  referrerId: string;
  amountCents: number;
  /** What it was, cleaned by the core (cleaned again as a last defence). */
  description: string | null;
  givenAt: Date;
  /** Same key, same gift: a retried request or a double submit logs once. */
  idempotencyKey: string;
}

export interface GiftRepository {
  /** Logs the gift as given by the actor, once; `created` is false when the key was seen before. */
  log(actor: Actor, input: LogGiftInput): Promise<{ gift: Gift; created: boolean }>;
  /** The referrer's gifts given at or after `since`, oldest first. */
  listForReferrer(practiceId: string, referrerId: string, since: Date): Promise<Gift[]>;
}

export interface LogFeedbackInput {
  referrerId: string;
  sentiment: Sentiment;
  text: string;
  needsFollowUp: boolean;
  idempotencyKey: string;
  /** Open (a complaint) or resolved, as the core decided it (feedbackStatusFor). */
  status: FeedbackStatus;
  /** When it was heard, by the core's clock (a complaint's age counts from it); the database's now if absent. */
  at?: Date;
}

export interface ResolveComplaintInput {
  feedbackId: string;
  /** How it was resolved, already cleaned of patient details by the core (cleaned again as a last defence). */
  resolution: string;
  at: Date;
}

export interface FeedbackRepository {
  log(actor: Actor, input: LogFeedbackInput): Promise<{ feedback: Feedback; created: boolean }>;
  /** The practice's open complaints for this referrer, newest first. */
  openForReferrer(practiceId: string, referrerId: string): Promise<Feedback[]>;
  /** One piece of feedback of the practice; null for an unknown id or another practice's. */
  findById(practiceId: string, id: string): Promise<Feedback | null>;
  /**
   * Marks an open complaint resolved (by the actor's member), closes its live nudges and audits it, in
   * one transaction. Conditional: of two resolutions of the same complaint exactly one changes anything;
   * `resolved` is false (and nothing is written) when it was not open.
   */
  resolve(
    actor: Actor,
    input: ResolveComplaintInput,
  ): Promise<{ feedback: Feedback; resolved: boolean; closedNudges: number } | null>;
}

export interface NewReferralInput {
  referrerId: string;
  sourceId: string;
  receivedAt: Date;
  reason?: string | null;
  specialty?: string | null;
}

export interface ReferralRepository {
  /** Records one referral typed in chat; the sourceId keeps a retried command from adding it twice. */
  add(actor: Actor, input: NewReferralInput): Promise<{ created: boolean }>;
  /** The referrer's referrals still waiting for an appointment (status received) received since then. */
  listUnscheduled(practiceId: string, referrerId: string, since: Date): Promise<{ id: string; receivedAt: Date }[]>;
  /**
   * Settles waiting referrals: scheduled now, or closed with the reason they never were. Only those still
   * waiting change (a second click finds none): in one transaction with the referrer's figures, the
   * nudge that asked (done) and one audit event when any changed. Returns how many changed.
   */
  settleUnscheduled(actor: Actor, input: SettleUnscheduledInput): Promise<number>;
  summaryForReferrer(practiceId: string, referrerId: string, now: Date): Promise<ReferrerSummary>;
  /**
   * What a brief needs beyond the summary: what is still waiting and, unless `since` is null (the trend
   * chart has counted them already), when each referral since `since` came.
   */
  briefActivity(practiceId: string, referrerId: string, since: Date | null): Promise<BriefActivity>;
}

export interface BriefActivity {
  /** Referrals received since the date asked for (cancelled ones too: they were sent). */
  receivedAt: Date[];
  /** Seen here, the referrer not yet told. */
  loopsOpen: { count: number; oldestAt: Date | null };
  /** Received, not yet booked. */
  unscheduled: { count: number; oldestAt: Date | null };
}

export interface SettleUnscheduledInput {
  referrerId: string;
  referralIds: readonly string[];
  outcome: "scheduled" | NotScheduledReason;
  /** The nudge that asked, closed with them. */
  nudgeId: string | null;
  now: Date;
}

/** What a referrer's profile shows: counts and dates, never patients. */
export interface ReferrerSummary {
  referralsLast12Months: number;
  referralsLast90Days: number;
  lastReferralAt: Date | null;
  lastTouchAt: Date | null;
  lastTouchKind: TouchKind | null;
  openFeedback: number;
  /** The reciprocity ledger: referrals they sent us, and patients we sent back to them (returned_referral touches). */
  referralsAllTime: number;
  sentBackLast12Months: number;
  sentBackAllTime: number;
}

export interface NudgeRepository {
  findById(practiceId: string, id: string): Promise<Nudge | null>;
  /** The practice's nudges among these ids (others are silently left out). */
  findByIds(practiceId: string, ids: string[]): Promise<Nudge[]>;
  listLive(practiceId: string, opts?: { assigneeMemberId?: string }): Promise<Nudge[]>;
  /** Moves an open nudge to done, snoozed or dismissed; returns null if it was not open (already handled). */
  transition(
    actor: Actor,
    id: string,
    to: { status: "done" | "dismissed" } | { status: "snoozed"; until: Date },
  ): Promise<Nudge | null>;
}

export interface AuditRepository {
  record(
    actor: Actor,
    event: { action: string; entity: string; entityId?: string | null; oldValue?: unknown; newValue?: unknown },
  ): Promise<void>;
}

/** Where a digest goes: a channel, or one member's personal chat. */
export interface DeliveryTarget {
  platform: Platform | "console";
  /** Stable key used to record per-target delivery in the digest run, e.g. "slack:C123" or "teams:dm:<memberId>". */
  key: string;
  /** Platform address: Slack channel id, or a Teams conversation reference (JSON). */
  address: string;
  /** Whose digest this is, when it is a personal one. */
  memberId?: string;
}

/** Implemented by each chat adapter (and by a console printer). */
export interface ChatDelivery {
  readonly platform: Platform | "console";
  /** The targets this adapter delivers the practice's digest to. */
  targets(practiceId: string): Promise<DeliveryTarget[]>;
  /** Sends one digest to one target; throws on failure (the scheduler retries with backoff). */
  deliver(target: DeliveryTarget, digest: Digest): Promise<void>;
  /**
   * Whether the target already has this run's digest, posted since `since`: asked before sending again a
   * target that an earlier attempt did not record as delivered (its instance died between the platform's
   * answer and the record). False when the platform cannot tell; then the digest is sent.
   */
  alreadyHas?(target: DeliveryTarget, digest: Digest, since: Date): Promise<boolean>;
  /**
   * Sends any reply (the weekly team summary) to one member's own chat with the bot; throws on failure.
   * Absent on a delivery that has no personal chats (the console).
   */
  deliverToMember?(practiceId: string, memberId: string, reply: Reply): Promise<void>;
  /** The direct messages of the members with this role: where the card-day message goes (thank-you cards). */
  cardTargets?(practiceId: string, role: MemberRole): Promise<DeliveryTarget[]>;
  /** Sends one message other than the digest (the card-day message) to one target; throws on failure. */
  send?(target: DeliveryTarget, message: OutgoingMessage): Promise<void>;
}

/** A message other than the digest, for one practice: the reply to draw and a one-line summary for notifications. */
export interface OutgoingMessage {
  practiceId: string;
  reply: Reply;
  summary: string;
}

/** "/referrals digest now": today's digest, sent at once through the same claim the schedule uses. */
export interface DigestNowPort {
  sendNow(practiceId: string): Promise<DigestNowResult>;
}

export interface DigestNowResult {
  outcome: "delivered" | "partial" | "failed" | "skipped" | "busy" | "no_targets";
  /** Conversations and direct messages it reached in this call. */
  delivered: number;
  failed: number;
}

export interface Clock {
  now(): Date;
}

export interface Repositories {
  practices: PracticeRepository;
  workspaces: WorkspaceRepository;
  members: MemberRepository;
  referrers: ReferrerRepository;
  referrals: ReferralRepository;
  touches: TouchRepository;
  feedback: FeedbackRepository;
  gifts: GiftRepository;
  nudges: NudgeRepository;
  audit: AuditRepository;
}

export * from "./ports/bulk-data.ts";
export * from "./ports/card-data.ts";
export * from "./ports/chart-data.ts";
export * from "./ports/digest-data.ts";
export * from "./ports/digest-due.ts";
export * from "./ports/digest-runs.ts";
export * from "./ports/hl7-facilities.ts";
export * from "./ports/intake.ts";
export * from "./ports/nudge-exposures.ts";
export * from "./ports/team-activity.ts";
export * from "./ports/team-summary-runs.ts";
export type { NudgeKind };
