import { createHmac } from 'node:crypto';
import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Key {
  id: string;
  name: string;
  token?: string;
  token_hint: string;
  last_used_time: string | null;
  revoked_time: string | null;
}
interface Page<T> {
  data: T[];
  paging: { cursors: { before: string; after: string }; next?: string; previous?: string };
}
type GraphError = { error: { code: number; type: string; message: string; error_data?: { details: string } } };

describe('API keys', () => {
  let stack: BusinessStack;
  let biz: TestBusiness;
  beforeAll(async () => {
    stack = await startBusinessStack();
    biz = await stack.business();
  });
  afterAll(() => stack.close());

  it('shows a new token once, stores only its HMAC, and lists it without the token', async () => {
    const created = await biz.call<Key>('POST', `/${biz.id}/api_keys`, { name: 'ci' });
    expect(created.status).toBe(200);
    expect(created.body.token).toMatch(/^sb_live_[A-Za-z0-9_-]{43}$/);
    const token = created.body.token!;
    const row = await stack.prisma.apiKey.findUniqueOrThrow({ where: { id: created.body.id } });
    const hmac = createHmac('sha256', 'development-only-secret-change-me-in-production!!').update(token).digest();
    expect(Buffer.from(row.tokenHash).equals(hmac)).toBe(true);
    expect(JSON.stringify(row)).not.toContain(token.slice(8));

    const list = await biz.call<Page<Key>>('GET', `/${biz.id}/api_keys`);
    const listed = list.body.data.find((k) => k.id === created.body.id)!;
    expect(listed).toMatchObject({ name: 'ci', token_hint: `sb_live_…${token.slice(-4)}`, revoked_time: null });
    expect(list.text).not.toContain(token);
  });

  it('authenticates with the new key and records when it was last used', async () => {
    const created = await biz.call<Key>('POST', `/${biz.id}/api_keys`);
    const auth = `Bearer ${created.body.token}`;
    expect((await stack.raw('GET', `/${biz.id}`, auth)).status).toBe(200);
    const listed = await stack.raw<Page<Key>>('GET', `/${biz.id}/api_keys`, auth);
    await new Promise((r) => setTimeout(r, 100)); // the last-used write is fire-and-forget
    const row = await stack.prisma.apiKey.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row.lastUsedAt).not.toBeNull();
    expect(listed.body.data.find((k) => k.id === created.body.id)?.name).toBe('API key');
  });

  it('refuses a revoked key with 190 at once, and revoking again is harmless', async () => {
    const created = await biz.call<Key>('POST', `/${biz.id}/api_keys`, { name: 'short-lived' });
    const auth = `Bearer ${created.body.token}`;
    expect((await stack.raw('GET', `/${biz.id}/phone_numbers`, auth)).status).toBe(200);
    const revoked = await biz.call('DELETE', `/${biz.id}/api_keys/${created.body.id}`);
    expect(revoked).toMatchObject({ status: 200, body: { success: true } });
    const refused = await stack.raw<GraphError>('GET', `/${biz.id}/phone_numbers`, auth);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({
      code: 190,
      type: 'OAuthException',
      message: 'Invalid OAuth access token',
    });
    expect((await biz.call('DELETE', `/${biz.id}/api_keys/${created.body.id}`)).status).toBe(200);
    const list = await biz.call<Page<Key>>('GET', `/${biz.id}/api_keys`);
    expect(list.body.data.find((k) => k.id === created.body.id)?.revoked_time).toEqual(expect.any(String));
  });

  it('answers 190 for a missing, malformed or unknown token', async () => {
    for (const auth of [undefined, 'Bearer', 'Basic abc', 'Bearer sb_live_short', `Bearer sb_live_${'A'.repeat(43)}`]) {
      const res = await stack.raw<GraphError>('GET', `/${biz.id}/message_templates`, auth);
      expect(res.status, String(auth)).toBe(401);
      expect(res.body.error.code).toBe(190);
    }
  });

  it('pages keys with cursors, newest first', async () => {
    const other = await stack.business();
    for (let i = 0; i < 4; i++) await other.call('POST', `/${other.id}/api_keys`, { name: `k${i}` });
    const first = await other.call<Page<Key>>('GET', `/${other.id}/api_keys?limit=2`);
    expect(first.body.data.map((k) => k.name)).toEqual(['k3', 'k2']);
    expect(first.body.paging.next).toContain('after=');
    const second = await other.call<Page<Key>>(
      'GET',
      `/${other.id}/api_keys?limit=2&after=${first.body.paging.cursors.after}`,
    );
    expect(second.body.data.map((k) => k.name)).toEqual(['k1', 'k0']);
    const third = await other.call<Page<Key>>(
      'GET',
      `/${other.id}/api_keys?limit=2&after=${second.body.paging.cursors.after}`,
    );
    expect(third.body.data.map((k) => k.name)).toEqual(['test']);
    expect(third.body.paging.next).toBeUndefined();
    const back = await other.call<Page<Key>>(
      'GET',
      `/${other.id}/api_keys?limit=2&before=${second.body.paging.cursors.before}`,
    );
    expect(back.body.data.map((k) => k.name)).toEqual(['k3', 'k2']);
  });
});
