// "Digest settings": one field per practice setting, built from the settings table itself
// (core/chat/settings.ts SETTINGS), not a copy of it. Every field is optional: the form comes
// prefilled, and a field left empty keeps the setting as it is.
import { SETTINGS } from "../chat/settings.ts";
import type { FormDefinition, FormField } from "./form-definition.ts";

export const settingsForm: FormDefinition = {
  kind: "settings",
  title: "Digest settings",
  submitLabel: "Save settings",
  fields: Object.entries(SETTINGS).map(([name, setting]): FormField => ({ ...setting.field, name, required: false })),
};
