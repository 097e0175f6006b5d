// A new referrer as typed into a form, the CLI or a CSV: validated once, the same way everywhere.
import { z } from "zod/v4";
import type { NewReferrer } from "../ports.ts";
import { isValidNpi } from "./npi.ts";

const CREDENTIALS = /^(md|do|np|pa|pa-c|dpm|dc|fnp|fnp-c|aprn|rn|mbbs|phd|facp|facs|dds|od|dnp|crnp)$/i;
const DOCTORAL = /^(MD|DO|DPM|DC|MBBS|PHD|DDS|OD|DNP)$/;
const TITLES = /^(dr|doctor|prof|mr|mrs|ms)$/i;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : null));

export const ZNewReferrerInput = z.object({
  name: z.string().trim().min(2, "Type the referrer's name, e.g. Dr. Jane Smith").max(120),
  clinic: optionalText(120),
  specialty: optionalText(80),
  npi: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(/\D/g, "") : null))
    .refine((v) => v === null || isValidNpi(v), "An NPI is 10 digits with a valid check digit"),
  phone: optionalText(40),
  email: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || z.email().safeParse(v).success, "That email address doesn't look right"),
  addressLine1: optionalText(120),
  addressLine2: optionalText(120),
  city: optionalText(80),
  state: optionalText(40),
  postalCode: optionalText(20),
});
export type NewReferrerInput = z.input<typeof ZNewReferrerInput>;

/** "Dr. Jennifer Lee-Park, MD" → first "Jennifer", last "Lee-Park", credentials "MD", display "Dr. Jennifer Lee-Park". */
export function splitReferrerName(
  raw: string,
): Pick<NewReferrer, "displayName" | "firstName" | "lastName" | "credentials"> {
  const words = raw
    .replace(/[,]/g, " ")
    .split(/\s+/)
    .map((w) => w.trim())
    .filter(Boolean);
  const credentials: string[] = [];
  const names: string[] = [];
  for (const word of words) {
    const bare = word.replace(/\./g, "");
    if (CREDENTIALS.test(bare)) credentials.push(bare.toUpperCase());
    else if (!TITLES.test(bare) || names.length > 0) names.push(word);
  }
  const lastName = names.at(-1) ?? raw.trim();
  const firstName = names.length > 1 ? names.slice(0, -1).join(" ") : null;
  const full = names.join(" ") || raw.trim();
  // Nurse practitioners and physician assistants are not "Dr."; physicians (or unknown) are.
  const doctor = credentials.length === 0 || credentials.some((c) => DOCTORAL.test(c));
  return {
    displayName: doctor ? `Dr. ${full}` : full,
    firstName,
    lastName,
    credentials: credentials.join(", ") || null,
  };
}

export function toNewReferrer(input: z.output<typeof ZNewReferrerInput>): NewReferrer {
  return {
    ...splitReferrerName(input.name),
    clinic: input.clinic,
    specialty: input.specialty,
    npi: input.npi,
    phone: input.phone,
    email: input.email,
    addressLine1: input.addressLine1,
    addressLine2: input.addressLine2,
    city: input.city,
    state: input.state,
    postalCode: input.postalCode,
  };
}

/** The first problem, said plainly, for a chat reply. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue
    ? `${issue.path.length ? `${String(issue.path[0])}: ` : ""}${issue.message}`
    : "Something in the form is not right";
}
