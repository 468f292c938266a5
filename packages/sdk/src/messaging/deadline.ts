import { SendTimeoutError } from './errors';

// fetch's own failure (no route, refused, reset): the device is offline or the server unreachable, which a send
// waits out; an HTTP error answer is an ApiRequestError and ends the send.
const isOffline = (err: unknown) => err instanceof TypeError && err.message === 'fetch failed';

/** Waits `ms`, or fails with SendTimeoutError if the deadline (epoch ms) comes first. */
export async function sleepUntil(id: bigint, deadline: number, ms: number): Promise<void> {
  if (Date.now() + ms >= deadline) {
    await new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())));
    throw new SendTimeoutError(id);
  }
  await new Promise((r) => setTimeout(r, ms));
}

/** Runs `fn` (REST calls: fetching key bundles) again while offline, until it succeeds or the deadline passes. */
export async function untilDeadline<T>(id: bigint, deadline: number, fn: () => Promise<T>): Promise<T> {
  for (let wait = 250; ; wait = Math.min(wait * 2, 5_000)) {
    try {
      return await beforeDeadline(id, deadline, fn());
    } catch (err) {
      if (!isOffline(err)) throw err;
      await sleepUntil(id, deadline, wait);
    }
  }
}

function beforeDeadline<T>(id: bigint, deadline: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SendTimeoutError(id)), deadline - Date.now());
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
