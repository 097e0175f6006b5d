// When the database cannot be reached, a chat user gets a short, honest answer at once instead of a
// generic failure: nothing they can fix, and it will likely work again in a minute. The core does not
// know which driver is behind the ports, so the database layer says which errors mean "unreachable"
// (CoreDeps.isStorageUnavailable, from src/db/storage-errors.ts).
import { errorReply } from "./reply.ts";

export const STORAGE_UNAVAILABLE_REPLY = errorReply(
  "The referral database is not answering right now. Please try again in a minute.",
);
