// One request on the wire, by node:http so the request line goes out exactly as built (bad escapes, 20 KB URLs),
// with a deadline: no answer in time is a hang.
import { Agent, request } from 'node:http';
import type { FuzzRequest } from './cases';

export type Reply =
  | { status: number; contentType: string; text: string }
  | { hang: true }
  /** The connection failed or closed without an answer: the API dropped the request, or is down. */
  | { dropped: string }
  /** node:http refused to write the request at all (characters a request line cannot hold). */
  | { failed: string };

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

export function send(baseUrl: string, req: FuzzRequest, timeoutMs: number): Promise<Reply> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    let settled = false;
    const done = (reply: Reply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(reply);
    };
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = Buffer.byteLength(req.body);
    let out: ReturnType<typeof request>;
    try {
      out = request({ agent, host: url.hostname, port: url.port, method: req.method, path: req.target, headers });
    } catch (err) {
      // A request node:http itself refuses to write (characters a request line cannot hold): not the API's fault.
      return done({ failed: (err as Error).message });
    }
    const timer = setTimeout(() => {
      out.destroy();
      done({ hang: true });
    }, timeoutMs);
    out.on('response', (res) => {
      const contentType = String(res.headers['content-type'] ?? '');
      // An event stream that opened stays open by design (the inbox's live events): its headers are the answer.
      if (contentType.startsWith('text/event-stream') && (res.statusCode ?? 0) < 300) {
        done({ status: res.statusCode ?? 0, contentType, text: '' });
        out.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        done({
          status: res.statusCode ?? 0,
          contentType,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', (err) => done({ dropped: err.message }));
    });
    out.on('error', (err) => done({ dropped: err.message }));
    out.end(req.body);
  });
}

export function closeConnections(): void {
  agent.destroy();
}
