import { generateKeyPairSync, type KeyObject, verify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';

export interface TokenPush {
  token: string;
  headers: Record<string, unknown>;
  body: Record<string, unknown>;
}

const jwtParts = (jwt: string) => {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const json = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  return { header: json(h), claims: json(p), signed: Buffer.from(`${h}.${p}`), signature: Buffer.from(s, 'base64url') };
};
const readBody = (req: NodeJS.ReadableStream) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

/**
 * FCM's HTTP v1 API and Google's OAuth token endpoint on loopback: the token endpoint checks the service account's
 * RS256 assertion, the send endpoint the access token it gave; tokens starting with "gone" answer 404 UNREGISTERED.
 */
export class LocalFcm {
  readonly pushes: TokenPush[] = [];
  tokenExchanges = 0;
  url = '';
  private server?: Server;
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly accessToken = `ya29.local-${Date.now()}`;

  /** The service account key file's contents for this server. */
  serviceAccount(projectId = 'switchboard-test') {
    return {
      type: 'service_account',
      project_id: projectId,
      client_email: `push@${projectId}.iam.gserviceaccount.com`,
      private_key: this.keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      token_uri: `${this.url}/token`,
    };
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const body = await readBody(req);
      if (req.url === '/token') {
        const assertion = new URLSearchParams(body).get('assertion') ?? '';
        const { claims, signed, signature } = jwtParts(assertion);
        const ok =
          verify('RSA-SHA256', signed, this.keys.publicKey, signature) &&
          claims.aud === `${this.url}/token` &&
          claims.scope === 'https://www.googleapis.com/auth/firebase.messaging';
        this.tokenExchanges++;
        if (!ok) return void res.writeHead(400).end('{"error":"invalid_grant"}');
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ access_token: this.accessToken, expires_in: 3599, token_type: 'Bearer' }));
      }
      if (req.headers.authorization !== `Bearer ${this.accessToken}`) return void res.writeHead(401).end();
      const message = (JSON.parse(body) as { message: Record<string, unknown> & { token: string } }).message;
      this.pushes.push({ token: message.token, headers: req.headers, body: message });
      if (message.token.startsWith('gone')) return void res.writeHead(404).end('{"error":{"status":"NOT_FOUND"}}');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"name":"projects/p/messages/1"}');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * APNs on loopback over HTTP/2 (cleartext: APNS_URL=http://…): checks the provider token (ES256, the key id and team
 * id) and records each push; device tokens starting with "gone" answer 410 Unregistered.
 */
export class LocalApns {
  readonly pushes: TokenPush[] = [];
  readonly keyId = 'KEY1234567';
  readonly teamId = 'TEAM123456';
  url = '';
  private server?: http2.Http2Server;
  private readonly keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  private readonly sessions = new Set<http2.ServerHttp2Session>();

  /** The .p8 file's contents (a PKCS#8 PEM, as Apple hands it out). */
  get privateKey(): string {
    return this.keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  async start(): Promise<this> {
    this.server = http2.createServer();
    this.server.on('session', (s) => {
      this.sessions.add(s);
      s.on('close', () => this.sessions.delete(s));
    });
    this.server.on('stream', async (stream, headers) => {
      const body = await readBody(stream);
      const jwt = String(headers.authorization ?? '').replace(/^bearer /, '');
      const ok = this.checkToken(jwt, this.keys.publicKey);
      if (!ok) return void stream.respond({ ':status': 403 }, { endStream: true });
      const token = String(headers[':path']).replace(/^\/3\/device\//, '');
      this.pushes.push({ token, headers, body: JSON.parse(body) as Record<string, unknown> });
      stream.respond({ ':status': token.startsWith('gone') ? 410 : 200 }, { endStream: true });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.sessions) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private checkToken(jwt: string, key: KeyObject): boolean {
    try {
      const { header, claims, signed, signature } = jwtParts(jwt);
      return (
        header.alg === 'ES256' &&
        header.kid === this.keyId &&
        claims.iss === this.teamId &&
        verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, signature)
      );
    } catch {
      return false;
    }
  }
}
