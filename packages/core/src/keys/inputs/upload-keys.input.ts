import { z } from 'zod';

/** Standard base64 (padded), decoded to bytes, with a byte-length range. */
export const base64Bytes = (min: number, max: number) =>
  z
    .string()
    .max(Math.ceil(max / 3) * 4)
    .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'expected base64')
    .transform((s, ctx) => {
      const bytes = new Uint8Array(Buffer.from(s, 'base64'));
      if (bytes.length < min || bytes.length > max) {
        ctx.addIssue({ code: 'custom', message: `expected ${min === max ? min : `${min}-${max}`} bytes` });
        return z.NEVER;
      }
      return bytes;
    });

// libsignal's sizes: EC public keys are 33 bytes (type byte + 32), XEdDSA signatures 64, Kyber-1024 public keys 1569.
// Kyber gets a range so a future KEM with a different size is a config change in libsignal, not here.
const ecPublicKey = base64Bytes(33, 33);
const signature = base64Bytes(64, 64);
const kemPublicKey = base64Bytes(800, 2000);
/** Signal keeps prekey ids in 24 bits. */
const keyId = z.number().int().min(0).max(0xffffff);
export const MAX_BATCH = 100;

export const signedPreKey = z.object({ key_id: keyId, public_key: ecPublicKey, signature });
export const kyberPreKey = z.object({ key_id: keyId, public_key: kemPublicKey, signature });
export const preKey = z.object({ key_id: keyId, public_key: ecPublicKey });

/**
 * Everything is optional on the wire, but a device's first upload must carry its identity key, registration id,
 * signed prekey and last-resort Kyber prekey (KeysService checks that against what is stored).
 */
export const uploadKeysInput = z.object({
  identity_key: ecPublicKey.optional(),
  /** libsignal registration ids are 14-bit, never 0. */
  registration_id: z.number().int().min(1).max(0x3fff).optional(),
  signed_pre_key: signedPreKey.optional(),
  kyber_last_resort_pre_key: kyberPreKey.optional(),
  pre_keys: z.array(preKey).max(MAX_BATCH).optional(),
  kyber_pre_keys: z.array(kyberPreKey).max(MAX_BATCH).optional(),
});
export type UploadKeysInput = z.infer<typeof uploadKeysInput>;

export const bundleParams = z.object({
  account_id: z.uuid({ message: 'expected an account id (UUID)' }).transform((s) => s.toLowerCase()),
  device_id: z.union([z.literal('all'), z.coerce.number().int().min(1).max(127)], {
    message: 'expected a device id (1-127) or "all"',
  }),
});
export type BundleParams = z.infer<typeof bundleParams>;
