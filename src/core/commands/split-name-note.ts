// Where the referrer's name ends and the note begins in "thanked Dr. Lee sent a card". The parser cannot
// see the directory, so unless the person marked the boundary it offers every plausible cut, longest
// name first, and the caller keeps the one the directory recognises (see choose-split.ts).
import { isCredentialWord, isTitleWord, wordKey } from "../referrers/name-words.ts";

export interface NameSplit {
  name: string;
  note: string | null;
}

export interface NameSplits {
  /** True when quotes, a dash, a colon or a comma marked where the name ends. */
  explicit: boolean;
  /** Longest name first; empty when the text does not start with anything name-like. */
  splits: NameSplit[];
}

/** A name is at most this many words after its title: "Dr. Maria Elena de Cruz". */
export const MAX_NAME_WORDS = 4;

const QUOTED_NAME = /^["“”„«]([^"“”»]+)["“”»](.*)$/;
// A colon or comma between digits is a time or a number ("3:30", "1,000"), not the end of a name.
const SEPARATOR = /\s+[—–-]\s+|\s*[—–]\s*|(?<!\d)[:,]|[:,](?!\d)/g;
const LEADING_SEPARATORS = /^(?:\s*(?:[—–:,]|-(?=\s|$)))+\s*/;
const NPI = /^\d{10}$/;

// Words that start a note, never a name. Kept short on purpose: "Said", "Will" and "Card" are surnames.
const NOTE_WORDS = new Set(
  (
    "a an the and or but for to about re regarding with at on in by from after before during today yesterday " +
    "tonight this that these those last via per sent dropped gave brought mailed emailed texted talked spoke " +
    "discussed thanks thank thanked asked called lunch coffee dinner note gift flowers because since who was is " +
    "were has had his her their our my we i he she they it"
  ).split(" "),
);

export function splitNameAndNote(text: string): NameSplits {
  const quoted = QUOTED_NAME.exec(text);
  if (quoted) return { explicit: true, splits: [{ name: quoted[1]!.trim(), note: noteFrom(quoted[2]!) }] };
  const marked = markedSplit(text);
  if (marked) return { explicit: true, splits: [marked] };
  return { explicit: false, splits: implicitSplits(text) };
}

/** What is left after a name: leading dashes, colons and commas dropped; null when nothing is left. */
export function noteFrom(rest: string): string | null {
  const note = rest.replace(LEADING_SEPARATORS, "").trim();
  return note === "" ? null : note;
}

/** "Dr. Lee — sent a card", "Dr. Lee: sent a card", "Jennifer Lee, MD, sent a card". */
function markedSplit(text: string): NameSplit | null {
  for (const match of text.matchAll(SEPARATOR)) {
    const end = match.index;
    const after = text.slice(end + match[0].length);
    if (match[0].trim() === "," && startsWithCredentials(after)) continue;
    const name = text.slice(0, end).trim();
    return isNameLike(name) ? { name, note: noteFrom(after) } : null;
  }
  return null;
}

function startsWithCredentials(rest: string): boolean {
  // Only up to the next separator: splitting the whole rest at every comma would be quadratic.
  const stop = rest.search(/[,:—–]|\s-\s/);
  const segment = (stop === -1 ? rest : rest.slice(0, stop)).trim();
  return segment !== "" && segment.split(" ").every(isCredentialWord);
}

function isNameLike(name: string): boolean {
  const words = name.split(" ").filter((w) => w !== "" && !isTitleWord(w) && !isCredentialWord(w));
  if (words.length === 1 && NPI.test(words[0]!)) return true;
  return words.length >= 1 && words.length <= MAX_NAME_WORDS && words.some((w) => /\p{L}/u.test(w));
}

function implicitSplits(text: string): NameSplit[] {
  const words = text.split(" ");
  let at = 0;
  while (at < words.length && isTitleWord(words[at]!)) at++;
  const ends: number[] = [];
  for (let count = 0; at < words.length && count < MAX_NAME_WORDS; count++) {
    const word = words[at]!;
    const fits = count === 0 ? canStartName(word) : canContinueName(word, words[at - 1]!);
    if (!fits) break;
    at++;
    while (at < words.length && isCredentialWord(words[at]!)) at++;
    ends.push(at);
    if (NPI.test(word) || endsSentence(word)) break;
  }
  return ends.reverse().map((end) => ({
    name: words
      .slice(0, end)
      .join(" ")
      .replace(/[,;:!?]+$/, ""),
    note: noteFrom(words.slice(end).join(" ")),
  }));
}

function canStartName(word: string): boolean {
  return NPI.test(word) || /\p{L}/u.test(word);
}

function canContinueName(word: string, previous: string): boolean {
  if (/[,;:!?]$/.test(previous)) return false;
  if (!/^\p{L}/u.test(word) || /\d/.test(word) || isTitleWord(word)) return false;
  return !NOTE_WORDS.has(wordKey(word).replace(/[^\p{L}']/gu, ""));
}

/** "Lee." ends a sentence; "J." and "St." do not end a name. */
function endsSentence(word: string): boolean {
  if (/[!?]$/.test(word)) return true;
  return /\.$/.test(word) && !/^(?:\p{L}|st|ste|mt)\.$/iu.test(word);
}
