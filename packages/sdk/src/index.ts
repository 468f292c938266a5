// The device SDK: REST (accounts, devices, keys), the Signal protocol end of a device, the gateway connection and
// messaging (docs/core.md).

export { type AttachmentInfo, downloadAttachment, pointerOf, uploadAttachment } from './attachments/attachments';
export {
  ATTACHMENT_KEY_BYTES,
  AttachmentDecryptor,
  AttachmentEncryptor,
  AttachmentIntegrityError,
  decryptAttachment,
  encryptAttachment,
  paddedSize,
  type SealedAttachment,
  sealedSize,
} from './attachments/cipher';
export { type AttachmentPointer, attachmentPointerOf } from './attachments/pointer';
export {
  type BroadcastList,
  BroadcastLists,
  type BroadcastOutcome,
  MAX_BROADCAST_RECIPIENTS,
} from './broadcast/broadcast-lists';
export { type CloseInfo, Connection, type ConnectionOptions, UnauthorizedError } from './connection';
export { type Content, decodeContent, encodeContent } from './content';
export { toPreKeyBundle } from './crypto/bundle';
export { type Address, DeviceCrypto, type Encrypted } from './crypto/device-crypto';
export { type BatchSizes, KeyGenerator, MAX_BATCH } from './crypto/keygen';
export { SqliteStorage } from './crypto/sqlite-storage';
export { fromBase64, MemoryStorage, type Storage, toBase64 } from './crypto/storage';
export { type IdentityOptions, SignalStores } from './crypto/stores';
export type { Expiring, ViewOnceContent } from './ephemeral/ephemeral';
export { type GroupEvent, type GroupMessage, GroupMessenger } from './groups/group-messenger';
export { type GroupHistoryEvent, type GroupInfo, type GroupSettingsWire, GroupsClient } from './groups/groups-client';
export type { GroupMessageInfo } from './groups/message-info';
export {
  type IncomingMessage,
  type IncomingReceipt,
  type MessagingCrypto,
  Messenger,
  type MessengerOptions,
  type SendResult,
  type SentMessage,
} from './messaging';
export { SendRefusedError, SendTimeoutError } from './messaging/errors';
export { linkDevice, registerWithDevCode } from './onboarding';
export { Presence, type PresenceUpdate, type Typing, type TypingUpdate } from './presence';
export {
  openProfileField,
  PADDED as PROFILE_FIELD_BYTES,
  PROFILE_KEY_BYTES,
  ProfileDecryptionError,
  sealProfileField,
} from './profiles/profile-cipher';
export { ProfileKeys } from './profiles/profile-keys';
export { type NewProfile, type Profile, Profiles } from './profiles/profiles';
export * from './rest';
export { STATUS_TTL_MS, Status, type StatusPost, type StatusViewer } from './status/status';
export { KeyedQueue } from './util/keyed-queue';
