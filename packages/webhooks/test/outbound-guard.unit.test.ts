import { createServer, type Server } from 'node:http';
import { type AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
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

describe('ranges a guard must also know: metadata services, special-purpose IPv4, IPv4 inside IPv6', () => {
  // Every connection attempt fails at once and is recorded, so a guard that let one of these through sends nothing
  // anywhere: the test sees the attempt instead.
  const attempts: unknown[] = [];
  const connect = vi.spyOn(Socket.prototype, 'connect').mockImplementation(function (this: Socket, ...args) {
    attempts.push(args[0]);
    process.nextTick(() => this.destroy(new Error('connection attempted')));
    return this;
  });
  afterEach(() => {
    attempts.length = 0;
  });
  afterAll(() => connect.mockRestore());

  it.each([
    ['http://192.0.0.8/', 'a reserved'],
    ['http://192.0.0.255/', 'a reserved'],
    ['http://198.18.0.1/', 'a reserved'],
    ['http://198.19.255.254/', 'a reserved'],
    ['http://100.100.100.200/latest/meta-data/', 'a cloud metadata'],
    ['http://168.63.129.16/machine', 'a cloud metadata'],
    ['http://100.64.0.1/', 'a carrier-grade NAT (100.64.0.0/10)'],
    ['http://100.127.255.254/', 'a carrier-grade NAT (100.64.0.0/10)'],
    ['http://[::127.0.0.1]/', 'a loopback (IPv4 inside IPv6)'],
    ['http://[::a9fe:a9fe]/', 'a link-local (IPv4 inside IPv6)'],
    ['http://[::ffff:169.254.169.254]/', 'a link-local'],
    ['http://[::ffff:100.100.100.200]/', 'a cloud metadata'],
    ['http://[64:ff9b::10.0.0.1]/', 'a private (IPv4 inside IPv6)'],
    ['http://[64:ff9b::a9fe:a9fe]/', 'a link-local (IPv4 inside IPv6)'],
    ['http://[2002:a00:1::1]/', 'a private (IPv4 inside IPv6)'], // 6to4 of 10.0.0.1
    ['http://[2002:7f00:1::]/', 'a loopback (IPv4 inside IPv6)'],
    ['http://[2002:a9fe:a9fe::1]/', 'a link-local (IPv4 inside IPv6)'],
    ['http://[2002:c612:1::1]/', 'a reserved (IPv4 inside IPv6)'], // 198.18.0.1
    ['http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/', 'a Teredo tunnel (2001::/32)'], // client 127.0.0.1
    ['http://[2001::1]/', 'a Teredo tunnel (2001::/32)'],
  ])('refuses %s (%s) before any connection', async (url, range) => {
    expect(() => guardRequest(new URL(url), 'deny')).toThrow(OutboundRefused);
    expect(() => guardRequest(new URL(url), 'deny')).toThrow(` is ${range} address;`);
    const posted = await postWebhook(url, '{}', 'sha256=00', 1000, 'deny');
    expect(posted).toMatchObject({ ok: false, statusCode: null });
    expect(posted.error).toContain(`is ${range} address`);
    await expect(outboundGet(url, { policy: 'deny', timeoutMs: 1000, maxRedirects: 0 })).rejects.toThrow(
      OutboundRefused,
    );
    await expect(assertPublicUrl(new URL(url), 'deny')).rejects.toThrow(OutboundRefused);
    expect(attempts).toEqual([]);
  });

  it.each([
    '198.20.0.1',
    '198.17.255.255',
    '192.0.1.1',
    '168.63.129.17',
    '64:ff9b::808:808', // NAT64 of 8.8.8.8
    '2002:808:808::1', // 6to4 of 8.8.8.8
    '2001:4860:4860::8888',
    '2001:1::1', // just past Teredo's /32
  ])('lets the public neighbour %s through', (address) => {
    expect(forbiddenRange(address)).toBeUndefined();
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
