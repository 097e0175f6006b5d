// A click on a digest button redraws the message it was on: from the channel's snapshot in the
// channel, from the physician's own in their direct message, and never the channel's list in a DM.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatContext } from "../../../src/core/chat-api.ts";
import type { Digest } from "../../../src/core/digest/digest-model.ts";
import type { Member, Practice } from "../../../src/core/model.ts";
import type { DeliveryTarget } from "../../../src/core/ports.ts";
import type { Reply } from "../../../src/core/reply.ts";
import { silentLogger } from "../../../src/logging/logger.ts";
import { sendDigest } from "../../../src/scheduler/send-digest.ts";
import { compareDigests, seedDiverging, titleOf } from "../../support/personal-digest-scenario.ts";
import { DeliveryLog, recordingDelivery } from "../../support/scheduler-fixtures.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";

const NOW = new Date("2026-11-23T14:00:00Z");
let seq = 0;
// T-HOME is the operator's own workspace, so it joins the default practice.
const ctx = (userId: string, userName: string): ChatContext => ({
  platform: "slack",
  workspaceId: "T-HOME",
  operatorWorkspace: true,
  userId,
  userName,
  requestKey: `req-${++seq}`,
});

function textOf(reply: Reply | undefined): string {
  return [reply?.headline, ...(reply?.sections ?? []).flatMap((s) => [s.text, s.context])].join("\n");
}

describe("redrawing a digest after a click", () => {
  let app: TestApp;
  let practice: Practice;
  let doctor: Member;
  let runId: string;
  let channel: Digest;
  let own: Digest;
  let lists: ReturnType<typeof compareDigests>;

  const nudgeIdOf = (digest: Digest, title: string) => digest.nudges.find((n) => titleOf(n) === title)!.nudgeId;

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    practice = await app.repos.practices.getOrCreateDefault();
    doctor = await app.repos.members.upsert({
      practiceId: practice.id,
      platform: "slack",
      externalUserId: "U-DOC",
      displayName: "Dr. Maya Chen",
      workspaceExternalId: "T-HOME",
    });
    await app.repos.members.setRole(doctor.id, "physician");
    await seedDiverging(app.repos, practice.id, NOW);
    practice = (await app.repos.practices.findById(practice.id))!;
    const targets = (): DeliveryTarget[] => [
      { platform: "slack", key: "slack:C-DIGEST", address: "C-DIGEST" },
      { platform: "slack", key: `slack:dm:${doctor.id}`, address: "D-DOC", memberId: doctor.id },
    ];
    const result = await sendDigest(
      {
        repos: app.repos,
        store: app.digestRuns,
        data: app.digestData,
        deliveries: [recordingDelivery({ log: new DeliveryLog(), targets })],
        logger: silentLogger(),
      },
      practice,
      "2026-11-23",
      { now: NOW, instanceId: "test" },
    );
    runId = result.runId!;
    channel = (await app.digestData.loadSnapshot(practice.id, runId))!;
    own = (await app.digestData.loadSnapshot(practice.id, runId, doctor.id))!;
    lists = compareDigests(own, channel);
    expect(lists.onlyMine).not.toEqual([]);
    expect(lists.onlyChannel).not.toEqual([]);
  });
  afterAll(async () => app?.close());

  it("redraws the physician's own digest for a button that names them", async () => {
    const [mine] = lists.onlyMine as [string];
    const value = JSON.stringify({ n: nudgeIdOf(own, mine), r: runId, m: doctor.id });
    const { update } = await app.core.runAction(ctx("U-DOC", "Dr. Maya Chen"), "nudge.snooze", value);
    const text = textOf(update);
    expect(text).toContain("Your nudges for today");
    for (const title of lists.own) expect(text).toContain(title);
    for (const title of lists.onlyChannel) expect(text).not.toContain(title);
  });

  it("redraws the channel's digest for a button that names no one", async () => {
    const [theirs] = lists.onlyChannel as [string];
    const value = JSON.stringify({ n: nudgeIdOf(channel, theirs), r: runId });
    const { update } = await app.core.runAction(ctx("U-ANA", "Ana"), "nudge.snooze", value);
    const text = textOf(update);
    expect(text).toContain("Today's nudges");
    for (const title of lists.shared) expect(text).toContain(title);
    for (const title of lists.onlyMine) expect(text).not.toContain(title);
  });

  it("shows the clicker's own list, not the channel's digest, when no digest was kept for the member named", async () => {
    const [shared] = lists.shared as [string];
    const value = JSON.stringify({ n: nudgeIdOf(channel, shared), r: runId, m: "member-without-a-snapshot" });
    const { update } = await app.core.runAction(ctx("U-DOC", "Dr. Maya Chen"), "nudge.dismiss", value);
    expect(update?.headline).toBe("Your top nudges");
    expect(textOf(update)).not.toContain("Today's nudges");
  });
});
