// "Add a referrer": what the chat form asks. The identity rules and the NPI check digit are the
// add-referrer use case's (core/referrers/add-referrer.ts), the same for the CLI and the import.
import type { FormDefinition } from "./form-definition.ts";

export const addReferrerForm = {
  kind: "add_referrer",
  title: "Add a referrer",
  submitLabel: "Add referrer",
  fields: [
    {
      name: "name",
      kind: "text",
      label: "Name",
      required: true,
      requiredMessage: "Type the referrer's name, e.g. Dr. Jane Smith",
      placeholder: "Dr. Jennifer Lee-Park, MD",
      hint: "Title, name and credentials, as you would write them.",
      maxLength: 120,
    },
    { name: "clinic", kind: "text", label: "Clinic or practice", required: false, maxLength: 120 },
    { name: "specialty", kind: "text", label: "Specialty", required: false, maxLength: 80 },
    // Room for the ten digits written with spaces or dashes ("1234-567-893"); the digits are checked later.
    { name: "npi", kind: "text", label: "NPI", required: false, placeholder: "10 digits", maxLength: 20 },
    { name: "phone", kind: "text", label: "Phone", required: false, maxLength: 40 },
    { name: "email", kind: "text", label: "Email", required: false, maxLength: 200 },
    // The mailing address the weekly thank-you cards go to.
    {
      name: "addressLine1",
      kind: "text",
      label: "Mailing address",
      required: false,
      placeholder: "12 Harbor Road",
      hint: "Where thank-you cards go.",
      maxLength: 120,
    },
    {
      name: "addressLine2",
      kind: "text",
      label: "Address line 2",
      required: false,
      placeholder: "Suite 300",
      maxLength: 120,
    },
    { name: "city", kind: "text", label: "City", required: false, maxLength: 80 },
    { name: "state", kind: "text", label: "State", required: false, placeholder: "IL", maxLength: 40 },
    { name: "postalCode", kind: "text", label: "ZIP code", required: false, placeholder: "62701", maxLength: 20 },
  ],
} as const satisfies FormDefinition;
