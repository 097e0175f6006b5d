import { describe, expect, it } from "vitest";
import {
  findBlockViolations,
  findMessageViolations,
  findViewViolations,
} from "../../../src/adapters/slack/render/block-kit-limits.ts";

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
const button = (actionId: string, extra: Record<string, unknown> = {}) => ({
  type: "button",
  text: { type: "plain_text", text: "Done" },
  action_id: actionId,
  value: "{}",
  ...extra,
});
const rules = (violations: { rule: string }[]) => violations.map((v) => v.rule);

describe("the Block Kit limits validator", () => {
  it("finds nothing wrong with a small valid message", () => {
    const blocks = [
      { type: "header", text: { type: "plain_text", text: "Today" } },
      section("*3 new referrals*"),
      { type: "actions", elements: [button("nudge.done#0"), button("nudge.snooze#1")] },
      { type: "context", elements: [{ type: "mrkdwn", text: "small print" }] },
    ];
    expect(findMessageViolations({ text: "Today", blocks })).toEqual([]);
  });

  it("allows 50 blocks in a message and 100 in a view, not one more", () => {
    const blocks = (n: number) => Array.from({ length: n }, () => ({ type: "divider" }));
    expect(findBlockViolations(blocks(50), "message")).toEqual([]);
    expect(rules(findBlockViolations(blocks(51), "message"))).toEqual(["messageBlocks"]);
    expect(findViewViolations({ type: "home", blocks: blocks(100) })).toEqual([]);
    expect(rules(findViewViolations({ type: "home", blocks: blocks(101) }))).toEqual(["viewBlocks"]);
  });

  it("catches each text limit: section 3000, field 2000, header 150, button 75", () => {
    const violations = findMessageViolations({
      blocks: [
        section("x".repeat(3001)),
        { type: "section", fields: [{ type: "mrkdwn", text: "y".repeat(2001) }] },
        { type: "header", text: { type: "plain_text", text: "h".repeat(151) } },
        { type: "actions", elements: [button("a", { text: { type: "plain_text", text: "b".repeat(76) } })] },
      ],
    });
    expect(rules(violations)).toEqual(["sectionText", "fieldText", "headerText", "buttonText"]);
  });

  it("catches more than 10 fields, 25 actions and 10 context elements", () => {
    const field = { type: "mrkdwn", text: "f" };
    const violations = findMessageViolations({
      blocks: [
        { type: "section", fields: Array.from({ length: 11 }, () => field) },
        { type: "actions", elements: Array.from({ length: 26 }, (_, i) => button(`a${i}`)) },
        { type: "context", elements: Array.from({ length: 11 }, () => field) },
      ],
    });
    expect(rules(violations)).toEqual(["sectionFields", "actionsElements", "contextElements"]);
  });

  it("catches a duplicate action_id, a long action_id, a long value and a long block_id", () => {
    const violations = findMessageViolations({
      blocks: [
        { type: "actions", block_id: "b".repeat(256), elements: [button("same"), button("same")] },
        { type: "actions", elements: [button("a".repeat(256)), button("v", { value: "v".repeat(2001) })] },
      ],
    });
    expect(rules(violations).sort()).toEqual(["actionId", "blockId", "buttonValue", "unique"]);
  });

  it("catches a message whose text adds up to more than about 13,000 characters", () => {
    const blocks = Array.from({ length: 5 }, () => section("z".repeat(2900)));
    expect(rules(findMessageViolations({ blocks }))).toEqual(["messageTextTotal"]);
  });

  it("catches empty texts and sections with nothing in them", () => {
    const violations = findMessageViolations({ blocks: [section(""), { type: "section" }] });
    expect(rules(violations)).toEqual(["required", "required"]);
  });

  it("checks a modal's title, submit, close, private_metadata and callback_id", () => {
    const modal = {
      type: "modal",
      callback_id: "c".repeat(256),
      title: { type: "plain_text", text: "A title that is far too long" },
      submit: { type: "plain_text", text: "Submit this form right now" },
      close: { type: "plain_text", text: "Close this form right now!" },
      private_metadata: "m".repeat(3001),
      blocks: [],
    };
    expect(rules(findViewViolations(modal)).sort()).toEqual([
      "callbackId",
      "privateMetadata",
      "viewClose",
      "viewSubmit",
      "viewTitle",
    ]);
  });

  it("requires a header's text to be plain text", () => {
    const violations = findMessageViolations({ blocks: [{ type: "header", text: { type: "mrkdwn", text: "*x*" } }] });
    expect(rules(violations)).toEqual(["type"]);
  });
});
