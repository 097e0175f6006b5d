// The digest settings form (the core's ReplyForm kind "settings"), prefilled with the practice's current
// values. Teams' own pickers do what they can (a time picker, a number box, day check boxes); the core
// checks every value again and names the field that is wrong.
import type { ReplyForm } from "../../../core/reply.ts";
import { type AdaptiveCard, adaptiveCard, type CardElement } from "../render/adaptive-card.ts";
import { formActions, formHeader } from "./form-parts.ts";

/** Field names the core's submitForm receives for "settings" (its setting names). */
export const SETTINGS_FIELDS = [
  "time",
  "timezone",
  "days",
  "top",
  "cutoff",
  "skipempty",
  "meetdays",
  "feedbackdays",
  "quietdays",
] as const;

const WEEKDAYS = [
  ["mon", "Monday"],
  ["tue", "Tuesday"],
  ["wed", "Wednesday"],
  ["thu", "Thursday"],
  ["fri", "Friday"],
  ["sat", "Saturday"],
  ["sun", "Sunday"],
] as const;

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function settingsFormCard(form: ReplyForm): AdaptiveCard {
  const initial = (field: (typeof SETTINGS_FIELDS)[number]) => form.initial[field] ?? "";
  const time = (id: "time" | "cutoff", label: string): CardElement => ({
    type: "Input.Time",
    id,
    label,
    ...(HH_MM.test(initial(id)) ? { value: initial(id) } : {}),
    isRequired: true,
    errorMessage: "Choose a time.",
  });
  const number = (
    id: "top" | "meetdays" | "feedbackdays" | "quietdays",
    label: string,
    min: number,
    max: number,
  ): CardElement => {
    const value = Number(initial(id));
    return {
      type: "Input.Number",
      id,
      label,
      min,
      max,
      ...(Number.isInteger(value) ? { value } : {}),
      isRequired: true,
      errorMessage: `A whole number from ${min} to ${max}.`,
    };
  };
  return adaptiveCard([
    formHeader(form.title),
    time("time", "Digest time"),
    {
      type: "Input.Text",
      id: "timezone",
      label: "Time zone",
      placeholder: "America/New_York",
      value: initial("timezone"),
      maxLength: 64,
      isRequired: true,
      errorMessage: "Type a time zone such as America/New_York.",
    },
    {
      type: "Input.ChoiceSet",
      id: "days",
      label: "Days",
      isMultiSelect: true,
      style: "expanded",
      choices: WEEKDAYS.map(([value, title]) => ({ title, value })),
      value: knownDays(initial("days")),
      isRequired: true,
      errorMessage: "Choose at least one day.",
    },
    number("top", "Nudges in the digest", 1, 15),
    time("cutoff", "Send a missed digest until"),
    {
      type: "Input.Toggle",
      id: "skipempty",
      title: "Skip days with nothing new",
      value: initial("skipempty") === "on" ? "on" : "off",
      valueOn: "on",
      valueOff: "off",
    },
    number("meetdays", "Meet top referrers every (days)", 14, 730),
    number("feedbackdays", "Ask for feedback every (days)", 14, 730),
    number("quietdays", "Going quiet after at least (days)", 7, 365),
    formActions(form, "Save settings"),
  ]);
}

/** The days as the core writes them ("mon,tue,wed", also the multi-select's own form), known names only. */
function knownDays(days: string): string {
  const known = new Set<string>(WEEKDAYS.map(([value]) => value));
  return days
    .split(",")
    .map((d) => d.trim())
    .filter((d) => known.has(d))
    .join(",");
}
