import { describe, expect, it } from 'vitest';
import { metaJson, signatureHeader, verifySignature } from '../src';

/** What a PHP receiver does before hashing: json_encode(json_decode($raw)) with default flags. */
function phpReserialise(raw: string): string {
  return metaJson(JSON.parse(raw));
}

describe('Meta-style JSON', () => {
  it('escapes non-ASCII as lowercase \\uXXXX, astral characters as surrogate pairs, and "/" as "\\/"', () => {
    expect(metaJson({ body: 'Olá, ça va? 👍 中文', mime_type: 'image/jpeg' })).toBe(
      '{"body":"Ol\\u00e1, \\u00e7a va? \\ud83d\\udc4d \\u4e2d\\u6587","mime_type":"image\\/jpeg"}',
    );
  });

  it('keeps JSON.stringify escapes for quotes, backslashes and control characters', () => {
    expect(metaJson({ t: 'a"b\\c\n\u0001\u007f' })).toBe('{"t":"a\\"b\\\\c\\n\\u0001\u007f"}');
  });

  it('produces pure ASCII that parses back to the same value', () => {
    const value = { text: { body: 'Ünïcödé ✓✓ 🎉 — “quotes” / slashes' }, n: 1.5, list: [null, true] };
    const json = metaJson(value);
    expect(/^[\x20-\x7e]*$/.test(json)).toBe(true);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('lets a receiver that hashes a re-serialisation verify the signature', () => {
    const raw = metaJson({ entry: [{ changes: [{ value: { name: 'José 😀', url: 'https://x.test/a' } }] }] });
    const signature = signatureHeader('app-secret-0123456789', raw);
    expect(verifySignature('app-secret-0123456789', raw, signature)).toBe(true);
    expect(verifySignature('app-secret-0123456789', phpReserialise(raw), signature)).toBe(true);
    expect(verifySignature('app-secret-0123456789', JSON.stringify(JSON.parse(raw)), signature)).toBe(false);
    expect(verifySignature('another-secret-0123456789', raw, signature)).toBe(false);
  });
});
