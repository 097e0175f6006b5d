import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decodeFormMetadata } from "../../../src/adapters/slack/render/modals.ts";
import { type Reply, textReply } from "../../../src/core/reply.ts";
import { describeViolationsOf } from "./support/assertions.ts";
import { type SlackHarness, startSlackHarness } from "./support/harness.ts";
import { createMemoryRepos, type MemoryRepos } from "./support/memory-repos.ts";
import { ScriptedCore } from "./support/scripted-core.ts";

describe("slash commands", () => {
  let h: SlackHarness;
  let core: ScriptedCore;
  let repos: MemoryRepos;

  beforeAll(async () => {
    core = new ScriptedCore();
    repos = createMemoryRepos();
    h = await startSlackHarness({ core, repos });
    h.fake.addUser({ id: "U0ANA", name: "ana.lopez", realName: "Ana Lopez" });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    core.calls.length = 0;
    core.onCommand = async (_ctx, command, text) => ({ reply: textReply(`ran ${command} ${text}`.trim()) });
    h.fake.reset();
  });
  afterEach(() => {
    expect(h.fake.invalidPayloads, describeViolationsOf(h.fake.invalidPayloads)).toEqual([]);
  });

  it("acknowledges at once, before the core has answered", async () => {
    let release: (reply: Reply) => void = () => {};
    core.onCommand = () => new Promise((resolve) => (release = (reply) => resolve({ reply })));
    const res = await h.command({ command: "/thanked", text: "Dr. Lee" });
    expect(res.status).toBe(200);
    expect(res.body).toBe("");
    await h.fake.waitFor(() => core.commands().length === 1, "the core to be asked");
    expect(h.fake.callsTo("response_url")).toEqual([]);
    release(textReply("Logged a thank-you to Dr. Lee", { tone: "success" }));
    const [answer] = await h.fake.waitForCalls("response_url");
    expect(answer?.body).toMatchObject({ response_type: "ephemeral", text: "Logged a thank-you to Dr. Lee" });
  });

  it("hands the core the verb, the text as Slack sent it (the core decodes it) and a context read from the signed payload", async () => {
    await h.command({
      command: "/called",
      text: "Dr. O&amp;Brien &lt;urgent&gt;",
      channelId: "C0FRONT",
      triggerId: "123.456.abc",
    });
    await h.fake.waitForCalls("response_url");
    const [call] = core.commands();
    // Undecoded, so the core can tell Slack's own mentions (<@U…|…>) from a typed "&lt;@U…&gt;".
    expect(call).toMatchObject({ command: "called", text: "Dr. O&amp;Brien &lt;urgent&gt;" });
    expect(call?.ctx).toEqual({
      platform: "slack",
      workspaceId: "T0CLINIC",
      workspaceName: "clinic",
      userId: "U0ANA",
      userName: "Ana Lopez",
      conversation: "C0FRONT",
      requestKey: "slack:cmd:123.456.abc",
    });
  });

  it("falls back to the Slack handle when users.info does not know the user", async () => {
    await h.command({ command: "/met", text: "Dr. Lee", userId: "U0NEW", userName: "new.person" });
    await h.fake.waitForCalls("response_url");
    expect(core.commands()[0]?.ctx.userName).toBe("new.person");
  });

  it("posts a reply that is not ephemeral in the channel", async () => {
    core.onCommand = async () => ({ reply: { ...textReply("Digest settings"), ephemeral: false } });
    await h.command({ command: "/referrals", text: "settings" });
    const [answer] = await h.fake.waitForCalls("response_url");
    expect(answer?.body).toMatchObject({ response_type: "in_channel", replace_original: false });
  });

  it("opens the core's form first when /feedback has no text, and does not repeat its title in the channel", async () => {
    core.onCommand = async () => ({
      reply: {
        ...textReply("Tell us what you heard"),
        form: { kind: "feedback", title: "Referrer feedback", metadata: '{"from":"cmd"}', initial: {} },
      },
    });
    await h.command({ command: "/feedback", text: "", channelId: "C0FRONT", triggerId: "999.1.f" });
    const [open] = await h.fake.waitForCalls("views.open");
    expect(open?.body["trigger_id"]).toBe("999.1.f");
    const view = open?.body["view"] as Record<string, unknown>;
    expect(view["callback_id"]).toBe("rn.form.feedback");
    expect(decodeFormMetadata(String(view["private_metadata"]))).toEqual({
      metadata: '{"from":"cmd"}',
      channel: "C0FRONT",
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.fake.callsTo("response_url")).toEqual([]);
  });

  it("says so when the form could not open (the trigger expired)", async () => {
    h.fake.failNext("views.open", 1, { error: "expired_trigger_id" });
    core.onCommand = async () => ({
      reply: {
        ...textReply("Add Dr. Newman?"),
        form: { kind: "add_referrer", title: "New referrer", metadata: "{}", initial: {} },
      },
    });
    await h.command({ command: "/thanked", text: "Dr. Newman" });
    const [answer] = await h.fake.waitForCalls("response_url");
    expect(JSON.stringify(answer?.body)).toContain("The form did not open");
  });

  it("takes an org-wide install's enterprise id as the workspace", async () => {
    await h.command({ command: "/nudges", teamId: "T0BRANCH", enterpriseId: "E0HEALTH", isEnterpriseInstall: true });
    await h.fake.waitForCalls("response_url");
    expect(core.commands()[0]?.ctx.workspaceId).toBe("E0HEALTH");
  });

  it("answers with an apology, not silence, when the core fails", async () => {
    core.onCommand = async () => {
      throw new Error("database is down");
    };
    await h.command({ command: "/referrer", text: "Dr. Lee" });
    const [answer] = await h.fake.waitForCalls("response_url");
    expect(answer?.body).toMatchObject({ response_type: "ephemeral" });
    expect(String(answer?.body["text"])).toContain("Sorry");
  });
});
