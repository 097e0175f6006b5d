// Whose view of a shared card Teams refreshes by itself: the Teams user ids (29:…) the bot knows in
// a practice, from the personal chats it stored (their reference names the user), and the person
// at hand. Teams takes at most 60; everyone else can still choose "Refresh card".
import type { Repositories } from "../../../core/ports.ts";
import { MAX_REFRESH_USERS } from "../cards/refresh.ts";

export async function knownTeamsUserIds(
  repos: Repositories,
  practiceId: string,
  first: string[] = [],
): Promise<string[]> {
  const ids = new Set(first.filter(Boolean));
  for (const reference of (await repos.members.dmConversations(practiceId, "teams")).values()) {
    if (ids.size >= MAX_REFRESH_USERS) break;
    const id = userIdOf(reference);
    if (id) ids.add(id);
  }
  return [...ids].slice(0, MAX_REFRESH_USERS);
}

/** The user a stored personal-chat reference names. */
export function userIdOf(reference: string | null): string | null {
  if (!reference) return null;
  try {
    const id = (JSON.parse(reference) as { user?: { id?: unknown } }).user?.id;
    return typeof id === "string" && id.length <= 256 ? id : null;
  } catch {
    return null;
  }
}
