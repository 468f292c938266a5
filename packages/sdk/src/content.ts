// What a message says, inside the encryption. The server never sees this; only the devices of the conversation do.
import { ByteReader, ByteWriter } from '@switchboard/protocol';

export interface Content {
  text: string;
  /** The sender's clock when it was written (the server's time is on the envelope). */
  sentAt: number;
  /**
   * On the copy a sender encrypts for its own other devices: the account the message went to, so those devices can
   * file it under the right conversation.
   */
  to?: string;
  /**
   * Structured content beside the text (JSON), for what plain text cannot say: a business message (template, media,
   * interactive, location…) and a consumer's answer to one (button or list reply, reaction, location, profile name).
   * Its shapes are in docs/business.md ("What the consumer receives"); `text` stays a readable rendering of it.
   */
  rich?: Record<string, unknown>;
  /**
   * On a message encrypted again because one device could not decrypt it (it asked for a retry): the id it was first
   * sent under. Devices that did show it drop this copy; the one that asked shows it under that id.
   */
  retryOf?: bigint;
  /**
   * Who wrote it, for the recipient to show: the number the sender's account has (as it claims it) and its profile
   * key, which opens its profile (docs/core.md "Discovery, profiles and privacy").
   */
  sender?: { number: string; profileKey: Uint8Array };
  /**
   * Disappearing messages: the chat's timer (seconds) when this was sent; the message disappears from every device
   * that long after its server time. On a timer message (`setsTimer`) it is the chat's new timer, 0 for off.
   */
  expireTimer?: number;
  /** A timer message: it sets the chat's disappearing timer to `expireTimer`; both sides show it. */
  setsTimer?: true;
  /** View once: the recipient's SDK keeps the content until it is opened once (ephemeral/view-once.ts). */
  viewOnce?: true;
}

const VERSION = 1;
const HAS_TO = 1;
const HAS_RICH = 2;
const HAS_RETRY_OF = 4;
const HAS_SENDER = 8;
const HAS_EXPIRE_TIMER = 16;
const SETS_TIMER = 32;
const VIEW_ONCE = 64;
const MAX_TIMER_S = 366 * 24 * 3600;
const MAX_RICH = 64 * 1024;

export function encodeContent(c: Content): Uint8Array {
  const w = new ByteWriter(32 + c.text.length * 3);
  w.u8(VERSION)
    .u8(
      (c.to ? HAS_TO : 0) |
        (c.rich ? HAS_RICH : 0) |
        (c.retryOf !== undefined ? HAS_RETRY_OF : 0) |
        (c.sender ? HAS_SENDER : 0) |
        (c.expireTimer !== undefined ? HAS_EXPIRE_TIMER : 0) |
        (c.setsTimer ? SETS_TIMER : 0) |
        (c.viewOnce ? VIEW_ONCE : 0),
    )
    .varint(c.sentAt, 'sentAt');
  if (c.to) w.uuid(c.to, 'to');
  w.string(c.text, 'text', 64 * 1024);
  if (c.rich) w.string(JSON.stringify(c.rich), 'rich', MAX_RICH);
  if (c.retryOf !== undefined) w.u64(c.retryOf, 'retryOf');
  if (c.sender) w.string(c.sender.number, 'sender.number', 32).bytes(c.sender.profileKey, 'sender.profileKey', 32);
  if (c.expireTimer !== undefined) w.varint(c.expireTimer, 'expireTimer', MAX_TIMER_S);
  return w.finish();
}

export function decodeContent(bytes: Uint8Array): Content {
  const r = new ByteReader(bytes);
  if (r.u8('version') !== VERSION) throw new Error('unsupported content version');
  const flags = r.u8('flags');
  const sentAt = r.varint('sentAt');
  const to = flags & HAS_TO ? r.uuid('to') : undefined;
  const text = r.string('text', 64 * 1024);
  const rich = flags & HAS_RICH ? (JSON.parse(r.string('rich', MAX_RICH)) as Record<string, unknown>) : undefined;
  const retryOf = flags & HAS_RETRY_OF ? r.u64('retryOf') : undefined;
  const sender =
    flags & HAS_SENDER
      ? { number: r.string('sender.number', 32), profileKey: r.bytes('sender.profileKey', 32, 32) }
      : undefined;
  const expireTimer = flags & HAS_EXPIRE_TIMER ? r.varint('expireTimer', MAX_TIMER_S) : undefined;
  r.end();
  return {
    text,
    sentAt,
    ...(to && { to }),
    ...(rich && { rich }),
    ...(retryOf !== undefined && { retryOf }),
    ...(sender && { sender }),
    ...(expireTimer !== undefined && { expireTimer }),
    ...((flags & SETS_TIMER) !== 0 && { setsTimer: true as const }),
    ...((flags & VIEW_ONCE) !== 0 && { viewOnce: true as const }),
  };
}
