// Turns a typed or stored name into comparable tokens: "Dr. Jennifer Lee-Park, M.D." → ["jennifer", "lee", "park"].
// The directory indexes stored names with it and the resolver reads queries with it, so both sides fold the same way.
import { isCredentialWord, isPlainCredentialWord, isTitleWord, looksWrittenAsCredential } from "./name-words.ts";

// Queries come from chat; a name longer than this is not a name, and folding it would only cost time.
const MAX_NAME_INPUT = 200;

const PRINTABLE_ASCII = /^[ -~]*$/;

const LETTER_SPELLINGS: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  Æ: "ae",
  œ: "oe",
  Œ: "oe",
  ø: "o",
  Ø: "o",
  ł: "l",
  Ł: "l",
  đ: "d",
  Đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
};

const UMLAUT_SPELLINGS: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", Ä: "ae", Ö: "oe", Ü: "ue" };

/** Lower case, accents dropped, "O'Brien" joined, every other mark a space. */
export function foldName(text: string, opts: { expandUmlauts?: boolean } = {}): string {
  // Most names are plain ASCII; skipping the Unicode passes for them makes a 10,000-name index build much faster.
  if (PRINTABLE_ASCII.test(text)) {
    return text
      .toLowerCase()
      .replace(/['`]/g, "")
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  }
  const spelled = (opts.expandUmlauts ? text.replace(/[äöüÄÖÜ]/g, (c) => UMLAUT_SPELLINGS[c] ?? c) : text).replace(
    /[ßæÆœŒøØłŁđĐðþı]/g,
    (c) => LETTER_SPELLINGS[c] ?? c,
  );
  return spelled
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’‘`ʼ]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The name's tokens without titles, credentials or suffixes. */
export function normalizeName(raw: string, opts: { expandUmlauts?: boolean } = {}): string[] {
  const input = raw.slice(0, MAX_NAME_INPUT);
  const segments = (PRINTABLE_ASCII.test(input) ? input : input.normalize("NFKC")).split(/[,;]/);
  const kept: string[] = [];
  segments.forEach((segment, index) => {
    const words = segment.split(/\s+/).filter((w) => w !== "");
    if (index > 0) {
      // After a comma: "Lee, MD" drops the credentials, "Lee, Jennifer" keeps the first name.
      if (!words.every(isCredentialWord)) kept.push(...words);
      return;
    }
    while (hasNameBefore(words) && isTrailingCredential(words[words.length - 1]!)) words.pop();
    kept.push(...words);
  });
  const tokens = foldName(kept.join(" "), opts)
    .split(" ")
    .filter((t) => t !== "");
  while (tokens.length > 0 && isTitleWord(tokens[0]!)) tokens.shift();
  return tokens;
}

// "Dr. DO" keeps "DO": a name of nothing but a title is no name.
function hasNameBefore(words: string[]): boolean {
  return words.slice(0, -1).some((w) => !isTitleWord(w));
}

function isTrailingCredential(word: string): boolean {
  return isPlainCredentialWord(word) || (isCredentialWord(word) && looksWrittenAsCredential(word));
}

/** The folded tokens, plus the "ue" spelling when the name has an umlaut, so "Müller" meets "Mueller". */
export function normalizeNameVariants(raw: string): string[][] {
  const plain = normalizeName(raw);
  if (!/[äöüÄÖÜ]/.test(raw)) return [plain];
  const expanded = normalizeName(raw, { expandUmlauts: true });
  return expanded.join(" ") === plain.join(" ") ? [plain] : [plain, expanded];
}
