// Which errors mean "the database cannot be reached": those get "try again in a minute" in chat.
import { describe, expect, it } from "vitest";
import { isStorageUnavailable } from "../../src/db/storage-errors.ts";

const withCause = (message: string, cause: unknown) => Object.assign(new Error(message), { cause });

describe("recognising an unreachable database", () => {
  it("recognises a refused or cut connection however deep Prisma wrapped it", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(
      isStorageUnavailable(withCause("Invalid prisma.touch.create() invocation", withCause("adapter", refused))),
    ).toBe(true);
    expect(isStorageUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isStorageUnavailable(Object.assign(new Error("pool"), { code: "P2024" }))).toBe(true);
    expect(isStorageUnavailable({ kind: "DatabaseNotReachable" })).toBe(true);
  });

  it("does not mistake a query that failed for an outage", () => {
    expect(isStorageUnavailable(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isStorageUnavailable(new Error("no such table: Touch"))).toBe(false);
    expect(isStorageUnavailable(undefined)).toBe(false);
  });

  it("stops on a cause chain that loops", () => {
    const a: { message: string; cause?: unknown } = { message: "a" };
    a.cause = { message: "b", cause: a };
    expect(isStorageUnavailable(a)).toBe(false);
  });
});
