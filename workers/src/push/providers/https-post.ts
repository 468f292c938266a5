import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

const TIMEOUT_MS = 10_000;

/**
 * POSTs to a push service and resolves its status (the answer's body is read and dropped). `lookup` is the outbound
 * guard's vetted lookup where private addresses are refused. Plain http only where the caller allowed it.
 */
export function post(
  url: URL,
  headers: Record<string, string | number>,
  body: Buffer | null,
  lookup?: LookupFunction,
): Promise<number> {
  const client = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      { method: 'POST', headers, timeout: TIMEOUT_MS, ...(lookup && { lookup }) },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}
