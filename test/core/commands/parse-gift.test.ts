// "/gift Dr. Lee lunch for the office $85": the amount in its usual spellings, the name and what it was,
// and a friendly error that says what to type when something is missing.
import { describe, expect, it } from "vitest";
import { isCommandParseError, parseCommand, parseMessage } from "../../../src/core/commands/parse-command.ts";
import { helpLines } from "../../../src/core/commands/usage.ts";

const USAGE = "/gift Dr. Lee lunch for the office $85";

function gift(text: string) {
  const parsed = parseCommand("gift", text);
  if (isCommandParseError(parsed) || parsed.type !== "gift") throw new Error(`not a gift: ${JSON.stringify(parsed)}`);
  return parsed;
}

describe("parsing /gift", () => {
  it.each([
    ["Dr. Lee lunch for the office $85", 8_500],
    ["Dr. Lee lunch for the office 85", 8_500],
    ["Dr. Lee lunch for the office $1,200.50", 120_050],
    ["Dr. Lee lunch for the office 85 dollars", 8_500],
  ])("reads %s as %i cents, Dr. Lee, and what it was", (text, cents) => {
    const parsed = gift(text);
    expect(parsed.amountCents).toBe(cents);
    expect(parsed.splits).toContainEqual({ name: "Dr. Lee", note: "lunch for the office" });
  });

  it("takes a name and an amount without saying what it was", () => {
    const parsed = gift("Dr. Lee $40");
    expect(parsed).toMatchObject({ amountCents: 4_000, splits: [{ name: "Dr. Lee", note: null }] });
  });

  it("works after /referrals and as a Teams message", () => {
    expect(parseCommand("referrals", "gift Dr. Lee coffee $12")).toMatchObject({ type: "gift", amountCents: 1_200 });
    expect(parseMessage("<at>Referral Nudge</at> gift Dr. Lee coffee $12")).toMatchObject({
      type: "gift",
      amountCents: 1_200,
    });
  });

  it("asks for the amount, saying what to type, when there is none", () => {
    expect(parseCommand("gift", "Dr. Lee lunch for the office")).toEqual({
      error: "How much was it? Add the amount in dollars at the end, e.g. $85.",
      usage: USAGE,
    });
  });

  it("asks for the referrer when only an amount is given, and for everything when nothing is", () => {
    for (const text of ["$85", ""]) {
      expect(parseCommand("gift", text)).toEqual({
        error: "Who was the gift or meal for? Add the referrer's name, what it was and the amount.",
        usage: USAGE,
      });
    }
  });

  it("refuses two amounts, a zero and an amount no gift can be", () => {
    expect(parseCommand("gift", "Dr. Lee $40 lunch $45 flowers")).toMatchObject({
      error: 'Give one amount, not "$40" and "$45".',
    });
    expect(parseCommand("gift", "Dr. Lee lunch $0")).toMatchObject({ error: expect.stringContaining("$0") });
    expect(parseCommand("gift", "Dr. Lee lunch $2,000,000")).toMatchObject({
      error: "$2,000,000 is more than any gift can be: check the amount.",
    });
  });

  it("is logged as whoever types it: a mention of someone else is refused", () => {
    expect(parseCommand("gift", "Dr. Lee lunch $85 <@U0ANA|ana>")).toMatchObject({
      error: "Log your own gifts: whoever types /gift is recorded as the giver.",
    });
  });

  it("is in the help", () => {
    expect(helpLines("gift")[0]).toBe(
      "/gift Dr. Lee lunch for the office $85: Log a gift or meal for a referrer, with its amount, against the yearly limit per physician.",
    );
  });
});
