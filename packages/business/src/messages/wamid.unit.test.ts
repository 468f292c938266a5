import { describe, expect, it } from 'vitest';
import { campaignWamid, decodeWamid, encodeWamid, inboundWamid, newWamid } from './wamid';

describe('wamid codec', () => {
  it("writes Meta's record: wa_id, direction, 24 hex digits", () => {
    // Decoded by hand from Meta's format: 1C 18 0B <wa_id> 15 02 00 11 18 18 <24 hex> 00.
    const wamid = encodeWamid('16505551234', 'outbound', 'abcdef0123456789abcdef0123456789');
    expect(wamid).toBe(
      `wamid.${Buffer.concat([
        Buffer.from([0x1c, 0x18, 11]),
        Buffer.from('16505551234'),
        Buffer.from([0x15, 0x02, 0x00, 0x11, 0x18, 24]),
        Buffer.from('ABCDEF0123456789ABCDEF01'),
        Buffer.from([0x00]),
      ]).toString('base64')}`,
    );
    expect(decodeWamid(wamid)).toEqual({
      waId: '16505551234',
      direction: 'outbound',
      uniqueHex: 'ABCDEF0123456789ABCDEF01',
    });
  });

  it('reads back what it writes, in both directions', () => {
    expect(decodeWamid(newWamid('447700900123'))).toMatchObject({ waId: '447700900123', direction: 'outbound' });
    expect(decodeWamid(inboundWamid('15550001', 'acc', 42n))).toMatchObject({ waId: '15550001', direction: 'inbound' });
    expect(decodeWamid('wamid.nonsense')).toBeUndefined();
    expect(decodeWamid('abc')).toBeUndefined();
  });

  it('is deterministic where a retry must find the same id, and unique otherwise', () => {
    expect(campaignWamid('c1', '1555')).toBe(campaignWamid('c1', '1555'));
    expect(campaignWamid('c1', '1555')).not.toBe(campaignWamid('c2', '1555'));
    expect(inboundWamid('1555', 'acc', 1n)).toBe(inboundWamid('1555', 'acc', 1n));
    expect(newWamid('1555')).not.toBe(newWamid('1555'));
  });
});
