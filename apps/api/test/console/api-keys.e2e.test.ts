import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { type Operator, Operators } from '@switchboard/testkit/console/operators';
import { waitFor } from '@switchboard/testkit/wait';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Key {
  id: string;
  name: string;
  token_hint: string;
  last_used_time: string | null;
  revoked_time: string | null;
}

// The Developers page's keys are the business API's keys: one minted in the console works on the API until revoked.
describe('console API keys', () => {
  let stack: BusinessStack;
  let business: TestBusiness;
  let owner: Operator;
  const keys = () => `/console/v1/businesses/${business.id}/api_keys`;

  beforeAll(async () => {
    stack = await startBusinessStack();
    business = await stack.business();
    owner = await Operators.of(stack.api.app, stack.api.url).owner(business.id);
  }, 120_000);
  afterAll(() => stack.close());

  it('a key created in the console is shown once, calls the API, shows when it was last used, and stops on revoke', async () => {
    const created = await owner.call<Key & { token: string }>('POST', keys(), { name: 'CRM sync' });
    expect(created.status).toBe(200);
    expect(created.body.token).toMatch(/^sb_live_/);
    expect(created.body.token_hint.slice(-4)).toBe(created.body.token.slice(-4));
    const bearer = `Bearer ${created.body.token}`;
    expect((await stack.raw('GET', `/v23.0/${business.id}/phone_numbers`, bearer)).status).toBe(200);

    const listed = async () =>
      (await owner.call<{ data: (Key & { token?: string })[] }>('GET', keys())).body.data.find(
        (k) => k.id === created.body.id,
      )!;
    expect((await listed()).token).toBeUndefined();
    await waitFor(async () => (await listed()).last_used_time !== null, 'last_used_time written');

    expect((await owner.call('DELETE', `${keys()}/${created.body.id}`)).status).toBe(200);
    expect((await listed()).revoked_time).not.toBeNull();
    const refused = await stack.raw<{ error: { code: number } }>('GET', `/v23.0/${business.id}/phone_numbers`, bearer);
    expect([refused.status, refused.body.error.code]).toEqual([401, 190]);
  });

  it("another business's key is not found, a bad name is a 400 in the error envelope", async () => {
    const other = await stack.business();
    const theirs = await stack.raw<{ data: Key[] }>('GET', `/v23.0/${other.id}/api_keys`, `Bearer ${other.token}`);
    const res = await owner.call<{ error: { code: number } }>('DELETE', `${keys()}/${theirs.body.data[0]!.id}`);
    expect(res.status).toBe(404);
    const bad = await owner.call<{ error: { code: number } }>('POST', keys(), { name: '' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 100]);
  });
});
