// The last net under the whole process. Every route and handler catches its own failures and
// answers; whatever still escapes as a rejected promise is logged here and the server keeps serving,
// so no request, however malformed, can end the process. An uncaught exception leaves the process in
// a state nobody can vouch for: it is logged, and the process exits for its supervisor to restart.
import type { Logger } from "../logging/logger.ts";

export function onUnhandledRejection(logger: Logger): (reason: unknown) => void {
  return (reason) => {
    logger.error({ err: reason }, "a promise was rejected and nothing handled it; still serving");
  };
}

export function onUncaughtException(logger: Logger, exit: (code: number) => void): (error: Error) => void {
  return (error) => {
    logger.fatal({ err: error }, "uncaught exception; stopping so the process can be restarted clean");
    exit(1);
  };
}

/** Installs both; the returned function removes them again (tests start and stop many servers). */
export function installProcessGuards(logger: Logger, exit: (code: number) => void = process.exit): () => void {
  const rejection = onUnhandledRejection(logger);
  const exception = onUncaughtException(logger, exit);
  process.on("unhandledRejection", rejection);
  process.on("uncaughtException", exception);
  return () => {
    process.off("unhandledRejection", rejection);
    process.off("uncaughtException", exception);
  };
}
