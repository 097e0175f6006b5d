/** A readable failure message for Block Kit problems the fake Slack found. */
export function describeViolationsOf(invalid: { method: string; problems: string[] }[]): string {
  return invalid.map((p) => `${p.method}:\n  ${p.problems.join("\n  ")}`).join("\n");
}
