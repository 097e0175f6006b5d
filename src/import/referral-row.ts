// One row of a referral report, checked and turned into what we store. Every problem is said in the
// file's own words ("Referral Date "13/45/2026" is not a date …") so a person can find and fix it.
import { z } from "zod/v4";
import type { ReferralStatus } from "../core/model.ts";
import { cleanFreeText, cleanOptionalText, REMOVED } from "../core/phi/clean-free-text.ts";
import { isValidNpi } from "../core/validation/npi.ts";
import type { DateOrder, ParsedDate } from "./dates.ts";
import type { HeaderMap, ImportField } from "./header-map.ts";
import { KNOWN_STATUS_HINT, statusFromWord } from "./status-words.ts";

const DAY_MS = 86_400_000;

/** The cells of one row by field ("" where the row or the file has nothing), and the row's patient name cells. */
export type RawReferralRow = Record<ImportField, string> & { patientNames: string[] };

export interface RowContext {
  labels: Record<ImportField, string>;
  /** Reads a date in the practice's zone and the file's order (cached per import). */
  readDate: (raw: string) => ParsedDate;
  order: DateOrder;
  /** A referral date more than a day after this is refused. */
  now: Date;
}

interface DateCell {
  raw: string;
  date: Date;
  ambiguous: boolean;
}

/** A date or NPI cell quoted in a rejection: the rejects file holds that column anyway, for fixing. */
function quoted(value: string): string {
  return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
}

/** A cell of words quoted only when it looks like no patient detail (a shifted row puts anything anywhere). */
function quotedIfSafe(value: string): string {
  const safe = value.length <= 20 && !cleanFreeText(value).includes(REMOVED);
  return safe ? quoted(value) : "(value not shown: it may identify a patient)";
}

/** Text that may be empty: trimmed, empty becomes null, over-long free text is cut rather than refused. */
const optionalText = (max: number) =>
  z.string().transform((v) => {
    const t = v.trim().replace(/\s+/g, " ");
    return t === "" ? null : t.slice(0, max);
  });

/** The schema for one row of this import (labels, zone and date order are the file's). */
export function createZReferralRow(ctx: RowContext) {
  const { labels } = ctx;
  const dateHint = ctx.order === "dmy" ? "use YYYY-MM-DD or DD/MM/YYYY" : "use YYYY-MM-DD or MM/DD/YYYY";

  const dateCell = (field: ImportField, required = false) =>
    z.string().transform((raw, c): DateCell | null => {
      const value = raw.trim();
      if (value === "") {
        if (!required) return null;
        c.addIssue({ code: "custom", continue: false, message: `${labels[field]} is empty` });
        return z.NEVER;
      }
      const parsed = ctx.readDate(value);
      if (!parsed.ok) {
        c.addIssue({
          code: "custom",
          continue: false,
          message: `${labels[field]} ${quoted(value)} is not a date (${dateHint})`,
        });
        return z.NEVER;
      }
      return { raw: value, date: parsed.date, ambiguous: parsed.ambiguous };
    });

  return z
    .object({
      sourceId: z
        .string()
        .transform((v) => v.trim())
        .pipe(
          z.string().min(1, `${labels.sourceId} is empty`).max(100, `${labels.sourceId} is longer than 100 characters`),
        ),
      receivedAt: dateCell("receivedAt", true),
      providerName: z.string().transform((raw, c) => {
        const value = raw.trim().replace(/\s+/g, " ");
        const problem =
          value === ""
            ? "is empty"
            : value.length < 2
              ? `${quoted(value)} is too short to be a name`
              : value.length > 120
                ? "is longer than 120 characters"
                : null;
        if (problem) {
          c.addIssue({ code: "custom", continue: false, message: `${labels.providerName} ${problem}` });
          return z.NEVER;
        }
        return value;
      }),
      npi: z.string().transform((raw, c) => {
        const value = raw.trim();
        if (value === "") return null;
        const digits = value.replace(/[\s-]/g, "");
        if (!isValidNpi(digits)) {
          c.addIssue({
            code: "custom",
            continue: false,
            message: `${labels.npi} ${quoted(value)} is not a valid NPI (10 digits, the last a check digit)`,
          });
          return z.NEVER;
        }
        return digits;
      }),
      clinic: optionalText(120),
      addressLine1: optionalText(120),
      addressLine2: optionalText(120),
      city: optionalText(80),
      state: optionalText(40),
      postalCode: optionalText(20),
      referrerSpecialty: optionalText(80),
      specialty: optionalText(80),
      reason: optionalText(500),
      status: z.string().transform((raw, c): ReferralStatus | null => {
        const value = raw.trim();
        if (value === "") return null;
        const status = statusFromWord(value);
        if (!status) {
          c.addIssue({
            code: "custom",
            continue: false,
            message: `${labels.status} ${quotedIfSafe(value)} is not a status I know (${KNOWN_STATUS_HINT})`,
          });
          return z.NEVER;
        }
        return status;
      }),
      scheduledAt: dateCell("scheduledAt"),
      seenAt: dateCell("seenAt"),
      patientNames: z.array(z.string()),
      patientRef: z.string().transform((raw) => {
        // Only the tail of a record number, which staff can search by and which names nobody.
        const tail = raw.replace(/[^A-Za-z0-9]/g, "").slice(-4);
        return tail === "" ? null : `MRN-…${tail}`;
      }),
    })
    .transform((row, c) => {
      // Never null here (an empty date was refused above); the check narrows the type.
      if (!row.receivedAt) return z.NEVER;
      const latest = ctx.now.getTime() + DAY_MS;
      if (row.receivedAt.date.getTime() > latest) {
        c.addIssue({
          code: "custom",
          continue: false,
          message: `${labels.receivedAt} ${quoted(row.receivedAt.raw)} is in the future`,
        });
        return z.NEVER;
      }
      if (row.seenAt && row.seenAt.date.getTime() > latest) {
        c.addIssue({
          code: "custom",
          continue: false,
          message: `${labels.seenAt} ${quoted(row.seenAt.raw)} is in the future`,
        });
        return z.NEVER;
      }
      // A day of slack: a date-only visit on the day of a timed referral is not before it.
      if (row.seenAt && row.seenAt.date.getTime() < row.receivedAt.date.getTime() - DAY_MS) {
        c.addIssue({
          code: "custom",
          continue: false,
          message: `${labels.seenAt} ${quoted(row.seenAt.raw)} is before the ${labels.receivedAt} ${quoted(row.receivedAt.raw)}`,
        });
        return z.NEVER;
      }
      // Free text is cleaned before it goes anywhere, with the row's own patient name to look for.
      const clean = { patientNames: row.patientNames };
      return settle(
        {
          ...row,
          receivedAt: row.receivedAt,
          reason: cleanOptionalText(row.reason, clean),
          specialty: cleanOptionalText(row.specialty, clean),
          referrerSpecialty: cleanOptionalText(row.referrerSpecialty, clean),
        },
        ctx.now,
      );
    });
}

export type ZReferralRow = ReturnType<typeof createZReferralRow>;
export type TReferralRow = z.output<ZReferralRow>;

/**
 * Status from the status word and the dates together. A seen date means the patient was seen (unless
 * the loop is already closed); an appointment date means at least scheduled. A patient marked seen
 * with no seen date gets the appointment date, or failing that the referral date, as the visit date:
 * without one the close-the-loop nudge would take the import itself as the visit and say "today".
 */
function settle(
  row: {
    sourceId: string;
    receivedAt: DateCell;
    providerName: string;
    npi: string | null;
    clinic: string | null;
    addressLine1: string | null;
    addressLine2: string | null;
    city: string | null;
    state: string | null;
    postalCode: string | null;
    referrerSpecialty: string | null;
    specialty: string | null;
    reason: string | null;
    status: ReferralStatus | null;
    scheduledAt: DateCell | null;
    seenAt: DateCell | null;
    patientRef: string | null;
  },
  now: Date,
) {
  let status: ReferralStatus = row.status ?? "received";
  if (row.seenAt && status !== "loop_closed") status = "seen";
  else if (row.scheduledAt && status === "received") status = "scheduled";
  const scheduledAt = row.scheduledAt?.date ?? null;
  let seenAt = row.seenAt?.date ?? null;
  let seenAtGuessed = false;
  if ((status === "seen" || status === "loop_closed") && !seenAt) {
    seenAt = scheduledAt && scheduledAt.getTime() <= now.getTime() ? scheduledAt : row.receivedAt.date;
    seenAtGuessed = true;
  }
  return {
    sourceId: row.sourceId,
    receivedAt: row.receivedAt.date,
    providerName: row.providerName,
    npi: row.npi,
    clinic: row.clinic,
    addressLine1: row.addressLine1,
    addressLine2: row.addressLine2,
    city: row.city,
    state: row.state,
    postalCode: row.postalCode,
    referrerSpecialty: row.referrerSpecialty,
    specialty: row.specialty,
    reason: row.reason,
    status,
    /** The file said where the referral stands (a status word, a seen or an appointment date). */
    statusStated: row.status !== null || row.seenAt !== null || row.scheduledAt !== null,
    scheduledAt,
    seenAt,
    seenAtGuessed,
    patientRef: row.patientRef,
    /** A date such as 03/04/2026 was read by the file's order. */
    ambiguousDate: Boolean(row.receivedAt.ambiguous || row.seenAt?.ambiguous || row.scheduledAt?.ambiguous),
  };
}

/** The row's cells by field; the referring provider's name is put together when the file splits it. */
export function rawRowOf(values: readonly string[], map: HeaderMap): RawReferralRow {
  const cell = (field: ImportField) => {
    const index = map.columns[field];
    return index === undefined ? "" : (values[index] ?? "");
  };
  let providerName = cell("providerName");
  if (providerName.trim() === "" && map.columns.providerName === undefined) {
    providerName = `${cell("providerFirstName").trim()} ${cell("providerLastName").trim()}`.trim();
  }
  return {
    sourceId: cell("sourceId"),
    receivedAt: cell("receivedAt"),
    providerName,
    providerFirstName: cell("providerFirstName"),
    providerLastName: cell("providerLastName"),
    npi: cell("npi"),
    addressLine1: cell("addressLine1"),
    addressLine2: cell("addressLine2"),
    city: cell("city"),
    state: cell("state"),
    postalCode: cell("postalCode"),
    clinic: cell("clinic"),
    referrerSpecialty: cell("referrerSpecialty"),
    specialty: cell("specialty"),
    reason: cell("reason"),
    status: cell("status"),
    scheduledAt: cell("scheduledAt"),
    seenAt: cell("seenAt"),
    patientRef: cell("patientRef"),
    patientNames: patientNameCells(values, map),
  };
}

/** The cells of the columns that name the patient ("Patient Name", "First Name", …), to clean free text with. */
export function patientNameCells(values: readonly string[], map: HeaderMap): string[] {
  const names: string[] = [];
  map.headers.forEach((header, i) => {
    if (map.patientNameColumns.includes(header) && values[i]?.trim()) names.push(values[i]!);
  });
  return names;
}

/** Every problem with the row, joined into one line for the rejection list. */
export function rejectionReason(error: z.ZodError): string {
  const messages = [...new Set(error.issues.map((issue) => issue.message))];
  return messages.join("; ") || "the row could not be read";
}
