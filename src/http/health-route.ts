// Health for load balancers and orchestrators. /livez: the process answers (restart it if not).
// /readyz: it can do its work, i.e. the database answers within a second (take it out of rotation if not);
// the migrations were applied before the server started listening. /healthz: both, with the version, for
// people and older checks.
import type { ServerResponse } from "node:http";
import type { PrismaDb } from "../db/database.ts";
import type { Route } from "./route.ts";

const DATABASE_TIMEOUT_MS = 1000;

async function databaseAnswers(prisma: PrismaDb): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), DATABASE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([prisma.$queryRawUnsafe("SELECT 1").then(() => true as const), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
}

export function healthRoutes(prisma: PrismaDb, version: string): Route[] {
  return [
    {
      method: "GET",
      path: "/healthz",
      async handle(_req, res) {
        const ok = await databaseAnswers(prisma);
        json(res, ok ? 200 : 503, { status: ok ? "ok" : "degraded", database: ok ? "ok" : "unreachable", version });
      },
    },
    {
      method: "GET",
      path: "/livez",
      async handle(_req, res) {
        json(res, 200, { status: "ok" });
      },
    },
    {
      method: "GET",
      path: "/readyz",
      async handle(_req, res) {
        const ok = await databaseAnswers(prisma);
        json(res, ok ? 200 : 503, { status: ok ? "ready" : "not ready", database: ok ? "ok" : "unreachable" });
      },
    },
  ];
}
