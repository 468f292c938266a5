import { describe, expect, it } from 'vitest';
import { lockoutSeconds } from './pin-lockout';

describe('PIN lockout', () => {
  const pin = { freeAttempts: 5, lockoutBaseSeconds: 60, lockoutMaxSeconds: 7 * 86_400 };

  it('is free for the first attempts, then doubles up to the cap', () => {
    const seconds = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((f) => lockoutSeconds(f, pin));
    expect(seconds).toEqual([0, 0, 0, 0, 0, 60, 120, 240, 480]);
    expect(lockoutSeconds(50, pin)).toBe(7 * 86_400);
    expect(lockoutSeconds(10_000, pin)).toBe(7 * 86_400);
  });
});
