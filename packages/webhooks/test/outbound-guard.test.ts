import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from '../src/delivery/http-poster';
import { forbiddenRange } from '../src/outbound/address-ranges';
import { outboundGet } from '../src/outbound/outbound-get';
import { assertPublicUrl, guardRequest, OutboundRefused } from '../src/outbound/outbound-guard';

describe('address classification (OUTBOUND_PRIVATE_NETWORKS=deny)', () => {
  it('names every non-public IPv4 range', () => {
    for (const [address, range] of [
      ['127.0.0.1', 'a loopback'],
      ['127.255.255.254', 'a loopback'],
      ['10.1.2.3', 'a private'],
      ['172.16.0.1', 'a private'],
      ['172.31.255.255', 'a private'],
      ['192.168.1.1', 'a private'],
      ['169.254.169.254', 'a link-local'],
      ['100.64.0.1', 'a carrier-grade NAT (100.64.0.0/10)'],
      ['100.127.255.255', 'a carrier-grade NAT (100.64.0.0/10)'],
      ['0.0.0.0', 'an unspecified'],
      ['224.0.0.251', 'a multicast'],
      ['255.255.255.255', 'a reserved'],
    ] as const)
      expect(forbiddenRange(address), address).toBe(range);
  });

  it('names every non-public IPv6 range, and IPv4-mapped forms by their IPv4 range', () => {
    for (const [address, range] of [
      ['::1', 'a loopback'],
      ['::', 'an unspecified'],
      ['fc00::1', 'a private'],
      ['fd12:3456::1', 'a private'],
      ['fe80::1', 'a link-local'],
      ['febf::1', 'a link-local'],
      ['ff02::1', 'a multicast'],
      ['::ffff:127.0.0.1', 'a loopback'],
      ['::ffff:7f00:1', 'a loopback'],
      ['::ffff:a9fe:a9fe', 'a link-local'], // 169.254.169.254
      ['::ffff:10.0.0.1', 'a private'],
      ['0:0:0:0:0:ffff:c0a8:101', 'a private'], // 192.168.1.1
    ] as const)
      expect(forbiddenRange(address), address).toBe(range);
  });

  it('lets public addresses through, including the neighbours of the ranges', () => {
    for (const address of [
      '8.8.8.8',
      '1.1.1.1',
      '172.15.255.255',
      '172.32.0.0',
      '100.63.255.255',
      '100.128.0.0',
      '169.253.255.255',
      '11.0.0.1',
      '2001:4860:4860::8888',
      '2606:4700::1111',
      'fbff::1', // just below fc00::/7
      '::ffff:8.8.8.8',
    ])
      expect(forbiddenRange(address), address).toBeUndefined();
  });

  it('refuses the forms of 127.0.0.1 the URL parser normalises: decimal, hex, octal, short, mapped', () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://2130706433/',
      'http://0x7f000001/',
      'http://0x7f.0.0.1/',
      'http://0177.0.0.1/',
      'http://017700000001/',
      'http://127.1/',
      'http://[::1]:8080/',
      'http://[::ffff:127.0.0.1]/',
      'http://[0:0:0:0:0:ffff:7f00:1]/',
      'https://169.254.169.254/latest/meta-data/',
    ]) {
      expect(() => guardRequest(new URL(url), 'deny'), url).toThrow(OutboundRefused);
      expect(guardRequest(new URL(url), 'allow'), url).toEqual({});
    }
    expect(() => guardRequest(new URL('http://0x7f000001/'), 'deny')).toThrow(
      /^127\.0\.0\.1 is a loopback address; .*OUTBOUND_PRIVATE_NETWORKS=deny/,
    );
  });

  it('checks host names at lookup time: localhost is refused, a public literal needs no lookup', async () => {
    await expect(assertPublicUrl(new URL('http://localhost:9/'), 'deny')).rejects.toThrow(
      /^localhost resolves to (127\.0\.0\.1|::1), which is a loopback address/,
    );
    await expect(assertPublicUrl(new URL('http://localhost:9/'), 'allow')).resolves.toBeUndefined();
    await expect(assertPublicUrl(new URL('http://8.8.8.8/'), 'deny')).resolves.toBeUndefined();
    // A host that does not resolve is not a refusal: the request that follows reports it.
    await expect(assertPublicUrl(new URL('http://no-such-host.invalid/'), 'deny')).resolves.toBeUndefined();
  });
});

describe('requests under the guard', () => {
  let server: Server;
  let port: number;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.url === '/hop') res.writeHead(302, { location: `http://localhost:${port}/end` }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('fine');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('a webhook POST to a loopback receiver fails with the reason, without a connection; allowed, it is delivered', async () => {
    seen.length = 0;
    for (const url of [`http://127.0.0.1:${port}/hook`, `http://localhost:${port}/hook`]) {
      const refused = await postWebhook(url, '{}', 'sha256=00', 2000, 'deny');
      expect(refused.ok).toBe(false);
      expect(refused.statusCode).toBeNull();
      expect(refused.error).toMatch(/loopback address; Switchboard does not connect to private networks/);
    }
    expect(seen).toEqual([]);
    const allowed = await postWebhook(`http://localhost:${port}/hook`, '{}', 'sha256=00', 2000, 'allow');
    expect(allowed).toMatchObject({ ok: true, statusCode: 200, error: null });
    expect(seen).toEqual(['POST /hook']);
  });

  it('a GET follows redirects only as far as allowed, vetting each hop', async () => {
    seen.length = 0;
    await expect(
      outboundGet(`http://localhost:${port}/hop`, { policy: 'deny', timeoutMs: 2000, maxRedirects: 5 }),
    ).rejects.toThrow(OutboundRefused);
    const followed = await outboundGet(`http://127.0.0.1:${port}/hop`, {
      policy: 'allow',
      timeoutMs: 2000,
      maxRedirects: 5,
    });
    followed.body.resume();
    expect({ status: followed.status, url: followed.url }).toEqual({
      status: 200,
      url: `http://localhost:${port}/end`,
    });
    const manual = await outboundGet(`http://127.0.0.1:${port}/hop`, {
      policy: 'allow',
      timeoutMs: 2000,
      maxRedirects: 0,
    });
    manual.body.resume();
    expect(manual.status).toBe(302);
    expect(seen).toEqual(['GET /hop', 'GET /end', 'GET /hop']);
  });
});
