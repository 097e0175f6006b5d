// Dollar amounts as typed in chat ("$85", "85", "$1,200.50", "85 dollars") and as shown back ("$1,200.50").
// Read from the digits as text, never through a float, so $0.10 + $0.20 is 30 cents.

/** One amount: "$85", "85", "1,200.50", "$1200.5"; thousands separators only in groups of three. */
const AMOUNT = /^(?:us\$|\$)?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?)\$?$/i;
const DOLLAR_WORDS = /^(?:dollars?|usd|bucks)$/i;

/** "$1,200.50" → 120050; null when it is not an amount. */
export function centsOf(text: string): number | null {
  const match = AMOUNT.exec(text.trim());
  if (!match) return null;
  const [whole = "0", fraction = ""] = match[1]!.replace(/,/g, "").split(".");
  const cents = Number.parseInt(whole, 10) * 100 + Number.parseInt(fraction.padEnd(2, "0") || "0", 10);
  return Number.isSafeInteger(cents) ? cents : null;
}

export type AmountInText =
  | { kind: "found"; cents: number; rest: string }
  | { kind: "none" }
  | { kind: "several"; amounts: string[] };

/**
 * The amount in a /gift text and the text without it. A word with a dollar sign, or a number followed by
 * "dollars" or preceded by "USD", may stand anywhere ("lunch for 12 $85" is $85); a bare number counts
 * only as the last word ("Dr. Lee lunch 85"), which is where the usage puts the amount.
 */
export function amountInText(text: string): AmountInText {
  const words = text.split(" ").filter((w) => w !== "");
  const marked: Array<{ at: number; width: number; cents: number; word: string }> = [];
  for (let at = 0; at < words.length; at++) {
    const word = trimPunctuation(words[at]!);
    const cents = centsOf(word);
    if (cents === null) continue;
    const next = trimPunctuation(words[at + 1] ?? "");
    const before = words[at - 1] ?? "";
    if (word.includes("$")) marked.push({ at, width: 1, cents, word });
    else if (DOLLAR_WORDS.test(next)) marked.push({ at, width: 2, cents, word: `${word} ${next}` });
    else if (/^usd$/i.test(before)) marked.push({ at: at - 1, width: 2, cents, word: `USD ${word}` });
  }
  if (marked.length > 1) return { kind: "several", amounts: marked.map((m) => m.word) };
  const last = words.length - 1;
  const bare = last >= 1 ? centsOf(trimPunctuation(words[last]!)) : null;
  const found = marked[0] ?? (bare !== null ? { at: last, width: 1, cents: bare, word: words[last]! } : null);
  if (!found) return { kind: "none" };
  const rest = [...words.slice(0, found.at), ...words.slice(found.at + found.width)].join(" ");
  return { kind: "found", cents: found.cents, rest: rest.replace(/[\s,;:—–-]+$/, "") };
}

/** A sentence's full stop or comma after the amount is not part of it ("$85." "$85,"). */
function trimPunctuation(word: string): string {
  return word.replace(/[.,;:!?)]+$/, "").replace(/^\(/, "");
}

const WITH_CENTS = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const WHOLE = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

/** 8500 → "$85", 120050 → "$1,200.50": whole dollars without ".00". */
export function formatCents(cents: number): string {
  return cents % 100 === 0 ? WHOLE.format(cents / 100) : WITH_CENTS.format(cents / 100);
}
