// What every Teams handler needs; passed in so a test can call a handler with its own core.
import type { ChatCore } from "../../../core/chat-api.ts";
import type { Repositories } from "../../../core/ports.ts";
import type { FileLinks } from "../../../http/file-links.ts";
import type { Logger } from "../../../logging/logger.ts";
import type { TeamsMode } from "../chat-context.ts";

export interface TeamsHandlerDeps {
  core: ChatCore;
  repos: Repositories;
  logger: Logger;
  mode: TeamsMode;
  /** Download links for files the core hands over (Teams takes no upload from a bot); absent: closed. */
  fileLinks?: FileLinks;
}
