import { createPublicKey, verify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPush {
  /** The subscription's path (which device it is for). */
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** performance.now() when it arrived. */
  at: number;
  /** The VAPID JWT verified with `k`, its audience is this receiver's origin, and `k` is the expected key. */
  vapidOk: boolean;
  claims?: { aud?: string; exp?: number; sub?: string };
}

/**
 * A Web Push service on loopback, as a browser vendor's would answer: it takes POSTs to subscription URLs, checks the
 * VAPID signature (RFC 8292) against the server's public key, and answers with the status `respond` chooses (201 by
 * default; 410 for an expired subscription, 500 for an outage).
 */
export class WebPushReceiver {
  readonly pushes: ReceivedPush[] = [];
  connections = 0;
  respond: (path: string) => number = () => 201;
  url = '';
  private server?: Server;

  constructor(private readonly vapidPublicKey: string) {}

  async start(host = '127.0.0.1'): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const { ok, claims } = this.checkVapid(req.headers.authorization);
        this.pushes.push({
          path,
          headers: req.headers,
          body: Buffer.concat(chunks),
          at: performance.now(),
          vapidOk: ok,
          claims,
        });
        res.writeHead(this.respond(path)).end();
      });
    });
    this.server.on('connection', () => this.connections++);
    await new Promise<void>((resolve) => this.server!.listen(0, host, resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://${host}:${port}`;
    return this;
  }

  /** A fresh subscription endpoint on this receiver. */
  endpoint(name: string): string {
    return `${this.url}/push/${name}`;
  }

  to(name: string): ReceivedPush[] {
    return this.pushes.filter((p) => p.path === `/push/${name}`);
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  // `vapid t=<jwt>, k=<public key>`: ES256 over "header.payload", the signature as r‖s.
  private checkVapid(header: string | undefined): { ok: boolean; claims?: ReceivedPush['claims'] } {
    const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
    if (!m) return { ok: false };
    const [, jwt, k] = m as unknown as [string, string, string];
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const point = Buffer.from(k, 'base64url');
    const key = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33).toString('base64url'),
      },
      format: 'jwk',
    });
    const signed = verify(
      'sha256',
      Buffer.from(`${h}.${p}`),
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(s, 'base64url'),
    );
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as ReceivedPush['claims'];
    const ok = signed && k === this.vapidPublicKey && claims?.aud === this.url && (claims.exp ?? 0) * 1000 > Date.now();
    return { ok, claims };
  }
}
