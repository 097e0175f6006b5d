import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cardActionActivity, DEFAULT_TENANT, personalChat } from "../../support/teams-requests.ts";
import { cardButtons, cardOf, cardText, startTeamsHarness, type TeamsHarness } from "./support/teams-harness.ts";

// A scripted core pins down what the adapter does with each kind of ActionResult (update, notice,
// form, failure); real-core.test.ts shows the same clicks against the real core and database.
describe("Teams card buttons (Action.Execute), with a scripted core", () => {
  let h: TeamsHarness;

  /** Posts "nudges" and returns the message id the connector gave the card, and its buttons. */
  async function showNudges(): Promise<{ messageId: string; buttons: ReturnType<typeof cardButtons> }> {
    await h.send("nudges");
    const call = h.connector.calls.at(-1)!;
    return { messageId: call.id, buttons: cardButtons(cardOf(call.activity)) };
  }

  beforeEach(async () => {
    h = await startTeamsHarness();
    await h.standIn.addNudge(DEFAULT_TENANT, "nudge-lee", "Dr. Lee");
  });
  afterEach(async () => {
    h.assertAllCardsValid();
    await h.close();
  });

  it("renders each button as Action.Execute with the action id as verb and the value as data", async () => {
    const { buttons } = await showNudges();
    expect(buttons.map((b) => b.verb)).toEqual(["nudge.done", "nudge.snooze"]);
    expect(buttons[0]!.data).toEqual({ value: JSON.stringify({ nudgeId: "nudge-lee" }) });
  });

  it("answers a click with the refreshed card and rewrites the message for everyone", async () => {
    const { messageId, buttons } = await showNudges();
    const done = buttons[0]!;

    const result = await h.click({ verb: done.verb, data: done.data, replyToId: messageId });

    expect(result.status).toBe(200);
    expect((result.body as { type: string }).type).toBe("application/vnd.microsoft.card.adaptive");
    // The clicker sees the notice on top of the refreshed card.
    expect(cardText(result.answer)).toContain("✓ Thanked by Ana Ruiz");
    expect(cardText(result.answer)).toContain("✓ Dr. Lee: thanked");
    const update = h.connector.calls.find((c) => c.kind === "update");
    expect(update?.activityId).toBe(messageId);
    expect(cardText(cardOf(update!.activity))).toContain("✓ Dr. Lee: thanked");
    expect(cardText(cardOf(update!.activity))).not.toContain("Thanked by Ana");
  });

  it("logs one touch for a button clicked twice", async () => {
    const { messageId, buttons } = await showNudges();
    const done = buttons[0]!;

    await h.click({ verb: done.verb, data: done.data, replyToId: messageId });
    await h.click({ verb: done.verb, data: done.data, replyToId: messageId });

    expect(h.standIn.touches).toHaveLength(1);
  });

  it("logs one touch for an invoke the connector retries", async () => {
    const { messageId, buttons } = await showNudges();
    const done = buttons[0]!;
    const invoke = cardActionActivity({ verb: done.verb, data: done.data, replyToId: messageId }, h.base);

    const first = await h.post(invoke);
    const retried = await h.post(invoke);

    expect([first.status, retried.status]).toEqual([200, 200]);
    expect(h.standIn.touches).toHaveLength(1);
  });

  it("logs separate touches for the same button on two different cards", async () => {
    const one = await showNudges();
    const two = await showNudges();
    await h.click({ verb: "nudge.done", data: one.buttons[0]!.data, replyToId: one.messageId });
    await h.click({ verb: "nudge.done", data: two.buttons[0]!.data, replyToId: two.messageId });
    expect(h.standIn.touches).toHaveLength(2);
  });

  it("changes nothing when the data names another practice's nudge", async () => {
    await h.standIn.addNudge("tenant-b", "nudge-other", "Dr. Other");
    const { messageId } = await showNudges();

    const result = await h.click({
      verb: "nudge.done",
      data: { value: JSON.stringify({ nudgeId: "nudge-other" }) },
      replyToId: messageId,
    });

    expect(result.status).toBe(200);
    expect(result.answer).toBe("That nudge is not yours.");
    expect(h.standIn.touches).toHaveLength(0);
    expect(h.standIn.nudges.get("nudge-other")?.status).toBe("open");
    expect(h.connector.calls.filter((c) => c.kind === "update")).toHaveLength(0);
  });

  it("answers an unknown verb or malformed data with a message and no change", async () => {
    const { messageId } = await showNudges();
    const unknown = await h.click({ verb: "admin.delete_everything", data: { value: "{}" }, replyToId: messageId });
    const malformed = await h.click({ verb: "nudge.done", data: { value: 42 }, replyToId: messageId });

    expect(unknown.answer).toMatch(/no longer supported/);
    expect(malformed.answer).toMatch(/out of date/);
    expect(h.standIn.touches).toHaveLength(0);
  });

  it("opens a form as a new card and sends its inputs to the core on submit", async () => {
    const { messageId } = await showNudges();
    const opened = await h.click({
      verb: "feedback.open",
      data: { value: JSON.stringify({ nudgeId: "nudge-lee" }) },
      replyToId: messageId,
    });
    expect(opened.answer).toBe("Fill in the form below.");
    const formCall = h.connector.calls.at(-1)!;
    const submit = cardButtons(cardOf(formCall.activity)).find((b) => b.verb === "form.submit")!;

    // Teams merges the inputs' values into the button's data.
    const saved = await h.click({
      verb: "form.submit",
      data: { ...submit.data, sentiment: "negative", text: "  Reports are slow  ", needsFollowUp: "true" },
      replyToId: formCall.id,
    });

    expect(cardText(saved.answer)).toContain("Feedback saved.");
    expect(h.standIn.forms).toEqual([
      {
        kind: "feedback",
        metadata: JSON.stringify({ nudgeId: "nudge-lee" }),
        // As Teams sends them (trimmed); the core's validateForm reads the toggle's "true".
        values: { sentiment: "negative", text: "Reports are slow", needsFollowUp: "true" },
      },
    ]);
    // The submitted form is replaced for everyone, so nobody fills it in twice.
    expect(h.connector.calls.at(-1)).toMatchObject({ kind: "update", activityId: formCall.id });
  });

  it("closes a form on Cancel without calling the core", async () => {
    const result = await h.click(
      { verb: "form.cancel", data: {}, replyToId: "1:form" },
      { conversation: personalChat() },
    );
    expect(cardText(result.answer)).toContain("Form closed");
    expect(h.standIn.forms).toHaveLength(0);
  });

  it("answers a failing core with a message rather than an error status", async () => {
    h.standIn.core.runAction = async () => {
      throw new Error("database down");
    };
    const result = await h.click({ verb: "nudge.done", data: { value: "{}" }, replyToId: "1:x" });
    expect(result.status).toBe(200);
    expect(result.answer).toMatch(/Something went wrong/);
  });
});
