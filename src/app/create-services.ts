// Wires the core to a database: the same wiring for serve, the CLI, tests and benchmarks.

import { createChatCore } from "../core/chat/chat-core.ts";
import type { CoreDeps } from "../core/chat/deps.ts";
import { ReferrerLookup } from "../core/chat/referrer-lookup.ts";
import type { ChatCore } from "../core/chat-api.ts";
import type {
  ApiTokenStore,
  CardDataPort,
  Clock,
  DemoStore,
  DigestDataPort,
  DigestDueStore,
  DigestRunStore,
  Hl7FacilityStore,
  ImportStore,
  IntakeStore,
  NudgeExposureStore,
  Repositories,
  TeamActivityPort,
  TeamSummaryRunStore,
} from "../core/ports.ts";
import { createApiTokenStore } from "../db/api-tokens.ts";
import { createDemoStore, createImportStore } from "../db/bulk-data.ts";
import { createCardData } from "../db/card-data.ts";
import { createChartData } from "../db/chart-data.ts";
import type { Database } from "../db/database.ts";
import { createDigestData } from "../db/digest-data.ts";
import { createDigestDueStore } from "../db/digest-due.ts";
import { createDigestRunStore } from "../db/digest-runs.ts";
import { createHl7FacilityStore } from "../db/hl7-facilities.ts";
import { createIntakeStore } from "../db/intake-store.ts";
import { createNudgeExposureStore } from "../db/nudge-exposures.ts";
import { createRepositories } from "../db/repositories.ts";
import type { SecretCipher } from "../db/secret-cipher.ts";
import { isStorageUnavailable } from "../db/storage-errors.ts";
import { createTeamActivity } from "../db/team-activity.ts";
import { createTeamSummaryRunStore } from "../db/team-summary-runs.ts";
import type { Logger } from "../logging/logger.ts";

export interface Services {
  db: Database;
  repos: Repositories;
  digestData: DigestDataPort;
  /** How often each reader was shown each nudge without a click (paused after three, then handed on). */
  exposures: NudgeExposureStore;
  /** The team view's counts, and the claims of the Monday summary to each manager. */
  team: TeamActivityPort;
  teamSummaryRuns: TeamSummaryRunStore;
  /** The weekly thank-you cards' batches and the reads that build them. */
  cardData: CardDataPort;
  /** The daily digest's claims (one run per practice and local date). */
  digestRuns: DigestRunStore;
  /** When each practice's digest is next looked at (Practice.nextDigestAt): the schedulers' shared queue. */
  digestDue: DigestDueStore;
  /** The bulk writers' ports: the CSV import, the demo and synthetic seeders. */
  importStore: ImportStore;
  demoStore: DemoStore;
  /** The referral intake's store (core/intake) and the API tokens its doors check. */
  intakeStore: IntakeStore;
  apiTokens: ApiTokenStore;
  /** The HL7 v2 sending facilities linked to practices (MLLP chooses the practice by them). */
  hl7Facilities: Hl7FacilityStore;
  lookup: ReferrerLookup;
  clock: Clock;
  core: ChatCore;
  deps: CoreDeps;
}

export const systemClock: Clock = { now: () => new Date() };

export function createServices(
  db: Database,
  opts: {
    clock?: Clock;
    logger?: Logger;
    onSettingsChanged?: (practiceId: string) => void;
    /** Seals stored secrets (Slack installations); plain text when no ENCRYPTION_KEY is set. */
    cipher?: SecretCipher;
  } = {},
): Services {
  const repos = createRepositories(db, opts.cipher ? { cipher: opts.cipher } : {});
  const digestData = createDigestData(db);
  const exposures = createNudgeExposureStore(db.prisma);
  const team = createTeamActivity(db.prisma);
  const cardData = createCardData(db);
  const clock = opts.clock ?? systemClock;
  const lookup = new ReferrerLookup(repos.referrers);
  const deps: CoreDeps = {
    repos,
    digestData,
    exposures,
    team,
    clock,
    lookup,
    chartData: createChartData(db.prisma, db.provider),
    isStorageUnavailable,
    cards: cardData,
    // Loaded on first Print: pdfkit and its fonts would slow every command's start for a button pressed weekly.
    cardPdf: async (batch) => (await import("../documents/card-pdf.ts")).renderCardPdf(batch),
    ...(opts.onSettingsChanged ? { onSettingsChanged: opts.onSettingsChanged } : {}),
  };
  const core = createChatCore(deps, (error) => opts.logger?.error({ err: error }, "chat request failed"));
  return {
    db,
    repos,
    digestData,
    exposures,
    team,
    teamSummaryRuns: createTeamSummaryRunStore(db.prisma),
    cardData,
    digestRuns: createDigestRunStore(db.prisma),
    digestDue: createDigestDueStore(db),
    importStore: createImportStore(db),
    demoStore: createDemoStore(db),
    intakeStore: createIntakeStore(db),
    apiTokens: createApiTokenStore(db.prisma),
    hl7Facilities: createHl7FacilityStore(db.prisma),
    lookup,
    clock,
    core,
    deps,
  };
}
