// Free text that may carry patient identifiers (a referral reason, a specialty, a touch note, feedback) is
// cleaned before it is stored: HIPAA Safe Harbor's identifiers as far as they appear in a referral reason.
// Each identifier becomes REMOVED, so a reader sees that something was there without seeing it. Written by
// hand rather than with a PII library: the ones on npm tag capitalised names in prose, while reasons arrive
// lower-case from interface engines, and their generic number rules eat clinical figures (C5-C6, A1c 9.1).
// The row's own patient name, when known, is the strongest signal, and only the caller has it.

export const REMOVED = "[removed]";

const MONTHS =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

/** Labels whose value is an identifier: the label and the value go together ("MRN: 00123", "DOB 1/2/50"). */
const LABELLED =
  /\b(?:mrn|mr#|med(?:ical)?\s*rec(?:ord)?(?:\s*(?:no|number|#))?|acct|account|acc(?:t)?\s*#|dob|d\.o\.b\.?|date\s+of\s+birth|born|birth\s*date|ssn|soc(?:ial)?\s*sec(?:urity)?(?:\s*(?:no|number|#))?|pt\s*id|patient\s*id|chart|member\s*id|ins(?:urance)?\s*id|policy|phone|tel|cell|fax|mobile|email|e-mail)\s*(?:#|no\.?|number)?\s*[:#=]?\s*(?:(?:[a-z]{0,3}[-#]?\d[\d\-./ ]*\d|\d)|(?:\d{1,2}\s+(?:MONTHS)\.?,?\s+\d{2,4})|(?:(?:MONTHS)\.?\s+\d{1,2},?\s+\d{2,4})|[a-z]+[.\w-]*@[\w.-]+)/gi;

const PATTERNS: RegExp[] = [
  // URLs and e-mail addresses.
  /\b(?:https?:\/\/|www\.)\S+/gi,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
  // IP addresses.
  /\b\d{1,3}(?:\.\d{1,3}){3}\b/g,
  new RegExp(LABELLED.source.replaceAll("MONTHS", MONTHS), "gi"),
  // SSNs.
  /\b\d{3}-\d{2}-\d{4}\b/g,
  // Phone and fax numbers: (555) 123-4567, 555-123-4567, 555.123.4567, +1 555 123 4567.
  /(?:\+?1[\s.-]?)?\(\d{3}\)\s*\d{3}[\s.-]?\d{4}\b/g,
  /(?:\+?1[\s.-])?\b\d{3}[\s.-]\d{3}[\s.-]\d{4}\b/g,
  // Dates with a day: 01/02/1950, 1/2/50, 1950-01-02, 01-02-1950, 01.02.1950.
  /\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b/g,
  /\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/g,
  // Not a pain or strength score (7/10, 4/5).
  /\b\d{1,2}\/(?!(?:5|10)\b)\d{1,2}\b(?!\s*(?:mg|ml|mcg|units?)\b)/g,
  // Dates in words: Jan 2 1950, January 2nd, 1950, 2 January 1950, 2nd of Jan.
  new RegExp(`\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{2,4})?\\b`, "gi"),
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\.?(?:,?\\s+\\d{2,4})?\\b`, "gi"),
  // Street addresses: a number, one to four words, a street word.
  /\b\d{1,6}\s+(?:[a-z0-9.'-]+\s+){1,4}(?:st|street|ave|avenue|rd|road|blvd|boulevard|ln|lane|dr|drive|ct|court|way|pl|place|pkwy|parkway|hwy|highway|cir|circle|ter|terrace)\b\.?(?:,?\s*(?:apt|unit|ste|suite|#)\s*\w+)?/gi,
  // Identifiers: letter-digit ids (A1234567, MRN-00123) and long digit runs (5 digits or more).
  /\b[a-z]{1,4}-?\d{5,}\b/gi,
  /\b[a-z]{1,4}-\d{3,}\b/gi,
  /\b\d{3}-\d{4}\b/g,
  /\b\d{5,}\b/g,
];

/** Clinical tokens that look like letter-digit ids but are not (spine levels, T2DM, grades). */
const CLINICAL_ID = /^[clts]\d{1,2}$/i;

/** Medical eponyms: a patient named "Parkinson" or "Graves" must not take the disease away with the name. */
const EPONYMS = new Set(
  [
    "parkinson",
    "bell",
    "crohn",
    "lyme",
    "alzheimer",
    "hashimoto",
    "graves",
    "barrett",
    "baker",
    "osgood",
    "schlatter",
    "guillain",
    "barre",
    "barré",
    "down",
    "tourette",
    "raynaud",
    "dupuytren",
    "quervain",
    "achilles",
    "addison",
    "cushing",
    "hodgkin",
    "huntington",
    "meniere",
    "ménière",
    "paget",
    "sjogren",
    "sjögren",
    "wilson",
    "marfan",
    "kawasaki",
    "bright",
  ].map((w) => w.toLowerCase()),
);

/** Words never taken as a name part even if a name column holds them ("Mr", "Jr", "Dr"). */
const NOT_NAMES = new Set(["mr", "mrs", "ms", "miss", "dr", "jr", "sr", "ii", "iii", "iv", "md", "do", "the", "and"]);

const TITLED_NAME =
  /\b(?:[Mm]rs?|[Mm]s|[Mm]iss|[Pp]t|[Pp]atient|PT|PATIENT)\.?:?\s+((?:[A-Z][\p{L}'-]+)(?:\s+[A-Z]\.?(?![\p{L}]))?(?:\s+[A-Z][\p{L}'-]+)?)/gu;

export interface CleanOptions {
  /** The patient's name as the row or form gives it, in any shape ("Doe, Jane A", "Jane Doe"). */
  patientNames?: readonly string[];
  /** The patient's own identifiers as the source sent them (an MRN, a birth date), removed wherever they appear. */
  patientIdentifiers?: readonly string[];
}

/** Name parts worth looking for: two letters or more, not an eponym a diagnosis needs. */
export function namePartsOf(names: readonly string[]): string[] {
  const parts = new Set<string>();
  for (const name of names) {
    for (const part of name.split(/[\s,;/]+/)) {
      const word = part.replace(/^[^\p{L}]+|[^\p{L}'-]+$/gu, "").toLowerCase();
      if (word.length < 2 || NOT_NAMES.has(word) || EPONYMS.has(word.replace(/'s?$/, ""))) continue;
      parts.add(word);
    }
  }
  return [...parts];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The patient's own name parts, whole words and case-insensitive, with an initial right beside them. */
function removeNames(text: string, parts: readonly string[]): string {
  if (parts.length === 0) return text;
  const alternatives = [...parts]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join("|");
  // "Jane A. Doe", "Doe, J.", "J Doe": an initial is only taken when it touches a name part.
  const initial = "(?:\\b\\p{L}\\.?\\s+)?";
  const trailing = "(?:,?\\s+\\p{L}\\.?(?![\\p{L}\\d]))?";
  const name = new RegExp(
    `${initial}(?<![\\p{L}\\d])(?:${alternatives})(?:'s)?(?![\\p{L}\\d])(?:[\\s,]+(?:${alternatives})(?:'s)?(?![\\p{L}\\d]))*${trailing}`,
    "giu",
  );
  return text.replace(name, (match) => {
    // "r knee" after a name: the side of the body, not an initial. Keep it.
    const lead = /^(\p{L})\.?\s+/u.exec(match);
    const keepLead = lead && /^[rlai]$/i.test(lead[1]!) ? lead[0] : "";
    const tail = /,?\s+(\p{L})\.?$/u.exec(match);
    const keepTail = tail && /^[rl]$/i.test(tail[1]!) ? tail[0] : "";
    return `${keepLead}${REMOVED}${keepTail}`;
  });
}

/** Joins what is left: one marker for several in a row, no stray punctuation or spaces. */
function tidy(text: string): string {
  const marker = escapeRegExp(REMOVED);
  return text
    .replace(new RegExp(`${marker}(?:[\\s,;:/\\-#]*${marker})+`, "g"), REMOVED)
    .replace(/\s+([,;:.])/g, "$1")
    .replace(/([,;:])(?=[^\s\d])/g, "$1 ")
    .replace(/^[\s,;:\-–]+|[\s,;:\-–]+$/g, "")
    .replace(/\(\s*\)/g, "")
    .replace(/\s{2,}/g, " ")
    .trim();
}

/** Each identifier of three characters or more, wherever it stands, whatever its case. */
function removeExact(text: string, identifiers: readonly string[]): string {
  let out = text;
  for (const id of identifiers) {
    const value = id.trim();
    if (value.length >= 3) out = out.replace(new RegExp(escapeRegExp(value), "gi"), REMOVED);
  }
  return out;
}

/** The text with every identifier replaced by "[removed]"; the rest (case included) as written. */
export function cleanFreeText(text: string, options: CleanOptions = {}): string {
  let out = text.replace(/\s+/g, " ").trim();
  if (out === "") return out;
  out = removeExact(out, options.patientIdentifiers ?? []);
  out = removeNames(out, namePartsOf(options.patientNames ?? []));
  // A name nobody told us about, introduced as a patient's ("pt John Smith", "Mrs. Garcia").
  out = out.replace(TITLED_NAME, (match, name: string) => {
    const words = name.split(/\s+/);
    const isEponym = (w: string) => EPONYMS.has(w.toLowerCase().replace(/'s?$/, ""));
    if (isEponym(words[0]!)) return match;
    // "Mrs. Garcia Bell's palsy": the disease stays.
    const kept = words.length > 1 && isEponym(words.at(-1)!) ? ` ${words.at(-1)}` : "";
    return `${match.slice(0, match.length - name.length).replace(/\S+\s*$/, "")}${REMOVED}${kept}`;
  });
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match) => (CLINICAL_ID.test(match) ? match : REMOVED));
  }
  return tidy(out);
}

/** As cleanFreeText, for a value that may be absent; empty after cleaning is still a string ("[removed]"). */
export function cleanOptionalText(text: string | null | undefined, options: CleanOptions = {}): string | null {
  if (text === null || text === undefined) return null;
  const cleaned = cleanFreeText(text, options);
  return cleaned === "" ? null : cleaned;
}
