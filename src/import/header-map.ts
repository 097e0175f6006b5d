// Which column of a referral report holds what. EHRs and referral systems name their columns every which
// way ("Referral ID", "Ref #", "referral_id", "ReferralID"), so headers are compared as bare lower-case
// letters and digits against a list of spellings per field, best spelling first.
// Columns that identify a patient (names, birth dates, contact details) are recognised only to be ignored:
// patient names are never stored.

export const IMPORT_FIELDS = [
  "sourceId",
  "receivedAt",
  "providerName",
  "providerFirstName",
  "providerLastName",
  "npi",
  "clinic",
  "referrerSpecialty",
  "specialty",
  "reason",
  "status",
  "scheduledAt",
  "seenAt",
  "patientRef",
  "addressLine1",
  "addressLine2",
  "city",
  "state",
  "postalCode",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Spellings per field, best first: when two columns fit one field, the better spelling wins. */
const SPELLINGS: Record<ImportField, readonly string[]> = {
  sourceId: [
    "Referral ID",
    "Referral Id Number",
    "Ref ID",
    "Referral #",
    "Referral Number",
    "Referral No",
    "Ref #",
    "Ref No",
    "Ref Number",
    "Referral Key",
    "Referral Order ID",
    "Order ID",
    "Order #",
    "Order Number",
    "ID",
  ],
  receivedAt: [
    "Referral Date",
    "Date Received",
    "Received Date",
    "Received",
    "Received On",
    "Date of Referral",
    "Referred Date",
    "Date Referred",
    "Referral Received",
    "Referral Received Date",
    "Referral Created",
    "Referral Created Date",
    "Created Date",
    "Date Created",
    "Referral Order Date",
    "Order Date",
    "Entry Date",
    "Date",
  ],
  providerName: [
    "Referring Provider",
    "Referring Provider Name",
    "Referring Physician",
    "Referring Physician Name",
    "Referred By",
    "Referring Doctor",
    "Referring Clinician",
    "Referring Practitioner",
    "Referring MD",
    "Referring",
    "Referrer",
    "Referrer Name",
    "Ordering Provider",
    "Ordering Physician",
    "Provider",
    "Provider Name",
    "Physician",
    "PCP",
    "PCP Name",
  ],
  providerFirstName: [
    "Referring Provider First Name",
    "Referring Physician First Name",
    "Referrer First Name",
    "Provider First Name",
  ],
  providerLastName: [
    "Referring Provider Last Name",
    "Referring Physician Last Name",
    "Referrer Last Name",
    "Provider Last Name",
  ],
  npi: [
    "Referring Provider NPI",
    "Referring Physician NPI",
    "Referring NPI",
    "Referrer NPI",
    "Ordering Provider NPI",
    "Provider NPI",
    "Physician NPI",
    "NPI",
    "NPI Number",
  ],
  clinic: [
    "Referring Practice",
    "Referring Clinic",
    "Referring Practice Name",
    "Referring Clinic Name",
    "Referring Facility",
    "Referring Organization",
    "Referring Location",
    "Referring Group",
    "Clinic",
    "Clinic Name",
    "Practice",
    "Practice Name",
    "Facility",
    "Organization",
  ],
  referrerSpecialty: [
    "Referring Specialty",
    "Referring Provider Specialty",
    "Referring Physician Specialty",
    "Referrer Specialty",
    "Provider Specialty",
  ],
  specialty: ["Specialty", "Referral Specialty", "Referred To Specialty", "Subspecialty", "Service", "Service Line"],
  reason: [
    "Reason",
    "Reason for Referral",
    "Referral Reason",
    "Diagnosis",
    "Diagnosis Description",
    "Primary Diagnosis",
    "Dx",
    "Chief Complaint",
    "Indication",
    "Reason for Visit",
  ],
  status: ["Status", "Referral Status", "Appointment Status", "Appt Status", "Visit Status"],
  scheduledAt: [
    "Appointment Date",
    "Appt Date",
    "Scheduled Date",
    "Date Scheduled",
    "Scheduled For",
    "Appointment",
    "Appointment Date Time",
    "Next Appointment",
  ],
  seenAt: [
    "Seen Date",
    "Date Seen",
    "Seen On",
    "Visit Date",
    "Date of Visit",
    "Date of Service",
    "DOS",
    "Encounter Date",
    "Completed Date",
    "Date Completed",
  ],
  // The referring clinician's mailing address, for thank-you cards. Only spellings that name the referrer
  // or provider: a bare "Address", "City" or "Zip" in a referral report is the patient's, and is ignored.
  addressLine1: [
    "Referring Provider Address",
    "Referring Provider Address Line 1",
    "Referring Address",
    "Referring Address Line 1",
    "Referring Practice Address",
    "Referring Clinic Address",
    "Referrer Address",
    "Referrer Address Line 1",
    "Provider Address",
    "Provider Address Line 1",
  ],
  addressLine2: [
    "Referring Provider Address Line 2",
    "Referring Address Line 2",
    "Referrer Address Line 2",
    "Provider Address Line 2",
    "Referring Suite",
  ],
  city: ["Referring Provider City", "Referring City", "Referring Practice City", "Referrer City", "Provider City"],
  state: [
    "Referring Provider State",
    "Referring State",
    "Referring Practice State",
    "Referrer State",
    "Provider State",
  ],
  postalCode: [
    "Referring Provider Zip",
    "Referring Provider Zip Code",
    "Referring Provider Postal Code",
    "Referring Zip",
    "Referring Zip Code",
    "Referring Postal Code",
    "Referrer Zip",
    "Referrer Postal Code",
    "Provider Zip",
    "Provider Zip Code",
    "Provider Postal Code",
  ],
  // Only the last four characters are kept ("MRN-…4821"), as the Referral model allows.
  patientRef: ["MRN", "Medical Record Number", "Patient MRN", "Patient ID", "Chart Number", "Chart #"],
};

/** Headers that name a patient: ignored, and said so in the summary. */
const PATIENT_NAME_HEADERS = [
  "Patient",
  "Patient Name",
  "Patient Full Name",
  "Patient First Name",
  "Patient Last Name",
  "Patient Middle Name",
  "Pt Name",
  "First Name",
  "Last Name",
  "Middle Name",
  "Name",
  "Full Name",
];
/** Other patient details: also never stored. */
const PATIENT_DETAIL_HEADERS = [
  "DOB",
  "Date of Birth",
  "Birth Date",
  "Birthdate",
  "SSN",
  "Phone",
  "Address",
  "Email",
  "Sex",
  "Gender",
  "Age",
];

export const REQUIRED_FIELDS = ["sourceId", "receivedAt", "providerName"] as const;

/** What a missing required column is, in words, with the spellings we look for. */
const DESCRIPTIONS: Record<(typeof REQUIRED_FIELDS)[number], string> = {
  sourceId: 'the referral id (a column named like "Referral ID", "Ref ID" or "Referral #")',
  receivedAt: 'the referral date ("Referral Date" or "Date Received")',
  providerName: 'the referring provider ("Referring Provider", "Referring Physician" or "Referred By")',
};

/** What a value is called in a rejection when the file has no column for it. */
const DEFAULT_LABELS: Record<ImportField, string> = {
  sourceId: "Referral ID",
  receivedAt: "Referral Date",
  providerName: "Referring Provider",
  providerFirstName: "Referring Provider First Name",
  providerLastName: "Referring Provider Last Name",
  npi: "NPI",
  clinic: "Referring Practice",
  addressLine1: "Referring Address",
  addressLine2: "Referring Address Line 2",
  city: "Referring City",
  state: "Referring State",
  postalCode: "Referring Zip",
  referrerSpecialty: "Referring Specialty",
  specialty: "Specialty",
  reason: "Reason",
  status: "Status",
  scheduledAt: "Appointment Date",
  seenAt: "Seen Date",
  patientRef: "MRN",
};

/** "Referral #" → "referralnumber", "referral_id" → "referralid", "\uFEFFReferral ID" → "referralid". */
export function headerKey(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .toLowerCase()
    .replace(/#/g, "number")
    .replace(/[^a-z0-9]/g, "");
}

const RANKS = new Map<string, { field: ImportField; rank: number }>();
for (const field of IMPORT_FIELDS) {
  SPELLINGS[field].forEach((spelling, rank) => {
    const key = headerKey(spelling);
    if (!RANKS.has(key)) RANKS.set(key, { field, rank });
  });
}
const PATIENT_NAMES = new Set(PATIENT_NAME_HEADERS.map(headerKey));
const PATIENT_DETAILS = new Set(PATIENT_DETAIL_HEADERS.map(headerKey));

/** Second chance for headers no list spells exactly ("Referring Provider (Full Name)"), by the words in them. */
function guessField(key: string): ImportField | null {
  if (key.includes("npi")) return "npi";
  if (/(referr|received)/.test(key) && /(date|received|created)/.test(key) && !/(seen|appoint|visit)/.test(key)) {
    return "receivedAt";
  }
  if (/(referring|referredby|referrer)/.test(key) && /(provider|physician|doctor|clinician|by|name)/.test(key)) {
    return "providerName";
  }
  if (/(reason|diagnos)/.test(key)) return "reason";
  if (key.endsWith("status")) return "status";
  return null;
}

export interface HeaderMap {
  /** The file's headers, as written (BOM removed). */
  headers: string[];
  /** Column index per field the file has. */
  columns: Partial<Record<ImportField, number>>;
  /** The file's own name for each field (or ours, when the file lacks it), for rejection messages. */
  labels: Record<ImportField, string>;
  /** Columns that identify a patient by name: ignored. */
  patientNameColumns: string[];
  /** Columns with other patient details (birth date, contact): ignored. */
  patientDetailColumns: string[];
  /** Columns the import does not use (unknown, or a second column for a field already taken). */
  unusedColumns: string[];
  /** Required fields with no column. */
  missing: Array<(typeof REQUIRED_FIELDS)[number]>;
}

export function mapHeaders(rawHeaders: readonly string[]): HeaderMap {
  const headers = rawHeaders.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, "") : h).trim());
  const best = new Map<ImportField, { index: number; rank: number }>();
  const patientNameColumns: string[] = [];
  const patientDetailColumns: string[] = [];
  const leftover: number[] = [];

  headers.forEach((header, index) => {
    const key = headerKey(header);
    const known = RANKS.get(key);
    if (known?.field === "patientRef") {
      claim(known.field, index, known.rank);
      return;
    }
    if (PATIENT_NAMES.has(key) || (key.includes("patient") && key.includes("name"))) {
      patientNameColumns.push(header);
      return;
    }
    if (PATIENT_DETAILS.has(key) || key.includes("patient")) {
      patientDetailColumns.push(header);
      return;
    }
    if (known) claim(known.field, index, known.rank);
    else leftover.push(index);
  });

  function claim(field: ImportField, index: number, rank: number): boolean {
    const current = best.get(field);
    if (current && current.rank <= rank) {
      leftover.push(index);
      return false;
    }
    if (current) leftover.push(current.index);
    best.set(field, { index, rank });
    return true;
  }

  // Guesses only fill fields no exact spelling took, so they never displace a clear match.
  const unusedColumns: string[] = [];
  for (const index of leftover.sort((a, b) => a - b)) {
    const header = headers[index]!;
    const guess = guessField(headerKey(header));
    if (guess && !best.has(guess)) best.set(guess, { index, rank: Number.MAX_SAFE_INTEGER });
    else if (header !== "") unusedColumns.push(header);
  }

  const columns: Partial<Record<ImportField, number>> = {};
  const labels = { ...DEFAULT_LABELS };
  for (const [field, { index }] of best) {
    columns[field] = index;
    labels[field] = headers[index]!;
  }
  const hasSplitName = columns.providerFirstName !== undefined && columns.providerLastName !== undefined;
  if (columns.providerName === undefined && hasSplitName) labels.providerName = labels.providerLastName;
  const missing = REQUIRED_FIELDS.filter(
    (field) => columns[field] === undefined && !(field === "providerName" && hasSplitName),
  );
  return { headers, columns, labels, patientNameColumns, patientDetailColumns, unusedColumns, missing };
}

/** The missing required columns in plain words, or null when none is missing. */
export function describeMissingColumns(map: HeaderMap): string | null {
  if (map.missing.length === 0) return null;
  const needs = map.missing.map((field) => DESCRIPTIONS[field]);
  const list = needs.length === 1 ? needs[0]! : `${needs.slice(0, -1).join(", ")} and ${needs.at(-1)!}`;
  const has = map.headers.filter((h) => h !== "").join(", ") || "none";
  return `This file has no column for ${list}. Its columns are: ${has}.`;
}

/** Whether a header row could be the header of a referral report (it has every required column). */
export function looksLikeHeader(values: readonly string[]): boolean {
  return mapHeaders(values).missing.length === 0;
}
