import type { Platform } from "../../core/model.ts";
import type { WorkspaceLink, WorkspaceRepository } from "../../core/ports.ts";
import type { PrismaDb } from "../database.ts";
import type * as Rows from "../generated/postgresql/client.ts";
import { isUniqueViolation } from "../mappers.ts";
import { createPracticeRepository } from "./practice-repository.ts";

function toLink(row: Rows.ChatWorkspace): WorkspaceLink {
  return {
    id: row.id,
    practiceId: row.practiceId,
    platform: row.platform,
    externalId: row.externalId,
    name: row.name,
    digestConversation: row.digestConversation,
  };
}

export function createWorkspaceRepository(prisma: PrismaDb): WorkspaceRepository {
  const practices = createPracticeRepository(prisma);

  async function find(platform: Platform, externalId: string) {
    const row = await prisma.chatWorkspace.findUnique({ where: { platform_externalId: { platform, externalId } } });
    return row ? toLink(row) : null;
  }

  /**
   * The first workspace of a platform joins the default practice, so a single-token install works
   * with the data from `seed-demo` or `import`. Any further workspace gets a practice of its own:
   * two Slack teams are two tenants and must never see each other's referrers.
   */
  async function practiceForNewWorkspace(platform: Platform, name: string | undefined): Promise<string> {
    const defaultPractice = await practices.getOrCreateDefault();
    const taken = await prisma.chatWorkspace.count({ where: { practiceId: defaultPractice.id, platform } });
    if (taken === 0) return defaultPractice.id;
    const base = name?.trim() || `${platform === "slack" ? "Slack" : "Teams"} workspace`;
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base} (${n})`;
      if (!(await prisma.practice.findUnique({ where: { name: candidate } }))) {
        return (await practices.create({ name: candidate })).id;
      }
    }
  }

  async function getOrLink(platform: Platform, externalId: string, opts: { name?: string; practiceId?: string } = {}) {
    const existing = await find(platform, externalId);
    if (existing) return existing;
    const practiceId = opts.practiceId ?? (await practiceForNewWorkspace(platform, opts.name));
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
    async setDigestConversation(id, conversation) {
      await prisma.chatWorkspace.update({ where: { id }, data: { digestConversation: conversation } });
    },
    async listForPractice(practiceId) {
      return (await prisma.chatWorkspace.findMany({ where: { practiceId }, orderBy: { createdAt: "asc" } })).map(
        toLink,
      );
    },
    async saveInstallation(platform, externalId, installation, name) {
      const link = await getOrLink(platform, externalId, name ? { name } : {});
      await prisma.chatWorkspace.update({ where: { id: link.id }, data: { installation, ...(name ? { name } : {}) } });
      return link;
    },
    async findInstallation(platform, externalId) {
      const row = await prisma.chatWorkspace.findUnique({
        where: { platform_externalId: { platform, externalId } },
        select: { installation: true },
      });
      return row?.installation ?? null;
    },
    async deleteInstallation(platform, externalId) {
      await prisma.chatWorkspace.updateMany({ where: { platform, externalId }, data: { installation: null } });
    },
  };
}
