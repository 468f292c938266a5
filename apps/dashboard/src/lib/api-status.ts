// Server-side only: asks the Switchboard API whether it is alive (GET /health) and ready (GET /ready).

const DEFAULT_API_URL = 'http://127.0.0.1:3000';
const TIMEOUT_MS = 3_000;

/** Where the dashboard's server reaches the API: API_INTERNAL_URL, else PUBLIC_API_URL, else the local default. */
export function apiBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.API_INTERNAL_URL || env.PUBLIC_API_URL || DEFAULT_API_URL;
  return url.replace(/\/+$/, '');
}

export interface CheckResult {
  name: string;
  ok: boolean;
  /** What the API reported for this check: "ok", "failing", ... */
  status: string;
  /** Why it fails, when the API says (its `details` on a 503). */
  detail?: string;
}

export type ApiStatus =
  | { reachable: false; baseUrl: string; error: string; checkedAt: Date }
  | {
      reachable: true;
      baseUrl: string;
      checkedAt: Date;
      /** GET /health: the process answers. */
      live: { ok: boolean; status: string };
      /** GET /ready: the API can serve (its dependencies answer). */
      ready: { ok: boolean; status: string; checks: CheckResult[] };
    };

interface Answer {
  httpStatus: number;
  body: Record<string, unknown> | null;
}

async function getJson(url: string): Promise<Answer> {
  const res = await fetch(url, {
    cache: 'no-store',
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  let body: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    // not JSON: reported below as the HTTP status only
  }
  return { httpStatus: res.status, body };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
  const cause = error.cause;
  if (cause && typeof cause === 'object' && 'code' in cause) return `${error.message} (${String(cause.code)})`;
  return error.message;
}

function statusText(answer: Answer): string {
  const status = answer.body?.status;
  return typeof status === 'string' ? status : `HTTP ${answer.httpStatus}`;
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function checksOf(answer: Answer): CheckResult[] {
  const details = record(answer.body?.details);
  return Object.entries(record(answer.body?.checks)).map(([name, value]) => {
    const status = typeof value === 'string' ? value : JSON.stringify(value);
    const detail = details[name];
    return { name, ok: status === 'ok', status, ...(typeof detail === 'string' ? { detail } : {}) };
  });
}

export async function getApiStatus(baseUrl: string = apiBaseUrl()): Promise<ApiStatus> {
  const checkedAt = new Date();
  const [health, ready] = await Promise.allSettled([getJson(`${baseUrl}/health`), getJson(`${baseUrl}/ready`)]);
  if (health.status === 'rejected') {
    return { reachable: false, baseUrl, error: describe(health.reason), checkedAt };
  }
  const live = { ok: health.value.httpStatus === 200, status: statusText(health.value) };
  if (ready.status === 'rejected') {
    return {
      reachable: true,
      baseUrl,
      checkedAt,
      live,
      ready: { ok: false, status: describe(ready.reason), checks: [] },
    };
  }
  return {
    reachable: true,
    baseUrl,
    checkedAt,
    live,
    ready: { ok: ready.value.httpStatus === 200, status: statusText(ready.value), checks: checksOf(ready.value) },
  };
}
