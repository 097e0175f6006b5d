// Every core form as a Slack modal, drawn from its definition: within Block Kit's limits, one input
// per shown field, each kind the widget Slack has for it, prefilled from the core's strings.
import { describe, expect, it } from "vitest";
import { findViewViolations } from "../../../src/adapters/slack/render/block-kit-limits.ts";
import { formToModal } from "../../../src/adapters/slack/render/form-to-modal.ts";
import { readFormValues, ZSubmittedView } from "../../../src/adapters/slack/render/modals.ts";
import { formDefinition } from "../../../src/core/forms/index.ts";
import { FORM_KINDS, type FormKind } from "../../../src/core/reply.ts";

interface InputBlock {
  type: "input";
  block_id: string;
  optional: boolean;
  label: { text: string };
  element: Record<string, unknown> & { type: string };
}

function inputsOf(kind: FormKind, initial: Record<string, string> = {}, more: { hide?: string[] } = {}) {
  const view = formToModal({ kind, title: "Form", metadata: "{}", initial, ...more });
  if (!view) throw new Error("no view");
  return (view.blocks as unknown as InputBlock[]).filter((b) => b.type === "input");
}

describe("forms as Slack modals", () => {
  it("draws every form within a modal's limits, with every field, named by its block id", () => {
    for (const kind of FORM_KINDS) {
      const view = formToModal({
        kind,
        title: "A form title much longer than Slack allows",
        metadata: "{}",
        initial: {},
      });
      expect(findViewViolations(view), kind).toEqual([]);
      expect(view?.submit?.text).toBe(formDefinition(kind).submitLabel);
      expect(inputsOf(kind).map((b) => b.block_id)).toEqual(formDefinition(kind).fields.map((f) => f.name));
    }
  });

  it("marks the same fields required as the definition, a toggle never", () => {
    const required = inputsOf("feedback").map((b) => [b.block_id, !b.optional]);
    expect(required).toEqual([
      ["referrer", true],
      ["sentiment", true],
      ["text", true],
      ["needsFollowUp", false],
    ]);
    expect(inputsOf("settings").every((b) => b.optional)).toBe(true);
  });

  it("gives each kind its widget, prefilled from the core's strings", () => {
    const settings = inputsOf("settings", {
      time: "07:30",
      timezone: "America/New_York",
      days: "mon,wed",
      top: "5",
      skipempty: "true",
      reasons: "category",
    });
    const byName = Object.fromEntries(settings.map((b) => [b.block_id, b.element]));
    expect(byName["time"]).toMatchObject({ type: "timepicker", initial_time: "07:30" });
    expect(byName["timezone"]).toMatchObject({
      type: "plain_text_input",
      initial_value: "America/New_York",
      max_length: 64,
    });
    expect(byName["days"]).toMatchObject({ type: "checkboxes" });
    expect((byName["days"]!["initial_options"] as { value: string }[]).map((o) => o.value)).toEqual(["mon", "wed"]);
    expect(byName["top"]).toMatchObject({ type: "number_input", min_value: "1", max_value: "15", initial_value: "5" });
    expect(byName["skipempty"]).toMatchObject({ type: "checkboxes" });
    expect(byName["skipempty"]!["initial_options"]).toHaveLength(1);
    expect(byName["reasons"]).toMatchObject({ type: "static_select", initial_option: { value: "category" } });
    const text = inputsOf("feedback").find((b) => b.block_id === "text")!;
    expect(text.element).toMatchObject({ type: "plain_text_input", multiline: true, max_length: 2000 });
  });

  it("gives the NPI the same limit as the definition (and Teams)", () => {
    const npi = inputsOf("add_referrer").find((b) => b.block_id === "npi")!;
    expect(npi.element["max_length"]).toBe(20);
  });

  it("leaves out the fields the core fixed, and says what the form is about", () => {
    const view = formToModal({
      kind: "feedback",
      title: "Log feedback",
      metadata: '{"c":"r1"}',
      initial: { referrer: "Dr. Lee" },
      hide: ["referrer"],
      about: "Feedback from Dr. <@U123> Lee",
    });
    expect(view?.blocks.map((b) => ("block_id" in b ? b.block_id : b.type))).toEqual([
      "context",
      "sentiment",
      "text",
      "needsFollowUp",
    ]);
    // Plain text: a typed mention is shown, never sent as one.
    expect(view?.blocks[0]).toMatchObject({
      elements: [{ type: "plain_text", text: "Feedback from Dr. <@U123> Lee" }],
    });
  });

  it("reads a submitted state back into the values the core checks", () => {
    const view = ZSubmittedView.parse({
      id: "V1",
      callback_id: "rn.form.settings",
      state: {
        values: {
          time: { value: { type: "timepicker", selected_time: "06:45" } },
          days: { value: { type: "checkboxes", selected_options: [{ value: "mon" }, { value: "fri" }] } },
          top: { value: { type: "number_input", value: "7" } },
          skipempty: { value: { type: "checkboxes", selected_options: [] } },
          reasons: { value: { type: "static_select", selected_option: null } },
          timezone: { value: { type: "plain_text_input", value: null } },
        },
      },
    });
    expect(readFormValues("settings", view)).toEqual({
      time: "06:45",
      days: ["mon", "fri"],
      top: "7",
      skipempty: false,
    });
  });
});
