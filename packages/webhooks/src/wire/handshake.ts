import { randomInt } from 'node:crypto';

export type HandshakeResult = { ok: true } | { ok: false; reason: string };

/**
 * Meta's verification request: GET <callback>?hub.mode=subscribe&hub.challenge=<random>&hub.verify_token=<token>.
 * The endpoint is verified when it answers 200 with exactly the challenge (surrounding whitespace forgiven).
 */
export async function verifyCallback(
  callbackUrl: string,
  verifyToken: string,
  timeoutMs: number,
): Promise<HandshakeResult> {
  const challenge = String(randomInt(1_000_000_000, 2_000_000_000));
  const url = new URL(callbackUrl);
  url.searchParams.set('hub.mode', 'subscribe');
  url.searchParams.set('hub.challenge', challenge);
  url.searchParams.set('hub.verify_token', verifyToken);
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why =
      e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { ok: false, reason: `the verification request to callback_url failed: ${why}` };
  }
  const text = (await res.text().catch(() => '')).slice(0, 10_000);
  if (res.status !== 200) {
    return { ok: false, reason: `callback_url answered HTTP ${res.status} to the verification request (expected 200)` };
  }
  if (text.trim() !== challenge) {
    return { ok: false, reason: 'callback_url answered 200 but did not echo hub.challenge' };
  }
  return { ok: true };
}
