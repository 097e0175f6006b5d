// One HL7 v2 message in, one ACK out, whichever way it came (HTTP POST /hl7 or MLLP): read its envelope,
// find whose it is, translate it into one intake item and hand that to the core's receiveReferrals. One
// message is one item, written in one transaction or not at all, so an AE or AR leaves nothing half-stored.
// The door only translates: validation, dropping patient identifiers, the referrer and the status rules
// are the core's. Nothing of the message reaches the logs but its type, control id and outcome.
import { type ReceiveReferralsPorts, receiveReferrals } from "../../core/intake/receive-referrals.ts";
import type { Actor } from "../../core/model.ts";
import type { Clock } from "../../core/ports.ts";
import type { Logger } from "../../logging/logger.ts";
import { type AckCode, buildAck } from "./build-ack.ts";
import { HL7_ERROR, type Hl7Problem } from "./hl7-location.ts";
import { type Hl7Header, readEnvelope } from "./read-envelope.ts";
import { translateAppointment } from "./translate-appointment.ts";
import { translateReferral } from "./translate-referral.ts";

/** Whose a message is: the practice, the source system its referrals are filed under, who to audit. */
export interface Hl7Sender {
  practiceId: string;
  timeZone: string;
  sourceSystem: string;
  /** The audit's actor name: "hl7:ACME-EHR" (a facility) or "api:EHR feed" (a token). */
  actorName: string;
}

/** Chooses the practice for a message by its header; a refusal is answered AR. */
export type ChooseSender = (header: Hl7Header) => Promise<Hl7Sender | { refused: Hl7Problem }>;

export interface Hl7DoorDeps {
  ports: ReceiveReferralsPorts;
  clock: Clock;
  logger?: Logger;
}

export interface Hl7Answer {
  ack: string;
  code: AckCode;
}

export async function receiveHl7Message(deps: Hl7DoorDeps, text: string, choose: ChooseSender): Promise<Hl7Answer> {
  return (await admitHl7Message(deps, text, choose)).answer;
}

/**
 * Reads the message and, once it is in line, hands its item to receiveReferrals; resolves when it is
 * in line, with its answer still to come. A connection that admits its messages one after the other and
 * awaits the answers in that order keeps them in order, while those that queue up behind a write are
 * written together (receiveReferrals takes a practice's requests in the order they are handed over).
 */
export async function admitHl7Message(
  deps: Hl7DoorDeps,
  text: string,
  choose: ChooseSender,
): Promise<{ answer: Promise<Hl7Answer> }> {
  const now = deps.clock.now();
  const log = deps.logger?.child({ part: "hl7" });
  const envelope = readEnvelope(text);
  const answer = (code: AckCode, header: Partial<Hl7Header>, note: string, problem?: Hl7Problem): Hl7Answer => {
    log?.info(
      {
        message: header.type ? `${header.type}^${header.trigger ?? ""}` : null,
        controlId: header.controlId ?? null,
        ack: code,
        ...(problem ? { error: problem.error.code, at: problem.location } : {}),
      },
      "hl7 message answered",
    );
    return { ack: buildAck({ header, code, text: note, now, ...(problem ? { problem } : {}) }), code };
  };
  const done = (a: Hl7Answer) => ({ answer: Promise.resolve(a) });
  if (!envelope.ok) return done(answer("AR", envelope.header, envelope.problem.message, envelope.problem));
  const { header, reader } = envelope;

  const sender = await choose(header);
  if ("refused" in sender) return done(answer("AR", header, sender.refused.message, sender.refused));

  const translated =
    header.type === "SIU"
      ? translateAppointment(reader, header, sender.timeZone)
      : translateReferral(reader, header, sender.timeZone);
  if (!translated.ok) return done(answer("AE", header, translated.problem.message, translated.problem));

  const actor: Actor = {
    practiceId: sender.practiceId,
    memberId: null,
    name: sender.actorName,
    channel: "import",
    role: null,
  };
  // Handed over now (receiveReferrals queues it at once), answered when written.
  const received = receiveReferrals(
    deps.ports,
    actor,
    { id: sender.practiceId, timeZone: sender.timeZone },
    [translated.item],
    { sourceSystem: sender.sourceSystem, now },
  );
  const settled = received.then(
    (result) => {
      const outcome = result.results[0]!;
      if (outcome.result === "rejected") {
        const issue = outcome.issues[0]!;
        const field = issue.path.split(".")[0]!;
        const location = translated.where[issue.path] ?? translated.where[field] ?? null;
        const missing = /missing|empty/i.test(issue.message);
        const problem: Hl7Problem = {
          location,
          error: missing ? HL7_ERROR.requiredFieldMissing : HL7_ERROR.dataType,
          message: issue.message,
        };
        return answer("AE", header, issue.message, problem);
      }
      return answer("AA", header, `Referral ${outcome.sourceId}: ${outcome.result}`);
    },
    (error: unknown) => {
      // Only what kind of failure, never its message: a database error may quote what was sent.
      const e = error as { name?: string; code?: string };
      log?.error({ errorName: e?.name, errorCode: e?.code }, "receiving an hl7 message failed");
      const problem: Hl7Problem = {
        location: null,
        error: HL7_ERROR.internal,
        message: "The message could not be saved; send it again.",
      };
      return answer("AE", header, problem.message, problem);
    },
  );
  return { answer: settled };
}
