import { describe, expect, it } from "vitest";
import { meetingInvitation, meetingUid, suggestedMeetingStart } from "../../../src/core/meetings/meeting-invitation.ts";
import { readCalendar } from "../../support/read-calendar.ts";

// Wednesday 11 November 2026, 10:00 in New York.
const NOW = new Date("2026-11-11T15:00:00Z");
const ZONE = "America/New_York";
const LEE = {
  displayName: "Dr. Jennifer Lee",
  clinic: "Harbor Orthopedics",
  addressLine1: "12 Harbor Road",
  addressLine2: "Suite 300",
  city: "Springfield",
  state: "IL",
  postalCode: "62701",
};
const BRIEF = [
  "Brief: Dr. Jennifer Lee",
  "=======================",
  "",
  "Relationship owner: Sam Ortiz",
  "Referrals, 12 months: 14 (9 the year before, +56 %)",
  "",
  "Talking points",
  "1. Thank her for the 14 referrals; commas, semicolons; and a long line that a calendar must fold at 75 octets without losing a word",
].join("\n");

const invitation = (start = new Date("2026-11-25T17:00:00Z")) =>
  meetingInvitation({ nudgeId: "nudge-42", referrer: LEE, briefText: BRIEF, start, now: NOW });

describe("the meeting invitation", () => {
  it("is a calendar a parser reads back: the referrer in the summary, the brief as the description", () => {
    const file = invitation();
    expect(file).toMatchObject({ mimeType: "text/calendar", filename: "meeting-dr-jennifer-lee.ics" });
    const [event, ...more] = readCalendar(new TextDecoder().decode(file.bytes));
    expect(more).toEqual([]);
    expect(event?.summary).toBe("Meeting with Dr. Jennifer Lee");
    expect(event?.description).toBe(BRIEF);
    expect(event?.location).toBe("Harbor Orthopedics, 12 Harbor Road, Suite 300, Springfield, IL 62701");
    expect(event?.start).toEqual(new Date("2026-11-25T17:00:00Z"));
    expect(event?.end).toEqual(new Date("2026-11-25T17:30:00Z"));
    expect(event?.method).toBe("PUBLISH");
  });

  it("has one UID per nudge, the same however often it is made, so a calendar updates rather than duplicates", () => {
    const first = readCalendar(new TextDecoder().decode(invitation().bytes))[0];
    const again = readCalendar(new TextDecoder().decode(invitation(new Date("2026-12-01T17:00:00Z")).bytes))[0];
    expect(first?.uid).toBe(meetingUid("nudge-42"));
    expect(again?.uid).toBe(first?.uid);
    const other = meetingInvitation({ nudgeId: "nudge-43", referrer: LEE, briefText: BRIEF, start: NOW, now: NOW });
    expect(readCalendar(new TextDecoder().decode(other.bytes))[0]?.uid).not.toBe(first?.uid);
  });

  it("carries the reference a download link makes it again from", () => {
    expect(invitation().ref).toBe("meeting:nudge-42");
  });

  it("leaves the location out when the referrer's office is not known", () => {
    const file = meetingInvitation({
      nudgeId: "n",
      referrer: { displayName: "Dr. Omar Haddad", clinic: null },
      briefText: "Brief",
      start: NOW,
      now: NOW,
    });
    expect(readCalendar(new TextDecoder().decode(file.bytes))[0]?.location).toBeNull();
  });
});

describe("when the meeting is suggested", () => {
  it("is noon, practice time, on the nudge's due day", () => {
    // Wednesday 25 November: noon in New York is 17:00 UTC.
    expect(suggestedMeetingStart(new Date("2026-11-25T15:00:00Z"), NOW, ZONE)).toEqual(
      new Date("2026-11-25T17:00:00Z"),
    );
  });

  it("is the next day when the due day has passed", () => {
    expect(suggestedMeetingStart(new Date("2026-10-01T15:00:00Z"), NOW, ZONE)).toEqual(
      new Date("2026-11-12T17:00:00Z"),
    );
  });

  it("moves off a weekend to the Monday", () => {
    // Saturday 28 November → Monday 30 November.
    expect(suggestedMeetingStart(new Date("2026-11-28T15:00:00Z"), NOW, ZONE)).toEqual(
      new Date("2026-11-30T17:00:00Z"),
    );
  });
});
