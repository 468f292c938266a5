import { type BusinessApi, startBusinessApi, type TestBusiness } from '@switchboard/testkit/business/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleMessages } from './samples';

/** A small deterministic PRNG, so a failure can be replayed from the seed in its message. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'messaging_product',
  'to',
  'type',
  'text',
  'body',
  'image',
  'id',
  'link',
  'interactive',
  'action',
  'buttons',
  'sections',
  'rows',
  'reply',
  'title',
  'template',
  'name',
  'language',
  'code',
  'components',
  'parameters',
  'status',
  'message_id',
  'reaction',
  'emoji',
  'location',
  'latitude',
  'contacts',
  'context',
  '__proto__',
  'constructor',
];
const STRINGS = [
  '',
  'whatsapp',
  'text',
  'template',
  'interactive',
  'button',
  'list',
  'read',
  '+447400123456',
  'wamid.x',
  '😀',
  '\u0000',
  'x'.repeat(5000),
  '1e309',
  '{"a":1}',
  'https://example.com',
  'NaN',
  '-1',
  'cta_url',
];

function value(r: () => number, depth: number): unknown {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const roll = r();
  if (depth > 4 || roll < 0.3)
    return pick<unknown>([null, true, false, 0, -1, 1e308, 3.14, pick(STRINGS), pick(STRINGS)]);
  if (roll < 0.5) return Array.from({ length: Math.floor(r() * 5) }, () => value(r, depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(r() * 6) }, () => [pick(KEYS), value(r, depth + 1)]));
}

/** Mutates a valid body: drops, retypes or replaces one field somewhere inside it. */
function mutate(r: () => number, body: unknown): unknown {
  if (!body || typeof body !== 'object' || r() < 0.2) return value(r, 2);
  const copy: Record<string, unknown> = Array.isArray(body)
    ? ([...body] as never)
    : { ...(body as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const k = keys[Math.floor(r() * keys.length)] ?? 'x';
  const roll = r();
  if (roll < 0.3) delete copy[k];
  else if (roll < 0.7) copy[k] = mutate(r, copy[k]);
  else copy[k] = value(r, 2);
  return copy;
}

describe('POST /{phone_number_id}/messages: garbage in', () => {
  let env: BusinessApi;
  let biz: TestBusiness;
  let samples: unknown[];

  beforeAll(async () => {
    env = await startBusinessApi();
    biz = await env.business();
    samples = Object.values(
      sampleMessages(await biz.consumer(), { image: '1', pdf: '1', ogg: '1', mp4: '1', webp: '1' }),
    );
  });
  afterAll(async () => {
    await env?.close();
  });

  it('never answers 500: 400 random bodies and mutations of valid ones all get 2xx or 4xx in the envelope', async () => {
    const seed = Date.now() % 100_000;
    const r = rng(seed);
    const bodies = Array.from({ length: 400 }, (_, i) =>
      i % 2 ? value(r, 0) : mutate(r, samples[i % samples.length]),
    );
    for (let i = 0; i < bodies.length; i += 20) {
      const batch = bodies.slice(i, i + 20);
      const results = await Promise.all(
        batch.map((b) =>
          biz.call<{ error?: { code: number } }>(`/${biz.phoneNumberId}/messages`, {
            method: 'POST',
            body: JSON.stringify(b),
          }),
        ),
      );
      results.forEach((res, j) => {
        const where = `seed ${seed}, body ${JSON.stringify(batch[j]).slice(0, 300)}: ${res.text.slice(0, 300)}`;
        expect(res.status, where).toBeLessThan(500);
        if (res.status >= 400) expect(res.body.error?.code, where).toEqual(expect.any(Number));
      });
    }
  });
});
