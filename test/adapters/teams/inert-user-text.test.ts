// What a user typed is shown as they typed it, never as markup: a note with a Markdown link or image,
// or a typed mention, reaches the card escaped. The card text is rendered with markdown-it (CommonMark,
// what Adaptive Card hosts implement) to check that no link, image or tag comes out.
import MarkdownIt from "markdown-it";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../../src/core/model.ts";
import { DEFAULT_TENANT } from "../../support/teams-requests.ts";
import { cardOf, cardText, startTeamsHarness, type TeamsHarness } from "./support/teams-harness.ts";

const markdown = new MarkdownIt({ linkify: false });

/** Every Markdown text of a card (TextBlocks and facts), as a host would render it to HTML. */
function renderedHtml(card: unknown): string {
  const html: string[] = [];
  JSON.stringify(card, (key, value) => {
    if ((key === "text" || key === "value" || key === "title") && typeof value === "string" && !value.startsWith("{")) {
      html.push(markdown.render(value));
    }
    return value;
  });
  return html.join("\n");
}

const PHISH = "[reset your password](https://evil.example)";
const IMAGE = "![](https://evil.example/pixel.png)";

describe("user text in Teams cards", () => {
  let h: TeamsHarness;
  let practiceId: string;

  beforeEach(async () => {
    h = await startTeamsHarness({ realCore: true });
    practiceId = (await h.repos.workspaces.getOrLink("teams", DEFAULT_TENANT)).practiceId;
    const seed: Actor = { practiceId, memberId: null, name: "seed", channel: "cli", role: null };
    await h.repos.referrers.create(practiceId, { displayName: "Dr. Jane Lee", lastName: "Lee" }, seed);
  });
  afterEach(async () => {
    h.assertAllCardsValid();
    await h.close();
  });

  it("shows a note with a Markdown link, an image and a typed mention as plain text", async () => {
    // Teams sends what people type as HTML text: a typed "<" arrives as &lt;.
    await h.send(`thanked Dr. Jane Lee ${PHISH} ${IMAGE} &lt;at&gt;Bob&lt;/at&gt;`);
    const card = cardOf(h.connector.calls.at(-1)!.activity);
    const html = renderedHtml(card);

    expect(html).not.toMatch(/<a\s|<img\s|<at>/i);
    expect(cardText(card)).toContain("<at>Bob</at>");
    // The links themselves are identifiers the note cleaner removes before they are stored.
    expect(cardText(card)).not.toContain("evil.example");
  });

  it("shows a referrer whose name is Markdown as that name, in the headline and the facts", async () => {
    const seed: Actor = { practiceId, memberId: null, name: "seed", channel: "cli", role: null };
    await h.repos.referrers.create(
      practiceId,
      { displayName: "Dr. [Click](https://evil.example) Moss", lastName: "Moss", clinic: "**Big** ![x](y)" },
      seed,
    );
    await h.send("referrer Moss");
    const card = cardOf(h.connector.calls.at(-1)!.activity);
    expect(renderedHtml(card)).not.toMatch(/<a\s|<img\s|<strong>Big/i);
    expect(cardText(card)).toContain("Dr. [Click](https://evil.example) Moss");
  });
});

describe("card Markdown, as a host renders it", () => {
  it("keeps the core's *bold* and makes a typed link, image or tag plain text", async () => {
    const { toCardMarkdown } = await import("../../../src/adapters/teams/render/card-text.ts");
    const html = markdown.render(toCardMarkdown(`*Note:* ${PHISH} ${IMAGE} <b>x</b> _y_ \`z\``));
    expect(html).toContain("<strong>Note:</strong>");
    expect(html).not.toMatch(/<a\s|<img\s|<b>|<em>/);
  });
});
