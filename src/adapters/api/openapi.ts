// The JSON door's OpenAPI description, generated from the zod schema the door validates with, so the
// two cannot drift apart.
import { z } from "zod/v4";
import { ZIncomingReferralWire } from "../../core/intake/incoming-referral.ts";
import { MAX_ITEMS_PER_REQUEST } from "../../core/intake/receive-referrals.ts";

export const MAX_BODY_BYTES = 1_048_576;

const ZItemResult = z.object({
  index: z.int().describe("The item's position in the request, from 0"),
  sourceId: z.string().nullable(),
  sourceSystem: z.string().optional(),
  result: z
    .enum(["created", "updated", "unchanged", "pending", "rejected"])
    .describe("pending: a status kept until its referral arrives"),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

const ZResponse = z.object({
  results: z.array(ZItemResult),
  counts: z.record(z.string(), z.int()),
});

const ZError = z.object({ error: z.string(), message: z.string() });

function schemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  return rest;
}

export function openApiDocument(version: string): Record<string, unknown> {
  const error = (description: string) => ({
    description,
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  });
  return {
    openapi: "3.1.0",
    info: {
      title: "Referral Nudge intake API",
      version,
      description:
        "Send referrals and their status changes as they happen. Each practice has its own tokens " +
        '(`referral-nudge tokens create --practice NAME --label "EHR feed"`). Patient names, MRNs and birth ' +
        "dates are dropped at the door: never send them in free text if you can avoid it.",
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Referral: schemaOf(ZIncomingReferralWire),
        ReceiveResponse: schemaOf(ZResponse),
        Error: schemaOf(ZError),
      },
    },
    security: [{ bearer: [] }],
    paths: {
      "/api/referrals": {
        post: {
          summary: `One referral, or an array of up to ${MAX_ITEMS_PER_REQUEST}`,
          description:
            "Upserts each referral by its sourceId, unique per practice and source system. An item with only " +
            "sourceId and a status (or scheduledAt / seenAt) updates the referral's status; if the referral has " +
            "not arrived yet the status is kept and applied when it does. Sending the same request again changes nothing.",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  oneOf: [
                    { $ref: "#/components/schemas/Referral" },
                    {
                      type: "array",
                      maxItems: MAX_ITEMS_PER_REQUEST,
                      items: { $ref: "#/components/schemas/Referral" },
                    },
                  ],
                },
              },
            },
          },
          responses: {
            "200": {
              description: "What became of each item (rejected ones with their field paths)",
              content: { "application/json": { schema: { $ref: "#/components/schemas/ReceiveResponse" } } },
            },
            "400": error("Not JSON, or not a referral or an array of them"),
            "401": error("Missing, unknown or revoked token"),
            "413": error(`Body over ${MAX_BODY_BYTES} bytes`),
            "415": error("Content-Type is not application/json"),
            "429": {
              ...error("Over the token's rate (a practice setting); see Retry-After"),
              headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait" } },
            },
          },
        },
      },
    },
  };
}
