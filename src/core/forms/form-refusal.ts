// A refused form as a reply: the problems by field name (Reply.fieldErrors), which each platform shows
// beside its field, and a headline for a surface that cannot (nobody reads the fields out of it).
import { errorReply, type Reply } from "../reply.ts";
import type { FormDefinition } from "./form-definition.ts";

export function formRefusal(definition: FormDefinition, fieldErrors: Record<string, string>): Reply {
  const entries = Object.entries(fieldErrors);
  const [name, message] = entries[0] ?? ["", "Something in the form is not right"];
  const label = definition.fields.find((f) => f.name === name)?.label ?? "The form";
  const more = entries.length > 1 ? ` (and ${entries.length - 1} more)` : "";
  return {
    ...errorReply(`${label}: ${message}${more}`, "Fix the marked fields and send the form again."),
    fieldErrors,
  };
}
