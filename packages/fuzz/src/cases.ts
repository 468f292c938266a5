// From one operation, the requests the fuzzer sends: a valid one, then mutations of it — wrong types, missing and
// extra fields, text Postgres cannot store, huge values, ids beyond int8, undecodable and long path parameters,
// 20 KB URLs, bad JSON, wrong content types, bad and absent credentials.
import type { Operation, Schema } from './operations';
import { type Known, sample, variants } from './samples';

export interface FuzzRequest {
  operation: string;
  /** What was mutated, for the report. */
  label: string;
  method: string;
  /** Path and query exactly as they go on the request line (already percent-encoded where meant to be). */
  target: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** The headers that authenticate a request: `authorization`, or a console session's cookie and origin. */
export type Credential = Record<string, string>;

export interface Credentials {
  business: Credential;
  operator: Credential;
  device: Credential;
  console: Credential;
}

/** Strings a client can send that Postgres text cannot hold, or that no column should take. */
const BAD_STRINGS: [string, string][] = [
  ['NUL', 'a\u0000b'],
  ['unpaired surrogate', 'a\ud800b'],
  ['huge string', 'x'.repeat(200_000)],
];
/** The same, as they arrive on a URL. */
const BAD_URL_VALUES: [string, string][] = [
  ['%00', 'a%00b'],
  ['%ff', '%ff'],
  ['CESU surrogate', '%ED%A0%80'],
  ['just above int8', '9223372036854775808'],
  ['above int8', '99999999999999999999'],
  ['far above int8', '99999999999999999999999'],
  ['negative', '-1'],
  ['long', 'x'.repeat(5_000)],
];

export function casesFor(op: Operation, resolve: (s: unknown) => Schema, known: Known, creds: Credentials) {
  const out: FuzzRequest[] = [];
  const pathValues = Object.fromEntries(
    op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, String(sample(p.schema, resolve, known, p.name))]),
  );
  const queryValues = Object.fromEntries(
    op.parameters
      .filter((p) => p.in === 'query' && p.required)
      .map((p) => [p.name, encodeURIComponent(String(sample(p.schema, resolve, known, p.name)))]),
  );
  const auth = op.auth === 'none' ? undefined : creds[op.auth];
  const [mediaType, bodySchema] = Object.entries(op.body?.content ?? {})[0] ?? [];
  // One valid body per branch of the schema's choices (each message type of a send, each audience of a campaign).
  const samples = bodySchema
    ? Array.from({ length: variants(bodySchema, resolve) }, (_, v) => sample(bodySchema, resolve, known, '', 0, v))
    : [undefined];
  const bodies = [...new Map(samples.map((b) => [JSON.stringify(b), b] as const)).values()];
  const validBody = bodies[0];

  const build = (
    label: string,
    options: {
      path?: Record<string, string>;
      query?: Record<string, string>;
      auth?: Credential | null;
      body?: unknown;
      raw?: string | Buffer;
      contentType?: string | null;
      target?: string;
    } = {},
  ) => {
    const path = { ...pathValues, ...options.path };
    const query = { ...queryValues, ...options.query };
    const target =
      options.target ??
      op.path.replace(/\{([^}]+)\}/g, (_, name: string) => path[name] ?? '1') +
        (Object.keys(query).length
          ? `?${Object.entries(query)
              .map(([k, v]) => `${k}=${v}`)
              .join('&')}`
          : '');
    // Console writes must come from the console's origin, signed in or not (sign-in itself).
    const headers: Record<string, string> = op.path.startsWith('/console/')
      ? { origin: creds.console.origin ?? '' }
      : {};
    const credential = options.auth === undefined ? auth : options.auth;
    if (credential) Object.assign(headers, credential);
    let body: string | Buffer | undefined = options.raw;
    if (body === undefined && mediaType) body = encodeBody(mediaType, options.body ?? validBody, headers);
    const type = options.contentType === undefined ? headers['content-type'] : options.contentType;
    if (type) headers['content-type'] = type;
    else delete headers['content-type'];
    out.push({ operation: op.id, label, method: op.method, target, headers, body });
  };

  build('valid');
  if (op.auth !== 'none') {
    build('no credential', { auth: null });
    build('wrong credential', { auth: wrongCredential(op.auth, creds) });
    if (op.auth === 'operator') build('business key for the operator', { auth: creds.business });
    build('malformed credential', {
      auth:
        op.auth === 'console'
          ? { ...creds.console, cookie: '\u00ff=\u00fe;;' }
          : { authorization: 'Bearer \u00ff\u00fe' },
    });
  }
  for (const name of Object.keys(pathValues)) {
    for (const [label, value] of BAD_URL_VALUES) build(`path ${name}: ${label}`, { path: { [name]: value } });
  }
  for (const p of op.parameters.filter((p) => p.in === 'query')) {
    for (const [label, value] of BAD_URL_VALUES) build(`query ${p.name}: ${label}`, { query: { [p.name]: value } });
  }
  build('20 KB query', { query: { q: 'a'.repeat(20_000) } });
  if (mediaType === 'application/json' && validBody !== undefined) {
    build('bad JSON', { raw: '{"messaging_product": "whatsapp", ' });
    build('JSON null', { raw: 'null' });
    build('JSON array', { raw: '[]' });
    build('deeply nested JSON', { raw: `${'['.repeat(50_000)}${']'.repeat(50_000)}` });
    build('deeply nested objects', { raw: `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}` });
    build('body over 1 MB', { raw: JSON.stringify({ ...(validBody as object), fuzz_pad: 'x'.repeat(1_200_000) }) });
    build('text/plain', { contentType: 'text/plain' });
    build('no content type', { contentType: null });
    build('form content type', { contentType: 'application/x-www-form-urlencoded' });
    for (const [v, body] of bodies.entries()) {
      if (v > 0) build(`valid, variant ${v}`, { body });
      for (const [path, value] of leaves(body)) {
        const at = `${v ? `variant ${v} ` : ''}${path.join('.') || '(body)'}`;
        for (const [label, bad] of wrongTypes(value)) build(`${at}: ${label}`, { body: setAt(body, path, bad) });
        if (typeof value === 'string') {
          for (const [label, bad] of BAD_STRINGS) build(`${at}: ${label}`, { body: setAt(body, path, bad) });
        }
        if (path.length) build(`${at}: missing`, { body: setAt(body, path, undefined) });
      }
    }
    if (isObject(validBody)) build('extra field', { body: { ...validBody, fuzz_extra: { a: [1] } } });
  } else if (mediaType) {
    build('wrong content type', { contentType: 'application/json', raw: '{}' });
    build('empty body', { raw: '' });
  }
  return out;
}

/** Requests no operation describes: unknown routes, bad percent-encoding and 20 KB URLs at the router. */
export function routerCases(creds: Credentials): FuzzRequest[] {
  const r = (label: string, method: string, target: string, auth: Credential = creds.business): FuzzRequest => ({
    operation: 'router',
    label,
    method,
    target,
    headers: { ...auth },
  });
  return [
    r('unknown route', 'GET', '/fuzz/unknown/route/here'),
    r('unknown versioned route', 'GET', '/v23.0/1/2/3/4/5'),
    r('%ff segment', 'GET', '/v23.0/%ff/messages'),
    r('%ff object', 'GET', '/%ff'),
    r('bad escape', 'GET', '/v23.0/%zz'),
    r('20 KB path', 'GET', `/v23.0/${'9'.repeat(20_000)}`),
    r('20 KB segment and query', 'POST', `/v23.0/${'x'.repeat(10_000)}/messages?${'a'.repeat(10_000)}`),
    r('method not allowed', 'PATCH', '/health'),
    r('unknown method route', 'DELETE', '/v1/accounts/verification', {}),
  ];
}

function encodeBody(mediaType: string, value: unknown, headers: Record<string, string>): string | Buffer {
  if (mediaType === 'multipart/form-data') {
    const boundary = 'fuzzboundary7MA4YWxkTrZu0gW';
    headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
    const parts = Object.entries((value ?? {}) as Record<string, unknown>).map(([k, v]) =>
      k === 'file'
        ? `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${String(v)}\r\n`,
    );
    return `${parts.join('')}--${boundary}--\r\n`;
  }
  headers['content-type'] = mediaType;
  if (mediaType === 'application/octet-stream') return Buffer.from('fuzz');
  if (mediaType === 'text/csv') return typeof value === 'string' ? value : 'wa_id\n14155552671\n';
  return JSON.stringify(value);
}

function wrongCredential(auth: Exclude<Operation['auth'], 'none'>, creds: Credentials): Credential {
  if (auth === 'device') return { authorization: basic('x.1', 'wrong') };
  if (auth === 'console') return { ...creds.console, cookie: 'switchboard.session_token=wrong' };
  return { authorization: 'Bearer sb_live_wrong' };
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every scalar (and empty container) inside value, with its path. */
function leaves(value: unknown, path: (string | number)[] = []): [(string | number)[], unknown][] {
  if (Array.isArray(value) && value.length) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (isObject(value) && Object.keys(value).length) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [[path, value]];
}

function wrongTypes(value: unknown): [string, unknown][] {
  if (typeof value === 'string')
    return [
      ['number instead of string', 12345],
      ['object instead of string', { a: 1 }],
    ];
  if (typeof value === 'number')
    return [
      ['string instead of number', '1'],
      ['above int8', 1e20],
    ];
  if (typeof value === 'boolean') return [['string instead of boolean', 'yes']];
  return [
    ['null', null],
    ['string', 'x'],
  ];
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (!path.length) return value;
  const copy: unknown = structuredClone(root);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined && !Array.isArray(node)) delete node[last];
  else node[last] = value;
  return copy;
}
