/**
 * Exponential backoff with full jitter (AWS's "Exponential Backoff and Jitter"): the n-th failed attempt of a
 * delivery waits random(0, min(max, base × 2^(n-1))). Full jitter spreads the retries of many deliveries that failed
 * together (a receiver that went down) instead of bringing them back as one wave. The same formula runs in SQL when a
 * batch fails (DeliveriesRepository.fail) with one random draw per batch, so a batch tends to stay together.
 */
export function backoffCeilingMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  return random() * backoffCeilingMs(attempt, baseMs, maxMs);
}
