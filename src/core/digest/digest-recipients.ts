// Who receives a practice's digest on one platform: each digest conversation set with "digest here"
// (once, however many workspaces name it) and each physician and liaison in their own direct message, in the
// workspaces the app is still installed in. Each
// delivery only maps these neutral recipients to its own addresses.
import type { Member, MemberRole, Platform } from "../model.ts";
import type { WorkspaceLink } from "../ports.ts";

export type DigestRecipient =
  | { kind: "conversation"; conversation: string; workspaceId: string }
  /** `dm` is the stored direct-message conversation, null until the platform has opened one. */
  | { kind: "person"; memberId: string; externalUserId: string; dm: string | null };

/** Who gets a digest of their own: what a physician must do personally, what a liaison looks after. */
export const PERSONAL_DIGEST_ROLES: readonly MemberRole[] = ["physician", "liaison"];

/** Who else than the digest's usual readers: the card-day message goes to the card writers' DMs only. */
export interface RecipientOptions {
  /** Whose direct messages: the personal digest roles (physicians and liaisons) by default. */
  personRole?: MemberRole;
  /** Include the digest conversations (true by default). */
  conversations?: boolean;
}

export function digestRecipients(
  platform: Platform,
  links: readonly WorkspaceLink[],
  members: readonly Pick<Member, "id" | "platform" | "role" | "externalUserId" | "workspaceExternalId">[],
  dmOf: ReadonlyMap<string, string | null>,
  opts: RecipientOptions = {},
): DigestRecipient[] {
  const personRoles: readonly MemberRole[] = opts.personRole ? [opts.personRole] : PERSONAL_DIGEST_ROLES;
  const recipients: DigestRecipient[] = [];
  const seen = new Set<string>();
  // A workspace the app was removed from gets nothing, neither in its channel nor in its people's DMs.
  const installed = links.filter((l) => l.platform === platform && !l.uninstalledAt);
  const removed = new Set(links.filter((l) => l.platform === platform && l.uninstalledAt).map((l) => l.externalId));
  for (const link of installed) {
    const conversation = link.digestConversation;
    if (opts.conversations === false || !conversation || seen.has(conversation)) continue;
    seen.add(conversation);
    recipients.push({ kind: "conversation", conversation, workspaceId: link.id });
  }
  for (const m of members) {
    if (m.platform !== platform || !personRoles.includes(m.role)) continue;
    const gone = m.workspaceExternalId
      ? removed.has(m.workspaceExternalId)
      : installed.length === 0 && removed.size > 0;
    if (gone) continue;
    recipients.push({ kind: "person", memberId: m.id, externalUserId: m.externalUserId, dm: dmOf.get(m.id) ?? null });
  }
  return recipients;
}
