/**
 * What a MailboxMessage row is (its `kind` column). A message with a shared `body` is a group message (its layout:
 * groups/group-mailbox.ts); a group event's body is the event (same file).
 */
export const MessageKind = { Message: 1, DeliveredReceipt: 2, ReadReceipt: 3, GroupEvent: 4 } as const;
export type MessageKindCode = (typeof MessageKind)[keyof typeof MessageKind];

export interface DeviceRef {
  accountId: string;
  deviceId: number;
}

/** A message to store with one envelope per recipient device. */
export interface NewMessage {
  kind: MessageKindCode;
  sender: DeviceRef;
  /** The client's id (u64); null for server-generated receipts, which need no de-duplication. */
  clientMessageId: bigint | null;
  serverTimestamp: number;
  /** Content shared by all envelopes (a receipt's body). */
  body: Uint8Array | null;
  envelopes: NewEnvelope[];
  /** Disappearing messages: when the server removes it (ms), delivered or not (messaging/purge, `expire`). */
  expiresAt?: number;
}

export interface NewEnvelope extends DeviceRef {
  type: number;
  /** This device's ciphertext; null when the message's body is the content. */
  content: Uint8Array | null;
  /** Its guid when drawn before the insert (the relay pushes before it writes); else the insert draws it. */
  guid?: number;
}

/** The outcome of storing one NewMessage. */
export interface StoredMessage {
  messageId: string;
  /** False when the client message id was already stored: nothing new was written. */
  created: boolean;
  /** The stored message's time: for a repeat, the original's. */
  serverTimestamp: number;
  /** Guids of the new envelopes, in the order given (empty when not created). */
  guids: number[];
}

/** One waiting envelope with what a Deliver or Receipt frame needs. */
export interface PendingEnvelope extends DeviceRef {
  guid: number;
  kind: MessageKindCode;
  type: number;
  content: Uint8Array | null;
  sender: DeviceRef;
  clientMessageId: bigint | null;
  serverTimestamp: number;
  body: Uint8Array | null;
}
