// Finds the slash commands a text tells people to type ("/thanked Dr. Lee", "`/referrals help`") and
// returns those that are not registered. Paths and URLs (/slack/events, https://…/api) are not commands.
const SLASH_WORD = /(?<![\w/.:@<>-])\/([a-z][a-z_-]*)(?![\w/.-])/gi;

/** HTTP paths and folders the README and start-up log name; they are routes and paths, not commands. */
const ROUTES = new Set(["/healthz", "/livez", "/readyz", "/metrics", "/data", "/fhir"]);

export function slashCommandsNamedIn(text: string): string[] {
  return [...new Set([...text.matchAll(SLASH_WORD)].map((m) => `/${m[1]?.toLowerCase()}`))].filter(
    (c) => !ROUTES.has(c),
  );
}

export function unregisteredCommandsIn(text: string, registered: readonly string[]): string[] {
  const known = new Set(registered.map((c) => c.toLowerCase()));
  return slashCommandsNamedIn(text).filter((c) => !known.has(c));
}
