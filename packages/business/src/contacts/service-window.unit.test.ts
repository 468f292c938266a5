import { describe, expect, it } from 'vitest';
import { SERVICE_WINDOW_MS, windowClosesAt, windowOpen } from './service-window';

describe('customer-service window', () => {
  const last = new Date('2026-01-01T12:00:00Z');

  it('is open for 24 hours after the consumer last wrote, closed from the 24th hour on', () => {
    expect(windowOpen(last, last)).toBe(true);
    expect(windowOpen(last, last.getTime() + SERVICE_WINDOW_MS - 1)).toBe(true);
    expect(windowOpen(last, last.getTime() + SERVICE_WINDOW_MS)).toBe(false);
    expect(windowOpen(last.getTime(), new Date(last.getTime() + 2 * SERVICE_WINDOW_MS))).toBe(false);
  });

  it('is closed when the consumer never wrote', () => {
    expect(windowOpen(null)).toBe(false);
    expect(windowOpen(undefined, 0)).toBe(false);
    expect(windowClosesAt(null)).toBeNull();
  });

  it('closes 24 hours after the last inbound message', () => {
    expect(windowClosesAt(last)).toBe(Date.parse('2026-01-02T12:00:00Z'));
  });
});
