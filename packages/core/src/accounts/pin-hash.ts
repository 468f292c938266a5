import { createHmac, randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

// A 6-digit PIN has a million values: no hash makes that slow to search once the hash is known. So the PIN is first
// keyed with SECRET_KEY (a database dump alone cannot be searched), then stretched with scrypt (N=2^14, 16 MiB) for
// a dump taken together with the secret. The parameters are stored with the hash, so they can be raised later.
// Online guessing is what the lockout stops (pin-lockout.ts).
const PARAMS = { N: 2 ** 14, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(pin: string, secretKey: string, salt: Buffer, { N, r, p }: typeof PARAMS): Promise<Buffer> {
  const keyed = createHmac('sha256', secretKey).update(`pin:${pin}`).digest();
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r * p };
  return new Promise((resolve, reject) =>
    scrypt(keyed, salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash` (salt and hash base64). */
export async function hashPin(pin: string, secretKey: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, secretKey, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function pinMatches(pin: string, stored: string, secretKey: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) throw new Error('unrecognised PIN hash format');
  const expected = Buffer.from(hash, 'base64');
  const params = { N: Number(N), r: Number(r), p: Number(p) };
  const actual = await derive(pin, secretKey, Buffer.from(salt, 'base64'), params);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
