import { startServer } from "../../app/serve.ts";
import type { Config } from "../../config/config.ts";
import { createLogger } from "../../logging/logger.ts";

export async function serveCommand(config: Config): Promise<void> {
  const logger = createLogger(config.LOG_LEVEL);
  const app = await startServer(config, logger);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received; finishing requests in flight and stopping.`);
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "error while stopping");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}
