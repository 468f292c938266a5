import { describe, expect, it } from 'vitest';
import { envelope, metaJson, splitBatches } from '../src';

const change = (i: number, size = 10) => ({ field: 'messages', value: metaJson({ i, pad: 'x'.repeat(size) }) });

describe('webhook envelopes and batches', () => {
  it('merges changes in order into one entry in the Cloud API shape', () => {
    const body = envelope('1000000000000001', [change(1), change(2)]);
    expect(JSON.parse(body)).toEqual({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1000000000000001',
          changes: [
            { value: { i: 1, pad: 'x'.repeat(10) }, field: 'messages' },
            { value: { i: 2, pad: 'x'.repeat(10) }, field: 'messages' },
          ],
        },
      ],
    });
    expect(body.indexOf('"value"')).toBeLessThan(body.indexOf('"field"')); // Meta's key order
  });

  it('splits by update count and by bytes, keeping order, with exact byte accounting', () => {
    const changes = Array.from({ length: 25 }, (_, i) => change(i, 1000));
    expect(splitBatches('1', changes, 10, 1_000_000).map((g) => g.length)).toEqual([10, 10, 5]);
    const limit = 4_000;
    const groups = splitBatches('1', changes, 1000, limit);
    expect(groups.flat()).toEqual(changes);
    for (const g of groups) expect(envelope('1', g).length).toBeLessThanOrEqual(limit);
    // Full: one more change would not have fitted.
    expect(envelope('1', [...groups[0]!, changes[groups[0]!.length]!]).length).toBeGreaterThan(limit);
  });
});
