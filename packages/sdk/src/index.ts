// The device SDK: REST (accounts, devices, keys) and the Signal protocol end of a device. Team B adds the socket,
// messaging and a Device that ties them together (docs/core.md).
export { toPreKeyBundle } from './crypto/bundle';
export { type Address, DeviceCrypto, type Encrypted } from './crypto/device-crypto';
export { type BatchSizes, KeyGenerator, MAX_BATCH } from './crypto/keygen';
export { fromBase64, JsonFileStorage, MemoryStorage, type Storage, toBase64 } from './crypto/storage';
export { type IdentityOptions, SignalStores } from './crypto/stores';
export { linkDevice, registerWithDevCode } from './onboarding';
export * from './rest';
