// The source systems referrals are filed under, and how people call them. "csv" is the CSV import's own;
// every other door files under its API token's source system (or the one an item names), a slug such
// as "epic" or "athena-east". The digest names them when it says where new referrals came from.

/** The CSV import's source system: source ids from a report are unique among the practice's reports. */
export const CSV_SOURCE_SYSTEM = "csv";

/** Friendly names for systems practices use, by slug or by a slug's first part ("epic-east" is Epic). */
const KNOWN_SYSTEMS: Readonly<Record<string, string>> = {
  csv: "CSV import",
  epic: "Epic",
  cerner: "Oracle Health",
  "oracle-health": "Oracle Health",
  athena: "athenahealth",
  athenahealth: "athenahealth",
  eclinicalworks: "eClinicalWorks",
  ecw: "eClinicalWorks",
  nextgen: "NextGen",
  allscripts: "Veradigm",
  veradigm: "Veradigm",
  meditech: "MEDITECH",
  fax: "fax",
  api: "the API",
  fhir: "FHIR",
  hl7: "HL7",
};

/** "epic" → "Epic", "csv" → "CSV import", "athena-east" → "athenahealth", "lab-feed" → "lab-feed". */
export function sourceSystemLabel(system: string): string {
  return KNOWN_SYSTEMS[system] ?? KNOWN_SYSTEMS[system.split(/[-_.]/)[0] ?? ""] ?? system;
}

/** "from Epic", "by CSV import": an import is how a referral came, a system where it came from. */
export function sourcePhrase(system: string): string {
  return system === CSV_SOURCE_SYSTEM ? `by ${sourceSystemLabel(system)}` : `from ${sourceSystemLabel(system)}`;
}
