// The weekly thank-you cards over Slack's real protocol: the card-day run puts the message in the
// physician's direct message; Mailed and All mailed, each clicked twice at once, log one thank-you each;
// Print uploads a PDF (files.uploadV2) whose text has the names and addresses and nothing about a patient.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Practice } from "../../../src/core/model.ts";
import { CARD_DAY, PATIENT_DETAILS, pdfText, runCardDay, seedCardPractice } from "../../support/cards-scenario.ts";
import type { RecordedCall } from "../../support/fake-slack-api.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { describeViolationsOf } from "./support/assertions.ts";
import { type SlackHarness, startSlackHarness, TEAM } from "./support/harness.ts";

interface Button {
  action_id: string;
  value: string;
}

function buttonsIn(body: Record<string, unknown> | undefined): Button[] {
  const blocks = (body?.["blocks"] ?? []) as { type: string; elements?: Button[] }[];
  return blocks.flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []));
}

describe("the thank-you cards in Slack", () => {
  let app: TestApp;
  let h: SlackHarness;
  let practice: Practice;
  let scene: Awaited<ReturnType<typeof seedCardPractice>>;
  let cardMessage: RecordedCall;

  beforeAll(async () => {
    app = await createTestApp({ now: CARD_DAY });
    h = await startSlackHarness({ core: app.core, repos: app.repos });
    h.fake.addUser({ id: "U0DOC", name: "kim", realName: "Dr. Ann Kim" });
    const link = await app.repos.workspaces.getOrLink("slack", TEAM.teamId, { name: TEAM.teamDomain });
    await app.repos.workspaces.setDigestConversation(link.id, "C0DIGEST");
    practice = (await app.repos.practices.findById(link.practiceId)) as Practice;
    scene = await seedCardPractice(app, practice.id, {
      platform: "slack",
      externalUserId: "U0DOC",
      displayName: "Dr. Ann Kim",
      workspaceExternalId: TEAM.teamId,
    });
    const result = await runCardDay(app, [h.adapter.delivery], practice.id);
    expect(result.outcome).toBe("delivered");
    const posts = h.fake.successfulCallsTo("chat.postMessage");
    const found = posts.find((c) => JSON.stringify(c.body["blocks"]).includes("Thank-you cards"));
    if (!found) throw new Error("no card-day message was posted");
    cardMessage = found;
  });
  afterAll(async () => {
    await h?.close();
    await app?.close();
  });
  afterEach(() => {
    expect(h.fake.invalidPayloads, describeViolationsOf(h.fake.invalidPayloads)).toEqual([]);
  });

  const click = (button: Button | undefined) =>
    h.click({
      userId: "U0DOC",
      userName: "kim",
      actionId: button?.action_id ?? "",
      value: button?.value ?? "",
      container: {
        type: "message",
        channelId: String(cardMessage.body["channel"]),
        messageTs: String(cardMessage.answer?.["ts"]),
      },
    });

  it("sends the card-day message to the physician's direct message, with addresses and a card line", () => {
    expect(cardMessage.body["channel"]).toBe("D0DOC");
    const text = JSON.stringify(cardMessage.body["blocks"]);
    expect(text).toContain("Dr. Jennifer Lee");
    expect(text).toContain("12 Harbor Road, Suite 300, Springfield, IL 62701");
    expect(text).toContain("3 referrals since 2 Dec");
    expect(text).toContain("Thank you for the 3 patients you referred to us for spine and sports medicine.");
    expect(text).toContain("400 Elm Street, Riverton, IL 62561");
    for (const detail of PATIENT_DETAILS) expect(text).not.toContain(detail);
    // The channel's digest has no thank nudge beside it on card day.
    const digest = h.fake.successfulCallsTo("chat.postMessage").find((c) => c.body["channel"] === "C0DIGEST");
    expect(JSON.stringify(digest?.body["blocks"])).not.toContain("Mark thanked");
  });

  it("logs one thank-you for a double-clicked Mailed, and shows who mailed it", async () => {
    const mailed = buttonsIn(cardMessage.body).find(
      (b) => b.action_id.startsWith("cards.mailed") && b.value.includes(scene.lee.id),
    );
    expect(mailed, "Dr. Lee's card should have a Mailed button").toBeDefined();
    h.fake.reset();
    await Promise.all([click(mailed), click(mailed)]);
    const updates = await h.fake.waitForCalls("chat.update", 2);
    expect(await app.db.prisma.touch.count({ where: { referrerId: scene.lee.id, kind: "thank_you" } })).toBe(1);
    expect(JSON.stringify(updates.at(-1)?.body["blocks"])).toContain("✓ Mailed by Dr. Ann Kim");
    const stats = await app.db.prisma.referrerStats.findUniqueOrThrow({ where: { referrerId: scene.lee.id } });
    expect(stats.unthankedCount).toBe(0);
  });

  it("logs one thank-you per card still to mail for a double-clicked All mailed", async () => {
    const all = buttonsIn(cardMessage.body).find((b) => b.action_id.startsWith("cards.all_mailed"));
    expect(all).toBeDefined();
    h.fake.reset();
    await Promise.all([click(all), click(all)]);
    const updates = await h.fake.waitForCalls("chat.update", 2);
    const thanks = await app.db.prisma.touch.groupBy({
      by: ["referrerId"],
      where: { kind: "thank_you" },
      _count: { _all: true },
    });
    expect(Object.fromEntries(thanks.map((t) => [t.referrerId, t._count._all]))).toEqual({
      [scene.lee.id]: 1,
      [scene.patel.id]: 1,
    });
    expect(JSON.stringify(updates.at(-1)?.body["blocks"])).toContain("Every card is mailed");
  });

  it("uploads the PDF into the conversation on Print, with names and addresses and no patient detail", {
    timeout: 30_000,
  }, async () => {
    const print = buttonsIn(cardMessage.body).find((b) => b.action_id.startsWith("cards.print"));
    h.fake.reset();
    await click(print);
    // Generous: the PDF is drawn after the click is acknowledged, and this machine may be busy.
    const [complete] = await h.fake.waitForCalls("files.completeUploadExternal", 1, 20_000);
    expect(complete?.body["channel_id"]).toBe("D0DOC");
    const [upload] = [...h.fake.uploads.values()];
    expect(upload?.filename).toBe("thank-you-cards-2026-W50.pdf");
    const bytes = h.fake.uploadedPdf(upload?.fileId ?? "");
    expect(bytes, "the upload should hold a PDF").not.toBeNull();
    const text = await pdfText(bytes as Uint8Array);
    for (const expected of [
      "Dr. Jennifer Lee",
      "12 Harbor Road",
      "Suite 300",
      "Springfield, IL 62701",
      "Dr. Raj Patel",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain("400 Elm Street");
    expect(text).toContain("Dear Dr. Lee,");
    for (const detail of PATIENT_DETAILS) expect(text).not.toContain(detail);
  });
});
