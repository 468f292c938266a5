// What an app sees of messaging: the messages and receipts it receives, the outcome of its sends, the options.
import type { SessionStore } from '@signalapp/libsignal-client';
import type { Address, Encrypted } from '../crypto/device-crypto';

/** What messaging needs of a device's Signal end (DeviceCrypto provides it). */
export interface MessagingCrypto {
  readonly address: Address;
  readonly stores: { sessions: SessionStore };
  encrypt(address: Address, plaintext: Uint8Array): Promise<Encrypted>;
  decrypt(address: Address, type: number, body: Uint8Array): Promise<Uint8Array>;
  ensureSessions(accountId: string, deviceIds: number[]): Promise<number[]>;
  deleteSessions(accountId: string, deviceIds: number[]): void;
  /** Uploads one-time keys if the server counts them low (PreKeyRefill, on the server's PreKeysLow notice). */
  replenishKeys(): Promise<unknown>;
}

export interface IncomingMessage {
  from: Address;
  messageId: bigint;
  serverTimestamp: number;
  text: string;
  sentAt: number;
  /** Structured content (business messages and replies to them; see content.ts). */
  rich?: Record<string, unknown>;
  /** Set on a copy of this account's own message, sent from another of its devices: who it went to. */
  to?: string;
  /**
   * The number the sender says its account has (SDK senders given `number` say it): what to show for a sender not in
   * the address book. Its profile key came with it (Profiles.fetch opens its profile); Profiles.lookup confirms it.
   */
  senderNumber?: string;
  /** A disappearing message: when it is removed (onExpired tells the app to delete its copy then). */
  expiresAt?: number;
  /** View once: `text` and `rich` are empty here; Messenger.openViewOnce gives the content, once. */
  viewOnce?: true;
  /** A timer message (no text): the chat's disappearing timer is now this many seconds (0: off). */
  timerChange?: number;
}

export interface IncomingReceipt {
  kind: 'delivered' | 'read';
  /** The device that received or read (for a read receipt from this account's other device: that device). */
  from: Address;
  messageIds: bigint[];
  /** Read receipts: everything from `from.accountId` up to this server timestamp is read (0: not used). */
  upTo: number;
  serverTimestamp: number;
}

export interface SentMessage {
  id: bigint;
  /** The server's time for the message, as the recipients see it: "read up to" receipts refer to it. */
  serverTimestamp: number;
}

/** How a send ended: ✓ (stored by the server), or the refusal or timeout its promise rejected with. */
export type SendResult = { id: bigint; ok: true; serverTimestamp: number } | { id: bigint; ok: false; error: Error };

export interface MessengerOptions {
  /**
   * How long a send may wait for its ✓, offline time included, before it is given up with SendTimeoutError
   * (default 60 s). A send can override it; restored sends (restore()) get this one.
   */
  sendTimeoutMs?: number;
  /**
   * This account's phone number: given, every message carries it and the account's profile key (Profiles), so that
   * recipients can show who wrote and open the sender's profile.
   */
  number?: string;
}
