// Every core form as an Adaptive Card, drawn from its definition: valid 1.5 cards, one input per shown
// field with the definition's limits and required flags, and a refused form drawn again with its errors.
import { describe, expect, it } from "vitest";
import { FORM_DATA_KEYS } from "../../../../src/adapters/teams/cards/form-parts.ts";
import { formToCard } from "../../../../src/adapters/teams/render/form-to-card.ts";
import { formDefinition } from "../../../../src/core/forms/index.ts";
import { FORM_KINDS } from "../../../../src/core/reply.ts";
import { assertValidCard } from "../support/card-validator.ts";
import { cardButtons, cardInputs, cardText, fieldErrorsOfCard, inputValue } from "../support/teams-harness.ts";

const SETTINGS_INITIAL = {
  time: "07:30",
  timezone: "America/New_York",
  days: "mon,tue,wed,thu,fri",
  top: "5",
  cutoff: "12:00",
  skipempty: "false",
  meetdays: "180",
  feedbackdays: "90",
  reasons: "cleaned",
  unscheduleddays: "3",
  callafterreport: "top",
  quietdays: "30",
  cardday: "fri",
  cardwriter: "physician",
  thanktop: "5",
  giftlimit: "cms",
};

describe("forms as Adaptive Cards", () => {
  it("draws every form as a valid card with one input per field, named as the definition names them", () => {
    for (const kind of FORM_KINDS) {
      const card = formToCard({ kind, title: "Form", metadata: "{}", initial: {} });
      assertValidCard(card, kind);
      expect(cardInputs(card).map((i) => i.id)).toEqual(formDefinition(kind).fields.map((f) => f.name));
      expect(cardButtons(card)[0]).toMatchObject({ title: formDefinition(kind).submitLabel, verb: "form.submit" });
    }
  });

  it("draws the settings form with a picker per setting, prefilled with the practice's values", () => {
    const card = formToCard({ kind: "settings", title: "Digest settings", metadata: "{}", initial: SETTINGS_INITIAL });
    assertValidCard(card, "settings");
    expect(cardInputs(card).map((i) => [i.type, i.id, i["value"]])).toEqual([
      ["Input.Time", "time", "07:30"],
      ["Input.Text", "timezone", "America/New_York"],
      ["Input.ChoiceSet", "days", "mon,tue,wed,thu,fri"],
      ["Input.Number", "top", 5],
      ["Input.Time", "cutoff", "12:00"],
      ["Input.Toggle", "skipempty", "false"],
      ["Input.Number", "meetdays", 180],
      ["Input.Number", "feedbackdays", 90],
      ["Input.ChoiceSet", "reasons", "cleaned"],
      ["Input.Number", "unscheduleddays", 3],
      ["Input.ChoiceSet", "callafterreport", "top"],
      ["Input.Number", "quietdays", 30],
      ["Input.ChoiceSet", "cardday", "fri"],
      ["Input.ChoiceSet", "cardwriter", "physician"],
      ["Input.Number", "thanktop", 5],
      ["Input.Text", "giftlimit", "cms"],
    ]);
    expect(cardInputs(card).find((i) => i.id === "top")).toMatchObject({ min: 1, max: 15 });
    expect(cardInputs(card).some((i) => i["isRequired"] === true)).toBe(false);
  });

  it("marks the same fields required as the definition, and gives the NPI the same limit as Slack", () => {
    const feedback = cardInputs(formToCard({ kind: "feedback", title: "F", metadata: "", initial: {} }));
    expect(feedback.map((i) => [i.id, i["isRequired"] === true])).toEqual([
      ["referrer", true],
      ["sentiment", true],
      ["text", true],
      ["needsFollowUp", false],
    ]);
    const add = formToCard({ kind: "add_referrer", title: "Add", metadata: "{}", initial: { name: "Dr. Ng" } });
    expect(inputValue(add, "name")).toBe("Dr. Ng");
    expect(cardInputs(add).find((i) => i.id === "npi")).toMatchObject({ maxLength: 20 });
  });

  it("leaves out the fields the core fixed, says what the form is about, and carries both on its button", () => {
    const card = formToCard({
      kind: "feedback",
      title: "Log feedback",
      metadata: '{"c":"r1"}',
      initial: { referrer: "Dr. Lee", sentiment: "positive" },
      hide: ["referrer"],
      about: "Feedback from [Dr. Lee](https://evil.example)",
    });
    expect(cardInputs(card).map((i) => i.id)).toEqual(["sentiment", "text", "needsFollowUp"]);
    expect(inputValue(card, "sentiment")).toBe("positive");
    expect(JSON.stringify(card)).toContain("Feedback from \\\\[Dr. Lee\\\\]");
    const data = cardButtons(card)[0]!.data;
    expect(JSON.parse(String(data["form"]))).toEqual({
      title: "Log feedback",
      about: "Feedback from [Dr. Lee](https://evil.example)",
      hide: ["referrer"],
    });
  });

  it("draws a refused form again with each field's problem under it", () => {
    const card = formToCard(
      { kind: "feedback", title: "Log feedback", metadata: "", initial: { text: "Slow" } },
      { fieldErrors: { sentiment: "Choose positive, neutral or negative", referrer: "No referrer called Dr. X" } },
    );
    assertValidCard(card, "refused feedback");
    expect(fieldErrorsOfCard(card)).toEqual({
      referrer: "No referrer called Dr. X",
      sentiment: "Choose positive, neutral or negative",
    });
    expect(inputValue(card, "text")).toBe("Slow");
    expect(cardText(card)).toContain("Please check the marked fields.");
  });

  it("names no field like the submit button's own data keys (Teams merges the inputs into that data)", () => {
    for (const kind of FORM_KINDS) {
      for (const field of formDefinition(kind).fields) {
        expect(FORM_DATA_KEYS as readonly string[], `${kind}.${field.name}`).not.toContain(field.name);
      }
    }
  });
});
