// Structured logs with pino. One logger for the process; parts take a child with their name.
import { pino } from "pino";

export type Logger = pino.Logger;

/** Fields that may carry free text typed or imported about a patient: never written, at the top or one level down. */
const FREE_TEXT_FIELDS = [
  "reason",
  "reasons",
  "note",
  "notes",
  "text",
  "specialty",
  "values",
  "patient",
  "patientName",
  "patientNames",
  "patientRef",
  "dob",
  "mrn",
];

/** Secrets and free text, redacted wherever a log call puts them. */
export const REDACTED_PATHS = [
  "*.token",
  "*.botToken",
  "*.password",
  ...FREE_TEXT_FIELDS,
  ...FREE_TEXT_FIELDS.map((f) => `*.${f}`),
];

export function createLogger(level: string = "info", destination?: pino.DestinationStream): Logger {
  const options = { level, base: { app: "referral-nudge" }, redact: REDACTED_PATHS };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that drops everything, for tests and benchmarks. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
