import http from 'node:http';
import https from 'node:https';
import { guardRequest, type PrivateNetworks } from '../outbound/outbound-guard';

export interface PostResult {
  /** The receiver's status, or null when no response came. */
  statusCode: number | null;
  ok: boolean;
  latencyMs: number;
  /** Why it failed, for the delivery log (null when ok). */
  error: string | null;
}

/**
 * Kept-alive connections: a busy subscription gets many POSTs a second to the same host. One pool per policy, so a
 * connection opened without the private-network check is never reused by a request that needs it. A claim sends
 * POSTS_PER_CLAIM at a time, and the next claim starts while the last of them are in flight, so the pool holds two
 * claims' worth; past that a POST waits for a connection (its timeout running).
 */
export const POSTS_PER_CLAIM = 64;
const pools = () => ({
  'http:': new http.Agent({ keepAlive: true, maxSockets: 2 * POSTS_PER_CLAIM }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 2 * POSTS_PER_CLAIM }),
});
const agents = { allow: pools(), deny: pools() };

const ERROR_BODY_CHARS = 200;

/**
 * POSTs a signed webhook body. Success is any 2xx (Meta documents 200; 202/204 from receivers that queue are common
 * and mean the same). Everything else — another status, a timeout, a refused or reset connection — is a failure the
 * caller retries. The whole exchange, body included, must finish within `timeoutMs`. Under `privateNetworks: 'deny'`
 * a callback URL that resolves to a private address fails without a connection, the reason in `error`
 * (outbound-guard.ts).
 */
export function postWebhook(
  url: string,
  body: string,
  signature: string,
  timeoutMs: number,
  privateNetworks: PrivateNetworks,
): Promise<PostResult> {
  const started = performance.now();
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  let guard: ReturnType<typeof guardRequest>;
  try {
    guard = guardRequest(target, privateNetworks);
  } catch (err) {
    return Promise.resolve({ statusCode: null, ok: false, latencyMs: 0, error: (err as Error).message });
  }
  return new Promise((resolve) => {
    let settled = false;
    const finish = (statusCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const ok = error === null && statusCode !== null && statusCode >= 200 && statusCode < 300;
      resolve({ statusCode, ok, latencyMs: Math.round(performance.now() - started), error: ok ? null : error });
    };
    const req = client.request(
      target,
      {
        method: 'POST',
        agent: agents[privateNetworks][target.protocol as keyof typeof agents.allow],
        ...guard,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-hub-signature-256': signature,
          'user-agent': 'Switchboard-Webhooks/1.0',
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < ERROR_BODY_CHARS) text += chunk;
        });
        res.on('end', () => finish(status, status >= 200 && status < 300 ? null : `HTTP ${status}${excerpt(text)}`));
        res.on('error', (err) => finish(status, `response failed: ${err.message}`));
      },
    );
    const timer = setTimeout(() => {
      finish(null, `timeout after ${timeoutMs} ms`);
      req.destroy();
    }, timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => finish(null, err.code ?? err.message));
    req.end(body);
  });
}

const excerpt = (text: string) => (text.trim() ? `: ${text.trim().slice(0, ERROR_BODY_CHARS)}` : '');
