-- DropIndex
DROP INDEX "Referral_referrerId_receivedAt_idx";
