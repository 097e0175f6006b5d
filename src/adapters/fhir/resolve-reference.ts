// Finding what a Reference points to among the resources that came in one request: a contained resource
// ("#p1"), another entry of the Bundle by its fullUrl ("urn:uuid:…", "https://ehr.example/fhir/Practitioner/7")
// or by type and id ("Practitioner/7", as the specification resolves a relative reference against the
// entry's base). Nothing is fetched from the sender: what is not in the request is not known.
import type { Reference, Resource } from "@medplum/fhirtypes";

/** A resource and where it sits in the request, for the paths of the problems found in it. */
export interface Located<T extends Resource = Resource> {
  resource: T;
  /** "ServiceRequest", "Bundle.entry[2].resource", "ServiceRequest.contained[0]". */
  path: string;
}

export type Resolution =
  | { kind: "found"; found: Located }
  /** The Reference has no literal reference (only a display or an identifier). */
  | { kind: "none" }
  /** It points at an entry that was refused: nothing of it may be read. */
  | { kind: "invalid"; reference: string; path: string }
  /** It points at something the request does not hold; `local` ones (#…, urn:) had to be in it. */
  | { kind: "missing"; reference: string; local: boolean };

export interface BundleEntryInput {
  fullUrl?: string;
  located: Located;
  /** Refused as FHIR: found, but never read. */
  invalid?: boolean;
}

/** The resources of one request, findable by fullUrl and by type/id. */
export class RequestResources {
  readonly #byFullUrl = new Map<string, Located>();
  readonly #byTypeId = new Map<string, Located>();
  readonly #invalid = new Set<Located>();

  constructor(entries: readonly BundleEntryInput[]) {
    for (const { fullUrl, located, invalid } of entries) {
      if (invalid) this.#invalid.add(located);
      if (fullUrl) this.#byFullUrl.set(fullUrl, located);
      const { resourceType, id } = located.resource;
      if (id) this.#byTypeId.set(`${resourceType}/${id}`, located);
      const tail = fullUrl ? typeIdOf(fullUrl) : null;
      if (tail && !this.#byTypeId.has(tail)) this.#byTypeId.set(tail, located);
    }
  }

  /** What `ref`, found in the top-level resource `root` (or one it contains), points to. */
  resolve(ref: Reference | undefined, root: Located): Resolution {
    const reference = ref?.reference?.trim();
    if (!reference) return { kind: "none" };
    if (reference.startsWith("#")) {
      const id = reference.slice(1);
      const contained = (root.resource as { contained?: Resource[] }).contained ?? [];
      const i = contained.findIndex((r) => r.id === id);
      return i >= 0
        ? { kind: "found", found: { resource: contained[i]!, path: `${root.path}.contained[${i}]` } }
        : { kind: "missing", reference, local: true };
    }
    const found = this.#byFullUrl.get(reference) ?? this.#byKey(reference);
    if (found && this.#invalid.has(found)) return { kind: "invalid", reference, path: found.path };
    if (found) return { kind: "found", found };
    return { kind: "missing", reference, local: /^urn:(uuid|oid):/i.test(reference) };
  }

  #byKey(reference: string): Located | undefined {
    if (/^urn:/i.test(reference)) return undefined;
    const key = typeIdOf(reference);
    return key ? this.#byTypeId.get(key) : undefined;
  }
}

/** "Practitioner/7" out of "Practitioner/7", ".../fhir/Practitioner/7" or ".../Practitioner/7/_history/2". */
export function typeIdOf(reference: string): string | null {
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference);
  return match ? `${match[1]}/${match[2]}` : null;
}

/** The resource type a Reference names, from its `type` or its literal reference. */
export function typeOfReference(ref: Reference | undefined): string | null {
  if (!ref) return null;
  if (ref.type) return ref.type.replace(/^http:\/\/hl7\.org\/fhir\/StructureDefinition\//, "");
  const key = ref.reference ? typeIdOf(ref.reference) : null;
  return key ? key.split("/")[0]! : null;
}
