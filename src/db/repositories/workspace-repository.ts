import type { Platform } from "../../core/model.ts";
import type { WorkspaceLink, WorkspaceLinkOptions, WorkspaceRepository } from "../../core/ports.ts";
import type { PrismaDb } from "../database.ts";
import type * as Rows from "../generated/postgresql/client.ts";
import { isUniqueViolation } from "../mappers.ts";
import { PLAIN_TEXT, type SecretCipher } from "../secret-cipher.ts";
import { createPracticeRepository } from "./practice-repository.ts";

function toLink(row: Rows.ChatWorkspace): WorkspaceLink {
  return {
    id: row.id,
    practiceId: row.practiceId,
    platform: row.platform,
    externalId: row.externalId,
    name: row.name,
    digestConversation: row.digestConversation,
    installedBy: row.installedBy,
    uninstalledAt: row.uninstalledAt,
  };
}

/** `cipher` seals Slack installations (they hold bot tokens) before they are stored, and opens them on read. */
export function createWorkspaceRepository(prisma: PrismaDb, cipher: SecretCipher = PLAIN_TEXT): WorkspaceRepository {
  const practices = createPracticeRepository(prisma);

  async function find(platform: Platform, externalId: string) {
    const row = await prisma.chatWorkspace.findUnique({ where: { platform_externalId: { platform, externalId } } });
    return row ? toLink(row) : null;
  }

  /** A new practice named after the workspace ("Acme Clinic", then "Acme Clinic (2)" if taken). */
  async function newPracticeFor(platform: Platform, name: string | undefined): Promise<string> {
    const base = name?.trim().slice(0, 80) || `${platform === "slack" ? "Slack" : "Teams"} workspace`;
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base} (${n})`;
      if (!(await prisma.practice.findUnique({ where: { name: candidate } }))) {
        try {
          return (await practices.create({ name: candidate })).id;
        } catch (error) {
          // Two first contacts at once may pick the same name; the next number is free.
          if (!isUniqueViolation(error)) throw error;
        }
      }
    }
  }

  /**
   * Joining an existing practice is never automatic: only an explicit practice (an admin's link)
   * or the operator's own workspace (joinDefault) does; any other newcomer gets a practice of its own.
   */
  async function practiceForNewWorkspace(platform: Platform, opts: WorkspaceLinkOptions): Promise<string> {
    if (opts.practiceId) return opts.practiceId;
    if (opts.joinDefault) return (await practices.getOrCreateDefault()).id;
    return newPracticeFor(platform, opts.name);
  }

  async function getOrLink(platform: Platform, externalId: string, opts: WorkspaceLinkOptions = {}) {
    const existing = await find(platform, externalId);
    if (existing) return existing;
    const practiceId = await practiceForNewWorkspace(platform, opts);
    try {
      return toLink(
        await prisma.chatWorkspace.create({ data: { platform, externalId, practiceId, name: opts.name ?? null } }),
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const raced = await find(platform, externalId);
      if (!raced) throw error;
      return raced;
    }
  }

  return {
    find,
    getOrLink,
    async listAll() {
      return (await prisma.chatWorkspace.findMany({ orderBy: [{ platform: "asc" }, { createdAt: "asc" }] })).map(
        toLink,
      );
    },
    async linkToPractice(platform, externalId, practiceId) {
      const existing = await find(platform, externalId);
      if (!existing) return getOrLink(platform, externalId, { practiceId });
      // The digest conversation belonged to the old practice's setup; the new practice chooses its own.
      const row = await prisma.chatWorkspace.update({
        where: { id: existing.id },
        data: { practiceId, ...(existing.practiceId === practiceId ? {} : { digestConversation: null }) },
      });
      return toLink(row);
    },
    async unlink(platform, externalId) {
      const existing = await find(platform, externalId);
      if (!existing) return null;
      const practiceId = await newPracticeFor(platform, existing.name ?? externalId);
      return toLink(
        await prisma.chatWorkspace.update({
          where: { id: existing.id },
          data: { practiceId, digestConversation: null },
        }),
      );
    },
    async setDigestConversation(id, conversation) {
      await prisma.chatWorkspace.update({ where: { id }, data: { digestConversation: conversation } });
    },
    async recordInstaller(platform, externalId, userId) {
      // Only where nobody is recorded yet, in one statement: two installs at once record one person.
      const { count } = await prisma.chatWorkspace.updateMany({
        where: { platform, externalId, installedBy: null },
        data: { installedBy: userId },
      });
      return count === 1;
    },
    async installerOf(platform, externalId) {
      const row = await prisma.chatWorkspace.findUnique({
        where: { platform_externalId: { platform, externalId } },
        select: { installedBy: true },
      });
      return row?.installedBy ?? null;
    },
    async listForPractice(practiceId) {
      return (await prisma.chatWorkspace.findMany({ where: { practiceId }, orderBy: { createdAt: "asc" } })).map(
        toLink,
      );
    },
    async saveInstallation(platform, externalId, installation, name) {
      const link = await getOrLink(platform, externalId, name ? { name } : {});
      await prisma.chatWorkspace.update({
        where: { id: link.id },
        data: { installation: cipher.seal(installation), uninstalledAt: null, ...(name ? { name } : {}) },
      });
      return { ...link, uninstalledAt: null };
    },
    async markUninstalled(platform, externalId, at) {
      const before = await find(platform, externalId);
      if (!before || before.uninstalledAt) return null;
      // Conditional, so two instances handling the same event (or Slack's retry) mark it once.
      const marked = await prisma.chatWorkspace.updateMany({
        where: { id: before.id, uninstalledAt: null },
        data: { uninstalledAt: at, installation: null, digestConversation: null },
      });
      return marked.count === 1 ? before : null;
    },
    async findInstallation(platform, externalId) {
      const row = await prisma.chatWorkspace.findUnique({
        where: { platform_externalId: { platform, externalId } },
        select: { installation: true },
      });
      return row?.installation ? cipher.open(row.installation) : null;
    },
    async deleteInstallation(platform, externalId) {
      await prisma.chatWorkspace.updateMany({ where: { platform, externalId }, data: { installation: null } });
    },
  };
}
