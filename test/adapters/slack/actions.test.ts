import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ChatContext } from "../../../src/core/chat-api.ts";
import { type Reply, textReply } from "../../../src/core/reply.ts";
import { describeViolationsOf } from "./support/assertions.ts";
import { type SlackHarness, startSlackHarness } from "./support/harness.ts";
import { createMemoryRepos } from "./support/memory-repos.ts";
import { ScriptedCore } from "./support/scripted-core.ts";

const doneReply = (line: string): Reply => ({
  ...textReply("Today's nudges"),
  ephemeral: false,
  sections: [{ text: "*Dr. Lee*: 3 referrals since your last thank-you", context: line }],
});

describe("button clicks", () => {
  let h: SlackHarness;
  let core: ScriptedCore;

  beforeAll(async () => {
    core = new ScriptedCore();
    h = await startSlackHarness({ core, repos: createMemoryRepos() });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    core.calls.length = 0;
    core.onAction = async () => ({ update: doneReply("✓ Thanked by Ana Lopez") });
    h.fake.reset();
  });
  afterEach(() => {
    expect(h.fake.invalidPayloads, describeViolationsOf(h.fake.invalidPayloads)).toEqual([]);
  });

  const digestMessage = { type: "message" as const, channelId: "C0DIGEST", messageTs: "1700000042.000100" };

  it("acknowledges, hands the core the action id without its index, and updates the message in place", async () => {
    const res = await h.click({ actionId: "nudge.done#3", value: '{"n":"nudge-1"}', container: digestMessage });
    expect(res.status).toBe(200);
    const [update] = await h.fake.waitForCalls("chat.update");
    expect(core.actions()[0]).toMatchObject({ actionId: "nudge.done", value: '{"n":"nudge-1"}' });
    expect(update?.body).toMatchObject({ channel: "C0DIGEST", ts: "1700000042.000100" });
    expect(JSON.stringify(update?.body["blocks"])).toContain("✓ Thanked by Ana Lopez");
  });

  it("gives a double click the same request key, and a click on another message a different one", async () => {
    const click = { actionId: "nudge.done#0", value: '{"n":"nudge-1"}', container: digestMessage };
    await Promise.all([h.click(click), h.click(click)]);
    await h.click({ ...click, container: { ...digestMessage, messageTs: "1700000099.000100" } });
    await h.click({ ...click, value: '{"n":"nudge-2"}' });
    await h.fake.waitForCalls("chat.update", 4);
    const keys = core.actions().map((c) => c.ctx.requestKey);
    expect(keys[0]).toBe(keys[1]);
    expect(new Set(keys).size).toBe(3);
  });

  it("replaces an ephemeral message through the response_url", async () => {
    core.onAction = async () => ({ update: textReply("✓ Logged a call with Dr. Lee", { tone: "success" }) });
    await h.click({
      actionId: "referrer.pick#1",
      value: '{"r":"ref-1"}',
      container: { ...digestMessage, ephemeral: true },
    });
    const [replace] = await h.fake.waitForCalls("response_url");
    expect(replace?.body).toMatchObject({ replace_original: true, text: "✓ Logged a call with Dr. Lee" });
    expect(h.fake.callsTo("chat.update")).toEqual([]);
  });

  it("tells only the clicker when the core has a notice", async () => {
    core.onAction = async () => ({ notice: { ...textReply("Ana already did this one"), ephemeral: false } });
    await h.click({ actionId: "nudge.done#0", value: '{"n":"nudge-1"}', container: digestMessage });
    const [notice] = await h.fake.waitForCalls("response_url");
    expect(notice?.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
  });

  it("opens the core's form with the click's trigger_id", async () => {
    core.onAction = async () => ({
      form: {
        kind: "feedback",
        title: "Feedback from Dr. Lee",
        metadata: '{"r":"ref-1"}',
        initial: { referrer: "Dr. Lee" },
        hide: ["referrer"],
        about: "Feedback from Dr. Lee",
      },
    });
    await h.click({
      actionId: "feedback.open#2",
      value: '{"r":"ref-1"}',
      triggerId: "777.1.x",
      container: digestMessage,
    });
    const [open] = await h.fake.waitForCalls("views.open");
    expect(open?.body["trigger_id"]).toBe("777.1.x");
    const view = JSON.stringify(open?.body["view"]);
    expect(view).toContain("Feedback from Dr. Lee");
    // The referrer is fixed by the form: its field is not shown.
    expect(view).not.toContain('"block_id":"referrer"');
  });

  it("draws the Home tab again after a click in it", async () => {
    core.onCommand = async () => ({ reply: { ...textReply("Your nudges"), sections: [{ text: "Nothing open" }] } });
    await h.click({
      actionId: "nudge.snooze#0",
      value: '{"n":"nudge-1"}',
      container: { type: "view", viewId: "V0HOME", viewHash: "h1" },
    });
    const [publish] = await h.fake.waitForCalls("views.publish");
    expect(publish?.body["user_id"]).toBe("U0ANA");
    expect(core.commands()[0]).toMatchObject({ command: "home" });
  });

  it("passes the workspace of the signed request, whatever the button value claims", async () => {
    const forged = JSON.stringify({ n: "nudge-of-another-practice", practiceId: "p-other", workspaceId: "T0OTHER" });
    await h.click({ actionId: "nudge.done#0", value: forged, container: digestMessage });
    await h.fake.waitForCalls("chat.update");
    const ctx = core.actions()[0]?.ctx as ChatContext;
    expect(ctx.workspaceId).toBe("T0CLINIC");
    expect(core.actions()[0]?.value).toBe(forged);
  });

  it("apologises to the clicker when the core fails", async () => {
    core.onAction = async () => {
      throw new Error("boom");
    };
    await h.click({ actionId: "nudge.done#0", value: "{}", container: digestMessage });
    const [answer] = await h.fake.waitForCalls("response_url");
    expect(String(answer?.body["text"])).toContain("Sorry");
  });

  it("falls back to the response_url when chat.update refuses (a message the bot did not post)", async () => {
    h.fake.failNext("chat.update", 1, { error: "cant_update_message" });
    await h.click({ actionId: "nudge.done#0", value: "{}", container: digestMessage });
    const [replace] = await h.fake.waitForCalls("response_url");
    expect(replace?.body).toMatchObject({ replace_original: true });
  });
});

describe("a button the bot no longer knows", () => {
  it("is acknowledged and reaches no core", async () => {
    const core = new ScriptedCore();
    const h = await startSlackHarness({ core, repos: createMemoryRepos() });
    try {
      const res = await h.click({ actionId: "legacy.button", value: "x" });
      expect(res.status).toBe(200);
      expect(core.calls).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
