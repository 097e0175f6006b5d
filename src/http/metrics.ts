// What an operator watches, in Prometheus's text format at GET /metrics: requests and their latency per
// route and platform, digests delivered and failed per platform, and the process's own figures (memory,
// event loop, GC) from prom-client's defaults. Labels are route templates and platform names only, never
// ids, names or text. Closed by default: the route exists only when METRICS_TOKEN is set, and asks for it.
import { timingSafeEqual } from "node:crypto";
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import type { ChatDelivery } from "../core/ports.ts";
import type { Route } from "./route.ts";

export interface Metrics {
  registry: Registry;
  observeRequest(labels: { route: string; method: string; status: number; platform: string }, seconds: number): void;
  /** The delivery, counting each digest it delivers or fails to. */
  countDeliveries(delivery: ChatDelivery): ChatDelivery;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "referral_nudge_" });
  const requests = new Counter({
    name: "referral_nudge_http_requests_total",
    help: "HTTP requests answered, by route, method, status and platform",
    labelNames: ["route", "method", "status", "platform"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "referral_nudge_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by route and platform",
    labelNames: ["route", "platform"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const digests = new Counter({
    name: "referral_nudge_digest_deliveries_total",
    help: "Digest messages sent to a conversation or a person, by platform and outcome",
    labelNames: ["platform", "outcome"] as const,
    registers: [registry],
  });
  return {
    registry,
    observeRequest({ route, method, status, platform }, seconds) {
      requests.inc({ route, method, status: String(status), platform });
      latency.observe({ route, platform }, seconds);
    },
    countDeliveries(delivery) {
      return {
        platform: delivery.platform,
        targets: (practiceId) => delivery.targets(practiceId),
        ...(delivery.alreadyHas ? { alreadyHas: delivery.alreadyHas.bind(delivery) } : {}),
        ...(delivery.deliverToMember
          ? { deliverToMember: delivery.deliverToMember.bind(delivery) as NonNullable<ChatDelivery["deliverToMember"]> }
          : {}),
        // The card-day message is not a digest: forwarded as it is, uncounted.
        ...(delivery.cardTargets ? { cardTargets: delivery.cardTargets.bind(delivery) } : {}),
        ...(delivery.send ? { send: delivery.send.bind(delivery) } : {}),
        async deliver(target, digest) {
          try {
            await delivery.deliver(target, digest);
            digests.inc({ platform: delivery.platform, outcome: "delivered" });
          } catch (error) {
            digests.inc({ platform: delivery.platform, outcome: "failed" });
            throw error;
          }
        },
      };
    },
  };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function metricsRoute(metrics: Metrics, token: string): Route {
  return {
    method: "GET",
    path: "/metrics",
    async handle(req, res) {
      const auth = req.headers.authorization ?? "";
      if (!auth.startsWith("Bearer ") || !sameToken(auth.slice("Bearer ".length), token)) {
        res.writeHead(401, { "content-type": "text/plain", "www-authenticate": "Bearer" }).end("unauthorized\n");
        return;
      }
      res.writeHead(200, { "content-type": metrics.registry.contentType }).end(await metrics.registry.metrics());
    },
  };
}

/** The platform a path belongs to, for the request log and the metrics' labels. */
export function platformOfPath(path: string): string {
  if (path.startsWith("/slack")) return "slack";
  if (path.startsWith("/api/messages")) return "teams";
  return "none";
}
