import { createECDH } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** A VAPID key pair as Web Push wants it: the uncompressed P-256 point and the 32-byte scalar, base64url. */
export function generateVapidKeys(): VapidKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const scalar = ecdh.getPrivateKey();
  const privateKey = Buffer.concat([Buffer.alloc(32 - scalar.length), scalar]); // a short scalar keeps its width
  return { publicKey: ecdh.getPublicKey().toString('base64url'), privateKey: privateKey.toString('base64url') };
}

/**
 * `npm start`'s set-up: PUSH_VAPID_* from the environment if set, else the pair kept in `file` (.data/vapid.json,
 * made on first start, 0600). Kept, not regenerated: browsers' subscriptions are bound to the public key.
 */
export function ensureVapidKeys(file: string, env: NodeJS.ProcessEnv = process.env): 'configured' | 'kept' | 'made' {
  if (env.PUSH_VAPID_PUBLIC_KEY || env.PUSH_VAPID_PRIVATE_KEY) return 'configured';
  let made = false;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(generateVapidKeys())}\n`, { mode: 0o600 });
    made = true;
  }
  const keys = JSON.parse(readFileSync(file, 'utf8')) as VapidKeys;
  env.PUSH_VAPID_PUBLIC_KEY = keys.publicKey;
  env.PUSH_VAPID_PRIVATE_KEY = keys.privateKey;
  return made ? 'made' : 'kept';
}
