// Bolt, its receivers and its WebClients log through @slack/logger's interface; this sends those
// lines to our pino logger so there is one log stream with one format.
import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import type { Logger } from "../../logging/logger.ts";

function toPinoArgs(parts: unknown[]): [Record<string, unknown>, string] {
  const err = parts.find((p) => p instanceof Error);
  const message = parts
    .filter((p) => p !== err)
    .map((p) => (typeof p === "string" ? p : JSON.stringify(p)))
    .join(" ");
  return [err ? { err } : {}, message || (err instanceof Error ? err.message : "")];
}

/** Bolt asks getLevel() before building debug lines; answering with pino's level saves that work. */
function boltLevelOf(logger: Logger): LogLevel {
  if (logger.isLevelEnabled("debug")) return LogLevel.DEBUG;
  if (logger.isLevelEnabled("info")) return LogLevel.INFO;
  if (logger.isLevelEnabled("warn")) return LogLevel.WARN;
  return LogLevel.ERROR;
}

export function toBoltLogger(logger: Logger): SlackLogger {
  let child = logger.child({ component: "slack" });
  return {
    debug: (...parts: unknown[]) => child.debug(...toPinoArgs(parts)),
    info: (...parts: unknown[]) => child.info(...toPinoArgs(parts)),
    warn: (...parts: unknown[]) => child.warn(...toPinoArgs(parts)),
    error: (...parts: unknown[]) => child.error(...toPinoArgs(parts)),
    // The process's LOG_LEVEL decides what is written, not Bolt's defaults.
    setLevel: () => {},
    getLevel: () => boltLevelOf(child),
    setName: (name: string) => {
      child = logger.child({ component: "slack", name });
    },
  };
}
