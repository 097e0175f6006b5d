// A meet nudge's "Plan meeting" over signed Slack HTTP against the real core and database: the click
// uploads a calendar invitation (files.uploadV2) into the conversation, with the referrer's brief as its
// description; the meeting is logged once, by the nudge's own Mark met, when it has been held.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { meetingUid } from "../../../src/core/meetings/meeting-invitation.ts";
import type { Actor, Practice } from "../../../src/core/model.ts";
import type { RecordedCall } from "../../support/fake-slack-api.ts";
import { readCalendar } from "../../support/read-calendar.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { describeViolationsOf } from "./support/assertions.ts";
import { type SlackHarness, startSlackHarness, TEAM } from "./support/harness.ts";

const DAY = 86_400_000;
// Wednesday 11 November 2026, 10:00 in New York.
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

describe("Plan meeting on Slack", () => {
  let app: TestApp;
  let h: SlackHarness;
  let practice: Practice;
  let leeId: string;

  async function type(command: string, text: string): Promise<RecordedCall | undefined> {
    h.fake.reset();
    await h.command({ command, text, channelId: "C0CLINIC" });
    const [answer] = await h.fake.waitForCalls("response_url");
    return answer;
  }

  const click = (button: Button) =>
    h.click({
      actionId: button.action_id,
      value: button.value,
      container: { type: "message", channelId: "C0CLINIC", messageTs: "1700000600.000100", ephemeral: true },
    });

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    h = await startSlackHarness({ core: app.core, repos: app.repos });
    h.fake.addUser({ id: "U0ANA", name: "ana.lopez", realName: "Ana Lopez" });
    const link = await app.repos.workspaces.getOrLink("slack", TEAM.teamId, { name: TEAM.teamDomain });
    practice = (await app.repos.practices.findById(link.practiceId)) as Practice;
    await app.repos.practices.updateSettings(practice.id, { settings: { digestTopN: 20 } });
    const setup: Actor = { practiceId: practice.id, memberId: null, name: "setup", channel: "cli", role: null };
    const lee = await app.repos.referrers.create(
      practice.id,
      { displayName: "Dr. Jennifer Lee", lastName: "Lee", clinic: "Harbor Orthopedics" },
      setup,
    );
    leeId = lee.id;
    // Eight referrals this year and never met: a top referrer to visit.
    for (let i = 0; i < 8; i++) {
      await app.repos.referrals.add(setup, {
        referrerId: lee.id,
        sourceId: `lee-${i}`,
        receivedAt: new Date(NOW.getTime() - (10 + i * 30) * DAY),
        reason: "knee pain",
      });
    }
  });
  afterAll(async () => {
    await h?.close();
    await app?.close();
  });
  afterEach(() => {
    expect(h.fake.invalidPayloads, describeViolationsOf(h.fake.invalidPayloads)).toEqual([]);
  });

  it("uploads a calendar invitation with the brief, and logs the meeting once when marked met", async () => {
    const list = await type("/nudges", "");
    const plan = buttonsIn(list).find((b) => b.action_id.startsWith("meeting.plan"));
    expect(plan?.text?.text).toBe("Plan meeting");
    const nudgeId = (JSON.parse(plan!.value) as { n: string }).n;
    expect((await app.repos.nudges.findById(practice.id, nudgeId))?.kind).toBe("meet");

    h.fake.reset();
    await click(plan!);
    const [complete] = await h.fake.waitForCalls("files.completeUploadExternal", 1, 20_000);
    expect(complete?.body["channel_id"]).toBe("C0CLINIC");
    const [upload] = [...h.fake.uploads.values()];
    expect(upload?.filename).toBe("meeting-dr-jennifer-lee.ics");
    expect(upload?.initialComment).toContain("Once the meeting is held, press Mark met");
    const [event] = readCalendar(upload!.bytes.toString("utf8"));
    expect(event?.summary).toBe("Meeting with Dr. Jennifer Lee");
    expect(event?.uid).toBe(meetingUid(nudgeId));
    expect(event?.description).toContain("Brief: Dr. Jennifer Lee");
    expect(event?.description).toContain("Talking points");
    expect(event?.description).not.toContain("knee pain");
    expect(event?.location).toBe("Harbor Orthopedics");
    expect(event?.start.getTime()).toBeGreaterThan(NOW.getTime());
    // Planning logs nothing: the meeting has not happened yet.
    expect(await app.db.prisma.touch.count({ where: { referrerId: leeId } })).toBe(0);

    const met = buttonsIn(list).find(
      (b) => b.action_id.startsWith("nudge.done") && (JSON.parse(b.value) as { n: string }).n === nudgeId,
    );
    expect(met?.text?.text).toBe("Mark met");
    h.fake.reset();
    await Promise.all([click(met!), click(met!)]);
    await h.fake.waitForCalls("response_url", 2);
    const touches = await app.db.prisma.touch.findMany({ where: { referrerId: leeId } });
    expect(touches.map((t) => t.kind)).toEqual(["meeting"]);
    expect((await app.repos.nudges.findById(practice.id, nudgeId))?.status).toBe("done");
  });
});
