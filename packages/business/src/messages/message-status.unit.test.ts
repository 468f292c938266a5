import { describe, expect, it } from 'vitest';
import { canMoveMessage, type MessageStatus, stepsUpTo } from './message-status';

const ALL: MessageStatus[] = ['queued', 'sent', 'delivered', 'read', 'failed'];
const allowed = (from: MessageStatus) => ALL.filter((to) => canMoveMessage(from, to));

describe('message status moves', () => {
  it('go forward only, skipping steps when a later receipt comes first', () => {
    expect(allowed('queued')).toEqual(['sent', 'delivered', 'read', 'failed']);
    expect(allowed('sent')).toEqual(['delivered', 'read', 'failed']);
    expect(allowed('delivered')).toEqual(['read']);
  });

  it('never leave read or failed, and never go back to queued or stay in place', () => {
    expect(allowed('read')).toEqual([]);
    expect(allowed('failed')).toEqual([]);
    for (const s of ALL) expect(canMoveMessage(s, s)).toBe(false);
    for (const s of ALL) expect(canMoveMessage(s, 'queued')).toBe(false);
  });

  it('report the steps a receipt implies in order', () => {
    expect(stepsUpTo('sent')).toEqual(['sent']);
    expect(stepsUpTo('read')).toEqual(['sent', 'delivered', 'read']);
  });
});
