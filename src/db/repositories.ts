// All repositories over one database: what the core's ports ask for.
import type { Repositories } from "../core/ports.ts";
import type { Database } from "./database.ts";
import { createAuditRepository } from "./repositories/audit-repository.ts";
import { createFeedbackRepository } from "./repositories/feedback-repository.ts";
import { createGiftRepository } from "./repositories/gift-repository.ts";
import { createMemberRepository } from "./repositories/member-repository.ts";
import { createNudgeRepository } from "./repositories/nudge-repository.ts";
import { createPracticeRepository } from "./repositories/practice-repository.ts";
import { createReferralRepository } from "./repositories/referral-repository.ts";
import { createReferrerRepository } from "./repositories/referrer-repository.ts";
import { createTouchRepository } from "./repositories/touch-repository.ts";
import { createWorkspaceRepository } from "./repositories/workspace-repository.ts";
import type { SecretCipher } from "./secret-cipher.ts";

export function createRepositories(db: Database, opts: { cipher?: SecretCipher } = {}): Repositories {
  const { prisma, provider } = db;
  return {
    practices: createPracticeRepository(prisma),
    workspaces: createWorkspaceRepository(prisma, opts.cipher),
    members: createMemberRepository(prisma),
    referrers: createReferrerRepository(prisma),
    referrals: createReferralRepository(prisma, provider),
    touches: createTouchRepository(prisma, provider),
    feedback: createFeedbackRepository(prisma, provider),
    gifts: createGiftRepository(prisma),
    nudges: createNudgeRepository(prisma),
    audit: createAuditRepository(prisma),
  };
}
