import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeliveryWindow } from '../../src/gateway/delivery-window';

describe('a connection’s delivery window', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('knows what went out, says whom each ack owes a receipt, and remembers acked guids for 30-60 s only', () => {
    const w = new DeliveryWindow(10);
    expect(w.has(1)).toBe(false);
    w.sent(1, 'sender-a');
    w.sent(2, null);
    expect(w.has(1)).toBe(true);
    expect(w.acknowledge([1, 2, 3])).toEqual(['sender-a', null, undefined]);
    expect(w.has(1)).toBe(true); // acked lately: a late duplicate push is still recognised

    vi.advanceTimersByTime(31_000);
    w.tidy(); // the keep-alive tick: the acked set becomes the older generation
    expect(w.has(1)).toBe(true);
    vi.advanceTimersByTime(31_000);
    w.tidy();
    expect(w.has(1)).toBe(false);
    expect(w.has(2)).toBe(false);
  });

  it('holds the backlog at the window until acks make room', async () => {
    const w = new DeliveryWindow(3);
    for (const g of [1, 2, 3]) w.sent(g, null);
    let room = false;
    const waiting = w.whenRoomFor(2).then(() => {
      room = true;
    });
    w.acknowledge([1]);
    await Promise.resolve();
    expect(room).toBe(false);
    w.acknowledge([2]);
    await waiting;
    expect(room).toBe(true);
  });

  it('lets a waiting backlog go once the connection is released', async () => {
    const w = new DeliveryWindow(1);
    w.sent(1, null);
    const waiting = w.whenRoomFor(1);
    w.release();
    await expect(waiting).resolves.toBeUndefined();
  });
});
