// The one HTTP server: health, Slack, Teams. Routes come from the parts that are switched on.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../logging/logger.ts";
import { type Metrics, platformOfPath } from "./metrics.ts";
import type { Route } from "./route.ts";

export function matchRoute(routes: readonly Route[], method: string, path: string): Route | undefined {
  return routes.find(
    (r) => r.method === method && (r.path.endsWith("*") ? path.startsWith(r.path.slice(0, -1)) : r.path === path),
  );
}

/** Health checks are asked every few seconds: logged at debug, not info. */
const QUIET_ROUTES = new Set(["/healthz", "/livez", "/readyz", "/metrics"]);

export function createHttpServer(routes: readonly Route[], logger?: Logger, metrics?: Metrics): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const route = matchRoute(routes, req.method ?? "GET", path);
    // One line per request: the route's template, never the query, a body or anyone's text.
    res.once("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const labels = {
        route: route?.path ?? "unmatched",
        method: req.method ?? "GET",
        status: res.statusCode,
        platform: platformOfPath(path),
      };
      metrics?.observeRequest(labels, seconds);
      const line = { ...labels, ms: Math.round(seconds * 10_000) / 10 };
      if (route && QUIET_ROUTES.has(route.path)) logger?.debug(line, "request");
      else logger?.info(line, "request");
    });
    if (!route) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found" }));
      return;
    }
    Promise.resolve()
      .then(() => route.handle(req, res))
      .catch((error: unknown) => {
        // A bug in one handler answers 500 and is logged; it never takes the process down.
        logger?.error({ err: error, path }, "request failed");
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        if (!res.writableEnded) res.end(JSON.stringify({ error: "internal error" }));
      });
  });
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}
