import { randomInt } from 'node:crypto';
import { outboundGet } from '../outbound/outbound-get';
import type { PrivateNetworks } from '../outbound/outbound-guard';

export type HandshakeResult = { ok: true } | { ok: false; reason: string };

const MAX_BODY_CHARS = 10_000;

/**
 * Meta's verification request: GET <callback>?hub.mode=subscribe&hub.challenge=<random>&hub.verify_token=<token>.
 * The endpoint is verified when it answers 200 with exactly the challenge (surrounding whitespace forgiven).
 * Redirects are not followed; the host is vetted under `privateNetworks` (outbound-guard.ts).
 */
export async function verifyCallback(
  callbackUrl: string,
  verifyToken: string,
  timeoutMs: number,
  privateNetworks: PrivateNetworks,
): Promise<HandshakeResult> {
  const challenge = String(randomInt(1_000_000_000, 2_000_000_000));
  const url = new URL(callbackUrl);
  url.searchParams.set('hub.mode', 'subscribe');
  url.searchParams.set('hub.challenge', challenge);
  url.searchParams.set('hub.verify_token', verifyToken);
  let status: number;
  let text: string;
  try {
    const res = await outboundGet(url.href, { policy: privateNetworks, timeoutMs, maxRedirects: 0 });
    status = res.status;
    text = await readText(res.body);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.code ?? e.message);
    return { ok: false, reason: `the verification request to callback_url failed: ${why}` };
  }
  if (status !== 200) {
    return { ok: false, reason: `callback_url answered HTTP ${status} to the verification request (expected 200)` };
  }
  if (text.trim() !== challenge) {
    return { ok: false, reason: 'callback_url answered 200 but did not echo hub.challenge' };
  }
  return { ok: true };
}

/** The first MAX_BODY_CHARS of a body; the rest is not waited for. */
function readText(body: import('node:http').IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    body.setEncoding('utf8');
    body.on('data', (chunk: string) => {
      text += chunk;
      if (text.length >= MAX_BODY_CHARS) {
        body.destroy();
        resolve(text.slice(0, MAX_BODY_CHARS));
      }
    });
    body.on('end', () => resolve(text));
    body.on('error', reject);
  });
}
