// Usage lines and descriptions, read from the command catalogue: the help reply and every error's
// "type this instead" say the same thing.
import { COMMAND_CATALOGUE, commandSpec } from "./catalogue.ts";
import { type CommandName, UMBRELLA_COMMAND } from "./command-names.ts";

/** "/thanked Dr. Lee sent a card", or "/referrals thanked Dr. Lee sent a card" when typed after the umbrella. */
export function usageFor(name: CommandName, opts: { umbrella?: boolean } = {}): string {
  const spec = commandSpec(name);
  const verb = opts.umbrella || spec.umbrellaOnly ? `/${UMBRELLA_COMMAND} ${name}` : `/${name}`;
  const example = spec.examples[0] ?? "";
  return example === "" ? verb : `${verb} ${example}`;
}

export function describeCommand(name: CommandName): string {
  return commandSpec(name).description;
}

/** "/thanked, /called, …, /referrals digest, …": the list an unknown command is answered with. */
export function commandList(): string {
  return COMMAND_CATALOGUE.map((c) => (c.umbrellaOnly ? `/${UMBRELLA_COMMAND} ${c.name}` : `/${c.name}`)).join(", ");
}

/** The help reply's lines: every command (or the one asked about) with its usage, and the umbrella form. */
export function helpLines(topic: CommandName | null = null): string[] {
  const specs = topic === null ? COMMAND_CATALOGUE : [commandSpec(topic)];
  const lines = specs.map((spec) => {
    const admin = spec.access === "admin" ? " (admins)" : "";
    return `${usageFor(spec.name)}: ${spec.description}${admin}`;
  });
  const example = topic !== null && !commandSpec(topic).umbrellaOnly ? topic : "thanked";
  lines.push(
    `Every command also works after /${UMBRELLA_COMMAND}, e.g. ${usageFor(example, { umbrella: true })}. In Teams, type it without the slash.`,
  );
  return lines;
}
