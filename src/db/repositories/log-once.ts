import { isUniqueViolation } from "../mappers.ts";

/**
 * Writes something at most once per idempotency key: what was already written is returned as it is,
 * and of two requests racing with the same key (a double click, a retry, two instances) one writes
 * and the other gets the first one's result.
 */
export async function logOnce<T>(existing: () => Promise<T | null>, write: () => Promise<T>): Promise<T> {
  const seen = await existing();
  if (seen) return seen;
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      const raced = await existing();
      if (raced) return raced;
    }
    throw error;
  }
}
