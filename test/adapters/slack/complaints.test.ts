// A complaint's life on Slack, over signed HTTP requests against the real core and database (SQLite, and
// PostgreSQL when TEST_DATABASE_URL is set): logged -> its own nudge -> Mark resolved -> form -> closed.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor, Practice } from "../../../src/core/model.ts";
import type { RecordedCall } from "../../support/fake-slack-api.ts";
import { textValue } from "../../support/slack-requests.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../../support/test-app.ts";
import { describeViolationsOf } from "./support/assertions.ts";
import { type SlackHarness, startSlackHarness, TEAM } from "./support/harness.ts";

const DAY = 86_400_000;
const START = new Date("2026-11-02T14:00:00Z");

interface Button {
  action_id: string;
  value: string;
  text?: { text: string };
}

function buttonsIn(call: RecordedCall | undefined): Button[] {
  const blocks = (call?.body["blocks"] ?? []) as { type: string; elements?: Button[] }[];
  return blocks.flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []));
}

const resolveButtons = (call: RecordedCall | undefined) =>
  buttonsIn(call).filter((b) => b.action_id.startsWith("complaint.resolve#"));

describe.each([
  { provider: "sqlite" as const, skip: false },
  { provider: "postgresql" as const, skip: !POSTGRES_TEST_URL },
])("complaints on Slack ($provider)", ({ provider, skip }) => {
  let app: TestApp;
  let h: SlackHarness;
  let practice: Practice;
  let referrerId: string;
  let now = START;

  const later = (days: number) => {
    now = new Date(now.getTime() + days * DAY);
    app.clock.set(now);
  };

  /** Types a command and returns Slack's copy of the answer (the response_url post). */
  async function type(command: string, text: string): Promise<RecordedCall | undefined> {
    h.fake.reset();
    await h.command({ command, text, channelId: "C0CLINIC" });
    const [answer] = await h.fake.waitForCalls("response_url");
    return answer;
  }

  /** Clicks a button on an ephemeral answer and returns the modal Slack was asked to open. */
  async function openForm(button: Button) {
    h.fake.reset();
    await h.click({
      actionId: button.action_id,
      value: button.value,
      container: { type: "message", channelId: "C0CLINIC", messageTs: "1700000600.000100", ephemeral: true },
    });
    const [open] = await h.fake.waitForCalls("views.open");
    return open?.body["view"] as { callback_id: string; private_metadata: string; blocks: unknown[] };
  }

  async function submitResolution(view: { callback_id: string; private_metadata: string }, resolution: string) {
    h.fake.reset();
    const res = await h.submit({
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      values: { resolution: { value: textValue(resolution) } },
    });
    return res;
  }

  /** Submits the feedback form with its sentiment and text, nothing else ticked. */
  async function submitFeedback(
    view: { callback_id: string; private_metadata: string },
    sentiment: string,
    text: string,
  ) {
    h.fake.reset();
    return h.submit({
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      values: {
        sentiment: { value: { type: "static_select", selected_option: { value: sentiment } } },
        text: { value: textValue(text) },
        needsFollowUp: { value: { type: "checkboxes", selected_options: [] } },
      },
    });
  }

  const complaints = () => app.db.prisma.feedback.findMany({ where: { referrerId }, orderBy: { createdAt: "asc" } });

  beforeAll(async () => {
    if (skip) return;
    app = await createTestApp({ provider, now: START });
    h = await startSlackHarness({ core: app.core, repos: app.repos });
    h.fake.addUser({ id: "U0ANA", name: "ana.lopez", realName: "Ana Lopez" });
    const link = await app.repos.workspaces.getOrLink("slack", TEAM.teamId, { name: TEAM.teamDomain });
    practice = (await app.repos.practices.findById(link.practiceId)) as Practice;
    const setup: Actor = { practiceId: practice.id, memberId: null, name: "setup", channel: "cli", role: null };
    const lee = await app.repos.referrers.create(
      practice.id,
      { displayName: "Dr. Jennifer Lee", lastName: "Lee" },
      setup,
    );
    referrerId = lee.id;
  });
  afterAll(async () => {
    await h?.close();
    await app?.close();
  });
  beforeEach(() => h?.fake.reset());
  afterEach(() => {
    if (!skip) expect(h.fake.invalidPayloads, describeViolationsOf(h.fake.invalidPayloads)).toEqual([]);
  });

  it.skipIf(skip)("closes a complaint from its own nudge through the Mark resolved form, once", async () => {
    await type("/feedback", "Dr. Lee negative: reports arrive a week late");
    later(8);

    const list = await type("/nudges", "");
    expect(JSON.stringify(list?.body["blocks"])).toContain("Negative feedback unresolved for 8 days");
    const [markResolved] = resolveButtons(list);
    expect(markResolved?.text?.text).toBe("Mark resolved");

    const view = await openForm(markResolved!);
    expect(view.callback_id).toBe("rn.form.resolve_complaint");
    expect(JSON.stringify(view.blocks)).toContain("How was it resolved?");

    // Nothing typed: the core refuses and Slack keeps the modal open with the error under the field.
    const empty = await submitResolution(view, "   ");
    expect(JSON.parse(empty.body)).toMatchObject({
      response_action: "errors",
      errors: { resolution: expect.any(String) },
    });
    expect((await complaints())[0]?.status).toBe("open");

    const res = await submitResolution(view, "Called her office, reports now go out the same day. Call 555-201-3344");
    expect(res.body).toBe("");
    const [answer] = await h.fake.waitForCalls("chat.postEphemeral");
    expect(answer?.body["text"]).toBe("✓ Complaint from Dr. Jennifer Lee resolved");

    const [complaint] = await complaints();
    const ana = await app.db.prisma.member.findFirstOrThrow({ where: { externalUserId: "U0ANA" } });
    expect(complaint).toMatchObject({ status: "resolved", resolvedById: ana.id });
    expect(complaint?.resolvedAt?.getTime()).toBe(now.getTime());
    expect(complaint?.resolution).toContain("reports now go out the same day");
    expect(complaint?.resolution).not.toContain("555-201-3344");
    const nudge = await app.db.prisma.nudge.findFirstOrThrow({ where: { feedbackId: complaint!.id } });
    expect(nudge).toMatchObject({ status: "done", liveKey: null, resolvedBy: "Ana Lopez" });

    // The same form sent again (a retry, a second tab) changes nothing and says so.
    await submitResolution(view, "Something else entirely");
    const [again] = await h.fake.waitForCalls("chat.postEphemeral");
    expect(again?.body["text"]).toContain("resolved already; nothing changed");
    expect((await complaints())[0]?.resolution).toContain("same day");
    const audits = await app.db.prisma.auditEvent.findMany({ where: { action: "complaint.resolve" } });
    expect(audits.map((a) => [a.entityId, a.actor])).toEqual([[complaint!.id, "Ana Lopez"]]);

    const after = await type("/nudges", "");
    expect(resolveButtons(after)).toEqual([]);
    expect(JSON.stringify(after?.body["blocks"])).not.toContain("unresolved");
  });

  it.skipIf(skip)("raises a new complaint's nudge after the last one was dismissed", async () => {
    await type("/feedback", "Dr. Lee negative: the front desk was rude");
    later(8);
    const first = await type("/nudges", "");
    const dismiss = buttonsIn(first).find((b) => b.action_id.startsWith("nudge.dismiss#"));
    expect(dismiss).toBeDefined();
    h.fake.reset();
    await h.click({
      actionId: dismiss!.action_id,
      value: dismiss!.value,
      container: { type: "message", channelId: "C0CLINIC", messageTs: "1700000700.000100", ephemeral: true },
    });
    await h.fake.waitForCalls("response_url");
    expect(resolveButtons(await type("/nudges", ""))).toEqual([]);

    await type("/feedback", "Dr. Lee negative: a fax went to the wrong office");
    later(8);
    const second = await type("/nudges", "");
    expect(JSON.stringify(second?.body["blocks"])).toContain("a fax went to the wrong office");
    expect(resolveButtons(second)).toHaveLength(1);
  });

  it.skipIf(skip)("lists open complaints in the profile with their age and inert text", async () => {
    await type("/feedback", "Dr. Lee negative: ask <@U0BOSS> why nobody called back");
    later(2);
    const profile = await type("/referrer", "Dr. Lee");
    const blocks = JSON.stringify(profile?.body["blocks"]);
    // Three: dismissing a complaint's nudge does not resolve the complaint.
    expect(blocks).toContain("Open complaints (3)");
    expect(blocks).toContain("a fax went to the wrong office");
    expect(blocks).toContain("open 2 days");
    expect(blocks).toContain("why nobody called back");
    // The typed mention is shown, not live: Slack would ping the person for a raw <@U0BOSS>.
    expect(blocks).not.toContain("<@U0BOSS>");
    expect(resolveButtons(profile)).toHaveLength(3);
  });

  it.skipIf(skip)(
    "asks which one on /feedback … resolved with several open, then resolves the only one left",
    async () => {
      const which = await type("/feedback", "Dr. Lee resolved: apologised on the phone");
      expect(which?.body["text"]).toBe("Which complaint from Dr. Jennifer Lee? There are 3 open.");
      const buttons = resolveButtons(which);
      expect(buttons).toHaveLength(3);
      expect((await complaints()).filter((c) => c.status === "open")).toHaveLength(3);
      for (const button of buttons.slice(0, 2)) {
        // The button carries what was typed: its form opens prefilled.
        const view = await openForm(button);
        expect(JSON.stringify(view.blocks)).toContain("apologised on the phone");
        await submitResolution(view, "apologised on the phone");
        await h.fake.waitForCalls("chat.postEphemeral");
      }
      expect((await complaints()).filter((c) => c.status === "open")).toHaveLength(1);

      const done = await type("/feedback", "Dr. Lee resolved: new courier for the faxes");
      expect(done?.body["text"]).toBe("✓ Complaint from Dr. Jennifer Lee resolved");
      expect((await complaints()).filter((c) => c.status === "open")).toEqual([]);

      const none = await type("/feedback", "Dr. Lee resolved: nothing left");
      expect(none?.body["text"]).toBe("Dr. Jennifer Lee has no open complaint; nothing changed.");
    },
  );

  it.skipIf(skip)("offers to resolve the complaint when good news is logged from its nudge", async () => {
    await type("/feedback", "Dr. Lee negative: reports are hard to read");
    later(8);
    const list = await type("/nudges", "");
    const logFeedback = buttonsIn(list).find((b) => b.action_id.startsWith("feedback.open#"));
    const view = await openForm(logFeedback!);
    expect(view.callback_id).toBe("rn.form.feedback");
    await submitFeedback(view, "positive", "She likes the new report layout");
    const [answer] = await h.fake.waitForCalls("chat.postEphemeral");
    expect(JSON.stringify(answer?.body["blocks"])).toContain("Does this resolve the complaint");
    const [offer] = resolveButtons(answer);
    const complaintId = (JSON.parse(logFeedback!.value) as { k: string }).k;
    expect((await complaints()).find((c) => c.id === complaintId)?.text).toBe("reports are hard to read");
    expect(JSON.parse(offer!.value)).toEqual({ f: complaintId });
  });

  it.skipIf(skip)(
    "raises a complaint with its own nudge when the feedback asked for from a nudge is negative",
    async () => {
      const setup: Actor = { practiceId: practice.id, memberId: null, name: "setup", channel: "cli", role: null };
      const haddad = await app.repos.referrers.create(
        practice.id,
        { displayName: "Dr. Omar Haddad", lastName: "Haddad" },
        setup,
      );
      for (const [i, daysAgo] of [60, 20].entries()) {
        await app.repos.referrals.add(setup, {
          referrerId: haddad.id,
          sourceId: `haddad-${i}`,
          receivedAt: new Date(now.getTime() - daysAgo * DAY),
          reason: "knee pain",
        });
      }
      await app.repos.practices.updateSettings(practice.id, { settings: { digestTopN: 20 } });

      const list = await type("/nudges", "");
      expect(JSON.stringify(list?.body["blocks"])).toContain("Never asked for feedback");
      const logFeedback = buttonsIn(list).find(
        (b) => b.action_id.startsWith("feedback.open#") && (JSON.parse(b.value) as { f?: string }).f === haddad.id,
      );
      const view = await openForm(logFeedback!);
      expect(view.callback_id).toBe("rn.form.feedback");
      await submitFeedback(view, "negative", "Nobody tells us when our patients are seen");
      await h.fake.waitForCalls("chat.postEphemeral");

      const open = await app.db.prisma.feedback.findMany({ where: { referrerId: haddad.id } });
      expect(open.map((f) => [f.sentiment, f.status, f.text])).toEqual([
        ["negative", "open", "Nobody tells us when our patients are seen"],
      ]);
      later(8);
      const after = await type("/nudges", "");
      expect(resolveButtons(after).map((b) => JSON.parse(b.value))).toContainEqual({ f: open[0]!.id });
      expect(JSON.stringify(after?.body["blocks"])).toContain("Nobody tells us when our patients are seen");
    },
  );
});
