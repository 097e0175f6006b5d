// What the chat use cases are given. Built once at start (src/app) and in tests.
import type {
  CardDataPort,
  CardPdfRenderer,
  ChartDataPort,
  Clock,
  DigestDataPort,
  DigestNowPort,
  NudgeExposureStore,
  Repositories,
  TeamActivityPort,
} from "../ports.ts";
import type { ReferrerLookup } from "./referrer-lookup.ts";

export interface CoreDeps {
  repos: Repositories;
  digestData: DigestDataPort;
  /** Which nudges each reader has passed over (the "See all" list leaves out those paused for them). */
  exposures?: NudgeExposureStore;
  clock: Clock;
  /** The team view's counts (`/referrals team`, the App Home); absent where there is no database. */
  team?: TeamActivityPort;
  lookup: ReferrerLookup;
  /** Called after a practice's digest settings change, so the scheduler reschedules it. */
  onSettingsChanged?: (practiceId: string) => void;
  /** Sends today's digest now; absent where nothing can deliver (then the command says so). */
  digestNow?: DigestNowPort;
  /** What the charts read; without it replies come without charts. */
  chartData?: ChartDataPort;
  /** True for an error that means the database cannot be reached (then the user is asked to try again soon). */
  isStorageUnavailable?: (error: unknown) => boolean;
  /** The weekly thank-you cards' batches; absent, the card buttons say the cards are no longer on file. */
  cards?: CardDataPort;
  /** Draws a batch as a PDF for the Print button; absent, Print says it is not available. */
  cardPdf?: CardPdfRenderer;
}
