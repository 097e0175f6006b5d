// /gift and the profile's gift total through the real chat core and a real database: logged once per
// request, counted per calendar year in the practice's zone, warned at 80 % and over the limit, and the
// amounts shown only to the giver and admins, never where a whole conversation reads along.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatContext } from "../../../src/core/chat-api.ts";
import type { Reply } from "../../../src/core/reply.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";

let app: TestApp;
let seq = 0;
const ctx = (over: Partial<ChatContext> = {}): ChatContext => ({
  platform: "slack",
  workspaceId: "T-HOME",
  operatorWorkspace: true,
  userId: "U-ANA",
  userName: "Ana",
  requestKey: `req-${++seq}`,
  ...over,
});
const ADMIN = { userId: "U-MIA", userName: "Mia", platformAdmin: true };
const OTHER = { userId: "U-BEN", userName: "Ben" };
const textOf = (reply: Reply) => JSON.stringify(reply);
const giftField = (reply: Reply) =>
  reply.sections.flatMap((s) => s.fields ?? []).find((f) => f.label === "Gifts and meals, 2026");

beforeAll(async () => {
  // 7 December 2026, 15:00 UTC; the practice is in New York.
  app = await createTestApp({ now: new Date("2026-12-07T15:00:00Z") });
  const practice = await app.repos.practices.getOrCreateDefault();
  await app.repos.practices.updateSettings(practice.id, { timeZone: "America/New_York" });
  const setup = { practiceId: practice.id, memberId: null, name: "setup", channel: "cli" as const, role: null };
  for (const [first, last] of [
    ["Jennifer", "Lee"],
    ["Raj", "Patel"],
    ["Ada", "Okoro"],
  ] as const) {
    await app.repos.referrers.create(
      practice.id,
      { displayName: `Dr. ${first} ${last}`, firstName: first, lastName: last },
      setup,
    );
  }
});
afterAll(async () => app?.close());

describe("/gift", () => {
  it("logs the gift as given by whoever typed it, and says where the referrer stands against CMS's limit", async () => {
    const { reply } = await app.core.runCommand(ctx(), "gift", "Dr. Lee lunch for the office $85");
    expect(reply).toMatchObject({
      ephemeral: true,
      tone: "success",
      headline: "✓ Gift to Dr. Jennifer Lee logged: $85",
    });
    expect(textOf(reply)).toContain("lunch for the office, given by Ana.");
    expect(textOf(reply)).toContain("*Gifts and meals in 2026:* $85 of $535 (15 %)");
    expect(textOf(reply)).toContain("CMS's figure for 2026 (42 CFR 411.357(k))");
    const gift = await app.db.prisma.gift.findFirstOrThrow({ where: { description: "lunch for the office" } });
    expect(gift).toMatchObject({ amountCents: 8_500, actorName: "Ana" });
    expect(gift.memberId).not.toBeNull();
  });

  it("logs once when the same request comes twice", async () => {
    const twice = ctx();
    await app.core.runCommand(twice, "gift", "Dr. Patel flowers $30");
    const { reply } = await app.core.runCommand(twice, "gift", "Dr. Patel flowers $30");
    expect(reply.headline).toBe("Already logged: $30 for Dr. Raj Patel; nothing changed.");
    expect(await app.db.prisma.gift.count({ where: { description: "flowers" } })).toBe(1);
  });

  it("cleans patient details out of what it was before storing or echoing it", async () => {
    const { reply } = await app.core.runCommand(
      ctx(),
      "gift",
      "Dr. Patel basket after Maria Gonzalez's MRI, MRN 483920 $20",
    );
    expect(textOf(reply)).not.toMatch(/483920/);
    const stored = await app.db.prisma.gift.findMany({ where: { amountCents: 2_000 } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.description).not.toMatch(/483920/);
  });

  it("warns from 80 % of the limit, and logs a gift that goes over while saying plainly that it does", async () => {
    // Okoro: $420 on New Year's Eve 2025 at 23:30 local time is last year's, so it does not count now.
    const okoro = await app.db.prisma.referrer.findFirstOrThrow({ where: { lastName: "Okoro" } });
    await app.db.prisma.gift.create({
      data: {
        practiceId: okoro.practiceId,
        referrerId: okoro.id,
        actorName: "Ana",
        amountCents: 42_000,
        givenAt: new Date("2026-01-01T04:30:00Z"),
        idempotencyKey: "okoro-new-years-eve-2025",
      },
    });
    const first = (await app.core.runCommand(ctx(), "gift", "Dr. Okoro dinner $100")).reply;
    expect(textOf(first)).toContain("$100 of $535 (18 %)");

    const near = (await app.core.runCommand(ctx(), "gift", "Dr. Okoro conference dinner $330")).reply;
    expect(near.tone).toBe("warning");
    expect(textOf(near)).toContain(
      "⚠ Dr. Ada Okoro is at 80 % of the yearly limit for gifts and meals: $105 left for 2026.",
    );

    const over = (await app.core.runCommand(ctx(), "gift", "Dr. Okoro gift basket $150")).reply;
    expect(over.tone).toBe("warning");
    expect(textOf(over)).toContain("$580 of $535 (108 %)");
    expect(textOf(over)).toContain("This gift takes them over the limit. It is logged anyway, as it happened.");
    expect(textOf(over)).toContain("$45 too much");
    expect(await app.db.prisma.gift.count({ where: { referrerId: okoro.id } })).toBe(4);
  });

  it("in a conversation everyone reads, logs the gift but shows no amount", async () => {
    const { reply } = await app.core.runCommand(ctx({ sharedConversation: true }), "gift", "Dr. Patel coffee $12");
    expect(reply.headline).toBe("✓ Gift to Dr. Raj Patel logged");
    expect(textOf(reply)).not.toMatch(/\$\d/);
    expect(textOf(reply)).toContain("in a personal chat with me, type referrer Dr. Raj Patel");
    expect(await app.db.prisma.gift.count({ where: { amountCents: 1_200 } })).toBe(1);
  });
});

describe("the profile's gift total", () => {
  it("shows the year's total against the limit to whoever gave, and to admins", async () => {
    expect(giftField((await app.core.runCommand(ctx(), "referrer", "Dr. Lee")).reply)?.value).toBe(
      "$85 of $535 (15 %)",
    );
    expect(giftField((await app.core.runCommand(ctx(ADMIN), "referrer", "Dr. Lee")).reply)?.value).toBe(
      "$85 of $535 (15 %)",
    );
  });

  it("carries the warning once the referrer is near or over the limit", async () => {
    const { reply } = await app.core.runCommand(ctx(ADMIN), "referrer", "Dr. Okoro");
    expect(giftField(reply)?.value).toBe("$580 of $535 (108 %)");
    expect(textOf(reply)).toContain("⚠ Dr. Ada Okoro is over the yearly limit");
  });

  it("shows nothing about gifts to a member who gave none, nor to anyone in a shared conversation", async () => {
    const other = (await app.core.runCommand(ctx(OTHER), "referrer", "Dr. Lee")).reply;
    expect(giftField(other)).toBeUndefined();
    expect(textOf(other)).not.toMatch(/\$\d/);
    const shared = (await app.core.runCommand(ctx({ ...ADMIN, sharedConversation: true }), "referrer", "Dr. Lee"))
      .reply;
    expect(giftField(shared)).toBeUndefined();
    expect(textOf(shared)).not.toMatch(/\$\d/);
  });
});

describe("the yearly limit setting", () => {
  it("is changed by admins only, and the profile then measures against it", async () => {
    const refused = (await app.core.runCommand(ctx(OTHER), "referrals", "settings giftlimit 100")).reply;
    expect(refused).toMatchObject({ tone: "warning", headline: expect.stringMatching(/admin/i) });
    const practice = await app.repos.practices.getOrCreateDefault();
    expect(practice.giftLimitCents).toBeUndefined();

    const saved = (await app.core.runCommand(ctx(ADMIN), "referrals", "settings giftlimit 100")).reply;
    expect(saved.headline).toBe("✓ Settings saved");
    expect(textOf(saved)).toContain("Gifts and meals: at most $100 a physician in 2026 (the practice's own limit)");
    const lee = (await app.core.runCommand(ctx(ADMIN), "referrer", "Dr. Lee")).reply;
    expect(giftField(lee)?.value).toBe("$85 of $100 (85 %)");
    expect(textOf(lee)).toContain("⚠ Dr. Jennifer Lee is at 85 %");

    const back = (await app.core.runCommand(ctx(ADMIN), "referrals", "settings giftlimit cms")).reply;
    expect(textOf(back)).toContain("at most $535 a physician in 2026 (CMS's figure for 2026)");
    expect((await app.repos.practices.getOrCreateDefault()).giftLimitCents).toBeUndefined();
  });

  it("refuses a limit that is not an amount", async () => {
    const { reply } = await app.core.runCommand(ctx(ADMIN), "referrals", "settings giftlimit lots");
    expect(reply).toMatchObject({
      tone: "error",
      headline: expect.stringContaining("Give the yearly limit in dollars"),
    });
  });
});
