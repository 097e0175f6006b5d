// What the chat use cases are given. Built once at start (src/app) and in tests.
import type { ChartDataPort, Clock, DigestDataPort, DigestNowPort, Repositories } from "../ports.ts";
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
  /** What the charts read; without it replies come without charts. */
  chartData?: ChartDataPort;
  /** True for an error that means the database cannot be reached (then the user is asked to try again soon). */
  isStorageUnavailable?: (error: unknown) => boolean;
}
