import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src';

describe('config', () => {
  it('works with no environment at all, against this machine’s services', () => {
    const config = parseConfig({});
    expect(config.databaseUrl).toBe('postgresql://postgres@127.0.0.1:5432/switchboard');
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'sb:dev:' });
    expect(config.api.port).toBe(3000);
    expect(config.limits.messagesPerSecondDefault).toBe(80);
  });

  it('names each bad variable and what it expects', () => {
    let error: unknown;
    try {
      parseConfig({ DATABASE_URL: 'mysql://db/x', API_PORT: '99999', MESSAGES_PER_SECOND_DEFAULT: '5000' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^DATABASE_URL="mysql:\/\/db\/x" is invalid: expected a URL starting with postgres/);
    expect(problems[1]).toMatch(/^API_PORT="99999" is invalid/);
    expect(problems[2]).toMatch(/^MESSAGES_PER_SECOND_DEFAULT="5000" is invalid: .*1000/);
  });

  it('denies private networks to business URLs in production unless told otherwise, allows them elsewhere', () => {
    const secret = { SECRET_KEY: 'x'.repeat(40) };
    expect(parseConfig({ NODE_ENV: 'production', ...secret }).outbound.privateNetworks).toBe('deny');
    expect(parseConfig({}).outbound.privateNetworks).toBe('allow');
    expect(parseConfig({ NODE_ENV: 'test' }).outbound.privateNetworks).toBe('allow');
    const set = { NODE_ENV: 'production', OUTBOUND_PRIVATE_NETWORKS: 'allow', ...secret } as const;
    expect(parseConfig(set).outbound.privateNetworks).toBe('allow');
    expect(parseConfig({ OUTBOUND_PRIVATE_NETWORKS: 'deny' }).outbound.privateNetworks).toBe('deny');
    expect(() => parseConfig({ OUTBOUND_PRIVATE_NETWORKS: 'maybe' })).toThrow(/OUTBOUND_PRIVATE_NETWORKS="maybe"/);
  });

  it('takes the platform operator token only as a real secret; unset or empty, there is none', () => {
    expect(parseConfig({}).operatorToken).toBeUndefined();
    expect(parseConfig({ OPERATOR_TOKEN: '' }).operatorToken).toBeUndefined();
    expect(parseConfig({ OPERATOR_TOKEN: 'o'.repeat(32) }).operatorToken).toBe('o'.repeat(32));
    expect(() => parseConfig({ OPERATOR_TOKEN: 'short' })).toThrow(/OPERATOR_TOKEN="short" is invalid: .*32/);
  });

  it('gives the HTTP server timeouts by default and refuses none or absurd ones', () => {
    expect(parseConfig({}).api.timeouts).toEqual({
      headersMs: 10_000,
      requestMs: 120_000,
      idleMs: 60_000,
      keepAliveMs: 72_000,
    });
    expect(() => parseConfig({ API_HEADERS_TIMEOUT_MS: '0' })).toThrow(/API_HEADERS_TIMEOUT_MS="0" is invalid/);
    expect(() => parseConfig({ API_REQUEST_TIMEOUT_MS: 'soon' })).toThrow(/API_REQUEST_TIMEOUT_MS="soon" is invalid/);
  });

  it('refuses the development secret in production', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/SECRET_KEY/);
    expect(parseConfig({ NODE_ENV: 'production', SECRET_KEY: 'x'.repeat(40) }).env).toBe('production');
  });
});
