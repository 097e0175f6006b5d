// Who may see what the practice spent on a referrer: the person who gave (their own gift's reply, and the
// profile once they have given that referrer something this year) and the practice's admins, and only
// where nobody else reads along. Amounts are never shown in a shared conversation.

import type { Actor } from "../model.ts";
import type { Audience } from "./audience.ts";
import { isAdmin } from "./permissions.ts";

export function mayShowGiftAmounts(actor: Actor, audience: Audience, giverIds: ReadonlySet<string>): boolean {
  if (audience.shared) return false;
  return isAdmin(actor) || (actor.memberId !== null && giverIds.has(actor.memberId));
}
