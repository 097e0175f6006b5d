// The "Mark resolved" form, submitted. A stand-in until the complaints work lands with the real use case
// (validating `resolution` against core/forms/resolve-complaint.ts, then resolving the complaint).

import type { CoreDeps } from "../chat/deps.ts";
import type { ChatContext } from "../chat-api.ts";
import type { Actor } from "../model.ts";
import { errorReply, type Reply } from "../reply.ts";

export async function submitResolveComplaint(
  _deps: CoreDeps,
  _ctx: ChatContext,
  _actor: Actor,
  _metadata: string,
  _values: Record<string, unknown>,
): Promise<Reply> {
  return errorReply("Resolving complaints is not available yet.");
}
