import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { encodeFormMetadata } from "../../../src/adapters/slack/render/modals.ts";
import { errorReply, type Reply, textReply } from "../../../src/core/reply.ts";
import { checkboxValue, selectValue, textValue } from "../../support/slack-requests.ts";
import { describeViolationsOf } from "./support/assertions.ts";
import { type SlackHarness, startSlackHarness } from "./support/harness.ts";
import { createMemoryRepos } from "./support/memory-repos.ts";
import { ScriptedCore } from "./support/scripted-core.ts";

const feedbackValues = (overrides: Record<string, Record<string, unknown>> = {}) => ({
  sentiment: { value: selectValue("negative") },
  text: { value: textValue("Reports come back late") },
  needsFollowUp: { value: checkboxValue(["yes"]) },
  ...overrides,
});

describe("the forms as Slack modals", () => {
  it("keeps the core's metadata and drops the channel before going over 3000 characters", () => {
    const big = "m".repeat(2985);
    expect(encodeFormMetadata(big, "C0FRONT")).toBe(JSON.stringify({ m: big }));
    expect(encodeFormMetadata("m".repeat(3000))).toBeNull();
  });
});

describe("form submissions", () => {
  let h: SlackHarness;
  let core: ScriptedCore;

  beforeAll(async () => {
    core = new ScriptedCore();
    h = await startSlackHarness({ core, repos: createMemoryRepos() });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    core.calls.length = 0;
    core.onForm = async () => textReply("Feedback saved for Dr. Lee", { tone: "success" });
    h.fake.reset();
  });
  afterEach(() => {
    expect(h.fake.invalidPayloads, describeViolationsOf(h.fake.invalidPayloads)).toEqual([]);
  });

  const feedback = (values = feedbackValues(), channel: string | null = "C0FRONT") => ({
    callbackId: "rn.form.feedback",
    privateMetadata: encodeFormMetadata('{"r":"ref-1"}', channel ?? undefined) ?? "",
    values,
  });

  it("hands the core the form's kind, its own metadata and plain values, then answers in the channel", async () => {
    const res = await h.submit(feedback());
    expect(res.status).toBe(200);
    expect(res.body).toBe("");
    const [answer] = await h.fake.waitForCalls("chat.postEphemeral");
    expect(core.forms()[0]).toMatchObject({
      formKind: "feedback",
      metadata: '{"r":"ref-1"}',
      values: { sentiment: "negative", text: "Reports come back late", needsFollowUp: true },
    });
    expect(answer?.body).toMatchObject({ channel: "C0FRONT", user: "U0ANA", text: "Feedback saved for Dr. Lee" });
  });

  it("hands the core an empty field as it came, for the core to refuse", async () => {
    await h.submit(
      feedback(feedbackValues({ text: { value: textValue("   ") }, sentiment: { value: selectValue(null) } })),
    );
    await h.fake.waitForCalls("chat.postEphemeral");
    expect(core.forms()[0]?.values).toEqual({ text: "   ", needsFollowUp: true });
  });

  it("shows the core's field errors inline", async () => {
    core.onForm = async () => ({ ...errorReply("Too vague"), fieldErrors: { text: "Say a bit more" } }) as Reply;
    const res = await h.submit(feedback());
    expect(JSON.parse(res.body)).toEqual({ response_action: "errors", errors: { text: "Say a bit more" } });
  });

  it("reads no field out of a headline: an error without fieldErrors closes the modal and is posted", async () => {
    core.onForm = async () => errorReply("sentiment: Choose positive, neutral or negative", "Fill in the sentiment.");
    const res = await h.submit(feedback());
    expect(res.body).toBe("");
    const [answer] = await h.fake.waitForCalls("chat.postEphemeral");
    expect(String(answer?.body["text"])).toContain("sentiment: Choose positive");
  });

  it("posts the core's field errors when the modal has no such field to show them under", async () => {
    core.onForm = async () => ({ ...errorReply("Referrer: Which Lee?"), fieldErrors: { referrer: "Which Lee?" } });
    const res = await h.submit(feedback());
    expect(res.body).toBe("");
    const [answer] = await h.fake.waitForCalls("chat.postEphemeral");
    expect(String(answer?.body["text"])).toContain("Which Lee?");
  });

  it("closes the modal and posts the core's other errors", async () => {
    core.onForm = async () => errorReply("You cannot record feedback in this practice");
    const res = await h.submit(feedback());
    expect(res.body).toBe("");
    const [answer] = await h.fake.waitForCalls("chat.postEphemeral");
    expect(String(answer?.body["text"])).toContain("You cannot record feedback");
  });

  it("sends the answer as a DM when the form was opened away from a channel", async () => {
    await h.submit(feedback(feedbackValues(), null));
    const [dm] = await h.fake.waitForCalls("chat.postMessage");
    expect(dm?.body).toMatchObject({ channel: "U0ANA", text: "Feedback saved for Dr. Lee" });
  });

  it("gives the same submission sent twice one request key", async () => {
    await h.submit(feedback());
    await h.submit(feedback());
    await h.fake.waitForCalls("chat.postEphemeral", 2);
    const [first, second] = core.forms();
    expect(first?.ctx.requestKey).toBe(second?.ctx.requestKey);
  });

  it("acknowledges within Slack's 3 seconds when the core is slow, and answers when it is done", async () => {
    core.onForm = () => new Promise((resolve) => setTimeout(() => resolve(textReply("Saved, slowly")), 2500));
    const started = Date.now();
    const res = await h.submit(feedback());
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2900);
    const [answer] = await h.fake.waitForCalls("chat.postEphemeral", 1, 4000);
    expect(answer?.body["text"]).toBe("Saved, slowly");
  });

  it("reads the add-referrer form into the values the core takes, leaving out fields Slack sent no value for", async () => {
    await h.submit({
      callbackId: "rn.form.add_referrer",
      privateMetadata: encodeFormMetadata("{}", "C0FRONT") ?? "",
      values: {
        name: { value: textValue("Dr. Maria Newman, MD") },
        clinic: { value: textValue("") },
        specialty: { value: textValue(null) },
        npi: { value: textValue(" 1234-567-893 ") },
        phone: { value: textValue(null) },
        email: { value: textValue("maria@example.org") },
      },
    });
    await h.fake.waitForCalls("chat.postEphemeral");
    expect(core.forms()[0]).toMatchObject({
      formKind: "add_referrer",
      values: { name: "Dr. Maria Newman, MD", clinic: "", npi: " 1234-567-893 ", email: "maria@example.org" },
    });
    expect(Object.keys(core.forms()[0]?.values ?? {}).sort()).toEqual(["clinic", "email", "name", "npi"]);
  });
});
