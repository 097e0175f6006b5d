// Reading plain values out of FHIR data types: a CodeableConcept's words, a HumanName as people write it,
// an NPI among identifiers, a FHIR date-time as the intake's date text.
import type { CodeableConcept, HumanName, Identifier } from "@medplum/fhirtypes";

export const NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi";

/** The concept's text, else its first coding's display (a code alone says nothing to a person). */
export function textOf(concept: CodeableConcept | undefined): string | undefined {
  const text = concept?.text?.trim() || concept?.coding?.find((c) => c.display?.trim())?.display?.trim();
  return text || undefined;
}

/** The official (else usual, else first) name: its text, or prefix, given, family and suffix. */
export function nameOf(names: readonly HumanName[] | undefined): string | undefined {
  if (!names?.length) return undefined;
  const name = names.find((n) => n.use === "official") ?? names.find((n) => n.use === "usual") ?? names[0]!;
  if (name.text?.trim()) return name.text.trim();
  const person = [...(name.prefix ?? []), ...(name.given ?? []), name.family ?? ""]
    .map((p) => p.trim())
    .filter(Boolean)
    .join(" ");
  const suffix = (name.suffix ?? []).filter((s) => s.trim()).join(", ");
  const full = suffix ? `${person}, ${suffix}` : person;
  return full || undefined;
}

/** The index and value of the first identifier in the NPI system. */
export function npiOf(identifiers: readonly Identifier[] | undefined): { index: number; value: string } | undefined {
  const index = (identifiers ?? []).findIndex((i) => i.system === NPI_SYSTEM && i.value?.trim());
  return index < 0 ? undefined : { index, value: identifiers![index]!.value!.trim() };
}

/** A medical record number: the identifier typed MR, else none (other identifiers are not an MRN). */
export function mrnOf(identifiers: readonly Identifier[] | undefined): string | undefined {
  const typed = (identifiers ?? []).find((i) =>
    i.type?.coding?.some((c) => c.code === "MR" && (!c.system || c.system.endsWith("v2-0203"))),
  );
  return typed?.value?.trim() || undefined;
}

/**
 * A FHIR date or dateTime as the intake reads it: "2026-12-01", or a date-time with its offset. A time
 * without seconds cannot occur in valid FHIR; partial dates ("2026-12") have no day and give undefined.
 */
export function dateTextOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return value;
  return undefined;
}
