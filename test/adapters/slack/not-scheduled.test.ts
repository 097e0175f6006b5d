// Referrals that never got an appointment, on Slack, over signed HTTP requests against the real core and
// database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set): the coordinator's nudge -> its button
// -> the "Scheduled, or why not?" modal -> the referrals settled, once, however often it is sent.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { receiveReferrals } from "../../../src/core/intake/receive-referrals.ts";
import type { Actor, Practice } from "../../../src/core/model.ts";
import type { RecordedCall } from "../../support/fake-slack-api.ts";
import { selectValue } from "../../support/slack-requests.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../../support/test-app.ts";
import { describeViolationsOf } from "./support/assertions.ts";
import { type SlackHarness, startSlackHarness, TEAM } from "./support/harness.ts";

// A Wednesday: referrals of the Thursday before are 4 business days old (3 is the default limit).
const NOW = new Date("2026-11-11T15:00:00Z");

interface Button {
  action_id: string;
  value: string;
  text?: { text: string };
}

function buttonsIn(call: RecordedCall | undefined): Button[] {
  const blocks = (call?.body["blocks"] ?? []) as { type: string; elements?: Button[] }[];
  return blocks.flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []));
}

describe.each([
  { provider: "sqlite" as const, skip: false },
  { provider: "postgresql" as const, skip: !POSTGRES_TEST_URL },
])("referrals not yet scheduled, on Slack ($provider)", ({ provider, skip }) => {
  let app: TestApp;
  let h: SlackHarness;
  let practice: Practice;

  beforeAll(async () => {
    if (skip) return;
    app = await createTestApp({ provider, now: NOW });
    h = await startSlackHarness({ core: app.core, repos: app.repos });
    h.fake.addUser({ id: "U0ANA", name: "ana.lopez", realName: "Ana Lopez" });
    const link = await app.repos.workspaces.getOrLink("slack", TEAM.teamId, { name: TEAM.teamDomain });
    practice = (await app.repos.practices.findById(link.practiceId)) as Practice;
    const feed: Actor = { practiceId: practice.id, memberId: null, name: "api:EHR", channel: "import", role: null };
    const referral = (id: string, receivedAt: string) => ({
      sourceId: id,
      receivedAt,
      providerName: "Dr. Jennifer Lee",
      reason: "knee pain",
    });
    await receiveReferrals(
      { intake: app.intakeStore, referrers: app.repos.referrers },
      feed,
      practice,
      [referral("E-1", "2026-11-05"), referral("E-2", "2026-11-05"), referral("E-3", "2026-11-06")],
      { sourceSystem: "epic", now: NOW },
    );
    // Received yesterday: not late yet, so neither counted nor settled.
    await receiveReferrals(
      { intake: app.intakeStore, referrers: app.repos.referrers },
      feed,
      practice,
      [referral("E-4", "2026-11-10")],
      { sourceSystem: "epic", now: NOW },
    );
  });
  afterAll(async () => {
    await h?.close();
    await app?.close();
  });
  afterEach(() => {
    if (!skip) expect(h.fake.invalidPayloads, describeViolationsOf(h.fake.invalidPayloads)).toEqual([]);
  });

  it.skipIf(skip)(
    "marks the late referrals scheduled from the nudge's modal, once when it is sent twice at once",
    async () => {
      h.fake.reset();
      await h.command({ command: "/nudges", text: "", channelId: "C0CLINIC" });
      const [list] = await h.fake.waitForCalls("response_url");
      expect(JSON.stringify(list?.body["blocks"])).toContain(
        "3 referrals from Dr. Jennifer Lee not yet scheduled (oldest 6 days)",
      );
      const button = buttonsIn(list).find((b) => b.action_id.startsWith("unscheduled.open"));
      expect(button?.text?.text).toBe("Scheduled, or why not");

      h.fake.reset();
      await h.click({
        actionId: button!.action_id,
        value: button!.value,
        container: { type: "message", channelId: "C0CLINIC", messageTs: "1700000600.000100", ephemeral: true },
      });
      const [open] = await h.fake.waitForCalls("views.open");
      const view = open?.body["view"] as { callback_id: string; private_metadata: string; blocks: unknown[] };
      expect(view.callback_id).toBe("rn.form.not_scheduled");
      expect(JSON.stringify(view.blocks)).toContain("We could not reach the patients");

      h.fake.reset();
      const submit = () =>
        h.submit({
          callbackId: view.callback_id,
          privateMetadata: view.private_metadata,
          values: { outcome: { value: selectValue("scheduled") } },
        });
      const answers = await Promise.all([submit(), submit()]);
      for (const res of answers) expect(res.status).toBe(200);

      const referrals = await app.db.prisma.referral.findMany({ orderBy: { sourceId: "asc" } });
      expect(referrals.map((r) => [r.sourceId, r.status])).toEqual([
        ["E-1", "scheduled"],
        ["E-2", "scheduled"],
        ["E-3", "scheduled"],
        ["E-4", "received"],
      ]);
      const audits = await app.db.prisma.auditEvent.findMany({ where: { action: "referrals.not_scheduled" } });
      expect(audits.map((a) => [a.actor, JSON.parse(a.newValue ?? "{}").referrals])).toEqual([["Ana Lopez", 3]]);
      const nudge = await app.db.prisma.nudge.findFirstOrThrow({ where: { kind: "not_scheduled" } });
      expect(nudge).toMatchObject({ status: "done", liveKey: null, resolvedBy: "Ana Lopez" });

      // One answer says what changed (in the channel), the other that nothing did (to the clicker alone).
      const [posted] = await h.fake.waitForCalls("chat.postMessage");
      const [whispered] = await h.fake.waitForCalls("chat.postEphemeral");
      expect(posted?.body["text"]).toBe("✓ 3 referrals marked scheduled for Dr. Jennifer Lee (by Ana Lopez)");
      expect(whispered?.body["text"]).toContain("nothing changed");
    },
  );
});
