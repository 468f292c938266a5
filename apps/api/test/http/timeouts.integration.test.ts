import { readdir, readlink } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { type BusinessApi, startBusinessApi, type TestBusiness } from '@switchboard/testkit/business/api';
import { files } from '@switchboard/testkit/business/media-files';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const HEADERS_MS = 1_000;
const REQUEST_MS = 2_000;

/** Writes `head` on a raw connection and resolves with what the server answers once it closes the connection. */
function halfSent(url: string, head: string | Buffer): Promise<{ answer: string; ms: number; socket: Socket }> {
  const { hostname, port } = new URL(url);
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ answer, ms: Date.now() - t0, socket }));
    socket.write(head);
    // The test's own bound, well past the server's: a server that never answers fails it.
    setTimeout(() => socket.destroy(new Error('the server held the half-sent request for 8 s')), 8_000).unref();
  });
}

/** The status line and the envelope of a raw HTTP answer. */
function parse(answer: string): { status: number; body: { error?: { code: number; fbtrace_id: string } } } {
  const [head, body = ''] = answer.split('\r\n\r\n');
  return { status: Number(head!.split(' ')[1]), body: JSON.parse(body) };
}

describe('HTTP server timeouts', () => {
  let stack: BusinessApi;
  let biz: TestBusiness;
  beforeAll(async () => {
    stack = await startBusinessApi({
      API_HEADERS_TIMEOUT_MS: String(HEADERS_MS),
      API_REQUEST_TIMEOUT_MS: String(REQUEST_MS),
    });
    biz = await stack.business();
  });
  afterAll(() => stack.close());

  it('answers half-sent headers with 408 in the envelope and closes the connection', async () => {
    const { answer, ms } = await halfSent(stack.api.url, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    expect(ms).toBeLessThan(HEADERS_MS + 2_000);
    const { status, body } = parse(answer);
    expect(status).toBe(408);
    expect(body.error?.code).toBe(100);
  });

  it('closes a WebSocket upgrade whose request never completes', async () => {
    const head = 'GET /v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n';
    const { ms } = await halfSent(stack.api.url, head);
    expect(ms).toBeLessThan(HEADERS_MS + 2_000);
  });

  it('answers a body that stops arriving with 408', async () => {
    const body = '{"number": "+14155550';
    const head = `POST /v1/accounts/verification HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length + 100}\r\n\r\n${body}`;
    const { answer, ms } = await halfSent(stack.api.url, head);
    expect(ms).toBeLessThan(REQUEST_MS + 2_000);
    expect(parse(answer).status).toBe(408);
  });

  it('an unterminated multipart upload is answered and leaves no open file and no temp file', async () => {
    const boundary = 'unterminatedX7';
    const part = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="messaging_product"\r\n\r\nwhatsapp\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      files.png(64 * 1024),
    ]);
    const head = Buffer.concat([
      Buffer.from(
        `POST /v23.0/${biz.phoneNumberId}/media HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${biz.headers.authorization}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${part.length + 10_000}\r\n\r\n`,
      ),
      part,
    ]);
    const { answer, ms } = await halfSent(stack.api.url, head);
    expect(ms).toBeLessThan(REQUEST_MS + 2_000);
    expect(parse(answer).status).toBe(408);
    await expectNothingLeftIn(stack.mediaDir);
  });

  it('a complete 100 KB multipart body without its closing boundary is a 400, not a 500', async () => {
    const boundary = 'noclosingX7';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="messaging_product"\r\n\r\nwhatsapp\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      files.png(100 * 1024),
    ]);
    const res = await fetch(`${stack.api.url}/v23.0/${biz.phoneNumberId}/media`, {
      method: 'POST',
      headers: { ...biz.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    const json = (await res.json()) as { error: { code: number } };
    expect(res.status).toBe(400);
    expect(json.error.code).toBe(100);
    await expectNothingLeftIn(stack.mediaDir);
  });
});

/** No temp file in the media folder and no file descriptor of this process open under it (within a second). */
async function expectNothingLeftIn(dir: string): Promise<void> {
  const deadline = Date.now() + 1_000;
  for (;;) {
    const temp = await readdir(`${dir}/tmp`).catch(() => []);
    const fds = await readdir('/proc/self/fd');
    const open = (await Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')))).filter((p) =>
      p.startsWith(dir),
    );
    if ((!temp.length && !open.length) || Date.now() > deadline) {
      expect({ temp, open }).toEqual({ temp: [], open: [] });
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
