// An MLLP client as an interface engine is one: a TCP socket that writes framed messages (0x0B … 0x1C 0x0D)
// and reads framed ACKs back, in order. Raw bytes can be written too, to send what a broken peer sends.
import { readFileSync } from "node:fs";
import net from "node:net";

export class MllpClient {
  private buffer = Buffer.alloc(0);
  private readonly acks: string[] = [];
  private waiters: Array<() => void> = [];
  closed = false;
  readonly whenClosed: Promise<void>;

  private constructor(readonly socket: net.Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const start = this.buffer.indexOf(0x0b);
        const end = this.buffer.indexOf(0x1c, start);
        if (start === -1 || end === -1 || end + 1 >= this.buffer.length) break;
        this.acks.push(this.buffer.subarray(start + 1, end).toString("utf8"));
        this.buffer = this.buffer.subarray(end + 2);
      }
      this.wake();
    });
    this.whenClosed = new Promise((resolve) =>
      socket.once("close", () => {
        this.closed = true;
        this.wake();
        resolve();
      }),
    );
    socket.on("error", () => {});
  }

  static connect(port: number, host = "127.0.0.1"): Promise<MllpClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, host, () => resolve(new MllpClient(socket)));
      socket.once("error", reject);
    });
  }

  private wake() {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }

  /** Writes one message in its MLLP frame. */
  send(text: string): void {
    this.socket.write(Buffer.concat([Buffer.from([0x0b]), Buffer.from(text, "utf8"), Buffer.from([0x1c, 0x0d])]));
  }

  writeRaw(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  /** The next ACK, in the order they came; rejects if the connection closes first. */
  async nextAck(): Promise<string> {
    while (this.acks.length === 0) {
      if (this.closed) throw new Error("the connection closed before an ACK came");
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return this.acks.shift()!;
  }

  async sendAndWait(text: string): Promise<string> {
    this.send(text);
    return this.nextAck();
  }

  close(): Promise<void> {
    this.socket.end();
    return this.whenClosed;
  }
}

/** A fixture from test/fixtures/hl7, its \r separators as sent. */
export function hl7Fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/hl7/${name}`, import.meta.url), "utf8");
}

/** The fields of one segment of a message (MSH numbered as HL7 numbers it: MSH-1 is the field separator). */
export function segmentOf(message: string, name: string): string[] | null {
  const line = message.split("\r").find((s) => s.startsWith(`${name}|`));
  if (!line) return null;
  const fields = line.split("|");
  return name === "MSH" ? ["MSH", "|", ...fields.slice(1)] : fields;
}
