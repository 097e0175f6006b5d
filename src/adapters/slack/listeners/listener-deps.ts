// What every listener needs, passed in once by registerListeners so handlers stay plain functions
// that a test can call directly.
import type { ChartImages } from "../../../charts/chart-images.ts";
import type { ChatCore } from "../../../core/chat-api.ts";
import type { Repositories } from "../../../core/ports.ts";
import type { Logger } from "../../../logging/logger.ts";
import type { SlackUsers } from "../slack-users.ts";

export interface SlackListenerDeps {
  core: ChatCore;
  repos: Repositories;
  logger: Logger;
  users: SlackUsers;
  /** Draws and links the replies' charts; without it charts show as their words. */
  charts?: ChartImages;
}
