// Structured logs with pino. One logger for the process; parts take a child with their name.
import { pino } from "pino";

export type Logger = pino.Logger;

export function createLogger(level: string = "info"): Logger {
  return pino({ level, base: { app: "referral-nudge" }, redact: ["*.token", "*.botToken", "*.password"] });
}

/** A logger that drops everything, for tests and benchmarks. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
