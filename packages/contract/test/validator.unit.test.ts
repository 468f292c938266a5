import { describe, expect, it } from 'vitest';
import { ContractValidator, loadSpec } from '../src';

// The contract check has to be able to fail: these are responses that disagree with openapi.yaml.
describe('ContractValidator', () => {
  const v = new ContractValidator(loadSpec());
  const ok = { method: 'GET', path: '/health', status: 200, contentType: 'application/json; charset=utf-8' };

  it('accepts a response that matches', () => {
    expect(v.check({ ...ok, body: { status: 'ok', uptime_s: 3 } })).toEqual([]);
  });

  it('rejects a body that breaks the schema', () => {
    expect(v.check({ ...ok, body: { status: 'fine', uptime_s: 3 } }).join()).toMatch(/body\/status/);
    expect(v.check({ ...ok, body: { status: 'ok', uptime_s: 3, extra: 1 } }).join()).toMatch(/additional properties/);
  });

  it('rejects undocumented paths, methods, statuses and content types', () => {
    expect(v.check({ ...ok, path: '/no/such/path', body: {} })).toEqual([
      'GET /no/such/path → 200: path not in openapi.yaml',
    ]);
    expect(v.check({ ...ok, method: 'POST', body: {} }).join()).toMatch(/method not in openapi.yaml/);
    expect(v.check({ ...ok, status: 418, body: {} }).join()).toMatch(/status not documented/);
    expect(v.check({ ...ok, contentType: 'text/html', body: '' }).join()).toMatch(/content type "text\/html"/);
  });

  it('resolves $ref schemas', () => {
    const ready = { method: 'GET', path: '/ready', status: 503, contentType: 'application/json' };
    expect(
      v.check({
        ...ready,
        body: { status: 'not_ready', checks: { postgres: 'ok', redis: 'ok', migrations: 'failing' } },
      }),
    ).toEqual([]);
    expect(
      v
        .check({
          ...ready,
          body: { status: 'not_ready', checks: { postgres: 'maybe', redis: 'ok', migrations: 'ok' } },
        })
        .join(),
    ).toMatch(/checks\/postgres/);
  });
});
