import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutboundRefused } from '@switchboard/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpCall, pick } from './http-call';

describe("a flow's HTTP call", () => {
  let server: Server;
  let url: string;
  let connections = 0;
  const seen: { method?: string; body: string; auth?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method, body, auth: req.headers.authorization });
        if (req.url === '/slow') return void setTimeout(() => res.end('{}'), 2_000);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { plan: 'gold', items: [{ n: 1 }] } }));
      });
    });
    server.on('connection', () => {
      connections += 1;
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends the method, headers and body, and answers the parsed JSON', async () => {
    const res = await httpCall(
      { method: 'POST', url: `${url}/x`, headers: { authorization: 'Bearer t' }, body: '{"a":1}', timeoutMs: 2_000 },
      'allow',
    );
    expect(res.status).toBe(200);
    expect(pick(res.body, 'data.plan')).toBe('gold');
    expect(pick(res.body, 'data.items.0.n')).toBe(1);
    expect(pick(res.body, 'data.none.x')).toBeUndefined();
    expect(seen.at(-1)).toEqual({ method: 'POST', body: '{"a":1}', auth: 'Bearer t' });
  });

  it('fails after its timeout', async () => {
    await expect(httpCall({ method: 'GET', url: `${url}/slow`, headers: {}, timeoutMs: 200 }, 'allow')).rejects.toThrow(
      'no answer within 200 ms',
    );
  });

  it('refuses a private address under OUTBOUND_PRIVATE_NETWORKS=deny before any connection', async () => {
    const before = connections;
    await expect(
      httpCall({ method: 'GET', url: `${url}/x`, headers: {}, timeoutMs: 2_000 }, 'deny'),
    ).rejects.toBeInstanceOf(OutboundRefused);
    expect(connections).toBe(before);
  });
});
