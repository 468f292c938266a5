/**
 * The device protocol: one binary WebSocket message is one frame, whose first byte is its type. Client → server types
 * are 0x01-0x3f, server → client types 0x40-0x7f, and ping/pong (0x7e/0x7f) go both ways. Field layouts are in
 * codecs/ and docs/core.md.
 */
export const FrameType = {
  Send: 0x01,
  Ack: 0x02,
  ReadReceipt: 0x03,
  PresenceSubscribe: 0x10,
  Typing: 0x11,
  GroupSend: 0x04,
  SendOk: 0x41,
  SendError: 0x42,
  Deliver: 0x43,
  Receipt: 0x44,
  QueueEmpty: 0x45,
  Error: 0x46,
  Presence: 0x50,
  PeerTyping: 0x51,
  GroupDeliver: 0x47,
  GroupEvent: 0x48,
  PreKeysLow: 0x60,
  Ping: 0x7e,
  Pong: 0x7f,
} as const;
export type FrameTypeCode = (typeof FrameType)[keyof typeof FrameType];

/** libsignal's CiphertextMessageType values, which the server relays without looking inside. */
export const EnvelopeType = { Whisper: 2, PreKey: 3, SenderKey: 7, Plaintext: 8 } as const;
export type EnvelopeTypeCode = (typeof EnvelopeType)[keyof typeof EnvelopeType];
export const ENVELOPE_TYPES: ReadonlySet<number> = new Set(Object.values(EnvelopeType));

export const ReceiptKind = { Delivered: 1, Read: 2 } as const;
export type ReceiptKindCode = (typeof ReceiptKind)[keyof typeof ReceiptKind];

/** Error codes in SendError and Error frames: HTTP statuses, so they read the same as the REST API's. */
export const ErrorCode = {
  BadFrame: 400,
  Unauthorized: 401,
  Forbidden: 403,
  UnknownAccount: 404,
  MismatchedDevices: 409,
  StaleDevices: 410,
  TooLarge: 413,
  RateLimited: 429,
  Internal: 500,
  Unavailable: 503,
} as const;
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One device's copy of a message, encrypted for that device. */
export interface OutgoingEnvelope {
  deviceId: number;
  /** The registration id the sender's session believes the device has; a different one means a stale session (410). */
  registrationId: number;
  type: EnvelopeTypeCode;
  ciphertext: Uint8Array;
}

export interface SendGroup {
  accountId: string;
  envelopes: OutgoingEnvelope[];
}

/**
 * A message: one envelope per device of every account it goes to. A 1:1 message names two accounts, the recipient
 * and the sender itself (its other devices get a copy); a group message will name every member.
 */
export interface SendFrame {
  t: 'send';
  /** The client's message id: repeated sends with the same id are stored once. */
  id: bigint;
  groups: SendGroup[];
  /**
   * Disappearing messages: the server removes the message this many seconds after its server time, delivered or not
   * (an optional trailing field: a frame without it is the same bytes as before).
   */
  expiresInS?: number;
}

/** The devices of one account that a refused send got wrong. */
export interface DeviceMismatch {
  accountId: string;
  missing: number[];
  extra: number[];
  stale: number[];
}

/** ✓: the message is stored durably. `serverTimestamp` (ms) is the time all recipients see in Deliver. */
export interface SendOkFrame {
  t: 'send_ok';
  id: bigint;
  serverTimestamp: number;
}

/** A refused send or receipt; nothing was stored. 409/410 carry the exact device lists. */
export interface SendErrorFrame {
  t: 'send_error';
  id: bigint;
  code: number;
  message: string;
  mismatches: DeviceMismatch[];
}

export interface DeliverFrame {
  t: 'deliver';
  /** The server's id of this device's copy; the device acks it. */
  guid: number;
  senderAccountId: string;
  senderDeviceId: number;
  serverTimestamp: number;
  messageId: bigint;
  type: EnvelopeTypeCode;
  ciphertext: Uint8Array;
}

/** The device has processed these deliveries (Deliver or Receipt guids); the server deletes them. */
export interface AckFrame {
  t: 'ack';
  guids: number[];
}

/** Client → server: "I have read these messages of accountId" (and/or everything up to upTo, a server timestamp). */
export interface ReadReceiptFrame {
  t: 'read_receipt';
  id: bigint;
  toAccountId: string;
  messageIds: bigint[];
  /** Server timestamp (ms) up to which everything from toAccountId is read; 0 when not used. */
  upTo: number;
}

/** Server → client: a delivery or read receipt, stored like an envelope until acked. */
export interface ReceiptFrame {
  t: 'receipt';
  guid: number;
  kind: ReceiptKindCode;
  fromAccountId: string;
  fromDeviceId: number;
  serverTimestamp: number;
  messageIds: bigint[];
  upTo: number;
}

/** Everything that was waiting for the device has been sent; what follows is live. */
export interface QueueEmptyFrame {
  t: 'queue_empty';
}

/**
 * Server → client: this device's one-time prekeys run low (fewer than the server's threshold of a kind): upload more.
 * Sent when a bundle fetch leaves it low, and on every connect until it uploads one-time keys.
 */
export interface PreKeysLowFrame {
  t: 'prekeys_low';
  /** Unused one-time keys the server holds for the device, EC and Kyber, when it noticed. */
  preKeys: number;
  kyberPreKeys: number;
}

/** A connection-level problem (a malformed frame, an unknown frame type). */
export interface ErrorFrame {
  t: 'error';
  code: number;
  message: string;
}

export interface PingFrame {
  t: 'ping';
  nonce: number;
}

export interface PongFrame {
  t: 'pong';
  nonce: number;
}

/** What a chat peer is doing, as typing indicators show it. */
export const TypingState = { Stopped: 0, Typing: 1, Recording: 2 } as const;
export type TypingStateCode = (typeof TypingState)[keyof typeof TypingState];

/**
 * Client → server: the accounts whose presence this connection wants (replacing its earlier list; empty: none). Each
 * is answered at once with a Presence frame, then with one per change, as the account's privacy settings allow.
 */
export interface PresenceSubscribeFrame {
  t: 'presence_subscribe';
  accountIds: string[];
}

/** Client → server: this device is typing (or recording, or stopped) in its chat with `toAccountId`. Never stored. */
export interface TypingFrame {
  t: 'typing';
  toAccountId: string;
  state: TypingStateCode;
}

/** Server → client: an account's presence, as far as its settings let this device see it. */
export interface PresenceFrame {
  t: 'presence';
  accountId: string;
  online: boolean;
  /** When its last device went offline (ms); 0 while online, when unknown, or when hidden. */
  lastSeen: number;
}

/** Server → client: a chat peer's device is typing, recording, or stopped. */
export interface PeerTypingFrame {
  t: 'peer_typing';
  fromAccountId: string;
  fromDeviceId: number;
  state: TypingStateCode;
}

export type ClientFrame =
  | SendFrame
  | AckFrame
  | ReadReceiptFrame
  | PresenceSubscribeFrame
  | TypingFrame
  | GroupSendFrame
  | PingFrame
  | PongFrame;

/** One recipient device of a group message, with the sender-key distribution it needs (none when it has the key). */
export interface GroupRecipientDevice {
  deviceId: number;
  registrationId: number;
  /** A pairwise ciphertext (2 Whisper, 3 PreKey) of the sender's SenderKeyDistributionMessage; absent when not needed. */
  distribution?: { type: EnvelopeTypeCode; ciphertext: Uint8Array };
}

/**
 * A group message: the sender-key ciphertext once, and every member device (every active device of every member but
 * the sending device), as a 1:1 send names them (409/410 when wrong), with the distribution messages some need.
 */
export interface GroupSendFrame {
  t: 'group_send';
  id: bigint;
  groupId: string;
  /** The SenderKeyMessage (envelope type 7), the same bytes for every recipient. */
  ciphertext: Uint8Array;
  /**
   * When set, the digest of every recipient device (devicesDigest()) stands for the full list, and `members` names only
   * the devices that get a distribution: what the sender uploads is then about the ciphertext alone. A wrong digest is
   * refused 409 without lists; the sender then sends the full list to learn what is wrong.
   */
  devicesDigest?: Uint8Array;
  members: { accountId: string; devices: GroupRecipientDevice[] }[];
  /** Disappearing messages, as in SendFrame: the server removes the message this many seconds after its server time. */
  expiresInS?: number;
}

/** Server → device: a group message, with this device's distribution message when the sender included one. */
export interface GroupDeliverFrame {
  t: 'group_deliver';
  guid: number;
  senderAccountId: string;
  senderDeviceId: number;
  serverTimestamp: number;
  messageId: bigint;
  groupId: string;
  ciphertext: Uint8Array;
  distribution?: { type: EnvelopeTypeCode; ciphertext: Uint8Array };
}

/** Server → device: a change of a group (docs/groups.md lists the types and their JSON), numbered in the group. */
export interface GroupEventFrame {
  t: 'group_event';
  guid: number;
  groupId: string;
  seq: number;
  actorAccountId: string;
  serverTimestamp: number;
  /** UTF-8 JSON: `{ "type": ..., ...fields }`. Plain data the server keeps anyway (membership, subject, settings). */
  event: Uint8Array;
}

export type ServerFrame =
  | SendOkFrame
  | SendErrorFrame
  | DeliverFrame
  | ReceiptFrame
  | QueueEmptyFrame
  | ErrorFrame
  | PresenceFrame
  | PeerTypingFrame
  | GroupDeliverFrame
  | GroupEventFrame
  | PreKeysLowFrame
  | PingFrame
  | PongFrame;
export type Frame = ClientFrame | ServerFrame;
