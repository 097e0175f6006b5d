// Referrals that never got an appointment, on Teams, as Bot Framework activities against the real core and
// database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set): the coordinator's nudge -> its button ->
// the "Scheduled, or why not?" card form -> the referrals closed with the reason, once on a double click.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { receiveReferrals } from "../../../src/core/intake/receive-referrals.ts";
import type { Actor, Practice } from "../../../src/core/model.ts";
import { personalChat } from "../../support/teams-requests.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../../support/test-app.ts";
import { cardButtons, cardOf, cardText, startTeamsHarness, type TeamsHarness } from "./support/teams-harness.ts";

// A Wednesday: referrals of the Thursday before are 4 business days old (3 is the default limit).
const NOW = new Date("2026-11-11T15:00:00Z");
const TENANT = "tenant-a";

describe.each([
  { provider: "sqlite" as const, skip: false },
  { provider: "postgresql" as const, skip: !POSTGRES_TEST_URL },
])("referrals not yet scheduled, on Teams ($provider)", ({ provider, skip }) => {
  let app: TestApp;
  let h: TeamsHarness;
  const chat = { conversation: personalChat(undefined, TENANT) };

  async function type(text: string) {
    await h.send(text, chat);
    const call = h.connector.calls.at(-1)!;
    return { id: call.id, card: cardOf(call.activity) };
  }

  beforeAll(async () => {
    if (skip) return;
    app = await createTestApp({ provider, now: NOW });
    h = await startTeamsHarness({ core: app.core, repos: app.repos });
    const link = await app.repos.workspaces.getOrLink("teams", TENANT);
    const practice = (await app.repos.practices.findById(link.practiceId)) as Practice;
    const feed: Actor = { practiceId: practice.id, memberId: null, name: "api:EHR", channel: "import", role: null };
    const referral = (id: string, receivedAt: string) => ({ sourceId: id, receivedAt, providerName: "Dr. Jane Lee" });
    await receiveReferrals(
      { intake: app.intakeStore, referrers: app.repos.referrers },
      feed,
      practice,
      [referral("E-1", "2026-11-04"), referral("E-2", "2026-11-05")],
      { sourceSystem: "epic", now: NOW },
    );
  });
  afterAll(async () => {
    await h?.close();
    await app?.close();
  });
  afterEach(() => {
    if (!skip) h.assertAllCardsValid();
  });

  it.skipIf(skip)(
    "closes the late referrals with the reason chosen in the card form, once on a double click",
    async () => {
      const list = await type("nudges");
      expect(cardText(list.card)).toContain("2 referrals from Dr. Jane Lee not yet scheduled (oldest 7 days)");
      const button = cardButtons(list.card).find((b) => b.verb === "unscheduled.open");
      expect(button?.title).toBe("Scheduled, or why not");

      const click = await h.click({ verb: "unscheduled.open", data: button!.data, replyToId: list.id });
      expect(click.status).toBe(200);
      const formCall = h.connector.calls.at(-1)!;
      const form = cardOf(formCall.activity);
      expect(JSON.stringify(form)).toContain("The patients chose elsewhere");
      const submit = cardButtons(form).find((b) => b.verb === "form.submit")!;
      expect(submit.data).toMatchObject({ kind: "not_scheduled" });

      // Nothing chosen: refused in place, nothing changed.
      const empty = await h.click({ verb: "form.submit", data: { ...submit.data }, replyToId: formCall.id });
      expect(cardText(empty.answer)).toContain("Choose what happened");
      expect(await app.db.prisma.referral.count({ where: { status: "received" } })).toBe(2);

      const data = { ...submit.data, outcome: "unreachable" };
      const [first, second] = await Promise.all([
        h.click({ verb: "form.submit", data, replyToId: formCall.id }),
        h.click({ verb: "form.submit", data, replyToId: formCall.id }),
      ]);
      const answers = [cardText(first.answer), cardText(second.answer)];
      expect(answers.filter((t) => t.includes("2 referrals closed: the patient could not be reached"))).toHaveLength(1);
      expect(answers.filter((t) => t.includes("nothing changed"))).toHaveLength(1);

      const referrals = await app.db.prisma.referral.findMany({ orderBy: { sourceId: "asc" } });
      expect(referrals.map((r) => [r.status, r.notScheduledReason])).toEqual([
        ["cancelled", "unreachable"],
        ["cancelled", "unreachable"],
      ]);
      expect(await app.db.prisma.auditEvent.count({ where: { action: "referrals.not_scheduled" } })).toBe(1);
      expect(cardButtons((await type("nudges")).card).filter((b) => b.verb === "unscheduled.open")).toEqual([]);
    },
  );
});
