// The weekly thank-you cards over the real Bot Framework protocol: the card-day run sends the card to the
// physician's personal chat; Mailed and All mailed, each clicked twice, log one thank-you each; Print
// answers with a signed, expiring download link whose PDF has the names and addresses and no patient detail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileLinks } from "../../../src/http/file-links.ts";
import { CARD_DAY, PATIENT_DETAILS, pdfText, runCardDay, seedCardPractice } from "../../support/cards-scenario.ts";
import type { ConnectorCall } from "../../support/fake-connector.ts";
import { DEFAULT_TENANT, DEFAULT_USER, personalChat } from "../../support/teams-requests.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { cardButtons, cardOf, cardText, startTeamsHarness, type TeamsHarness } from "./support/teams-harness.ts";

describe("the thank-you cards in Teams", () => {
  let app: TestApp;
  let h: TeamsHarness;
  let base = "";
  let scene: Awaited<ReturnType<typeof seedCardPractice>>;
  let cardPost: ConnectorCall;

  beforeAll(async () => {
    app = await createTestApp({ now: CARD_DAY });
    const fileLinks = createFileLinks({ baseUrl: () => base });
    h = await startTeamsHarness({ core: app.core, repos: app.repos, fileLinks });
    base = h.botUrl.replace(/\/api\/messages$/, "");
    // The physician talks to the bot once: their personal chat is then known.
    await h.send("help", { conversation: personalChat() });
    const link = await app.repos.workspaces.find("teams", DEFAULT_TENANT);
    if (!link) throw new Error("the tenant was not linked");
    scene = await seedCardPractice(app, link.practiceId, {
      platform: "teams",
      externalUserId: DEFAULT_USER.aadObjectId ?? DEFAULT_USER.id,
      displayName: DEFAULT_USER.name,
      workspaceExternalId: DEFAULT_TENANT,
    });
    h.connector.reset();
    const result = await runCardDay(app, [h.teams.delivery], link.practiceId);
    expect(result.outcome).toBe("delivered");
    const found = h.connector.calls.find((c) => cardText(cardOf(c.activity)).includes("Thank-you cards"));
    if (!found) throw new Error("no card-day card was sent");
    cardPost = found;
  });
  afterAll(async () => {
    h?.assertAllCardsValid();
    await h?.close();
    await app?.close();
  });

  const buttons = () => cardButtons(cardOf(cardPost.activity));
  const click = (button: { verb: string; data: Record<string, unknown> } | undefined) =>
    h.click({ verb: button?.verb ?? "", data: button?.data ?? {}, replyToId: cardPost.id });

  it("sends the card-day card to the physician's personal chat, with addresses and a card line", () => {
    expect(cardPost.conversationId).toBe(personalChat().id);
    const text = cardText(cardOf(cardPost.activity));
    expect(text).toContain("Dr. Jennifer Lee");
    expect(text).toContain("12 Harbor Road, Suite 300, Springfield, IL 62701");
    expect(text).toContain("Thank you for the 2 patients you referred to us for joint replacement.");
    for (const detail of PATIENT_DETAILS) expect(text).not.toContain(detail);
  });

  it("logs one thank-you for Mailed clicked twice", async () => {
    const mailed = buttons().find((b) => b.verb === "cards.mailed" && String(b.data["value"]).includes(scene.patel.id));
    expect(mailed).toBeDefined();
    const first = await click(mailed);
    await click(mailed);
    expect(await app.db.prisma.touch.count({ where: { referrerId: scene.patel.id, kind: "thank_you" } })).toBe(1);
    expect(cardText(first.answer)).toContain("✓ Mailed by Ana Ruiz");
  });

  it("logs one thank-you per card still to mail for All mailed clicked twice", async () => {
    const all = buttons().find((b) => b.verb === "cards.all_mailed");
    await Promise.all([click(all), click(all)]);
    const byReferrer = await app.db.prisma.touch.groupBy({
      by: ["referrerId"],
      where: { kind: "thank_you" },
      _count: { _all: true },
    });
    expect(Object.fromEntries(byReferrer.map((t) => [t.referrerId, t._count._all]))).toEqual({
      [scene.lee.id]: 1,
      [scene.patel.id]: 1,
    });
  });

  it("answers Print with a download link to the PDF, which has the names and addresses and no patient detail", {
    timeout: 30_000,
  }, async () => {
    h.connector.reset();
    const print = buttons().find((b) => b.verb === "cards.print");
    const answer = await click(print);
    expect(String(answer.answer)).toContain("card texts");
    const sent = h.connector.calls.find((c) => c.kind === "send" || c.kind === "reply");
    const card = JSON.stringify(cardOf(sent?.activity ?? {}));
    const url = /"url":"([^"]+)"/.exec(card)?.[1];
    expect(url, "the card should carry a download link").toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\//);
    const res = await fetch(url as string);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const text = await pdfText(new Uint8Array(await res.arrayBuffer()));
    for (const expected of [
      "Dr. Jennifer Lee",
      "12 Harbor Road",
      "Springfield, IL 62701",
      "Dr. Raj Patel",
      "400 Elm Street",
    ]) {
      expect(text).toContain(expected);
    }
    for (const detail of PATIENT_DETAILS) expect(text).not.toContain(detail);
    // A link with its signature changed opens nothing.
    const forged = (url as string).replace(/(\/files\/[^.]+\.)./, (_, head: string) => `${head}x`);
    expect((await fetch(forged)).status).toBe(404);
  });
});
