import { describe, expect, it } from 'vitest';
import { SecretBox } from '../src';

describe('SecretBox (AES-256-GCM under a key derived from SECRET_KEY)', () => {
  const box = new SecretBox('x'.repeat(40), 'test');

  it('opens what it sealed, and never seals the same way twice', () => {
    const a = box.seal('app secret é', 'sub-1');
    expect(box.open(a, 'sub-1')).toBe('app secret é');
    expect(Buffer.from(box.seal('app secret é', 'sub-1')).equals(Buffer.from(a))).toBe(false);
    expect(Buffer.from(a).includes(Buffer.from('app secret'))).toBe(false);
  });

  it('refuses another context, another key, another purpose and altered bytes', () => {
    const sealed = box.seal('s3cret', 'sub-1');
    expect(() => box.open(sealed, 'sub-2')).toThrow();
    expect(() => new SecretBox('y'.repeat(40), 'test').open(sealed, 'sub-1')).toThrow();
    expect(() => new SecretBox('x'.repeat(40), 'other').open(sealed, 'sub-1')).toThrow();
    const altered = Uint8Array.from(sealed);
    altered[altered.length - 1]! ^= 1;
    expect(() => box.open(altered, 'sub-1')).toThrow();
  });
});
