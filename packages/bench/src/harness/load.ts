// HTTP load with autocannon, in the bench process (the target always runs in a process of its own). Latency is taken
// from every 2xx response's own timing (sub-millisecond resolution; autocannon's histogram keeps whole milliseconds).
import autocannon from 'autocannon';
import { percentile, round } from './stats';

export interface LoadOptions {
  url: string;
  /** Concurrent connections (bounded; default 50). */
  connections?: number;
  durationS: number;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  /** Bodies to send in turn instead of one `body` (e.g. a different recipient per request). */
  bodies?: readonly string[];
  /** Paths to request in turn, in step with `bodies` (e.g. spreading sends over several business numbers). */
  paths?: readonly string[];
  /** Per-request timeout in seconds (default 10). */
  timeoutS?: number;
}

export interface LoadFigures extends Record<string, number> {
  /** 2xx responses per second. */
  rps: number;
  p50_ms: number;
  p99_ms: number;
  /** 2xx responses. */
  requests: number;
  /** Connection errors, timeouts and non-2xx responses. */
  errors: number;
  duration_s: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const url = new URL(options.url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`refusing to load ${url.host}: benchmarks target loopback only`);
  }
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections ?? 50,
        duration: options.durationS,
        method: options.method ?? 'GET',
        headers: options.headers,
        body: options.body,
        ...(options.bodies?.length && { requests: [{ setupRequest: rotate(options.bodies, options.paths) }] }),
        timeout: options.timeoutS ?? 10,
        pipelining: 1,
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 200 || statusCode >= 300) return;
      if (count === latencies.length) {
        const bigger = new Float64Array(latencies.length * 2);
        bigger.set(latencies);
        latencies = bigger;
      }
      latencies[count++] = responseTime;
    });
  });
  const sorted = latencies.subarray(0, count).sort();
  const durationS = result.duration > 0 ? result.duration : options.durationS;
  return {
    rps: round(count / durationS, 1),
    p50_ms: count ? round(percentile(sorted, 50), 3) : Number.NaN,
    p99_ms: count ? round(percentile(sorted, 99), 3) : Number.NaN,
    requests: count,
    errors: result.errors + result.non2xx,
    duration_s: round(durationS, 2),
  };
}

/** An autocannon setupRequest that gives each request the next body (and path), round robin across all connections. */
function rotate(bodies: readonly string[], paths?: readonly string[]) {
  let next = 0;
  return (req: { body?: string | Buffer; path?: string }) => {
    const i = next++;
    req.body = bodies[i % bodies.length];
    if (paths?.length) req.path = paths[i % paths.length];
    return req;
  };
}
