/**
 * Caps enforced by the decoder itself, so a hostile frame cannot make anyone allocate or loop much. The server applies
 * its own, usually tighter, configured limits (envelope size) on top; these only bound what is parseable at all.
 */
export const LIMITS = {
  /** One ciphertext. The server's configured cap (about 96 KB) is lower. */
  maxCiphertextBytes: 1024 * 1024,
  /** Recipient accounts in one send (1:1 uses two: the recipient and the sender's own other devices). */
  maxAccountsPerSend: 256,
  /** Member accounts of one group (a group send names them all). */
  maxGroupMembers: 1024,
  /** One group event's JSON. */
  maxGroupEventBytes: 64 * 1024,
  /** Devices of one account in one send. */
  maxDevicesPerAccount: 64,
  /** Server guids in one device ack. */
  maxAcksPerFrame: 1024,
  /** Message ids in one receipt. */
  maxReceiptIds: 1024,
  /** Device-mismatch entries in one refused send. */
  maxMismatchIds: 256,
  maxStringBytes: 512,
  /** Accounts one connection watches the presence of. */
  maxPresenceSubscriptions: 256,
  /** Device ids are positive Postgres `int`s. */
  maxDeviceId: 0x7fff_ffff,
  /** Signal registration ids are 14-bit; the field allows 16 bits. */
  maxRegistrationId: 0xffff,
} as const;
