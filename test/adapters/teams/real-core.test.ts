// The Teams adapter on the real core and a real (SQLite) database: what a click does to the data.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../../src/core/model.ts";
import { createDigestRunStore } from "../../../src/db/digest-runs.ts";
import { silentLogger } from "../../../src/logging/logger.ts";
import { sendDigest } from "../../../src/scheduler/send-digest.ts";
import { cardActionActivity, channelConversation, personalChat } from "../../support/teams-requests.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import {
  cardButtons,
  cardInputs,
  cardOf,
  cardText,
  fieldErrorsOfCard,
  inputValue,
  startTeamsHarness,
  type TeamsHarness,
} from "./support/teams-harness.ts";

const NOW = new Date("2026-03-04T15:00:00Z");
const TENANT_A = "tenant-a";
const TENANT_B = "tenant-b";

describe("Teams on the real core", () => {
  let app: TestApp;
  let h: TeamsHarness;

  /** A practice for the tenant (linked as Teams links it) with one referrer who sent three referrals. */
  async function practiceWithReferrals(tenantId: string, name: string): Promise<{ practiceId: string }> {
    const link = await app.repos.workspaces.getOrLink("teams", tenantId);
    const actor: Actor = { practiceId: link.practiceId, memberId: null, name: "test", channel: "cli", role: null };
    const referrer = await app.repos.referrers.create(
      link.practiceId,
      { displayName: name, lastName: name.split(" ").at(-1)! },
      actor,
    );
    for (let i = 0; i < 3; i++) {
      await app.repos.referrals.add(actor, {
        referrerId: referrer.id,
        sourceId: `${tenantId}-${i}`,
        receivedAt: new Date(NOW.getTime() - (4 - i) * 86_400_000),
        reason: "knee pain",
      });
    }
    return { practiceId: link.practiceId };
  }

  /** Types "nudges" in tenant A's personal chat; returns the card's message id and its first "done" button. */
  async function nudgeCard(tenantId = TENANT_A) {
    await h.send("nudges", { conversation: personalChat(undefined, tenantId) });
    const call = h.connector.calls.at(-1)!;
    const done = cardButtons(cardOf(call.activity)).find((b) => b.verb === "nudge.done");
    if (!done) throw new Error(`no nudge to act on in:\n${cardText(cardOf(call.activity))}`);
    return { messageId: call.id, done };
  }

  async function touches(practiceId: string): Promise<number> {
    return app.repos.touches.countSince(practiceId, new Date(0));
  }

  beforeEach(async () => {
    app = await createTestApp({ now: NOW });
    h = await startTeamsHarness({ core: app.core, repos: app.repos });
  });
  afterEach(async () => {
    h.assertAllCardsValid();
    await h.close();
    await app.close();
  });

  it("logs one touch for a button clicked twice", async () => {
    const { practiceId } = await practiceWithReferrals(TENANT_A, "Dr. Jane Lee");
    const { messageId, done } = await nudgeCard();

    const first = await h.click({ verb: done.verb, data: done.data, replyToId: messageId });
    const second = await h.click({ verb: done.verb, data: done.data, replyToId: messageId });

    expect(await touches(practiceId)).toBe(1);
    expect(cardText(first.answer)).toMatch(/✓ .* by Ana Ruiz/);
    expect(second.status).toBe(200);
    // The message was rewritten for everyone, not only for the one who clicked.
    expect(h.connector.calls.filter((c) => c.kind === "update" && c.activityId === messageId)).not.toHaveLength(0);
  });

  it("logs one touch for an invoke the connector retries", async () => {
    const { practiceId } = await practiceWithReferrals(TENANT_A, "Dr. Jane Lee");
    const { messageId, done } = await nudgeCard();
    const invoke = cardActionActivity({ verb: done.verb, data: done.data, replyToId: messageId }, h.base);

    expect((await h.post(invoke)).status).toBe(200);
    expect((await h.post(invoke)).status).toBe(200);

    expect(await touches(practiceId)).toBe(1);
  });

  it("changes nothing when the button data names another practice's nudge", async () => {
    const a = await practiceWithReferrals(TENANT_A, "Dr. Jane Lee");
    const b = await practiceWithReferrals(TENANT_B, "Dr. Omar Haddad");
    const theirs = await nudgeCard(TENANT_B);
    const mine = await nudgeCard(TENANT_A);
    h.connector.reset();

    // Tenant A's user replays tenant B's button value on A's own card.
    const result = await h.click({ verb: "nudge.done", data: theirs.done.data, replyToId: mine.messageId });

    expect(result.status).toBe(200);
    expect(typeof result.answer).toBe("string");
    expect(await touches(a.practiceId)).toBe(0);
    expect(await touches(b.practiceId)).toBe(0);
    const targeted = JSON.parse(String(theirs.done.data["value"])) as { n: string };
    expect((await app.repos.nudges.findById(b.practiceId, targeted.n))?.status).toBe("open");
    expect(h.connector.calls.filter((c) => c.kind === "update")).toHaveLength(0);
  });

  it("logs feedback from the card form once, however often it is submitted", async () => {
    await practiceWithReferrals(TENANT_A, "Dr. Jane Lee");
    await h.send("feedback Dr. Lee", { conversation: personalChat(undefined, TENANT_A) });
    const formCall = h.connector.calls.at(-1)!;
    const submit = cardButtons(cardOf(formCall.activity)).find((b) => b.verb === "form.submit")!;
    // Teams merges the inputs' values into the button's data.
    const data = { ...submit.data, sentiment: "negative", text: "Reports take a week", needsFollowUp: "true" };

    const first = await h.click({ verb: "form.submit", data, replyToId: formCall.id });
    const again = await h.click({ verb: "form.submit", data, replyToId: formCall.id });

    expect(cardText(first.answer)).toContain("✓ Feedback from Dr. Jane Lee logged");
    expect(cardText(again.answer)).toContain("Already logged");
    const link = await app.repos.workspaces.find("teams", TENANT_A);
    const [referrer] = await app.repos.referrers.listForPractice(link!.practiceId);
    const open = await app.repos.feedback.openForReferrer(link!.practiceId, referrer!.id);
    expect(open.map((f) => [f.sentiment, f.text, f.needsFollowUp])).toEqual([
      ["negative", "Reports take a week", true],
    ]);
  });

  it("keeps the form in place when the core refuses what was typed", async () => {
    await practiceWithReferrals(TENANT_A, "Dr. Jane Lee");
    await h.send("feedback Dr. Lee", { conversation: personalChat(undefined, TENANT_A) });
    const formCall = h.connector.calls.at(-1)!;
    const submit = cardButtons(cardOf(formCall.activity)).find((b) => b.verb === "form.submit")!;

    const result = await h.click({
      verb: "form.submit",
      data: { ...submit.data, sentiment: "negative", text: "  " },
      replyToId: formCall.id,
    });

    // The form again, for the clicker: what was typed kept, the problem under its field.
    expect(fieldErrorsOfCard(result.answer)).toEqual({ text: "Write what they said" });
    expect(inputValue(result.answer, "sentiment")).toBe("negative");
    // Drawn as it was: about the same referrer, whose field stays hidden.
    expect(cardText(result.answer)).toContain("Feedback from Dr. Jane Lee");
    expect(cardInputs(result.answer).map((i) => i.id)).toEqual(["sentiment", "text", "needsFollowUp"]);
    expect(h.connector.calls.filter((c) => c.kind === "update")).toHaveLength(0);
  });

  it("changes the digest settings from the settings card, and names the field a refused value is in", async () => {
    await h.send("settings", { conversation: personalChat(undefined, TENANT_A) });
    const formCall = h.connector.calls.at(-1)!;
    const form = cardOf(formCall.activity);
    const submit = cardButtons(form).find((b) => b.verb === "form.submit")!;
    expect(submit.data).toMatchObject({ kind: "settings" });
    // Teams merges the inputs' values into the button's data; a number box may send a number.
    const values = { time: "06:45", timezone: "America/Chicago", days: "mon,wed,fri", top: 7, skipempty: "on" };

    const refused = await h.click({
      verb: "form.submit",
      data: { ...submit.data, ...values, timezone: "Mars/Olympus" },
      replyToId: formCall.id,
    });
    expect(fieldErrorsOfCard(refused.answer)).toEqual({
      timezone: '"Mars/Olympus" is not a time zone; use one like America/New_York',
    });
    const saved = await h.click({ verb: "form.submit", data: { ...submit.data, ...values }, replyToId: formCall.id });

    expect(cardText(saved.answer)).toContain("✓ Settings saved");
    const link = await app.repos.workspaces.find("teams", TENANT_A);
    const practice = (await app.repos.practices.findById(link!.practiceId))!;
    expect(practice).toMatchObject({
      digestTime: "06:45",
      timeZone: "America/Chicago",
      digestWeekdays: [1, 3, 5],
      skipEmptyDigest: true,
    });
    expect(practice.settings.digestTopN).toBe(7);
  });

  it("sends the digest to the Teams channel chosen with 'digest here', and refreshes it on a click", async () => {
    const channel = channelConversation("digests", TENANT_A);
    await h.send("digest here", { conversation: channel });
    const { practiceId } = await practiceWithReferrals(TENANT_A, "Dr. Jane Lee");
    const practice = (await app.repos.practices.findById(practiceId))!;
    h.connector.reset();

    const result = await sendDigest(
      {
        repos: app.repos,
        store: createDigestRunStore(app.db.prisma),
        data: app.digestData,
        deliveries: [h.teams.delivery],
        logger: silentLogger(),
      },
      practice,
      "2026-03-04",
      { now: NOW, instanceId: "test" },
    );

    expect(result.outcome).toBe("delivered");
    expect(result.delivered).toEqual([`teams:conv:${channel.id}`]);
    const post = h.connector.calls[0]!;
    expect(post).toMatchObject({ kind: "send", conversationId: channel.id });
    expect(cardText(cardOf(post.activity))).toContain("3 new referrals");

    const done = cardButtons(cardOf(post.activity)).find((b) => b.verb === "nudge.done")!;
    const click = await h.click(
      { verb: done.verb, data: done.data, replyToId: post.id },
      { conversation: channel, tenantId: TENANT_A },
    );
    expect(cardText(click.answer)).toContain("Referral digest");
    expect(cardText(click.answer)).toMatch(/✓ .* by Ana Ruiz/);
    expect(await touches(practiceId)).toBe(1);
  });
});
