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
import { SendTimeoutError } from './errors';

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

  /** Requests left over from a previous run, to be sent again (the caller awaits their answers). */
  stored(): Request[] {
    const frames = this.storage.keys(PREFIX).map((k) => decodeClientFrame(fromBase64(this.storage.get(k)!)));
    return frames.filter((f: ClientFrame): f is Request => f.t === 'send' || f.t === 'read_receipt');
  }

  /**
   * Sends `frame` now or at the next open, until answered. At `deadline` (epoch ms) it is given up: no longer resent
   * and rejected with SendTimeoutError. A frame already on the wire may still have reached the server by then.
   */
  request(frame: Request, deadline: number): Promise<Answer> {
    const key = `${PREFIX}${frame.id}`;
    this.storage.set(key, toBase64(encodeFrame(frame)));
    return new Promise<Answer>((resolve, reject) => {
      const forget = () => {
        clearTimeout(timer);
        this.waiting.delete(frame.id);
        this.storage.delete(key);
      };
      const timer = setTimeout(() => {
        forget();
        reject(new SendTimeoutError(frame.id));
      }, deadline - Date.now());
      this.waiting.set(frame.id, {
        frame,
        settle: (answer) => {
          forget();
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
