// How well typed first-name tokens fit a referrer's first name: "Jennifer", "Jen" and "J" all fit Jennifer.

export type FirstNameFit = "exact" | "prefix" | "initials" | "no";

export function fitFirstName(typed: readonly string[], first: readonly string[]): FirstNameFit {
  if (typed.length === 0 || typed.length > first.length) return "no";
  if (typed.every((t, i) => t.length === 1 && first[i]!.startsWith(t))) return "initials";
  const allButLastEqual = typed.slice(0, -1).every((t, i) => t === first[i]);
  if (!allButLastEqual) return "no";
  const lastTyped = typed[typed.length - 1]!;
  const lastFirst = first[typed.length - 1]!;
  if (lastTyped === lastFirst) return "exact";
  // Two letters is the shortest nickname worth trusting ("Al" for Alan); one letter is an initial.
  return lastTyped.length >= 2 && lastFirst.startsWith(lastTyped) ? "prefix" : "no";
}
