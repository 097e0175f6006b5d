// Which database errors mean "the database cannot be reached" (a connection refused, cut or timed out),
// as opposed to a query that failed: the chat then answers "try again in a minute" (see
// src/core/storage-unavailable.ts). Prisma wraps the driver's error, so the whole cause chain is read.

/** Prisma's codes for an unreachable or vanished server, a timed-out connection, an exhausted pool. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** Driver adapter error kinds (@prisma/driver-adapter-utils) with the same meaning. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/** Node's socket errors. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH"]);
/** node-postgres says these in its messages only. */
const PG_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection timeout/i,
  /query read timeout/i,
  /can't reach database server/i,
  /server closed the connection/i,
];

export function isStorageUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; name?: unknown };
    if (typeof e.code === "string" && (PRISMA_CODES.has(e.code) || SOCKET_CODES.has(e.code))) return true;
    if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
    if (e.name === "PrismaClientInitializationError") return true;
    if (typeof e.message === "string" && PG_MESSAGES.some((re) => re.test(e.message as string))) return true;
    current = e.cause;
  }
  return false;
}
