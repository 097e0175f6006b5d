import type { App, ViewSubmitAction } from "@slack/bolt";
import { FORM_CALLBACK_PREFIX } from "../../render/modals.ts";
import type { SlackListenerDeps } from "../listener-deps.ts";
import { handleFormSubmission } from "./form-submission.ts";

export function registerViews(app: App, deps: SlackListenerDeps): void {
  app.view<ViewSubmitAction>(
    { type: "view_submission", callback_id: new RegExp(`^${FORM_CALLBACK_PREFIX.replaceAll(".", "\\.")}`) },
    (args) => handleFormSubmission(deps, args),
  );
}
