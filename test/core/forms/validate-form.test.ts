// validateForm: the one check of a submitted form, per field kind and per form.
import { describe, expect, it } from "vitest";
import { SETTINGS } from "../../../src/core/chat/settings.ts";
import { addReferrerForm } from "../../../src/core/forms/add-referrer.ts";
import { feedbackForm } from "../../../src/core/forms/feedback.ts";
import type { FormDefinition, FormField } from "../../../src/core/forms/form-definition.ts";
import { formDefinition } from "../../../src/core/forms/index.ts";
import { resolveComplaintForm } from "../../../src/core/forms/resolve-complaint.ts";
import { settingsForm } from "../../../src/core/forms/settings.ts";
import { validateForm } from "../../../src/core/forms/validate-form.ts";
import { FORM_KINDS } from "../../../src/core/reply.ts";

function oneField(field: Omit<FormField, "name">): FormDefinition {
  return { kind: "settings", title: "t", submitLabel: "s", fields: [{ name: "f", ...field }] };
}

/** The field's checked value, or its error. */
function check(field: Omit<FormField, "name">, raw: unknown): unknown {
  const result = validateForm(oneField(field), raw === undefined ? {} : { f: raw });
  return result.ok ? { value: (result.values as Record<string, unknown>)["f"] } : { error: result.fieldErrors["f"] };
}

describe("validateForm, per field kind", () => {
  it("trims text, keeps an empty optional field empty and refuses an empty required one with its own message", () => {
    const text = { kind: "text", label: "Name", required: true, requiredMessage: "Type a name", maxLength: 5 } as const;
    expect(check(text, "  Lee  ")).toEqual({ value: "Lee" });
    expect(check(text, "   ")).toEqual({ error: "Type a name" });
    expect(check(text, undefined)).toEqual({ error: "Type a name" });
    expect(check({ ...text, required: false }, "  ")).toEqual({ value: undefined });
    expect(check(text, "Dr. Lee")).toEqual({ error: "Keep it under 5 characters" });
    expect(check(text, { not: "text" })).toEqual({ error: "Type this as text" });
  });

  it("bounds long text, and text without a limit of its own at 3,000 characters", () => {
    const long = { kind: "long_text", label: "What", required: true, maxLength: 2000 } as const;
    expect(check(long, "line one\nline two")).toEqual({ value: "line one\nline two" });
    expect(check(long, "x".repeat(2001))).toEqual({ error: "Keep it under 2,000 characters" });
    expect(check({ kind: "text", label: "x", required: false }, "x".repeat(3001))).toEqual({
      error: "Keep it under 3,000 characters",
    });
  });

  it("takes a whole number within its bounds, as a number or as typed", () => {
    const number = { kind: "number", label: "Top", required: false, min: 1, max: 15 } as const;
    expect(check(number, 7)).toEqual({ value: 7 });
    expect(check(number, " 15 ")).toEqual({ value: 15 });
    expect(check(number, "")).toEqual({ value: undefined });
    for (const bad of [0, 16, "7.5", 7.5, "seven", "0x10", "1e1"]) {
      expect(check(number, bad)).toEqual({ error: "Give a whole number from 1 to 15" });
    }
  });

  it("takes a time of day as HH:MM, padding a single-digit hour", () => {
    const time = { kind: "time", label: "At", required: true } as const;
    expect(check(time, "07:30")).toEqual({ value: "07:30" });
    expect(check(time, "7:30")).toEqual({ value: "07:30" });
    for (const bad of ["24:00", "07:60", "7.30", "noon", 730]) {
      expect(check(time, bad)).toEqual({ error: "Give the time as HH:MM, e.g. 07:30" });
    }
  });

  it("takes a choice only among its options", () => {
    const options = [
      { value: "a", label: "Apple" },
      { value: "b", label: "Banana" },
    ];
    const choice = { kind: "choice", label: "Fruit", required: true, options } as const;
    expect(check(choice, "b")).toEqual({ value: "b" });
    expect(check(choice, "c")).toEqual({ error: "Choose one of: Apple, Banana" });
    expect(check(choice, "")).toEqual({ error: "Choose one of: Apple, Banana" });
    expect(check({ ...choice, required: false }, "")).toEqual({ value: undefined });
  });

  it("takes a multi-choice as a list or as values joined by commas, in the options' order", () => {
    const options = ["mon", "tue", "wed"].map((value) => ({ value, label: value }));
    const multi = { kind: "multi_choice", label: "Days", required: false, options } as const;
    expect(check(multi, ["wed", "mon"])).toEqual({ value: ["mon", "wed"] });
    expect(check(multi, "wed, mon,mon")).toEqual({ value: ["mon", "wed"] });
    expect(check(multi, "")).toEqual({ value: [] });
    expect(check(multi, ["mon", "sun"])).toEqual({ error: "Choose one of: mon, tue, wed" });
    expect(check(multi, ["mon", "mon", "mon", "mon"])).toEqual({ error: "Choose one of: mon, tue, wed" });
    expect(check({ ...multi, required: true }, [])).toEqual({ error: "Choose at least one" });
  });

  it("reads a toggle from a boolean or Teams' strings, missing as off, and refuses anything else", () => {
    const toggle = { kind: "toggle", label: "Skip", required: false } as const;
    expect(check(toggle, true)).toEqual({ value: true });
    expect(check(toggle, "true")).toEqual({ value: true });
    expect(check(toggle, "false")).toEqual({ value: false });
    expect(check(toggle, undefined)).toEqual({ value: false });
    expect(check(toggle, "maybe")).toEqual({ error: "Say on or off" });
  });

  it("names every wrong field at once and ignores keys the form does not have", () => {
    const result = validateForm(feedbackForm, { sentiment: "furious", text: " ", extra: 1 });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        referrer: "Type the referrer's name, e.g. Dr. Lee",
        sentiment: "Choose positive, neutral or negative",
        text: "Write what they said",
      },
    });
  });
});

describe("validateForm, per form", () => {
  it("accepts a feedback form, typed: sentiment, text and a boolean follow-up", () => {
    const result = validateForm(feedbackForm, { referrer: "Dr. Lee", sentiment: "negative", text: " Slow " });
    expect(result).toEqual({
      ok: true,
      values: { referrer: "Dr. Lee", sentiment: "negative", text: "Slow", needsFollowUp: false },
    });
  });

  it("accepts an add-referrer form with the name alone, and refuses an NPI longer than the form allows", () => {
    expect(validateForm(addReferrerForm, { name: "Dr. Ada Byron" })).toEqual({
      ok: true,
      values: {
        name: "Dr. Ada Byron",
        clinic: undefined,
        specialty: undefined,
        npi: undefined,
        phone: undefined,
        email: undefined,
      },
    });
    expect(validateForm(addReferrerForm, { name: "Dr. Ada Byron", npi: "1".repeat(21) })).toMatchObject({
      ok: false,
      fieldErrors: { npi: "Keep it under 20 characters" },
    });
  });

  it("takes a settings form of typed values, each field optional", () => {
    expect(validateForm(settingsForm, {})).toMatchObject({ ok: true });
    expect(validateForm(settingsForm, { time: "6:45", days: "mon,fri", top: "7", skipempty: "true" })).toMatchObject({
      ok: true,
      values: { time: "06:45", days: ["mon", "fri"], top: 7, skipempty: true, timezone: undefined },
    });
    expect(validateForm(settingsForm, { top: 99, cutoff: "25:00", reasons: "all", time: "6:00" })).toEqual({
      ok: false,
      // The fields that were fine, for the settings' own checks.
      passed: expect.objectContaining({ time: "06:00", days: [], skipempty: false }),
      fieldErrors: {
        top: "Give a whole number from 1 to 15",
        cutoff: "Give the time as HH:MM, e.g. 07:30",
        reasons: "Choose one of: Cleaned text, Category only, Not shown",
      },
    });
  });

  it("requires the resolution of a complaint, up to 2,000 characters", () => {
    expect(validateForm(resolveComplaintForm, { resolution: " " })).toEqual({
      ok: false,
      fieldErrors: { resolution: "Say how it was resolved" },
      passed: {},
    });
    expect(validateForm(resolveComplaintForm, { resolution: "Called them; reports now same-day" })).toEqual({
      ok: true,
      values: { resolution: "Called them; reports now same-day" },
    });
  });
});

describe("the form definitions", () => {
  it("have one definition per form kind, of that kind", () => {
    for (const kind of FORM_KINDS) expect(formDefinition(kind).kind).toBe(kind);
  });

  it("build the settings form from the settings table: one field per setting, with the setting's limits", () => {
    expect(settingsForm.fields.map((f) => f.name)).toEqual(Object.keys(SETTINGS));
    expect(settingsForm.fields.find((f) => f.name === "top")).toMatchObject({ kind: "number", min: 1, max: 15 });
    // The typed setting and the form refuse the same number.
    expect(SETTINGS["top"]!.parse("16")).toBe("Give a whole number of nudges from 1 to 15");
  });

  it("give the resolve-complaint form its one required long text", () => {
    expect(resolveComplaintForm.fields).toEqual([
      expect.objectContaining({
        name: "resolution",
        kind: "long_text",
        label: "How was it resolved?",
        required: true,
        maxLength: 2000,
      }),
    ]);
  });

  it("never make a toggle required, and give every choice its options", () => {
    for (const kind of FORM_KINDS) {
      for (const field of formDefinition(kind).fields) {
        if (field.kind === "toggle") expect(field.required, `${kind}.${field.name}`).toBe(false);
        if (field.kind === "choice" || field.kind === "multi_choice") {
          expect(field.options?.length, `${kind}.${field.name}`).toBeGreaterThan(0);
        }
      }
    }
  });
});
