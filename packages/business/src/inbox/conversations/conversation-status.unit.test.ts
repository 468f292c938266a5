import { describe, expect, it } from 'vitest';
import { CONVERSATION_STATUSES, eventFor, nextStatus } from './conversation-status';

describe('conversation status transitions', () => {
  it('an inbound message reopens a resolved conversation and wakes a snoozed one', () => {
    expect(nextStatus('resolved', 'inbound')).toBe('open');
    expect(nextStatus('snoozed', 'inbound')).toBe('open');
    expect(nextStatus('open', 'inbound')).toBe('open');
    expect(nextStatus('pending', 'inbound')).toBe('pending');
  });

  it('a snooze wakes when its time comes; nothing else wakes by time', () => {
    expect(nextStatus('snoozed', 'wake')).toBe('open');
    for (const s of CONVERSATION_STATUSES.filter((s) => s !== 'snoozed')) expect(nextStatus(s, 'wake')).toBeUndefined();
  });

  it('agents move between every status, except parking or snoozing a resolved conversation', () => {
    for (const from of ['open', 'pending', 'snoozed'] as const)
      for (const to of CONVERSATION_STATUSES) expect(nextStatus(from, eventFor(to))).toBe(to);
    expect(nextStatus('resolved', eventFor('open'))).toBe('open');
    expect(nextStatus('resolved', eventFor('snoozed'))).toBeUndefined();
    expect(nextStatus('resolved', eventFor('pending'))).toBeUndefined();
  });
});
