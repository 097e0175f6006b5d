// A complaint's life on Teams, as Bot Framework activities against the real core and database (SQLite, and
// PostgreSQL when TEST_DATABASE_URL is set): logged -> its own nudge -> Mark resolved -> card form -> closed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../src/core/model.ts";
import { personalChat } from "../../support/teams-requests.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../../support/test-app.ts";
import { cardButtons, cardOf, cardText, startTeamsHarness, type TeamsHarness } from "./support/teams-harness.ts";

const DAY = 86_400_000;
const START = new Date("2026-03-02T15:00:00Z");
const TENANT = "tenant-a";

describe.each([
  { provider: "sqlite" as const, skip: false },
  { provider: "postgresql" as const, skip: !POSTGRES_TEST_URL },
])("complaints on Teams ($provider)", ({ provider, skip }) => {
  let app: TestApp;
  let h: TeamsHarness;
  let practiceId: string;
  let referrerId: string;
  let now = START;

  const later = (days: number) => {
    now = new Date(now.getTime() + days * DAY);
    app.clock.set(now);
  };
  const chat = { conversation: personalChat(undefined, TENANT) };

  /** Types into the personal chat and returns the card the bot answered with (and its message id). */
  async function type(text: string) {
    await h.send(text, chat);
    const call = h.connector.calls.at(-1)!;
    return { id: call.id, card: cardOf(call.activity) };
  }

  const complaints = () => app.db.prisma.feedback.findMany({ where: { referrerId }, orderBy: { createdAt: "asc" } });

  beforeAll(async () => {
    if (skip) return;
    app = await createTestApp({ provider, now: START });
    h = await startTeamsHarness({ core: app.core, repos: app.repos });
    const link = await app.repos.workspaces.getOrLink("teams", TENANT);
    practiceId = link.practiceId;
    const setup: Actor = { practiceId, memberId: null, name: "setup", channel: "cli", role: null };
    referrerId = (await app.repos.referrers.create(practiceId, { displayName: "Dr. Jane Lee", lastName: "Lee" }, setup))
      .id;
  });
  afterAll(async () => {
    await h?.close();
    await app?.close();
  });
  afterEach(() => {
    if (!skip) h.assertAllCardsValid();
  });

  it.skipIf(skip)("closes a complaint from its own nudge through the Mark resolved card form, once", async () => {
    await type("feedback Dr. Lee negative: reports arrive a week late");
    later(9);

    const list = await type("nudges");
    expect(cardText(list.card)).toContain("Negative feedback unresolved for 9 days");
    const markResolved = cardButtons(list.card).find((b) => b.verb === "complaint.resolve");
    expect(markResolved?.title).toBe("Mark resolved");

    const click = await h.click({ verb: "complaint.resolve", data: markResolved!.data, replyToId: list.id });
    expect(click.status).toBe(200);
    const formCall = h.connector.calls.at(-1)!;
    const form = cardOf(formCall.activity);
    expect(cardText(form)).toContain("“reports arrive a week late”");
    expect(JSON.stringify(form)).toContain("How was it resolved?");
    const submit = cardButtons(form).find((b) => b.verb === "form.submit")!;
    expect(submit.data).toMatchObject({ kind: "resolve_complaint" });

    // Nothing typed: refused, the form stays for the person to fix.
    const empty = await h.click({
      verb: "form.submit",
      data: { ...submit.data, resolution: " " },
      replyToId: formCall.id,
    });
    // Refused in place: the same card comes back with the problem under the field.
    expect(cardText(empty.answer)).toContain("Say how it was resolved");
    expect((await complaints())[0]?.status).toBe("open");

    const data = { ...submit.data, resolution: "Called the office; reports now go out the same day" };
    const done = await h.click({ verb: "form.submit", data, replyToId: formCall.id });
    expect(cardText(done.answer)).toContain("✓ Complaint from Dr. Jane Lee resolved");
    const again = await h.click({
      verb: "form.submit",
      data: { ...data, resolution: "other" },
      replyToId: formCall.id,
    });
    expect(cardText(again.answer)).toContain("resolved already; nothing changed");

    const [complaint] = await complaints();
    const ana = await app.db.prisma.member.findFirstOrThrow({ where: { platform: "teams" } });
    expect(complaint).toMatchObject({
      status: "resolved",
      resolvedById: ana.id,
      resolution: "Called the office; reports now go out the same day",
    });
    expect(await app.db.prisma.nudge.findFirstOrThrow({ where: { feedbackId: complaint!.id } })).toMatchObject({
      status: "done",
      resolvedBy: "Ana Ruiz",
    });
    expect(await app.db.prisma.auditEvent.count({ where: { action: "complaint.resolve" } })).toBe(1);
    expect(cardButtons((await type("nudges")).card).filter((b) => b.verb === "complaint.resolve")).toEqual([]);
  });

  it.skipIf(skip)(
    "resolves the only open complaint from `feedback Dr. Lee resolved: …` and lists it in the profile first",
    async () => {
      await type("feedback Dr. Lee negative: nobody called back about [the results](https://evil.example)");
      later(3);
      const profile = await type("referrer Dr. Lee");
      const text = cardText(profile.card);
      expect(text).toContain("Open complaints (1)");
      expect(text).toContain("open 3 days");
      expect(text).toContain("nobody called back about");
      // Whatever survives the cleaner is shown as text: the card holds no live link.
      expect(JSON.stringify(profile.card)).not.toMatch(/\]\(https?:/);
      expect(cardButtons(profile.card).filter((b) => b.verb === "complaint.resolve")).toHaveLength(1);

      const done = await type("feedback Dr. Lee resolved: the nurse line now calls back within a day");
      expect(cardText(done.card)).toContain("✓ Complaint from Dr. Jane Lee resolved");
      expect((await complaints()).filter((c) => c.status === "open")).toEqual([]);
      const audits = await app.db.prisma.auditEvent.findMany({ where: { action: "complaint.resolve" } });
      expect(audits).toHaveLength(2);
    },
  );
});
