import { randomBytes } from 'node:crypto';
import { type ContractResponse, contractFetch } from '@switchboard/contract';
import { type ApiNode, startNode } from '@switchboard/testkit/api-process';
import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Key = { id: string; token: string };
type GraphError = { error: { code: number; type: string } };

// A key revoked through one API node is refused by every other at once (KeyRevocations: Redis pub/sub), not after
// the other node's 5-second key cache expires.
describe('API key revocation across API nodes', () => {
  let stack: BusinessStack;
  let biz: TestBusiness;
  let nodes: ApiNode[] = [];
  const prefix = `${process.env.REDIS_PREFIX ?? 'sb:test:'}keys${randomBytes(3).toString('hex')}:`;

  const call = <T>(node: ApiNode, token: string, method: string, path: string, body?: unknown) =>
    contractFetch<T>(`${node.url}/v23.0${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const listKeys = (node: ApiNode, token: string): Promise<ContractResponse<GraphError>> =>
    call<GraphError>(node, token, 'GET', `/${biz.id}/api_keys`);

  beforeAll(async () => {
    stack = await startBusinessStack({ env: { REDIS_PREFIX: prefix } });
    biz = await stack.business();
    nodes = await Promise.all([
      startNode('keys-a', { REDIS_PREFIX: prefix }),
      startNode('keys-b', { REDIS_PREFIX: prefix }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.proc.stop()));
    await stack?.close();
  });

  it('node B refuses with 190 within a few hundred milliseconds of node A revoking a key B had cached', async () => {
    const [a, b] = nodes as [ApiNode, ApiNode];
    const created = await call<Key>(a, biz.token, 'POST', `/${biz.id}/api_keys`, { name: 'revoked soon' });
    expect(created.status, created.text).toBe(200);
    const { id, token } = created.body;

    // The control: revoked in Postgres alone (no announcement), a key B has cached still works there — the cache
    // this test is about is real, so only the announcement can make B refuse sooner than its 5 s TTL.
    const control = (await call<Key>(a, biz.token, 'POST', `/${biz.id}/api_keys`, { name: 'control' })).body;
    expect((await listKeys(b, control.token)).status).toBe(200);
    await stack.prisma.apiKey.update({ where: { id: control.id }, data: { revokedAt: new Date() } });
    expect((await listKeys(b, control.token)).status).toBe(200);

    expect((await listKeys(b, token)).status).toBe(200); // cached on B from now on
    const revoked = await call(a, biz.token, 'DELETE', `/${biz.id}/api_keys/${id}`);
    expect(revoked.status).toBe(200);
    const revokedAt = Date.now();
    let refused: ContractResponse<GraphError> | undefined;
    while (Date.now() - revokedAt < 6_000) {
      const res = await listKeys(b, token);
      if (res.status !== 200) {
        refused = res;
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    const afterMs = Date.now() - revokedAt;
    expect(refused?.status).toBe(401);
    expect(refused?.body.error).toMatchObject({ code: 190, type: 'OAuthException' });
    expect(afterMs).toBeLessThan(1_000);
    // A is refused too, and the business's own key still works on both.
    expect((await listKeys(a, token)).status).toBe(401);
    for (const node of nodes) expect((await listKeys(node, biz.token)).status).toBe(200);
  }, 30_000);
});
