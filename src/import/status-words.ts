// The words referral systems use for where a referral stands, mapped onto ours:
//   received     New, Pending, Open, Received, Referred, Submitted, In Review, Authorized, Approved, Waitlist
//   scheduled    Scheduled, Booked, Appointment Scheduled, Confirmed, Rescheduled
//   seen         Seen, Completed, Complete, Visit Complete, Arrived, Checked In/Out, Attended, Kept
//   loop_closed  Loop Closed, Closed Loop, Report Sent, Consult Note Sent, Letter Sent
//   cancelled    Cancelled/Canceled, No Show, Declined, Denied, Rejected, Withdrawn, Void, Expired
// A no-show counts as cancelled: the patient was never seen, so there is no visit to report back on,
// and it should not count as a referral when measuring how much someone sends us.
// Anything else is rejected with the words we do know, rather than guessed.
import type { ReferralStatus } from "../core/model.ts";

const WORDS: Record<ReferralStatus, readonly string[]> = {
  received: [
    "new",
    "pending",
    "open",
    "received",
    "referred",
    "submitted",
    "in review",
    "under review",
    "review",
    "triage",
    "authorized",
    "approved",
    "accepted",
    "active",
    "waitlist",
    "wait list",
    "waiting",
    "awaiting scheduling",
    "to be scheduled",
    "not scheduled",
    "unscheduled",
  ],
  scheduled: [
    "scheduled",
    "booked",
    "appointment scheduled",
    "appt scheduled",
    "appointment booked",
    "confirmed",
    "rescheduled",
  ],
  seen: [
    "seen",
    "completed",
    "complete",
    "visit complete",
    "visit completed",
    "appointment completed",
    "arrived",
    "checked in",
    "checked out",
    "attended",
    "kept",
    "done",
  ],
  loop_closed: [
    "loop closed",
    "closed loop",
    "loop_closed",
    "report sent",
    "consult note sent",
    "consult sent",
    "letter sent",
    "note sent",
  ],
  cancelled: [
    "cancelled",
    "canceled",
    "cancel",
    "no show",
    "noshow",
    "no-show",
    "dna",
    "did not attend",
    "declined",
    "denied",
    "rejected",
    "withdrawn",
    "void",
    "voided",
    "expired",
  ],
};

const BY_WORD = new Map<string, ReferralStatus>();
for (const [status, words] of Object.entries(WORDS) as Array<[ReferralStatus, readonly string[]]>) {
  for (const word of words) BY_WORD.set(statusKey(word), status);
}

function statusKey(word: string): string {
  return word
    .toLowerCase()
    .replace(/[^a-z]+/g, " ")
    .trim();
}

/** The status a word stands for, or null when we do not know the word. */
export function statusFromWord(word: string): ReferralStatus | null {
  return BY_WORD.get(statusKey(word)) ?? null;
}

export const KNOWN_STATUS_HINT = "use New, Scheduled, Seen, Completed, Cancelled or No Show";
