import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '@switchboard/webhooks';

export interface ReceivedPost {
  raw: string;
  headers: IncomingHttpHeaders;
  status: number;
  signatureOk: boolean;
  at: number;
  body: { object: string; entry: { id: string; changes: { field: string; value: Record<string, unknown> }[] }[] };
}

export interface ReceiverOptions {
  verifyToken?: string;
  appSecret?: string;
  /** The status to answer the n-th POST with (default 200). */
  respond?: (n: number) => number;
  /** How to answer the GET handshake (default: echo the challenge when the token matches, else 403). */
  handshake?: 'echo' | 'wrong-challenge' | 'forbidden';
}

/** A real webhook endpoint on loopback: Meta's handshake, raw bodies, signature checks, chosen failures. */
export class Receiver {
  readonly posts: ReceivedPost[] = [];
  readonly handshakes: URLSearchParams[] = [];
  readonly verifyToken: string;
  readonly appSecret: string;
  respond: (n: number) => number;
  handshake: NonNullable<ReceiverOptions['handshake']>;
  url = '';
  private server?: Server;

  constructor(options: ReceiverOptions = {}) {
    this.verifyToken = options.verifyToken ?? 'verify-me';
    this.appSecret = options.appSecret ?? 'app-secret-0123456789abcdef';
    this.respond = options.respond ?? (() => 200);
    this.handshake = options.handshake ?? 'echo';
  }

  async start(path = '/webhooks'): Promise<this> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET') {
        this.handshakes.push(url.searchParams);
        const ok =
          url.searchParams.get('hub.mode') === 'subscribe' &&
          url.searchParams.get('hub.verify_token') === this.verifyToken;
        if (!ok || this.handshake === 'forbidden') return void res.writeHead(403).end('forbidden');
        const challenge = url.searchParams.get('hub.challenge') ?? '';
        return void res.writeHead(200).end(this.handshake === 'echo' ? challenge : `${challenge}0`);
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const status = this.respond(this.posts.length);
        const header = req.headers['x-hub-signature-256'];
        this.posts.push({
          raw,
          headers: req.headers,
          status,
          signatureOk: verifySignature(this.appSecret, raw, typeof header === 'string' ? header : undefined),
          at: Date.now(),
          body: JSON.parse(raw),
        });
        res.writeHead(status).end(status === 200 ? 'EVENT_RECEIVED' : 'nope');
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
    return this;
  }

  /** Changes the receiver acknowledged (answered 200), in arrival order. */
  accepted(): { field: string; value: Record<string, unknown> }[] {
    return this.posts.filter((p) => p.status === 200).flatMap((p) => p.body.entry.flatMap((e) => e.changes));
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
