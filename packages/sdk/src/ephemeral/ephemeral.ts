// Disappearing messages and view once on a device (docs/core.md "Disappearing messages and view once"): what a send
// carries, what a received message shows, and the removal of what has come due — from this device's storage, and
// from the app, which hears of it through onExpired and deletes its own copy.
import type { Content } from '../content';
import type { Storage } from '../crypto/storage';
import type { PendingMessages } from '../messaging/pending-messages';
import type { IncomingMessage } from '../messaging/types';
import { ChatTimers } from './chat-timers';
import { type Expiring, Expiry } from './expiry';
import { ViewOnce, type ViewOnceContent } from './view-once';

export type { Expiring } from './expiry';
export type { ViewOnceContent } from './view-once';

export type EphemeralContent = Pick<Content, 'expireTimer' | 'setsTimer' | 'viewOnce'>;

export class Ephemeral {
  private readonly timers: ChatTimers;
  private readonly viewOnce: ViewOnce;
  private readonly expiry: Expiry;
  private readonly listeners: ((e: Expiring) => void)[] = [];

  constructor(storage: Storage, pending: PendingMessages) {
    this.timers = new ChatTimers(storage);
    this.viewOnce = new ViewOnce(storage);
    this.expiry = new Expiry(storage, (e) => {
      pending.deleteOf(e.from, e.messageId); // not handed to the app any more, even if its handler failed on it
      this.viewOnce.drop(e.from, e.messageId);
      for (const l of this.listeners) l(e);
    });
  }

  onExpired(l: (e: Expiring) => void): void {
    this.listeners.push(l);
  }

  timer(chat: string): number {
    return this.timers.get(chat);
  }

  /** The fields a message into `chat` carries: the chat's timer, and view once if asked. */
  outgoing(chat: string, viewOnce = false): EphemeralContent {
    const timer = this.timers.get(chat);
    return { ...(timer > 0 && { expireTimer: timer }), ...(viewOnce && { viewOnce: true as const }) };
  }

  /** A send into `chat` got its ✓: a timer message takes effect here, a disappearing one starts its clock. */
  sent(chat: string, self: string, messageId: bigint, content: EphemeralContent, serverTimestamp: number): void {
    if (content.setsTimer) this.timers.set(chat, content.expireTimer ?? 0);
    else if (content.expireTimer)
      this.expiry.schedule({ chat, from: self, messageId, expiresAt: serverTimestamp + content.expireTimer * 1000 });
  }

  /**
   * The server's copy of a message is removed when it is due, even from a device that never came online: the frame's
   * `expiresInS` (a timer message itself does not expire).
   */
  serverExpiry(content: EphemeralContent): number | undefined {
    return content.expireTimer && !content.setsTimer ? content.expireTimer : undefined;
  }

  /** What a received message shows; undefined when it is already due (it expired before it arrived). */
  received(message: IncomingMessage, content: Content): IncomingMessage | undefined {
    const chat = content.to ?? message.from.accountId; // a copy from this account's other device names the chat
    const arrival = this.arrived(chat, message.from.accountId, message.messageId, message.serverTimestamp, content);
    if (arrival === 'due') return undefined;
    if (arrival.timerChange !== undefined) return { ...message, ...arrival };
    let shown = message;
    if (content.viewOnce) {
      // The sender's other devices get a placeholder only, as the recipient's message list does.
      if (!content.to) this.viewOnce.keep(message.from.accountId, message.messageId, viewed(content));
      const { rich: _rich, ...rest } = message;
      shown = { ...rest, text: '', viewOnce: true };
    }
    return { ...shown, ...arrival };
  }

  /**
   * A message `from` wrote into `chat` (a 1:1 peer or a group) arrived: a timer message sets the chat's timer, a
   * disappearing one is scheduled for removal (`expiresAt`); 'due' when it expired before it arrived.
   */
  arrived(
    chat: string,
    from: string,
    messageId: bigint,
    serverTimestamp: number,
    content: EphemeralContent,
  ): { timerChange?: number; expiresAt?: number } | 'due' {
    if (content.setsTimer) {
      this.timers.set(chat, content.expireTimer ?? 0);
      return { timerChange: content.expireTimer ?? 0 };
    }
    if (!content.expireTimer) return {};
    const expiresAt = serverTimestamp + content.expireTimer * 1000;
    if (expiresAt <= Date.now()) return 'due';
    this.expiry.schedule({ chat, from, messageId, expiresAt });
    return { expiresAt };
  }

  openViewOnce(from: string, messageId: bigint): ViewOnceContent | undefined {
    return this.viewOnce.open(from, messageId);
  }

  stop(): void {
    this.expiry.stop();
  }
}

const viewed = ({ text, rich }: Content): ViewOnceContent => ({ text, ...(rich && { rich }) });
