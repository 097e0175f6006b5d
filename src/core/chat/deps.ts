// What the chat use cases are given. Built once at start (src/app) and in tests.
import type { CardDataPort, CardPdfRenderer, Clock, DigestDataPort, DigestNowPort, Repositories } from "../ports.ts";
import type { ReferrerLookup } from "./referrer-lookup.ts";

export interface CoreDeps {
  repos: Repositories;
  digestData: DigestDataPort;
  clock: Clock;
  lookup: ReferrerLookup;
  /** Called after a practice's digest settings change, so the scheduler reschedules it. */
  onSettingsChanged?: (practiceId: string) => void;
  /** Sends today's digest now; absent where nothing can deliver (then the command says so). */
  digestNow?: DigestNowPort;
  /** The weekly thank-you cards' batches; absent, the card buttons say the cards are no longer on file. */
  cards?: CardDataPort;
  /** Draws a batch as a PDF for the Print button; absent, Print says it is not available. */
  cardPdf?: CardPdfRenderer;
}
