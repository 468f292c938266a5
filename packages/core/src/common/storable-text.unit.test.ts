import { describe, expect, it } from 'vitest';
import { findUnstorableText, isStorableText, withStorableText } from './storable-text';

describe('text Postgres can store', () => {
  it('refuses NUL and unpaired surrogates, takes paired ones (emoji)', () => {
    expect(isStorableText('plain, ünïcode, 😀 and 👍🏽')).toBe(true);
    for (const bad of ['a\u0000b', 'a\ud800', '\udc00b', 'x\ud83dy']) expect(isStorableText(bad)).toBe(false);
  });

  it('names the first field that holds such text, keys included, as the API reports it', () => {
    expect(findUnstorableText({ text: { body: 'ok' }, tags: ['a', 'b\u0000'] })).toBe('tags[1]');
    expect(findUnstorableText({ components: [{ parameters: [{ text: 'x' }, { text: '\ud800' }] }] })).toBe(
      'components[0].parameters[1].text',
    );
    expect(findUnstorableText({ 'k\u0000': 1 })).toBe('k\u0000');
    expect(findUnstorableText('\u0000')).toBe('body');
    // Query strings parse into objects without Object.prototype; they are checked all the same.
    expect(findUnstorableText(Object.assign(Object.create(null), { search: 'a\u0000' }))).toBe('search');
    expect(findUnstorableText({ n: 1, b: true, z: null, s: 'fine' })).toBeUndefined();
    expect(findUnstorableText(Buffer.from([0]))).toBeUndefined();
  });

  it('represents what must be kept with U+FFFD in place of each unstorable character', () => {
    expect(withStorableText({ text: { body: 'a\u0000b' }, 'k\ud800': ['\udc00'] })).toEqual({
      text: { body: 'a\ufffdb' },
      'k\ufffd': ['\ufffd'],
    });
  });
});
