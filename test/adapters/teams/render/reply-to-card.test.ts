import { describe, expect, it } from "vitest";
import { failureCard, formClosedCard } from "../../../../src/adapters/teams/cards/notice-card.ts";
import { welcomeCard } from "../../../../src/adapters/teams/cards/welcome-card.ts";
import { adaptiveCard, cardBytes } from "../../../../src/adapters/teams/render/adaptive-card.ts";
import { toCardMarkdown } from "../../../../src/adapters/teams/render/card-text.ts";
import { CARD_BUDGET_BYTES, replyToCard } from "../../../../src/adapters/teams/render/reply-to-card.ts";
import { renderDigest } from "../../../../src/core/digest/render-digest.ts";
import { errorReply, type Reply, textReply } from "../../../../src/core/reply.ts";
import { assertValidCard, cardProblems } from "../support/card-validator.ts";
import { digestWith, renderEverything } from "../support/digest-fixtures.ts";
import { cardButtons, cardText } from "../support/teams-harness.ts";

function sectionReply(count: number): Reply {
  return textReply("Everything at once", {
    sections: Array.from({ length: count }, (_, i) => ({
      text: `*Dr. Referrer ${i}* sent ${i % 7} referrals this month, mostly knee and shoulder; last thanked in January.`,
      fields: [
        { label: "Clinic", value: `Northside Orthopaedics, building ${i}` },
        { label: "Last call", value: "2026-01-14" },
      ],
      buttons: [
        { label: "Thanked", actionId: "nudge.done", value: JSON.stringify({ nudgeId: `n-${i}` }), style: "primary" },
        { label: "Snooze a week", actionId: "nudge.snooze", value: JSON.stringify({ nudgeId: `n-${i}` }) },
        {
          label: "Not needed",
          actionId: "nudge.dismiss",
          value: JSON.stringify({ nudgeId: `n-${i}` }),
          style: "danger",
        },
      ],
      context: "Due today",
    })),
  });
}

describe("replyToCard", () => {
  it("renders a reply as a valid Adaptive Card 1.5 with the headline first", () => {
    const card = replyToCard(sectionReply(2));
    assertValidCard(card);
    expect(card.version).toBe("1.5");
    expect(cardText(card).split("\n")[0]).toBe("Everything at once");
  });

  it("turns buttons into Action.Execute with the action id as verb and the value as data", () => {
    const buttons = cardButtons(replyToCard(sectionReply(1)));
    expect(buttons).toEqual([
      expect.objectContaining({
        title: "Thanked",
        verb: "nudge.done",
        data: { value: '{"nudgeId":"n-0"}' },
        style: "positive",
      }),
      expect.objectContaining({ title: "Snooze a week", verb: "nudge.snooze" }),
      expect.objectContaining({ title: "Not needed", verb: "nudge.dismiss", style: "destructive" }),
    ]);
  });

  it("shows the tone as the header's colour and the usage as a hint", () => {
    const card = replyToCard(errorReply("I don't know that referrer.", "thanked Dr. Lee"));
    assertValidCard(card);
    expect(card.body[0]).toMatchObject({ type: "Container", style: "attention" });
    expect(cardText(card)).toContain("Try: thanked Dr. Lee");
  });

  it("summarises an oversized reply (80 sections) instead of exceeding Teams' message size", () => {
    const reply = sectionReply(80);
    expect(JSON.stringify(reply).length).toBeGreaterThan(CARD_BUDGET_BYTES);

    const card = replyToCard(reply);

    assertValidCard(card);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    const shown = cardButtons(card).length / 3;
    expect(shown).toBeGreaterThan(10);
    expect(cardText(card)).toContain(`…and ${80 - shown} more items not shown here`);
  });

  it("keeps a digest of 500 referrals from 200 referrers within the budget, however it is rendered", () => {
    const digest = digestWith({ referrers: 200, referrals: 500, nudges: 60 });
    for (const reply of [renderDigest(digest), renderEverything(digest)]) {
      const card = replyToCard(reply);
      assertValidCard(card);
      expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
      expect(cardText(card)).toContain("500 new referrals");
    }
  });

  it("ends a list that is too long on a whole line, saying how many lines are left out", () => {
    const lines = Array.from({ length: 200 }, (_, i) => `• Dr. Referrer Number ${i}: 3 (knee pain)`);
    const card = replyToCard(textReply("Referrals", { sections: [{ text: lines.join("\n") }] }));
    const text = cardText(card);
    expect(text).toMatch(/• Dr\. Referrer Number \d+: 3 \(knee pain\)\n\n…and \d+ more lines$/);
  });

  it("never drops the 'more' button, which is how the reader gets at what did not fit", () => {
    const digest = { ...digestWith({ referrers: 200, referrals: 500, nudges: 60 }), moreNudges: 25 };
    const card = replyToCard(renderEverything(digest));
    expect(cardButtons(card).at(-1)).toMatchObject({ verb: "nudges.more", title: "25 more" });
    const real = replyToCard(renderDigest(digest));
    expect(cardButtons(real).at(-1)).toMatchObject({ verb: "nudges.more", title: "See all" });
  });

  it("cuts one enormous section's text rather than the whole card", () => {
    const card = replyToCard(textReply("Long", { sections: [{ text: "word ".repeat(5000) }] }));
    assertValidCard(card);
    expect(cardBytes(card)).toBeLessThan(4000);
  });

  it("keeps more than five buttons in rows of five, as Teams shows them", () => {
    const buttons = Array.from({ length: 7 }, (_, i) => ({
      label: `Dr. ${i}`,
      actionId: "referrer.pick" as const,
      value: JSON.stringify({ i }),
    }));
    const card = replyToCard(textReply("Which Dr. Lee?", { sections: [{ buttons }] }));
    assertValidCard(card);
    expect(cardButtons(card)).toHaveLength(7);
  });

  it("puts the clicker's notice above the refreshed card", () => {
    const card = replyToCard(sectionReply(1), { banner: textReply("✓ Thanked by Ana", { tone: "success" }) });
    expect(card.body[0]).toMatchObject({ type: "TextBlock", text: "✓ Thanked by Ana", color: "good" });
  });
});

describe("card Markdown", () => {
  it("turns *bold* into **bold** and lines into paragraphs Teams keeps apart", () => {
    expect(toCardMarkdown("*Dr. Lee*: 3 referrals\n• knee\n• hip")).toBe("**Dr. Lee**: 3 referrals\n\n• knee\n\n• hip");
  });

  it("shows lone asterisks and arithmetic as typed: escaped, never emphasis", () => {
    expect(toCardMarkdown("2 * 3 = 6")).toBe("2 \\* 3 = 6");
  });

  it("shows a Slack-style link someone typed as text, never as a link (the core writes no links)", () => {
    expect(toCardMarkdown("see <https://example.com/x|the report>")).toBe(
      "see \\<https://example.com/x\\|the report\\>",
    );
  });

  it("escapes Markdown links, images, code and headings, and keeps the core's *bold*", () => {
    expect(toCardMarkdown("*Note:* [reset your password](https://evil.example) ![](https://evil.example/x.png)")).toBe(
      "**Note:** \\[reset your password\\]\\(https://evil.example\\) \\!\\[\\]\\(https://evil.example/x.png\\)",
    );
    expect(toCardMarkdown("# big\n- item\n1. first")).toBe("\\# big\n\n\\- item\n\n1\\. first");
    expect(toCardMarkdown("Type `digest here`")).toBe("Type **digest here**");
  });
});

/** A practice's settings as the core's settings form carries them. */
describe("card factories", () => {
  it("produce valid Adaptive Cards 1.5", () => {
    for (const [name, card] of Object.entries({
      welcomePersonal: welcomeCard({ inChannel: false }),
      welcomeChannel: welcomeCard({ inChannel: true }),
      formClosed: formClosedCard(),
      failure: failureCard(),
    })) {
      assertValidCard(card, name);
    }
  });
});

describe("the card validator", () => {
  it("fails a card Teams would not render", () => {
    const broken = {
      ...adaptiveCard([
        { type: "TextBlock" } as never,
        { type: "TextBlock", text: "x", weight: "heavy" } as never,
        { type: "ActionSet", actions: [{ type: "Action.Execute", verb: "v", data: {} }] } as never,
        { type: "Input.Text", id: "a" },
        { type: "Input.Text", id: "a" },
        { type: "Gallery" } as never,
      ]),
      version: "1.6",
    };
    const problems = cardProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/version/),
        expect.stringMatching(/must have required property 'text'/),
        expect.stringMatching(/Invalid value "heavy"/),
        expect.stringMatching(/must have required property 'title'/),
        expect.stringMatching(/Duplicate Id "a"/),
        expect.stringMatching(/Unknown element type "Gallery"/),
      ]),
    );
    expect(() => assertValidCard(broken)).toThrow(/not a valid Adaptive Card 1.5/);
  });

  it("fails a card over Teams' message size", () => {
    const huge = adaptiveCard([{ type: "TextBlock", text: "x".repeat(30_000) }]);
    expect(cardProblems(huge)).toEqual([expect.stringMatching(/^size:/)]);
  });

  it("fails a misspelt property", () => {
    const typo = adaptiveCard([{ type: "TextBlock", text: "x", wrapp: true } as never]);
    expect(cardProblems(typo)).toEqual(["schema: /body/0 must NOT have additional properties"]);
  });
});
