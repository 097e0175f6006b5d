// The claims that make each manager's weekly summary go out once across instances, like DigestRun.

export interface TeamSummaryRunStore {
  /**
   * Claims the summary of this week for this manager: true for exactly one caller, across instances. A
   * summary that failed may be claimed again once `retryAfterMs` has passed since it was claimed.
   */
  claim(
    practiceId: string,
    week: string,
    memberId: string,
    instanceId: string,
    now: Date,
    retryAfterMs: number,
  ): Promise<boolean>;
  finish(
    practiceId: string,
    week: string,
    memberId: string,
    outcome: "delivered" | "failed",
    at: Date,
    note?: string,
  ): Promise<void>;
}
