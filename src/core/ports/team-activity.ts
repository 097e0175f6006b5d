// What the team view reads from the database: counts grouped per member and period, never rows about
// patients. core/team/team-figures.ts turns them into the figures every view (chat, weekly summary, a
// chart) shows.
import type { MemberRole, TouchKind } from "../model.ts";

/** "this" month and the "last" one, in the practice's own zone. */
export type TeamPeriod = "this" | "last";

export interface TeamPeriods {
  this: { from: Date; to: Date };
  last: { from: Date; to: Date };
}

export interface TeamActivity {
  members: Array<{ id: string; displayName: string; role: MemberRole }>;
  /** Touches logged per member (null: logged from the CLI or an import) and kind. */
  touches: Array<{ memberId: string | null; kind: TouchKind; period: TeamPeriod; count: number }>;
  /** Clicks on a nudge's buttons per member. */
  nudgeActions: Array<{
    memberId: string;
    action: "done" | "snoozed" | "dismissed";
    period: TeamPeriod;
    count: number;
  }>;
  /** Nudges paused for a reader after three showings without a click: a member id, or "channel". */
  passedOver: Array<{ audience: string; period: TeamPeriod; count: number }>;
  /** Nudges handed on, per member they went to (null: nobody else could take it). */
  escalations: Array<{ toMemberId: string | null; period: TeamPeriod; count: number }>;
  /** Active referrers someone looks after, with their referrals in each period. */
  owned: Array<{
    referrerId: string;
    displayName: string;
    ownerMemberId: string;
    thisMonth: number;
    lastMonth: number;
  }>;
  /** The practice's referrers going quiet now (live nudges), with who looks after each. */
  goingQuiet: Array<{ referrerId: string; displayName: string; ownerMemberId: string | null; reason: string }>;
}

export interface TeamActivityPort {
  loadTeamActivity(practiceId: string, periods: TeamPeriods): Promise<TeamActivity>;
}
