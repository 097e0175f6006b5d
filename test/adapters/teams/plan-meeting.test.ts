// A meet nudge's "Plan meeting" over the real Bot Framework protocol against the real core and database:
// the click answers with a card carrying a signed download link, which serves the calendar invitation as
// text/calendar with the referrer's brief as its description.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetingUid } from "../../../src/core/meetings/meeting-invitation.ts";
import type { Actor } from "../../../src/core/model.ts";
import { createFileLinks } from "../../../src/http/file-links.ts";
import { readCalendar } from "../../support/read-calendar.ts";
import { DEFAULT_TENANT, personalChat } from "../../support/teams-requests.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { cardButtons, cardOf, startTeamsHarness, type TeamsHarness } from "./support/teams-harness.ts";

const DAY = 86_400_000;
// Wednesday 11 November 2026, 10:00 in New York.
const NOW = new Date("2026-11-11T15:00:00Z");

describe("Plan meeting in Teams", () => {
  let app: TestApp;
  let h: TeamsHarness;
  let base = "";
  let practiceId = "";

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    const fileLinks = createFileLinks({ baseUrl: () => base });
    h = await startTeamsHarness({ core: app.core, repos: app.repos, fileLinks });
    base = h.botUrl.replace(/\/api\/messages$/, "");
    await h.send("help", { conversation: personalChat() });
    const link = await app.repos.workspaces.find("teams", DEFAULT_TENANT);
    if (!link) throw new Error("the tenant was not linked");
    practiceId = link.practiceId;
    await app.repos.practices.updateSettings(practiceId, { settings: { digestTopN: 20 } });
    const setup: Actor = { practiceId, memberId: null, name: "setup", channel: "cli", role: null };
    const lee = await app.repos.referrers.create(
      practiceId,
      { displayName: "Dr. Jennifer Lee", lastName: "Lee" },
      setup,
    );
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
    h?.assertAllCardsValid();
    await h?.close();
    await app?.close();
  });

  it("answers with a download link to the invitation, served as text/calendar with the brief", async () => {
    await h.send("nudges", { conversation: personalChat() });
    const list = h.connector.calls.at(-1)!;
    const plan = cardButtons(cardOf(list.activity)).find((b) => b.verb === "meeting.plan");
    expect(plan?.title).toBe("Plan meeting");
    const nudgeId = (JSON.parse(String(plan!.data["value"])) as { n: string }).n;

    h.connector.reset();
    const answer = await h.click({ verb: plan!.verb, data: plan!.data, replyToId: list.id });
    expect(String(answer.answer)).toContain("Meeting with Dr. Jennifer Lee");
    const sent = h.connector.calls.find((c) => c.kind === "send" || c.kind === "reply");
    const card = JSON.stringify(cardOf(sent?.activity ?? {}));
    const url = /"url":"([^"]+)"/.exec(card)?.[1];
    expect(url, "the card should carry a download link").toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\/.+\.ics$/);

    const res = await fetch(url as string);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const [event] = readCalendar(await res.text());
    expect(event?.summary).toBe("Meeting with Dr. Jennifer Lee");
    expect(event?.uid).toBe(meetingUid(nudgeId));
    expect(event?.description).toContain("Brief: Dr. Jennifer Lee");
    expect(event?.description).not.toContain("knee pain");
    expect(await app.db.prisma.touch.count({ where: { practiceId } })).toBe(0);

    // A link with its signature changed opens nothing.
    const forged = (url as string).replace(/(\/files\/[^.]+\.)./, (_, head: string) => `${head}x`);
    expect((await fetch(forged)).status).toBe(404);
  });

  it("makes the invitation only for a meet nudge of the practice that asks", async () => {
    const meet = await app.db.prisma.nudge.findFirstOrThrow({ where: { practiceId, kind: "meet" } });
    const other = await app.db.prisma.nudge.findFirstOrThrow({ where: { practiceId, kind: { not: "meet" } } });
    const elsewhere = await app.repos.practices.create({ name: "Another practice" });
    expect((await app.core.fileFor?.(practiceId, `meeting:${meet.id}`))?.mimeType).toBe("text/calendar");
    expect(await app.core.fileFor?.(elsewhere.id, `meeting:${meet.id}`)).toBeNull();
    expect(await app.core.fileFor?.(practiceId, `meeting:${other.id}`)).toBeNull();
    expect(await app.core.fileFor?.(practiceId, "meeting:no-such-nudge")).toBeNull();
  });
});
