import { KEMPublicKey, PublicKey } from '@signalapp/libsignal-client';
import { ApiError } from '../errors/api-error';

// The server cannot read messages, but it can refuse keys that would make sessions fail later on someone else's
// device: every key must parse as libsignal parses it, and every signed key must carry the identity's signature.

export function parseIdentity(bytes: Uint8Array, field: string): PublicKey {
  try {
    return PublicKey.deserialize(bytes as Uint8Array<ArrayBuffer>);
  } catch {
    throw ApiError.invalidParameter(`${field}: not a valid EC public key`);
  }
}

export function checkEcKey(bytes: Uint8Array, field: string): void {
  parseIdentity(bytes, field);
}

export function checkSignedEcKey(identity: PublicKey, key: Uint8Array, signature: Uint8Array, field: string): void {
  checkEcKey(key, `${field}.public_key`);
  if (!identity.verify(key as Uint8Array<ArrayBuffer>, signature as Uint8Array<ArrayBuffer>)) {
    throw ApiError.invalidParameter(`${field}.signature: does not verify with the identity key`);
  }
}

export function checkSignedKemKey(identity: PublicKey, key: Uint8Array, signature: Uint8Array, field: string): void {
  try {
    KEMPublicKey.deserialize(key as Uint8Array<ArrayBuffer>);
  } catch {
    throw ApiError.invalidParameter(`${field}.public_key: not a valid Kyber public key`);
  }
  if (!identity.verify(key as Uint8Array<ArrayBuffer>, signature as Uint8Array<ArrayBuffer>)) {
    throw ApiError.invalidParameter(`${field}.signature: does not verify with the identity key`);
  }
}
