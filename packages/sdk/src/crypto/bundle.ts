import { KEMPublicKey, PreKeyBundle, PublicKey } from '@signalapp/libsignal-client';
import type { DeviceBundle } from '../rest';
import { fromBase64 } from './storage';

/** A device's bundle as GET /v1/keys/{account}/{device} returns it, turned into libsignal's PreKeyBundle. */
export function toPreKeyBundle(b: DeviceBundle): PreKeyBundle {
  return PreKeyBundle.new(
    b.registration_id,
    b.device_id,
    b.pre_key?.key_id ?? null,
    b.pre_key ? PublicKey.deserialize(fromBase64(b.pre_key.public_key)) : null,
    b.signed_pre_key.key_id,
    PublicKey.deserialize(fromBase64(b.signed_pre_key.public_key)),
    fromBase64(b.signed_pre_key.signature),
    PublicKey.deserialize(fromBase64(b.identity_key)),
    b.kyber_pre_key.key_id,
    KEMPublicKey.deserialize(fromBase64(b.kyber_pre_key.public_key)),
    fromBase64(b.kyber_pre_key.signature),
  );
}
