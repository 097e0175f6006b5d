// Who receives a practice's digest on one platform: each digest conversation set with "digest here"
// (once, however many workspaces name it) and each physician in their own direct message. Each
// delivery only maps these neutral recipients to its own addresses.
import type { Member, Platform } from "../model.ts";
import type { WorkspaceLink } from "../ports.ts";

export type DigestRecipient =
  | { kind: "conversation"; conversation: string; workspaceId: string }
  /** `dm` is the stored direct-message conversation, null until the platform has opened one. */
  | { kind: "person"; memberId: string; externalUserId: string; dm: string | null };

export function digestRecipients(
  platform: Platform,
  links: readonly WorkspaceLink[],
  members: readonly Pick<Member, "id" | "platform" | "role" | "externalUserId">[],
  dmOf: ReadonlyMap<string, string | null>,
): DigestRecipient[] {
  const recipients: DigestRecipient[] = [];
  const seen = new Set<string>();
  for (const link of links) {
    const conversation = link.digestConversation;
    if (link.platform !== platform || !conversation || seen.has(conversation)) continue;
    seen.add(conversation);
    recipients.push({ kind: "conversation", conversation, workspaceId: link.id });
  }
  for (const m of members) {
    if (m.platform !== platform || m.role !== "physician") continue;
    recipients.push({ kind: "person", memberId: m.id, externalUserId: m.externalUserId, dm: dmOf.get(m.id) ?? null });
  }
  return recipients;
}
