import { ErrorCode } from '@switchboard/protocol';
import { SendRefusedError } from './errors';

/** When a 429 names no wait ("too many frames"), the frame budget refills within a second. */
const DEFAULT_WAIT_MS = 1_000;
/** Up to this share is added at random, so devices refused together do not all come back in the same instant. */
const JITTER = 0.5;

/**
 * How long to wait before sending a rate-limited (429) request again: the server's "retry after N s" / "retry in N s"
 * (a send_error carries no header, so the wait is in its message), else a second; plus jitter. Undefined for any
 * other refusal.
 */
export function retryAfterMs(code: number, message: string, random: () => number = Math.random): number | undefined {
  if (code !== ErrorCode.RateLimited) return undefined;
  const said = /retry (?:after|in) (\d+) s\b/.exec(message);
  const base = said ? Number(said[1]) * 1_000 : DEFAULT_WAIT_MS;
  return Math.floor(base * (1 + JITTER * random())); // floor: the wait stays under base × 1.5
}

/**
 * After a refusal: false unless it is a 429; for a 429, waits (retryAfterMs) and returns true, so the caller sends
 * again. Nothing was stored, so sending again is safe. A wait that would outlast the send's deadline is not waited:
 * the send is refused now, with the server's reason, instead of timing out later.
 */
export async function waitOutRateLimit(answer: { code: number; message: string }, deadline: number): Promise<boolean> {
  const wait = retryAfterMs(answer.code, answer.message);
  if (wait === undefined) return false;
  if (Date.now() + wait >= deadline) throw new SendRefusedError(answer.code, answer.message);
  await new Promise((r) => setTimeout(r, wait));
  return true;
}
