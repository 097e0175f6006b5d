// The two repositories the Slack adapter itself uses (workspaces and members), in memory, for tests
// that run against a scripted core. The rest throw: the adapter must not reach them.
import type { Member, MemberRole, Platform } from "../../../../src/core/model.ts";
import type { Repositories, WorkspaceLink, WorkspaceLinkOptions } from "../../../../src/core/ports.ts";

function notHere(name: string): never {
  throw new Error(`${name} is not part of the Slack adapter's fake repositories`);
}

const untouched = <T extends object>(name: string) =>
  new Proxy({} as T, {
    get: (_target, prop) => () => notHere(`${name}.${String(prop)}`),
  });

export interface MemoryRepos extends Repositories {
  installations: Map<string, string>;
  addMember(member: Partial<Member> & { externalUserId: string; practiceId: string }): Member;
}

export function createMemoryRepos(): MemoryRepos {
  const links: (WorkspaceLink & { installation?: string })[] = [];
  const members: (Member & { dm?: string })[] = [];
  const installations = new Map<string, string>();
  let practiceCounter = 0;

  async function getOrLink(platform: Platform, externalId: string, opts: WorkspaceLinkOptions = {}) {
    const existing = links.find((l) => l.platform === platform && l.externalId === externalId);
    if (existing) return existing;
    practiceCounter += 1;
    const link: WorkspaceLink = {
      id: `ws-${links.length + 1}`,
      practiceId: opts.practiceId ?? (opts.joinDefault ? "practice-default" : `practice-${practiceCounter}`),
      platform,
      externalId,
      name: opts.name ?? null,
      digestConversation: null,
    };
    links.push(link);
    return link;
  }

  function addMember(m: Partial<Member> & { externalUserId: string; practiceId: string }): Member {
    const member: Member = {
      id: m.id ?? `member-${members.length + 1}`,
      practiceId: m.practiceId,
      platform: m.platform ?? "slack",
      externalUserId: m.externalUserId,
      displayName: m.displayName ?? m.externalUserId,
      role: m.role ?? ("coordinator" as MemberRole),
      workspaceExternalId: m.workspaceExternalId ?? null,
    };
    members.push(member);
    return member;
  }

  return {
    installations,
    addMember,
    practices: untouched("practices"),
    referrers: untouched("referrers"),
    referrals: untouched("referrals"),
    touches: untouched("touches"),
    feedback: untouched("feedback"),
    gifts: untouched("gifts"),
    nudges: untouched("nudges"),
    audit: untouched("audit"),
    workspaces: {
      async find(platform, externalId) {
        return links.find((l) => l.platform === platform && l.externalId === externalId) ?? null;
      },
      getOrLink,
      async listAll() {
        return [...links];
      },
      async linkToPractice(platform, externalId, practiceId) {
        const link = await getOrLink(platform, externalId, { practiceId });
        link.practiceId = practiceId;
        return link;
      },
      async unlink(platform, externalId) {
        const link = links.find((l) => l.platform === platform && l.externalId === externalId);
        if (!link) return null;
        practiceCounter += 1;
        link.practiceId = `practice-${practiceCounter}`;
        return link;
      },
      async setDigestConversation(id, conversation) {
        const link = links.find((l) => l.id === id);
        if (link) link.digestConversation = conversation;
      },
      async listForPractice(practiceId) {
        return links.filter((l) => l.practiceId === practiceId);
      },
      async recordInstaller(platform, externalId, userId) {
        const link = links.find((l) => l.platform === platform && l.externalId === externalId);
        if (!link || link.installedBy) return false;
        link.installedBy = userId;
        return true;
      },
      async installerOf(platform, externalId) {
        return links.find((l) => l.platform === platform && l.externalId === externalId)?.installedBy ?? null;
      },
      async saveInstallation(platform, externalId, installation, name) {
        const link = await getOrLink(platform, externalId, name ? { name } : {});
        installations.set(`${platform}:${externalId}`, installation);
        return link;
      },
      async findInstallation(platform, externalId) {
        return installations.get(`${platform}:${externalId}`) ?? null;
      },
      async deleteInstallation(platform, externalId) {
        installations.delete(`${platform}:${externalId}`);
      },
      async markUninstalled(platform, externalId, at) {
        const link = links.find((l) => l.platform === platform && l.externalId === externalId);
        if (!link || link.uninstalledAt) return null;
        const before = { ...link };
        installations.delete(`${platform}:${externalId}`);
        Object.assign(link, { uninstalledAt: at, digestConversation: null });
        return before;
      },
    },
    members: {
      async upsert(input) {
        const found = members.find(
          (m) =>
            m.practiceId === input.practiceId &&
            m.platform === input.platform &&
            m.externalUserId === input.externalUserId,
        );
        if (found && !(input.mentioned && found.workspaceExternalId)) {
          found.workspaceExternalId = input.workspaceExternalId;
        }
        return found ?? addMember(input);
      },
      async setRole(memberId, role) {
        const m = members.find((x) => x.id === memberId);
        if (!m) throw new Error("no member");
        m.role = role;
        return m;
      },
      async findById(id) {
        return members.find((m) => m.id === id) ?? null;
      },
      async listForPractice(practiceId) {
        return members.filter((m) => m.practiceId === practiceId);
      },
      async setDmConversation(memberId, conversation) {
        const m = members.find((x) => x.id === memberId);
        if (m) m.dm = conversation ?? undefined;
      },
      async getDmConversation(memberId) {
        return members.find((x) => x.id === memberId)?.dm ?? null;
      },
      async dmConversations(practiceId, platform) {
        const known = members.filter((m) => m.practiceId === practiceId && m.platform === platform && m.dm);
        return new Map(known.map((m) => [m.id, m.dm as string]));
      },
    },
  };
}
