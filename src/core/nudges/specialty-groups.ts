// Specialties are typed by people ("PCP", "Family Med.", "Internal medicine", "paediatrics"), so they are
// compared by group, not by spelling. Unknown specialties still match themselves case- and
// punctuation-insensitively, with one typo allowed in longer words.

/** Each group's key, and the spellings that mean it (already normalised: lower case, letters and spaces). */
const GROUPS: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    "primary care",
    [
      "primary care",
      "pcp",
      "primary care physician",
      "primary care provider",
      "family medicine",
      "family med",
      "family practice",
      "family physician",
      "fm",
      "internal medicine",
      "internal med",
      "general internal medicine",
      "internist",
      "im",
      "general practice",
      "general practitioner",
      "gp",
    ],
  ],
  ["pediatrics", ["pediatrics", "paediatrics", "peds", "pediatrician", "paediatrician", "pediatric"]],
  [
    "obstetrics and gynecology",
    [
      "obstetrics and gynecology",
      "obstetrics gynecology",
      "ob gyn",
      "obgyn",
      "ob",
      "gyn",
      "gynecology",
      "gynaecology",
      "obstetrics",
      "womens health",
    ],
  ],
  ["orthopedics", ["orthopedics", "orthopaedics", "ortho", "orthopedic surgery", "orthopaedic surgery"]],
  ["cardiology", ["cardiology", "cardiologist", "cardio", "cards"]],
  ["urgent care", ["urgent care", "walk in clinic", "immediate care"]],
  ["emergency medicine", ["emergency medicine", "emergency", "er", "ed", "emergency department"]],
  ["physical therapy", ["physical therapy", "physiotherapy", "pt", "physio"]],
  ["chiropractic", ["chiropractic", "chiropractor", "chiro"]],
];

/** Short aliases ("pcp", "im", "er") are too close to each other for typo tolerance. */
const TYPO_MIN_LENGTH = 6;

const ALIAS_TO_GROUP = new Map<string, string>();
for (const [group, aliases] of GROUPS) for (const alias of aliases) ALIAS_TO_GROUP.set(alias, group);
const KNOWN_GROUPS: ReadonlySet<string> = new Set(GROUPS.map(([group]) => group));
const LONG_ALIASES = [...ALIAS_TO_GROUP.keys()].filter((alias) => alias.length >= TYPO_MIN_LENGTH);

/** Lower case, "&"/"/"/"-" and punctuation to spaces, single spaces: "Family Med." → "family med". */
export function normalizeSpecialty(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/&/g, " and ")
    .replace(/['’.]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * The group a typed specialty belongs to: a known group key ("primary care"), or the normalised text
 * itself when it is not a known spelling. Empty text has no group.
 */
export function specialtyGroupOf(text: string | null | undefined): string | null {
  if (!text) return null;
  const normalized = normalizeSpecialty(text);
  if (normalized === "") return null;
  const known = ALIAS_TO_GROUP.get(normalized);
  if (known) return known;
  if (normalized.length >= TYPO_MIN_LENGTH) {
    for (const alias of LONG_ALIASES) {
      if (withinOneEdit(normalized, alias)) return ALIAS_TO_GROUP.get(alias)!;
    }
  }
  return normalized;
}

/**
 * A test for "is this the specialty we want?": same group, or, for specialties not in the table,
 * the same text give or take one typo ("dermatolgy" is dermatology).
 */
export function specialtyMatcher(wanted: string | null | undefined): (specialty: string | null | undefined) => boolean {
  const wantedGroup = specialtyGroupOf(wanted);
  if (wantedGroup === null) return () => false;
  const known = KNOWN_GROUPS.has(wantedGroup);
  return (specialty) => {
    const group = specialtyGroupOf(specialty);
    if (group === null) return false;
    if (group === wantedGroup) return true;
    return !known && !KNOWN_GROUPS.has(group) && group.length >= TYPO_MIN_LENGTH && withinOneEdit(group, wantedGroup);
  };
}

export function sameSpecialty(a: string | null | undefined, b: string | null | undefined): boolean {
  return specialtyMatcher(a)(b);
}

/** True when one insertion, deletion, substitution or swap of neighbours turns `a` into `b` (or they are equal). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(i + 1) === shorter.slice(i); // insertion or deletion
}
