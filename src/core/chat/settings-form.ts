// A submitted settings form: the fields checked against the form's definition, then each changed one
// read by its own setting (the same reading as `/referrals settings top 5`), all problems named by field.

import type { FieldValue } from "../forms/form-definition.ts";
import { formRefusal } from "../forms/form-refusal.ts";
import { settingsForm } from "../forms/settings.ts";
import { validateForm } from "../forms/validate-form.ts";
import type { Actor } from "../model.ts";
import { errorReply, type Reply } from "../reply.ts";
import type { CoreDeps } from "./deps.ts";
import { refuseUnlessAdmin } from "./permissions.ts";
import { currentValues, describe, SETTINGS, type SettingsPatch, saveSettings } from "./settings.ts";

/** A checked field's value as its setting's text: the form's prefilled strings use the same (currentValues). */
function settingText(value: FieldValue): string {
  return Array.isArray(value) ? value.join(",") : String(value);
}

export async function saveSettingsForm(deps: CoreDeps, actor: Actor, values: Record<string, unknown>): Promise<Reply> {
  const refused = await refuseUnlessAdmin(deps.repos, actor, "settings");
  if (refused) return refused;
  const practice = await deps.repos.practices.findById(actor.practiceId);
  if (!practice) return errorReply("This workspace has no practice yet.");
  const checked = validateForm(settingsForm, values);
  const fine: Record<string, FieldValue | undefined> = checked.ok ? checked.values : checked.passed;
  const current = currentValues(practice);
  const fieldErrors: Record<string, string> = checked.ok ? {} : { ...checked.fieldErrors };
  let patch: SettingsPatch = {};
  for (const [key, setting] of Object.entries(SETTINGS)) {
    const value = fine[key];
    if (value === undefined) continue;
    const text = settingText(value);
    // Empty keeps the setting (an unticked list of days is not "never").
    if (text === "" || text === current[key]) continue;
    const parsed = setting.parse(text);
    if (typeof parsed === "string") fieldErrors[key] = parsed;
    else patch = { ...patch, ...parsed, settings: { ...patch.settings, ...parsed.settings } };
  }
  if (Object.keys(fieldErrors).length > 0) return formRefusal(settingsForm, fieldErrors);
  if (Object.keys(patch).length === 0) {
    return {
      ephemeral: true,
      tone: "info",
      headline: "Nothing changed",
      sections: [{ text: describe(practice, deps.clock.now()) }],
    };
  }
  return saveSettings(deps, actor, practice, patch);
}
