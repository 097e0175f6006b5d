// One referral as a door hands it to the core (the JSON API today; FHIR and HL7 later), validated once.
// Field names are the CSV import's columns in camelCase. A patient's name, MRN and birth date may come
// along (`patient`), but only to be looked for in the free text and dropped: they are never stored.
// A status with no referral details (no provider, no received date) is a status update on its own: it
// may arrive before its referral, and is then kept until the referral comes.
import { z } from "zod/v4";
import { REFERRAL_STATUSES, type ReferralStatus } from "../model.ts";
import { cleanOptionalText } from "../phi/clean-free-text.ts";
import { atLocalTime } from "../time/local-date.ts";
import { isValidNpi } from "../validation/npi.ts";

const DAY_MS = 86_400_000;

/** "2026-12-01" (a local date in the practice's zone) or an ISO date-time with its offset. */
const ZDateText = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: "Use a date (YYYY-MM-DD) or a date-time with its offset (2026-12-01T09:30:00-05:00)",
});

const optionalText = (max: number) => z.string().trim().max(max).optional();

/** Letters, digits and . _ - : what a source system is called ("epic", "athena-east"). */
export const ZSourceSystem = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,39}$/, "A source system is 1-40 letters, digits, dots, dashes or underscores")
  .refine((v) => v !== "csv", '"csv" is the CSV import\'s own source system');

/** What the JSON door accepts for one referral (the OpenAPI description is generated from it). */
export const ZIncomingReferralWire = z
  .object({
    sourceId: z.string().trim().min(1, "The source id is empty").max(100),
    sourceSystem: ZSourceSystem.optional().describe("Defaults to the API token's source system"),
    receivedAt: ZDateText.optional().describe("When the referral was received"),
    providerName: z.string().trim().min(2, "The referring provider's name is too short").max(120).optional(),
    providerNpi: z
      .string()
      .trim()
      .transform((v) => v.replace(/[\s-]/g, ""))
      .refine((v) => v === "" || isValidNpi(v), "An NPI is 10 digits with a valid check digit")
      .optional(),
    clinic: optionalText(120),
    specialty: optionalText(80),
    reason: optionalText(2000),
    status: z.enum(REFERRAL_STATUSES).optional(),
    statusDate: ZDateText.optional().describe(
      "The date that goes with the status: the appointment for scheduled, the visit for seen, …",
    ),
    scheduledAt: ZDateText.optional().describe("The appointment"),
    seenAt: ZDateText.optional().describe("The visit"),
    reportSentAt: ZDateText.optional().describe("When the consult report reached the referrer in writing"),
    patientRef: z.string().trim().max(64).optional().describe("Only its last four characters are kept"),
    patient: z
      .object({
        name: z.string().max(200).optional(),
        mrn: z.string().max(64).optional(),
        birthDate: z.string().max(40).optional(),
      })
      .optional()
      .describe("Read only to find and drop these identifiers in the free text; never stored"),
  })
  .superRefine((item, ctx) => {
    const details = item.providerName !== undefined || item.receivedAt !== undefined;
    if (details) {
      if (item.providerName === undefined) {
        ctx.addIssue({ code: "custom", path: ["providerName"], message: "The referring provider's name is missing" });
      }
      if (item.receivedAt === undefined) {
        ctx.addIssue({ code: "custom", path: ["receivedAt"], message: "The received date is missing" });
      }
    } else if (
      item.status === undefined &&
      item.scheduledAt === undefined &&
      item.seenAt === undefined &&
      item.reportSentAt === undefined
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["status"],
        message: "Send the referral (providerName and receivedAt) or a status for it",
      });
    }
  });

export type IncomingReferralWire = z.input<typeof ZIncomingReferralWire>;

/** One referral's details, cleaned; absent on a status update. */
export interface ReferralDetails {
  receivedAt: Date;
  providerName: string;
  npi: string | null;
  clinic: string | null;
  specialty: string | null;
  reason: string | null;
  patientRef: string | null;
}

/** One validated item: a referral (with what it says about its status) or a status update alone. */
export interface IncomingReferral {
  /** The item's own source system, else null (the token's is used). */
  sourceSystem: string | null;
  sourceId: string;
  details: ReferralDetails | null;
  /** The status the item states, or one its dates imply (a visit date: seen). Null: it says nothing. */
  status: ReferralStatus | null;
  /** The date of that status, if the item gives one. */
  statusDate: Date | null;
  scheduledAt: Date | null;
  seenAt: Date | null;
  /** When the consult report reached the referrer in writing. */
  reportSentAt: Date | null;
}

export interface FieldIssue {
  /** Where in the item, as a path: "providerNpi", "patient.mrn". */
  path: string;
  message: string;
}

export type ParsedItem = { ok: true; item: IncomingReferral } | { ok: false; issues: FieldIssue[] };

function dateOf(text: string, zone: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? atLocalTime(text, "00:00", zone) : new Date(text);
}

/** Validates one item of a request and cleans its free text; the practice's zone reads a plain date. */
export function parseIncomingReferral(raw: unknown, opts: { zone: string; now: Date }): ParsedItem {
  const parsed = ZIncomingReferralWire.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join(".") || "(item)",
        message: issue.message,
      })),
    };
  }
  const v = parsed.data;
  const date = (text: string | undefined) => (text === undefined ? null : dateOf(text, opts.zone));
  const receivedAt = date(v.receivedAt);
  if (receivedAt && receivedAt.getTime() > opts.now.getTime() + DAY_MS) {
    return { ok: false, issues: [{ path: "receivedAt", message: "The received date is in the future" }] };
  }
  const scheduledAt = date(v.scheduledAt);
  const seenAt = date(v.seenAt);
  const patient = v.patient ?? {};
  const names = patient.name ? [patient.name] : [];
  const exact = [patient.mrn, patient.birthDate].filter((x): x is string => Boolean(x));
  const clean = (text: string | undefined) =>
    text === undefined ? null : cleanOptionalText(text, { patientNames: names, patientIdentifiers: exact });
  // Only the tail of a record number, which staff can search by and which names nobody (as the CSV import).
  const refTail = (v.patientRef ?? patient.mrn ?? "").replace(/[^A-Za-z0-9]/g, "").slice(-4);
  const status: ReferralStatus | null = v.status ?? (seenAt ? "seen" : scheduledAt ? "scheduled" : null);
  return {
    ok: true,
    item: {
      sourceSystem: v.sourceSystem ?? null,
      sourceId: v.sourceId,
      details:
        receivedAt && v.providerName
          ? {
              receivedAt,
              providerName: v.providerName,
              npi: v.providerNpi ? v.providerNpi : null,
              clinic: clean(v.clinic),
              specialty: clean(v.specialty),
              reason: clean(v.reason),
              patientRef: refTail === "" ? null : `MRN-…${refTail}`,
            }
          : null,
      status,
      statusDate: date(v.statusDate),
      scheduledAt,
      seenAt,
      reportSentAt: date(v.reportSentAt),
    },
  };
}
