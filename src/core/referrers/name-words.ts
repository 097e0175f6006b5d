// The words around a name that are not the name: titles in front, credentials and suffixes behind.
// Shared by the name normalizer and the command parser, which must agree on where a name ends.

const TITLES = new Set(["dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "mx"]);

const CREDENTIALS = new Set([
  "md",
  "mbbs",
  "mbchb",
  "np",
  "pac",
  "dpm",
  "fnp",
  "fnpc",
  "fnpbc",
  "aprn",
  "arnp",
  "crnp",
  "cnp",
  "anp",
  "agnp",
  "agnpc",
  "pmhnp",
  "pmhnpbc",
  "dnp",
  "msn",
  "bsn",
  "rn",
  "lpn",
  "cnm",
  "crna",
  "phd",
  "psyd",
  "mph",
  "mba",
  "ms",
  "facp",
  "facs",
  "facc",
  "facog",
  "faafp",
  "faaos",
  "faap",
  "dds",
  "dmd",
  "dpt",
  "pt",
  "ot",
  "otr",
  "lcsw",
  "jr",
  "sr",
  "ii",
  "iii",
  "iv",
]);

/**
 * Credentials that are also real surnames ("Anh Do", "Wei Pa"): stripped only when they are
 * written like a credential (capitals, dots, after a comma), never when they could be the name.
 */
const SURNAME_LIKE_CREDENTIALS = new Set(["do", "pa", "dc", "od"]);

/** Lower case without dots, hyphens or a trailing comma, so "M.D.," and "PA-C" compare as "md" and "pac". */
export function wordKey(word: string): string {
  return word.toLowerCase().replace(/[.,\-‐‑–]/g, "");
}

export function isTitleWord(word: string): boolean {
  return TITLES.has(wordKey(word));
}

export function isCredentialWord(word: string): boolean {
  const key = wordKey(word);
  return CREDENTIALS.has(key) || SURNAME_LIKE_CREDENTIALS.has(key);
}

/** True only for the credentials that cannot be a surname. */
export function isPlainCredentialWord(word: string): boolean {
  return CREDENTIALS.has(wordKey(word));
}

/** "DO", "D.O." or "Do," read as a credential; "Do" or "do" might be Dr. Do. */
export function looksWrittenAsCredential(word: string): boolean {
  const key = wordKey(word);
  if (!SURNAME_LIKE_CREDENTIALS.has(key)) return CREDENTIALS.has(key);
  return word.includes(".") || word.replace(/[^A-Za-z]/g, "") === key.toUpperCase();
}
