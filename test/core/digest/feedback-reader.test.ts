// Whose own digest asks a referrer for feedback, over a real database: the referrer's owner, else a
// liaison, and a coordinator only in a practice without one.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildDailyDigest } from "../../../src/core/digest/build-daily-digest.ts";
import type { Actor, Member, MemberRole, Practice } from "../../../src/core/model.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";

// Wednesday 11 November 2026, 10:00 in New York.
const NOW = new Date("2026-11-11T15:00:00Z");
const DAY = 86_400_000;

let app: TestApp;
let practice: Practice;
let setup: Actor;

async function member(name: string, role: MemberRole): Promise<Member> {
  const created = await app.repos.members.upsert({
    practiceId: practice.id,
    platform: "slack",
    externalUserId: `U-${name}`,
    displayName: name,
    workspaceExternalId: "T-TEST",
  });
  return app.repos.members.setRole(created.id, role);
}

/** A referrer who has sent patients for two months and was never asked how it is going. */
async function referrerToAsk(displayName: string, lastName: string) {
  const referrer = await app.repos.referrers.create(practice.id, { displayName, lastName }, setup);
  for (const [i, daysAgo] of [60, 20].entries()) {
    await app.repos.referrals.add(setup, {
      referrerId: referrer.id,
      sourceId: `${lastName}-${i}`,
      receivedAt: new Date(NOW.getTime() - daysAgo * DAY),
      reason: "knee pain",
    });
  }
  return referrer;
}

async function asksFor(reader: Member): Promise<string[]> {
  const digest = await buildDailyDigest(app.digestData, practice, "2026-11-11", {
    now: NOW,
    forMember: reader,
    onlyTheirs: true,
  });
  return digest.nudges.filter((n) => n.kind === "ask_feedback").map((n) => n.referrerName);
}

beforeEach(async () => {
  app = await createTestApp({ now: NOW });
  practice = await app.repos.practices.getOrCreateDefault();
  setup = { practiceId: practice.id, memberId: null, name: "setup", channel: "cli", role: null };
  await app.repos.practices.updateSettings(practice.id, { settings: { digestTopN: 20 } });
});
afterEach(async () => app.close());

describe("asking for feedback in personal digests", () => {
  it("goes to a liaison, not a coordinator, when nobody owns the referrer", async () => {
    const sam = await member("Sam Ortiz", "liaison");
    const cy = await member("Cy Park", "coordinator");
    await referrerToAsk("Dr. Jennifer Lee", "Lee");

    expect(await asksFor(sam)).toEqual(["Dr. Jennifer Lee"]);
    expect(await asksFor(cy)).toEqual([]);
  });

  it("goes to a coordinator when the practice has no liaison", async () => {
    const cy = await member("Cy Park", "coordinator");
    await referrerToAsk("Dr. Jennifer Lee", "Lee");

    expect(await asksFor(cy)).toEqual(["Dr. Jennifer Lee"]);
  });

  it("goes to the referrer's owner alone when someone owns the referrer", async () => {
    const sam = await member("Sam Ortiz", "liaison");
    const kim = await member("Dr. Sun Kim", "physician");
    const lee = await referrerToAsk("Dr. Jennifer Lee", "Lee");
    await app.repos.referrers.setOwner(setup, lee.id, kim.id);

    expect(await asksFor(kim)).toEqual(["Dr. Jennifer Lee"]);
    expect(await asksFor(sam)).toEqual([]);
  });
});
