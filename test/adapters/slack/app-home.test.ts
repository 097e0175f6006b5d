import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findViewViolations } from "../../../src/adapters/slack/render/block-kit-limits.ts";
import { textReply } from "../../../src/core/reply.ts";
import { appHomeOpenedEvent } from "../../support/slack-requests.ts";
import { type SlackHarness, startSlackHarness, TEAM } from "./support/harness.ts";
import { createMemoryRepos } from "./support/memory-repos.ts";
import { ScriptedCore } from "./support/scripted-core.ts";

describe("the App Home tab", () => {
  let h: SlackHarness;
  let core: ScriptedCore;

  beforeAll(async () => {
    core = new ScriptedCore();
    h = await startSlackHarness({ core, repos: createMemoryRepos() });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    core.calls.length = 0;
    h.fake.reset();
    core.onCommand = async () => ({
      reply: {
        ...textReply("Your referral relationships"),
        sections: Array.from({ length: 120 }, (_, i) => ({
          text: `*Dr. Referrer ${i}* is going quiet: no referral in 64 days`,
          buttons: [{ label: "Done", actionId: "nudge.done" as const, value: `{"n":"${i}"}` }],
        })),
      },
    });
  });

  it("publishes the core's home reply for the user, within the 100-block limit", async () => {
    const res = await h.event(appHomeOpenedEvent({ ...TEAM, userId: "U0ANA", channelId: "D0ANA", eventId: "Ev1" }));
    expect(res.status).toBe(200);
    const [publish] = await h.fake.waitForCalls("views.publish");
    const view = publish?.body["view"] as { type: string; blocks: unknown[] };
    expect(publish?.body["user_id"]).toBe("U0ANA");
    expect(view.type).toBe("home");
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(findViewViolations(view)).toEqual([]);
    expect(core.commands()[0]).toMatchObject({ command: "home", text: "" });
    expect(core.commands()[0]?.ctx).toMatchObject({
      workspaceId: "T0CLINIC",
      conversation: "D0ANA",
      requestKey: "slack:evt:Ev1",
    });
  });

  it("only acknowledges Slack's retry of an event the first delivery handled", async () => {
    const res = await h.event(appHomeOpenedEvent({ ...TEAM, eventId: "Ev2" }), { retryNum: 1 });
    expect(res.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(core.calls).toEqual([]);
    expect(h.fake.callsTo("views.publish")).toEqual([]);
  });
});
