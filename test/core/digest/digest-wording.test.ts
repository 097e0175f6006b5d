// How the digest words what is meant for someone in particular: "personally" names the physician in a
// shared conversation and says "you" only in her own list, and the week line names who is going quiet.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDailyDigest } from "../../../src/core/digest/build-daily-digest.ts";
import type { Digest } from "../../../src/core/digest/digest-model.ts";
import { personallyWho, renderDigest, weekLine } from "../../../src/core/digest/render-digest.ts";
import type { Member, Practice } from "../../../src/core/model.ts";
import { seedPractice } from "../../support/scheduler-fixtures.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";

const NOW = new Date("2026-11-23T14:00:00Z");
const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY);

function textOf(digest: Digest): string {
  return renderDigest(digest)
    .sections.map((s) => `${s.text ?? ""}\n${s.context ?? ""}`)
    .join("\n");
}

describe("who 'personally' means", () => {
  const base = { forMemberId: null, forPhysician: false };

  it("is the physician by name in a shared conversation", () => {
    expect(personallyWho({ ...base, physicianNames: ["Dr. Maya Chen"] })).toBe("Dr. Maya Chen");
    expect(personallyWho({ ...base, physicianNames: ["Dr. Maya Chen", "Dr. Omar Haddad"] })).toBe(
      "Dr. Maya Chen or Dr. Omar Haddad",
    );
  });

  it("is 'a physician' when the practice has several or none on record", () => {
    expect(personallyWho({ ...base, physicianNames: [] })).toBe("a physician");
    expect(personallyWho({ ...base, physicianNames: ["Dr. A", "Dr. B", "Dr. C"] })).toBe("a physician");
  });

  it("is 'you' in a physician's own list, and in personal digests stored before names were kept", () => {
    expect(personallyWho({ forMemberId: "m1", forPhysician: true, physicianNames: ["Dr. Maya Chen"] })).toBe("you");
    expect(personallyWho({ forMemberId: "m1" })).toBe("you");
    expect(personallyWho({ forMemberId: null })).toBe("a physician");
  });
});

describe("the week line", () => {
  it("names the referrers going quiet, and counts those beyond the first few", () => {
    expect(weekLine({ touchesThisWeek: 4, goingQuiet: 2, goingQuietNames: ["Dr. Lee", "Dr. Patel"] })).toBe(
      "This week: 4 touches logged · 2 referrers going quiet: Dr. Lee, Dr. Patel",
    );
    const names = ["Dr. A", "Dr. B", "Dr. C", "Dr. D", "Dr. E"];
    expect(weekLine({ touchesThisWeek: 1, goingQuiet: 8, goingQuietNames: names })).toBe(
      "This week: 1 touch logged · 8 referrers going quiet: Dr. A, Dr. B, Dr. C, Dr. D, Dr. E and 3 more (/nudges all)",
    );
  });

  it("keeps the plain count when nobody is going quiet or the names were not stored", () => {
    expect(weekLine({ touchesThisWeek: 0, goingQuiet: 0, goingQuietNames: [] })).toBe(
      "This week: 0 touches logged · 0 referrers going quiet",
    );
    expect(weekLine({ touchesThisWeek: 2, goingQuiet: 1 })).toBe(
      "This week: 2 touches logged · 1 referrer going quiet",
    );
  });
});

describe("the digest built from a real database", () => {
  let app: TestApp;
  let practice: Practice;
  let physician: Member;
  let liaison: Member;

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    practice = await seedPractice(app.repos, {
      referrers: [
        // A first-ever referral: the welcome call, which the physician makes herself.
        { name: "Dr. Jennifer Lee", referrals: [{ at: daysAgo(1), reason: "knee pain" }] },
        // Weekly for months, then nothing for 60 days: going quiet.
        {
          name: "Dr. Raj Patel",
          referrals: Array.from({ length: 20 }, (_, i) => ({ at: daysAgo(60 + i * 7), reason: "back pain" })),
          touches: [{ kind: "thank_you", at: daysAgo(59) }],
        },
      ],
    });
    const member = (id: string, displayName: string) =>
      app.repos.members.upsert({
        practiceId: practice.id,
        platform: "slack",
        externalUserId: id,
        displayName,
        workspaceExternalId: "T1",
      });
    physician = await app.repos.members.setRole((await member("U1", "Dr. Maya Chen")).id, "physician");
    liaison = await app.repos.members.setRole((await member("U2", "Sam Ortiz")).id, "liaison");
  });
  afterAll(async () => app?.close());

  const build = (forMember: Member | null) =>
    buildDailyDigest(app.digestData, practice, "2026-11-23", {
      now: NOW,
      forMember: forMember ? { id: forMember.id, role: forMember.role } : null,
    });

  it("names the physician in the channel's digest and in a liaison's list", async () => {
    const channel = textOf(await build(null));
    expect(channel).toContain("Dr. Jennifer Lee* · Dr. Maya Chen personally");
    expect(channel).not.toContain("you personally");
    expect(textOf(await build(liaison))).toContain("· Dr. Maya Chen personally");
  });

  it("leaves what the physician does personally out of the liaison's own digest", async () => {
    const own = await buildDailyDigest(app.digestData, practice, "2026-11-23", {
      now: NOW,
      forMember: { id: liaison.id, role: liaison.role },
      onlyTheirs: true,
    });
    expect(own.nudges.some((n) => n.personal)).toBe(false);
  });

  it("says 'you personally' in the physician's own digest", async () => {
    expect(textOf(await build(physician))).toContain("Dr. Jennifer Lee* · you personally");
  });

  it("names the referrer going quiet in the week line", async () => {
    expect(textOf(await build(null))).toContain("1 referrer going quiet: Dr. Raj Patel");
  });
});
