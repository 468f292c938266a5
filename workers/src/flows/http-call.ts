import http from 'node:http';
import https from 'node:https';
import { guardRequest, type PrivateNetworks } from '@switchboard/webhooks';

/** A response body larger than this fails the step: a flow maps a few fields, it does not download files. */
const MAX_BODY_BYTES = 256 * 1024;

export interface HttpCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface HttpAnswer {
  status: number;
  /** The body parsed as JSON, or its text when it is not JSON. */
  body: unknown;
}

/**
 * An HTTP request of a flow's HTTP step, to a URL the business wrote: under OUTBOUND_PRIVATE_NETWORKS, vetted by the
 * webhooks' outbound guard before any connection (and connected to the vetted address). No redirects are followed.
 * Rejects with OutboundRefused, a timeout or the network error; any status resolves.
 */
export function httpCall(call: HttpCall, policy: PrivateNetworks): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(call.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new Error(`unsupported protocol ${url.protocol}`);
    } catch (err) {
      return reject(err);
    }
    let guard: ReturnType<typeof guardRequest>;
    try {
      guard = guardRequest(url, policy);
    } catch (err) {
      return reject(err);
    }
    const headers = {
      'user-agent': 'Switchboard/1.0',
      ...(call.body !== undefined && { 'content-type': 'application/json' }),
      ...call.headers,
    };
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, { method: call.method, headers, agent: false, ...guard }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY_BYTES) return req.destroy(new Error(`response larger than ${MAX_BODY_BYTES} bytes`));
        chunks.push(c);
      });
      res.on('error', reject);
      res.on('end', () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {}
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${call.timeoutMs} ms`)), call.timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(call.body);
  });
}

/** A value at a dotted path of a JSON body (`data.items.0.name`); undefined when the path leads nowhere. */
export function pick(body: unknown, path: string): unknown {
  let v: unknown = body;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}
