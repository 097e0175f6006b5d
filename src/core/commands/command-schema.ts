// The shape of every parsed command, as zod schemas (ZXxx) with their inferred types. The parser builds a
// draft and these schemas have the last word, so the limits below hold for anything a use case receives.
import { z } from "zod/v4";
import { MEMBER_ROLES, SENTIMENTS, TOUCH_KINDS } from "../model.ts";
import { COMMAND_NAMES, TOUCH_COMMANDS } from "./command-names.ts";

export const MAX_TEXT_LENGTH = 10_000;
export const MAX_NOTE_LENGTH = 2_000;
export const MAX_NAME_LENGTH = 120;
/** $100,000: far above any lawful gift, so a typo of a few zeros is caught at the door. */
export const MAX_GIFT_CENTS = 10_000_000;

export const ZUserRef = z
  .object({
    userId: z.string().min(1).max(64).nullable(),
    name: z.string().min(1).max(MAX_NAME_LENGTH).nullable(),
  })
  .refine((user) => user.userId !== null || user.name !== null, "A mention needs a user id or a name.");

export const ZNameSplit = z.object({
  name: z.string().min(1).max(MAX_NAME_LENGTH),
  note: z.string().min(1).max(MAX_NOTE_LENGTH).nullable(),
});

/** The part every "something about a referrer" command shares. */
const nameTarget = {
  /** Candidate name/note cuts, longest name first; pick one with chooseSplit. One entry when `explicit`. */
  splits: z.array(ZNameSplit).min(1).max(8),
  explicit: z.boolean(),
  /** Someone else did it: "thanked Dr. Lee @ana" logs the touch as Ana's. */
  doneBy: ZUserRef.nullable(),
};

export const ZTouchCommand = z.object({
  type: z.literal("touch"),
  command: z.enum(TOUCH_COMMANDS),
  kind: z.enum(TOUCH_KINDS),
  ...nameTarget,
});

/** "/gift Dr. Lee lunch for the office $85": the chosen split's note says what it was; always given by whoever logs it. */
export const ZGiftCommand = z.object({
  type: z.literal("gift"),
  amountCents: z.number().int().min(1).max(MAX_GIFT_CENTS),
  splits: nameTarget.splits,
  explicit: nameTarget.explicit,
});

/** The chosen split's note is the feedback text; no note means "open the feedback form". */
export const ZFeedbackCommand = z.object({
  type: z.literal("feedback"),
  sentiment: z.enum(SENTIMENTS).nullable(),
  /** "/feedback Dr. Lee resolved: …": the note says how their open complaint was resolved. */
  resolves: z.literal(true).optional(),
  ...nameTarget,
});

/** The chosen split's note is the referral reason, if any. */
export const ZReferralCommand = z.object({ type: z.literal("referral"), ...nameTarget });

export const ZReferrerCommand = z.object({ type: z.literal("referrer"), name: z.string().min(1).max(MAX_NAME_LENGTH) });

/** "/brief Dr. Lee": one screen to prepare a visit or a call with that referrer. */
export const ZBriefCommand = z.object({ type: z.literal("brief"), name: z.string().min(1).max(MAX_NAME_LENGTH) });

/** All null: open the empty "add referrer" form; otherwise prefill it. */
export const ZReferrerAddCommand = z.object({
  type: z.literal("referrer_add"),
  name: z.string().min(1).max(MAX_NAME_LENGTH).nullable(),
  clinic: z.string().min(1).max(MAX_NAME_LENGTH).nullable(),
  specialty: z.string().min(1).max(MAX_NAME_LENGTH).nullable(),
});

/** "archive Dr. Lee" takes a referrer out of nudges and digests; "restore Dr. Lee" brings them back. */
export const ZReferrerArchiveCommand = z.object({
  type: z.literal("referrer_archive"),
  name: z.string().min(1).max(MAX_NAME_LENGTH),
  archive: z.boolean(),
});

/** "default" lets the use case pick by role (a physician sees theirs, a manager everyone's). */
export const ZNudgesCommand = z.object({ type: z.literal("nudges"), scope: z.enum(["default", "mine", "all"]) });

export const ZHelpCommand = z.object({ type: z.literal("help"), topic: z.enum(COMMAND_NAMES).nullable() });

export const ZDigestCommand = z.object({ type: z.literal("digest"), action: z.enum(["here", "now"]) });

export const ZSettingsCommand = z.object({ type: z.literal("settings") });

export const ZOverviewCommand = z.object({ type: z.literal("overview") });

export const ZNeedsCommand = z.object({ type: z.literal("needs"), specialty: z.string().max(MAX_NAME_LENGTH) });

export const ZTeamCommand = z.object({ type: z.literal("team") });

export const ZRoleCommand = z.object({ type: z.literal("role"), user: ZUserRef, role: z.enum(MEMBER_ROLES) });

export const ZParsedCommand = z.discriminatedUnion("type", [
  ZNeedsCommand,
  ZOverviewCommand,
  ZTouchCommand,
  ZGiftCommand,
  ZFeedbackCommand,
  ZReferralCommand,
  ZReferrerCommand,
  ZBriefCommand,
  ZReferrerAddCommand,
  ZReferrerArchiveCommand,
  ZNudgesCommand,
  ZHelpCommand,
  ZDigestCommand,
  ZSettingsCommand,
  ZRoleCommand,
  ZTeamCommand,
]);

export type UserRef = z.infer<typeof ZUserRef>;
export type TouchCommand = z.infer<typeof ZTouchCommand>;
export type GiftCommand = z.infer<typeof ZGiftCommand>;
export type FeedbackCommand = z.infer<typeof ZFeedbackCommand>;
export type ReferralCommand = z.infer<typeof ZReferralCommand>;
export type ReferrerCommand = z.infer<typeof ZReferrerCommand>;
export type BriefCommand = z.infer<typeof ZBriefCommand>;
export type ReferrerAddCommand = z.infer<typeof ZReferrerAddCommand>;
export type ReferrerArchiveCommand = z.infer<typeof ZReferrerArchiveCommand>;
export type NudgesCommand = z.infer<typeof ZNudgesCommand>;
export type HelpCommand = z.infer<typeof ZHelpCommand>;
export type DigestCommand = z.infer<typeof ZDigestCommand>;
export type SettingsCommand = z.infer<typeof ZSettingsCommand>;
export type RoleCommand = z.infer<typeof ZRoleCommand>;
export type TeamCommand = z.infer<typeof ZTeamCommand>;
export type ParsedCommand = z.infer<typeof ZParsedCommand>;

/** Every input that is not a command gets one of these: what went wrong, and what to type instead. */
export interface CommandParseError {
  error: string;
  usage: string;
}

export function isCommandParseError(result: ParsedCommand | CommandParseError): result is CommandParseError {
  return "error" in result;
}
