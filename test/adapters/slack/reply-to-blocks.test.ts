import { describe, expect, it } from "vitest";
import {
  describeViolations,
  findMessageViolations,
  findViewViolations,
} from "../../../src/adapters/slack/render/block-kit-limits.ts";
import { escapeMrkdwn, truncateText } from "../../../src/adapters/slack/render/mrkdwn.ts";
import { replyToBlocks, stripActionIndex } from "../../../src/adapters/slack/render/reply-to-blocks.ts";
import type { Digest } from "../../../src/core/digest/digest-model.ts";
import { renderDigest } from "../../../src/core/digest/render-digest.ts";
import { ACTION_IDS, type Reply, type ReplySection, textReply } from "../../../src/core/reply.ts";

function expectValidMessage(reply: Reply) {
  const message = replyToBlocks(reply);
  const violations = findMessageViolations(message);
  expect(violations, describeViolations(violations)).toEqual([]);
  return message;
}

function expectValidHome(reply: Reply) {
  const view = { type: "home", blocks: replyToBlocks(reply, { surface: "home" }).blocks };
  const violations = findViewViolations(view);
  expect(violations, describeViolations(violations)).toEqual([]);
  return view;
}

const nudgeSection = (i: number): ReplySection => ({
  text: `*Dr. Referrer ${i}* sent 3 referrals since your last thank-you`,
  fields: [
    { label: "Last referral", value: "2 days ago" },
    { label: "Last touch", value: "41 days ago" },
    { label: "Clinic", value: "Northside Family Medicine" },
  ],
  buttons: [
    { label: "Done", actionId: "nudge.done", value: JSON.stringify({ n: `nudge-${i}` }), style: "primary" },
    { label: "Snooze", actionId: "nudge.snooze", value: JSON.stringify({ n: `nudge-${i}` }) },
    { label: "Not needed", actionId: "nudge.dismiss", value: JSON.stringify({ n: `nudge-${i}` }) },
  ],
  context: "Due today",
});

describe("drawing a Reply as Block Kit", () => {
  it("marks a success once, whether or not the headline brings its own check mark", () => {
    const own = JSON.stringify(replyToBlocks(textReply("✓ Thanked Dr. Lee", { tone: "success" })).blocks);
    const plainHeadline = JSON.stringify(replyToBlocks(textReply("Settings saved", { tone: "success" })).blocks);
    expect(own).toContain("✓ Thanked Dr. Lee");
    expect(own).not.toContain("✅");
    expect(plainHeadline).toContain("✅ Settings saved");
  });

  it("draws a one-line answer as a bold section, with the headline as notification text", () => {
    const message = expectValidMessage(textReply("Logged a thank-you to Dr. Lee", { tone: "success" }));
    expect(message.text).toBe("Logged a thank-you to Dr. Lee");
    expect(message.blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "*✅ Logged a thank-you to Dr. Lee*", verbatim: true } },
    ]);
  });

  it("gives every button an action_id unique in the message, which strips back to the core's id", () => {
    const message = expectValidMessage({ ...textReply("Nudges"), sections: [nudgeSection(1), nudgeSection(2)] });
    const actionIds = message.blocks.flatMap((b) =>
      b.type === "actions" ? b.elements.map((e) => ("action_id" in e ? (e.action_id ?? "") : "")) : [],
    );
    expect(actionIds).toEqual([
      "nudge.done#0",
      "nudge.snooze#1",
      "nudge.dismiss#2",
      "nudge.done#3",
      "nudge.snooze#4",
      "nudge.dismiss#5",
    ]);
    expect(new Set(actionIds.map(stripActionIndex))).toEqual(new Set(["nudge.done", "nudge.snooze", "nudge.dismiss"]));
  });

  it("shows the usage of an error under it", () => {
    const message = expectValidMessage({
      ...textReply("Which referrer?", { tone: "error" }),
      usage: "/thanked Dr. Lee",
    });
    expect(JSON.stringify(message.blocks.at(-1))).toContain("Try: /thanked Dr. Lee");
  });

  it("escapes every mention, ping and link in the text, and keeps the core's *bold*", () => {
    const reply = {
      ...textReply("Profile"),
      sections: [{ text: "*Note:* <!channel> Smith & Sons <https://evil.example|click> by <@U0ANA>" }],
    };
    const text = JSON.stringify(expectValidMessage(reply).blocks);
    expect(text).toContain(
      "*Note:* &lt;!channel&gt; Smith &amp; Sons &lt;https://evil.example|click&gt; by &lt;@U0ANA&gt;",
    );
    expect(escapeMrkdwn("<#C123> <!here> <@U1|ana>")).toBe("&lt;#C123&gt; &lt;!here&gt; &lt;@U1|ana&gt;");
  });

  it("asks Slack not to link-ify or parse mentions in the text by itself (verbatim)", () => {
    const blocks = expectValidMessage({
      ...textReply("Hi"),
      sections: [{ text: "@channel #general", context: "x" }],
    }).blocks;
    const mrkdwnObjects: { verbatim?: boolean }[] = [];
    JSON.stringify(blocks, (_key, value) => {
      if (value && typeof value === "object" && (value as { type?: unknown }).type === "mrkdwn")
        mrkdwnObjects.push(value);
      return value;
    });
    expect(mrkdwnObjects.length).toBeGreaterThan(0);
    expect(mrkdwnObjects.every((o) => o.verbatim === true)).toBe(true);
  });

  it("keeps an oversized reply of 80 sections within a message's limits and says what it left out", () => {
    const reply = {
      ...textReply("Everything"),
      ephemeral: false,
      sections: Array.from({ length: 80 }, (_, i) => nudgeSection(i)),
    };
    const message = expectValidMessage(reply);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(message.blocks.at(-1))).toMatch(/…and \d+ more items not shown here\./);
  });

  it("fits the same 80 sections in the Home tab's 100 blocks", () => {
    const reply = { ...textReply("Home"), sections: Array.from({ length: 80 }, (_, i) => nudgeSection(i)) };
    const view = expectValidHome(reply);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it("cuts every piece that is too long, and leaves out a button whose value cannot fit", () => {
    const huge: ReplySection = {
      text: "t".repeat(5000),
      fields: Array.from({ length: 30 }, (_, i) => ({ label: `Field ${i}`, value: "v".repeat(3000) })),
      buttons: [
        ...Array.from({ length: 40 }, (_, i) => ({
          label: "L".repeat(100),
          actionId: "nudge.done" as const,
          value: `${i}`,
        })),
        { label: "Too big", actionId: "nudges.more", value: "x".repeat(2001) },
      ],
      context: "c".repeat(5000),
    };
    const message = expectValidMessage({
      ...textReply("h".repeat(400)),
      usage: "u".repeat(900),
      sections: [huge, huge],
    });
    expect(JSON.stringify(message.blocks)).not.toContain("x".repeat(2001));
  });

  it("stays within the limits whatever Reply it gets (100 random replies)", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
    const text = (max: number) =>
      "Dr. Ünal & <Co> 😀 ".repeat(Math.ceil((random() * max) / 18)).slice(0, Math.floor(random() * max));
    for (let run = 0; run < 100; run++) {
      const sections = Array.from({ length: Math.floor(random() * 120) }, () => ({
        ...(random() < 0.8 ? { text: text(4000) } : {}),
        ...(random() < 0.4
          ? {
              fields: Array.from({ length: Math.floor(random() * 25) }, () => ({ label: text(50), value: text(2500) })),
            }
          : {}),
        ...(random() < 0.5
          ? {
              buttons: Array.from({ length: Math.floor(random() * 30) }, () => ({
                label: text(100),
                actionId: pick(ACTION_IDS),
                value: text(2100),
              })),
            }
          : {}),
        ...(random() < 0.3 ? { context: text(3000) } : {}),
      }));
      const reply: Reply = {
        ephemeral: random() < 0.5,
        tone: pick(["info", "success", "warning", "error"] as const),
        headline: text(500),
        sections,
        ...(random() < 0.3 ? { usage: text(800) } : {}),
      };
      expectValidMessage(reply);
      expectValidHome(reply);
    }
  });

  it("never cuts through an emoji, an entity or a mention", () => {
    expect(truncateText("ab😀cd", 4)).toBe("ab…");
    expect(truncateText("a &amp; b", 5)).toBe("a …");
    expect(truncateText("hi <@U0ANA> there", 8)).toBe("hi …");
  });
});

describe("drawing the daily digest", () => {
  // 500 new referrals from 200 referrers: a few send most, as in real practices.
  const counts: number[] = Array.from({ length: 200 }, (_, i) => (i < 20 ? 16 : i < 60 ? 3 : 1));
  counts[0] = (counts[0] ?? 0) + (500 - counts.reduce((a, b) => a + b, 0));
  const groups = counts.map((count, i) => ({
    referrerId: `ref-${i}`,
    referrerName: `Dr. Referrer Number ${i}`,
    count,
    reasons: ["knee pain", "shoulder", "back"],
  }));
  const digest = (shownGroups: number, nudges: number): Digest => ({
    practiceId: "p1",
    practiceName: "Lakeside Orthopedics",
    localDate: "2026-03-02",
    timeZone: "America/New_York",
    runId: "run-1",
    forMemberId: null,
    newReferrals: {
      total: 500,
      since: "2026-03-01",
      groups: groups.slice(0, shownGroups),
      otherReferrers: 200 - shownGroups,
      otherCount: groups.slice(shownGroups).reduce((a, g) => a + g.count, 0),
    },
    nudges: Array.from({ length: nudges }, (_, i) => ({
      nudgeId: `nudge-${i}`,
      referrerId: `ref-${i}`,
      referrerName: `Dr. Referrer Number ${i}`,
      kind: "thank",
      reason: "12 referrals since your last thank-you",
      dueAt: "2026-03-02",
      priority: 1,
      personal: true,
    })),
    moreNudges: 0,
    weekSummary: { touchesThisWeek: 12, goingQuiet: 4 },
    empty: false,
  });

  it("fits 500 new referrals from 200 referrers, summarised by the core", () => {
    expectValidMessage(renderDigest(digest(10, 5)));
  });

  it("fits them even when nothing was summarised and every referrer has a nudge", () => {
    const message = expectValidMessage(renderDigest(digest(200, 200)));
    expect(message.blocks.length).toBeLessThanOrEqual(50);
  });
});
