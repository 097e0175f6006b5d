// One HTTP server serves everything; each part of the bot contributes routes to it.
import type { IncomingMessage, ServerResponse } from "node:http";

export interface Route {
  method: "GET" | "POST" | "PUT";
  /** Exact path, or a prefix ending in "*" (e.g. "/slack/*"). */
  path: string;
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}
