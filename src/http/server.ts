// The one HTTP server: health, Slack, Teams. Routes come from the parts that are switched on.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../logging/logger.ts";
import type { Route } from "./route.ts";

export function matchRoute(routes: readonly Route[], method: string, path: string): Route | undefined {
  return routes.find(
    (r) => r.method === method && (r.path.endsWith("*") ? path.startsWith(r.path.slice(0, -1)) : r.path === path),
  );
}

export function createHttpServer(routes: readonly Route[], logger?: Logger): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const route = matchRoute(routes, req.method ?? "GET", path);
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
