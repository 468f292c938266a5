import { randomBytes } from 'node:crypto';
import {
  decodeContent,
  encodeContent,
  openProfileField,
  PROFILE_FIELD_BYTES,
  ProfileDecryptionError,
  sealProfileField,
} from '@switchboard/sdk';
import { describe, expect, it } from 'vitest';

const ACCOUNT = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';

describe('profile fields sealed with the profile key', () => {
  it('opens with the key, for the same account and field only; every name is the same length', () => {
    const key = randomBytes(32);
    const short = sealProfileField(key, ACCOUNT, 'name', 'Al');
    const long = sealProfileField(key, ACCOUNT, 'name', 'Alexandra Konstantinopoulou');
    expect(short.length).toBe(long.length);
    expect(short.length).toBe(12 + PROFILE_FIELD_BYTES.name + 16);
    expect(openProfileField(key, ACCOUNT, 'name', long)).toBe('Alexandra Konstantinopoulou');
    expect(() => openProfileField(randomBytes(32), ACCOUNT, 'name', short)).toThrow(ProfileDecryptionError);
    expect(() => openProfileField(key, ACCOUNT, 'about', short)).toThrow(ProfileDecryptionError);
    expect(() => openProfileField(key, '00000000-0000-4000-8000-000000000000', 'name', short)).toThrow(
      ProfileDecryptionError,
    );
    const tampered = Buffer.from(short);
    tampered[20]! ^= 1;
    expect(() => openProfileField(key, ACCOUNT, 'name', tampered)).toThrow(ProfileDecryptionError);
    expect(() => sealProfileField(key, ACCOUNT, 'name', 'x'.repeat(129))).toThrow(RangeError);
  });

  it('a message’s content carries the sender’s number and profile key', () => {
    const profileKey = new Uint8Array(randomBytes(32));
    const content = decodeContent(
      encodeContent({ text: 'hi', sentAt: 1, sender: { number: '+447400123456', profileKey } }),
    );
    expect(content.sender?.number).toBe('+447400123456');
    expect(Buffer.from(content.sender!.profileKey)).toEqual(Buffer.from(profileKey));
    expect(decodeContent(encodeContent({ text: 'hi', sentAt: 1 })).sender).toBeUndefined();
  });
});
