import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

const TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs to a push service (or its token endpoint) and resolves the status and the start of the answer. `lookup` is
 * the outbound guard's vetted lookup where private addresses are refused. Plain http only where the caller allowed it.
 */
export function post(
  url: URL,
  headers: Record<string, string | number>,
  body: Buffer | null,
  lookup?: LookupFunction,
): Promise<{ status: number; body: Buffer }> {
  const client = url.protocol === 'http:' ? http : https;
  const options = { method: 'POST', headers, timeout: TIMEOUT_MS, ...(lookup && { lookup }) };
  return new Promise((resolve, reject) => {
    const req = client.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_ANSWER_BYTES) chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}
