// MLLP (HL7's Minimal Lower Layer Protocol) on node:net: each message framed as 0x0B … 0x1C 0x0D, each
// answered, in order, with its ACK framed the same way. One connection carries many messages; an engine
// may send the next before the last ACK (they are read on and answered one at a time, in order).
// A connection is closed when it sends bytes outside a frame (anything but a start block or line ends),
// a message over the size limit, or stops in the middle of a message for the idle timeout (or sends
// nothing at all between messages for the much longer quiet timeout); other connections are untouched. On stop, new connections are refused, every message
// already read is still answered, then each connection is closed; whatever remains at the deadline is cut.
// (@medplum/hl7's Hl7Server has no size limit, idle timeout or garbage check, hence this small framer.)
import net from "node:net";
import type { Logger } from "../../logging/logger.ts";

const START = 0x0b;
const END = 0x1c;
const CR = 0x0d;
const LF = 0x0a;

export interface MllpServerOptions {
  /**
   * Takes one message's text; resolves once the message is in line, with its ACK's text to come. The
   * next message of the connection is handed over only then, and the ACKs are written in that order.
   * Never rejects (a failure is an ACK too).
   */
  admit(text: string): Promise<{ ack: Promise<string> }>;
  /** Largest message accepted, in bytes; a bigger one closes the connection. */
  maxMessageBytes?: number;
  /** A connection that stops in the middle of a message for this long is closed (it stalled). */
  idleTimeoutMs?: number;
  /**
   * A connection between messages that sends nothing for this long is closed. Engines keep their
   * connection open between messages, so this is long; they reconnect when it is closed.
   */
  quietTimeoutMs?: number;
  logger?: Logger;
}

export const DEFAULT_MLLP_MAX_MESSAGE_BYTES = 1_000_000;
export const DEFAULT_MLLP_IDLE_TIMEOUT_MS = 30_000;
export const DEFAULT_MLLP_QUIET_TIMEOUT_MS = 15 * 60_000;
/** Messages read ahead of their ACK before the connection stops being read. */
const READ_AHEAD = 128;

export function frameMllp(text: string): Buffer {
  return Buffer.concat([Buffer.from([START]), Buffer.from(text, "utf8"), Buffer.from([END, CR])]);
}

interface Connection {
  socket: net.Socket;
  /** Answer what was read, then close. */
  finish(): void;
}

export class MllpServer {
  private readonly server: net.Server;
  private readonly connections = new Set<Connection>();
  private stopping = false;

  constructor(private readonly opts: MllpServerOptions) {
    this.server = net.createServer((socket) => this.accept(socket));
  }

  /** Listens; resolves with the port (0 picks a free one). */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.off("error", reject);
        resolve((this.server.address() as net.AddressInfo).port);
      });
    });
  }

  /** Stops accepting, answers what each connection already sent, closes them; cuts the rest at the deadline. */
  async stop(timeoutMs: number): Promise<"done" | "timed out"> {
    this.stopping = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const c of this.connections) c.finish();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"timed out">((resolve) => {
      timer = setTimeout(() => resolve("timed out"), timeoutMs);
    });
    const outcome = await Promise.race([closed.then(() => "done" as const), deadline]);
    clearTimeout(timer);
    if (outcome === "timed out") {
      for (const c of this.connections) c.socket.destroy();
      await closed;
    }
    return outcome;
  }

  private accept(socket: net.Socket) {
    const log = this.opts.logger?.child({ part: "mllp", peer: socket.remoteAddress });
    const maxBytes = this.opts.maxMessageBytes ?? DEFAULT_MLLP_MAX_MESSAGE_BYTES;
    const queue: string[] = [];
    let frame: Buffer[] | null = null;
    let frameBytes = 0;
    /** The last chunk ended on 0x1C: the frame ends if the next byte is CR. */
    let sawEnd = false;
    let finishing = false;

    const drop = (why: string) => {
      log?.warn({ why }, "mllp connection closed");
      socket.destroy();
    };
    const closeIfDone = () => {
      if (finishing && !working() && queue.length === 0) socket.end(() => socket.destroy());
    };
    /** ACKs admitted and not yet written, in the order of their messages. */
    const answers: Array<Promise<string>> = [];
    let admitting = false;
    let writing = false;
    const working = () => admitting || writing || answers.length > 0;
    const write = async () => {
      if (writing) return;
      writing = true;
      while (answers.length > 0 && !socket.destroyed) {
        try {
          const ack = await answers[0]!;
          if (!socket.destroyed) socket.write(frameMllp(ack));
        } catch {
          drop("a message could not be answered");
        }
        answers.shift();
        if (queue.length + answers.length < READ_AHEAD / 2 && socket.isPaused() && !finishing) socket.resume();
      }
      writing = false;
      closeIfDone();
    };
    const work = async () => {
      if (admitting) return;
      admitting = true;
      while (queue.length > 0 && !socket.destroyed) {
        const text = queue.shift()!;
        try {
          const { ack } = await this.opts.admit(text);
          answers.push(ack);
        } catch {
          drop("a message could not be answered");
        }
        void write();
      }
      admitting = false;
      closeIfDone();
    };
    const connection: Connection = {
      socket,
      finish: () => {
        finishing = true;
        // A message half sent is not waited for: what was read whole is answered.
        socket.pause();
        closeIfDone();
      },
    };
    this.connections.add(connection);
    socket.once("close", () => this.connections.delete(connection));
    socket.on("error", () => socket.destroy());
    socket.setNoDelay(true);
    const quietMs = this.opts.quietTimeoutMs ?? DEFAULT_MLLP_QUIET_TIMEOUT_MS;
    let lastData = Date.now();
    socket.setTimeout(Math.min(this.opts.idleTimeoutMs ?? DEFAULT_MLLP_IDLE_TIMEOUT_MS, quietMs), () => {
      // An ACK being worked on is not the sender's stall.
      if (working()) return;
      if (frame !== null) drop("stalled in the middle of a message");
      else if (Date.now() - lastData >= quietMs) drop("quiet");
    });
    if (this.stopping) connection.finish();

    socket.on("data", (chunk: Buffer) => {
      lastData = Date.now();
      let i = 0;
      if (sawEnd) {
        sawEnd = false;
        if (chunk[0] !== CR) return drop("a frame's end block was not followed by CR");
        queue.push(Buffer.concat(frame!).toString("utf8"));
        frame = null;
        i = 1;
      }
      while (i < chunk.length) {
        if (frame === null) {
          const byte = chunk[i]!;
          if (byte === CR || byte === LF) {
            i++;
            continue;
          }
          if (byte !== START) return drop("bytes outside a frame (no start block 0x0B)");
          frame = [];
          frameBytes = 0;
          i++;
          continue;
        }
        const end = chunk.indexOf(END, i);
        const stop = end === -1 ? chunk.length : end;
        frameBytes += stop - i;
        if (frameBytes > maxBytes) return drop(`a message over ${maxBytes} bytes`);
        frame.push(chunk.subarray(i, stop));
        if (end === -1) break;
        if (end + 1 >= chunk.length) {
          sawEnd = true;
          break;
        }
        if (chunk[end + 1] !== CR) return drop("a frame's end block was not followed by CR");
        queue.push(Buffer.concat(frame).toString("utf8"));
        frame = null;
        i = end + 2;
      }
      if (queue.length + answers.length >= READ_AHEAD) socket.pause();
      void work();
    });
  }
}
