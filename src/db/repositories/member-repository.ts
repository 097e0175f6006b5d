import type { MemberRepository } from "../../core/ports.ts";
import type { PrismaDb } from "../database.ts";
import { toMember } from "../mappers.ts";

export function createMemberRepository(prisma: PrismaDb): MemberRepository {
  return {
    async upsert({ practiceId, platform, externalUserId, displayName, workspaceExternalId: seenIn, mentioned }) {
      const key = { practiceId_platform_externalUserId: { practiceId, platform, externalUserId } };
      const existing = await prisma.member.findUnique({ where: key });
      const workspaceExternalId = mentioned && existing?.workspaceExternalId ? existing.workspaceExternalId : seenIn;
      if (existing && existing.displayName === displayName && existing.workspaceExternalId === workspaceExternalId) {
        return toMember(existing);
      }
      // Upsert rather than create: a double click can bring two first contacts at once.
      const row = await prisma.member.upsert({
        where: key,
        create: { practiceId, platform, externalUserId, displayName, workspaceExternalId },
        update: { displayName, workspaceExternalId },
      });
      return toMember(row);
    },
    async setRole(memberId, role) {
      return toMember(await prisma.member.update({ where: { id: memberId }, data: { role } }));
    },
    async findById(id) {
      const row = await prisma.member.findUnique({ where: { id } });
      return row ? toMember(row) : null;
    },
    async listForPractice(practiceId) {
      return (await prisma.member.findMany({ where: { practiceId }, orderBy: { displayName: "asc" } })).map(toMember);
    },
    async setDmConversation(memberId, conversation) {
      await prisma.member.update({ where: { id: memberId }, data: { dmConversation: conversation } });
    },
    async dmConversations(practiceId, platform) {
      const rows = await prisma.member.findMany({
        where: { practiceId, platform, dmConversation: { not: null } },
        select: { id: true, dmConversation: true },
      });
      return new Map(rows.map((r) => [r.id, r.dmConversation as string]));
    },
    async getDmConversation(memberId) {
      const row = await prisma.member.findUnique({ where: { id: memberId }, select: { dmConversation: true } });
      return row?.dmConversation ?? null;
    },
  };
}
