import {
  type ClientFrame,
  decodeClientFrame,
  encodeFrame,
  type ReadReceiptFrame,
  type SendErrorFrame,
  type SendFrame,
  type SendOkFrame,
} from '@switchboard/protocol';
import type { Connection } from '../connection';
import { fromBase64, type Storage, toBase64 } from '../crypto/storage';

type Request = SendFrame | ReadReceiptFrame;
type Answer = SendOkFrame | SendErrorFrame;
const PREFIX = 'messaging:outbox:';

/**
 * Sends and read receipts until the server answers them. Each is kept (in storage too, so it survives a restart) and
 * sent again, byte for byte, after every reconnect; the server stores a repeated id once, so resending is always safe.
 */
export class Outbox {
  private readonly waiting = new Map<bigint, { frame: Request; settle(a: Answer): void }>();

  constructor(
    private readonly connection: Connection,
    private readonly storage: Storage,
  ) {
    connection.onOpen(() => {
      for (const { frame } of this.waiting.values()) connection.send(frame);
    });
  }

  /** Requests left over from a previous run: sent again; their answers are not awaited by anyone. */
  restore(): void {
    for (const key of this.storage.keys(PREFIX)) {
      const frame = decodeClientFrame(fromBase64(this.storage.get(key)!)) as ClientFrame;
      if (frame.t === 'send' || frame.t === 'read_receipt') void this.request(frame);
    }
  }

  request(frame: Request): Promise<Answer> {
    const key = `${PREFIX}${frame.id}`;
    this.storage.set(key, toBase64(encodeFrame(frame)));
    return new Promise<Answer>((resolve) => {
      this.waiting.set(frame.id, {
        frame,
        settle: (answer) => {
          this.waiting.delete(frame.id);
          this.storage.delete(key);
          resolve(answer);
        },
      });
      this.connection.send(frame);
    });
  }

  /** Hands the server's answer to whoever is waiting for it. */
  answer(frame: Answer): void {
    this.waiting.get(frame.id)?.settle(frame);
  }

  get pending(): number {
    return this.waiting.size;
  }
}
