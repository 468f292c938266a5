import { describe, expect, it } from 'vitest';
import { encodeFrame, envelopeOverheadBytes } from '../src/index';

describe('envelope overhead', () => {
  it('a text envelope costs at most 40 bytes beyond its ciphertext, in Send and in Deliver', () => {
    const overhead = envelopeOverheadBytes();
    expect(overhead).toBeLessThanOrEqual(40);
    // And measured on a typical frame directly, not only through the helper.
    const ciphertext = new Uint8Array(150);
    const deliver = encodeFrame({
      t: 'deliver',
      guid: 123_456,
      senderAccountId: '0b7e3c1e-5a8d-4f0e-9c4b-2d1f6a7e8b90',
      senderDeviceId: 1,
      serverTimestamp: Date.now(),
      messageId: 0xdead_beef_dead_beefn,
      type: 2,
      ciphertext,
    });
    expect(deliver.length - ciphertext.length).toBeLessThanOrEqual(overhead);
  });
});
