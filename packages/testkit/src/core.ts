import { randomInt } from 'node:crypto';
import { request } from 'node:http';
import { contractFetch } from '@switchboard/contract';
import { type DeviceCredentials, RestClient, registerWithDevCode } from '@switchboard/sdk';
import { type RunningApi, startApi } from './api';

/**
 * The API for core tests. Per-client limits are lifted because every test connects from 127.0.0.1 and the test files
 * run in parallel; the tests of those limits lower them again and connect from addresses of their own.
 */
export function startCoreApi(overrides: Record<string, string> = {}): Promise<RunningApi> {
  return startApi({
    OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000',
    OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000',
    LINK_REQUESTS_PER_CLIENT_PER_HOUR: '1000000',
    ...overrides,
  });
}

/** A valid UK mobile number nobody else in this run is likely to use (10^8 choices). */
export const randomNumber = () => `+4474${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

/** A loopback source address of its own, so per-client limits in one test do not meet another test's traffic. */
export const randomLoopback = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

const NULL_BODY = new Set([101, 204, 205, 304]);

/** fetch that checks every response against openapi.yaml (a mismatch throws and fails the test). */
export const checkedFetch: typeof fetch = async (input, init) => {
  const r = await contractFetch(String(input), init);
  // The raw bytes, not the decoded text: attachment blobs are binary.
  const bytes = r.bytes as Uint8Array<ArrayBuffer>; // read from a response: never a SharedArrayBuffer
  return new Response(NULL_BODY.has(r.status) ? null : bytes, { status: r.status, headers: r.headers });
};

/** fetch from a chosen loopback source address (node:http, which lets us bind the local side). */
export function fetchFrom(localAddress: string): typeof fetch {
  return (input, init) =>
    new Promise((resolve, reject) => {
      const req = request(
        String(input),
        { method: init?.method ?? 'GET', headers: init?.headers as Record<string, string>, localAddress },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const headers = new Headers();
            for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
            const status = res.statusCode ?? 0;
            resolve(new Response(NULL_BODY.has(status) ? null : Buffer.concat(chunks), { status, headers }));
          });
        },
      );
      req.on('error', reject);
      if (init?.body) req.write(init.body as string);
      req.end();
    });
}

export const client = (api: Pick<RunningApi, 'url'>, fetchImpl: typeof fetch = checkedFetch) =>
  new RestClient({ baseUrl: api.url, fetch: fetchImpl });

/** A fresh account registered on a primary device. */
export async function newAccount(
  api: Pick<RunningApi, 'url'>,
  extra: { pin?: string; name?: string } = {},
): Promise<{ rest: RestClient; credentials: DeviceCredentials; number: string }> {
  const number = randomNumber();
  const { rest, credentials } = await registerWithDevCode(client(api), number, extra);
  return { rest, credentials, number };
}

/** Awaits a promise that should reject with an ApiRequestError and returns it. */
export async function failure(promise: Promise<unknown>): Promise<{ status: number; code?: number; details?: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { status: number; code?: number; details?: string };
  }
  throw new Error('expected the request to fail');
}
