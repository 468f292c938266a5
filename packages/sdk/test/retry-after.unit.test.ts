import { ErrorCode } from '@switchboard/protocol';
import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../src/messaging/retry-after';

describe('retryAfterMs: the wait before a 429 is sent again', () => {
  it("reads the server's wait, in either wording, and adds up to half of it as jitter", () => {
    const msg = 'new chats limit: at most 50 a day with accounts that never messaged you; retry in 3600 s';
    expect(retryAfterMs(ErrorCode.RateLimited, msg, () => 0)).toBe(3_600_000);
    expect(retryAfterMs(ErrorCode.RateLimited, 'key_bundle_fetches: retry after 7 s', () => 0.999)).toBe(10_496);
  });

  it('waits about a second when the server names no wait, spread over [1 s, 1.5 s)', () => {
    const waits = Array.from(
      { length: 200 },
      () => retryAfterMs(ErrorCode.RateLimited, 'too many frames; retry later')!,
    );
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(1_000);
    expect(Math.max(...waits)).toBeLessThan(1_500);
    expect(new Set(waits).size).toBeGreaterThan(50);
  });

  it('is undefined for refusals that are not rate limits', () => {
    expect(retryAfterMs(ErrorCode.MismatchedDevices, 'retry after 3 s')).toBeUndefined();
    expect(retryAfterMs(ErrorCode.Forbidden, 'blocked')).toBeUndefined();
  });
});
