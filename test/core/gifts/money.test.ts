// Amounts as people type them after /gift, read to whole cents without floating point.
import { describe, expect, it } from "vitest";
import { amountInText, centsOf, formatCents } from "../../../src/core/gifts/money.ts";

describe("reading an amount", () => {
  it.each([
    ["$85", 8_500],
    ["85", 8_500],
    ["$1,200.50", 120_050],
    ["1200.5", 120_050],
    ["$0.10", 10],
    ["US$85", 8_500],
    ["85$", 8_500],
  ])("reads %s as %i cents", (text, cents) => {
    expect(centsOf(text)).toBe(cents);
  });

  it.each(["$", "$1,20", "85.123", "eighty", "$1.2.3", "12,34"])("does not take %s for an amount", (text) => {
    expect(centsOf(text)).toBeNull();
  });
});

describe("finding the amount in a /gift text", () => {
  it("takes a dollar amount from anywhere and leaves the name and what it was", () => {
    expect(amountInText("Dr. Lee lunch for the office $85")).toEqual({
      kind: "found",
      cents: 8_500,
      rest: "Dr. Lee lunch for the office",
    });
    expect(amountInText("Dr. Lee $1,200.50 holiday basket")).toEqual({
      kind: "found",
      cents: 120_050,
      rest: "Dr. Lee holiday basket",
    });
  });

  it("reads a bare number at the end, and a number followed by dollars anywhere", () => {
    expect(amountInText("Dr. Lee lunch 85")).toEqual({ kind: "found", cents: 8_500, rest: "Dr. Lee lunch" });
    expect(amountInText("Dr. Lee lunch 85 dollars")).toEqual({ kind: "found", cents: 8_500, rest: "Dr. Lee lunch" });
    expect(amountInText("Dr. Lee 85 dollars of coffee")).toEqual({
      kind: "found",
      cents: 8_500,
      rest: "Dr. Lee of coffee",
    });
  });

  it("prefers the dollar amount over a count in the text, and ignores a full stop after it", () => {
    expect(amountInText("Dr. Lee lunch for 12 people $85.")).toEqual({
      kind: "found",
      cents: 8_500,
      rest: "Dr. Lee lunch for 12 people",
    });
  });

  it("finds no amount in a text without one (a count in the middle is not one), and refuses two", () => {
    expect(amountInText("Dr. Lee lunch for the office")).toEqual({ kind: "none" });
    expect(amountInText("Dr. Lee lunch for 12 people")).toEqual({ kind: "none" });
    expect(amountInText("Dr. Lee $40 lunch $45 flowers")).toEqual({ kind: "several", amounts: ["$40", "$45"] });
  });
});

describe("showing an amount", () => {
  it("drops .00 from whole dollars and groups thousands", () => {
    expect(formatCents(8_500)).toBe("$85");
    expect(formatCents(120_050)).toBe("$1,200.50");
    expect(formatCents(53_500)).toBe("$535");
  });
});
