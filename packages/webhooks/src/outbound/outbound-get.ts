import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { guardRequest, type PrivateNetworks } from './outbound-guard';

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The URL that answered (the last one, after redirects). */
  url: string;
  /** Fails with a TimeoutError when the exchange outlives `timeoutMs`. */
  body: IncomingMessage;
}

export interface OutboundGetOptions {
  policy: PrivateNetworks;
  /** For the whole exchange: every redirect, the headers and the body. */
  timeoutMs: number;
  /** Redirects followed (each one vetted again); 0 answers the 3xx itself. */
  maxRedirects: number;
}

const timeoutError = (ms: number) =>
  Object.assign(new Error(`no complete answer within ${ms} ms`), { name: 'TimeoutError' });

/**
 * GET of a URL given by a business, under OUTBOUND_PRIVATE_NETWORKS (outbound-guard.ts): the host is vetted on every
 * hop, and the connection goes to the vetted address. Rejects with OutboundRefused, a TimeoutError or the network
 * error; any status resolves. The caller reads or destroys `body`.
 */
export function outboundGet(url: string, options: OutboundGetOptions): Promise<OutboundResponse> {
  const deadline = Date.now() + options.timeoutMs;
  const hop = (target: URL, redirectsLeft: number): Promise<OutboundResponse> =>
    new Promise((resolve, reject) => {
      const client = target.protocol === 'https:' ? https : http;
      if (target.protocol !== 'https:' && target.protocol !== 'http:')
        return reject(new Error(`unsupported protocol ${target.protocol}`));
      let guard: ReturnType<typeof guardRequest>;
      try {
        guard = guardRequest(target, options.policy);
      } catch (err) {
        return reject(err);
      }
      let response: IncomingMessage | undefined;
      const headers = { 'user-agent': 'Switchboard/1.0' };
      const req = client.request(target, { method: 'GET', agent: false, headers, ...guard }, (res) => {
        response = res;
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (status >= 300 && status < 400 && location && redirectsLeft > 0) {
          res.resume();
          clearTimeout(timer);
          let next: URL;
          try {
            next = new URL(location, target);
          } catch {
            return reject(new Error(`redirect to an invalid URL: ${location}`));
          }
          return resolve(hop(next, redirectsLeft - 1));
        }
        res.once('close', () => clearTimeout(timer));
        // A body that fails before its reader listens must not be an uncaught error; readers add their own listener.
        res.on('error', () => undefined);
        resolve({ status, headers: res.headers, url: target.href, body: res });
      });
      // Destroying the response (not the request) is what makes a body being read fail with this error.
      const timer = setTimeout(
        () => (response ?? req).destroy(timeoutError(options.timeoutMs)),
        Math.max(0, deadline - Date.now()),
      );
      req.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      req.end();
    });
  return hop(new URL(url), options.maxRedirects);
}
