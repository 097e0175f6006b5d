import type { PrismaDb } from "../db/database.ts";
import type { Route } from "./route.ts";

export function healthRoute(prisma: PrismaDb, version: string): Route {
  return {
    method: "GET",
    path: "/healthz",
    async handle(_req, res) {
      let database = "ok";
      try {
        await prisma.$queryRawUnsafe("SELECT 1");
      } catch {
        database = "unreachable";
      }
      const status = database === "ok" ? 200 : 503;
      res
        .writeHead(status, { "content-type": "application/json" })
        .end(JSON.stringify({ status: database === "ok" ? "ok" : "degraded", database, version }));
    },
  };
}
