import { readFileSync } from 'node:fs';
import { envNames } from '@switchboard/config';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../src/services';

// Docker cannot run on the test machines, so the compose file is checked against the code instead.
interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(readFileSync(`${REPO_ROOT}docker-compose.yml`, 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const { services } = compose;

describe('docker-compose.yml', () => {
  it('runs postgres, redis, api, workers and dashboard, each with a health check or a one-shot role', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'api', 'workers', 'dashboard']));
    for (const name of ['postgres', 'redis', 'api', 'dashboard'])
      expect(services[name]?.healthcheck?.test.length).toBeGreaterThan(0);
    expect(Object.keys(compose.volumes)).toContain('postgres-data');
  });

  it('starts each Switchboard process from an entry point that exists', () => {
    for (const name of ['api', 'workers', 'migrate']) {
      const entry = services[name]?.command?.at(-1);
      expect(entry, name).toMatch(/\.ts$/);
      expect(() => readFileSync(`${REPO_ROOT}${entry}`)).not.toThrow();
    }
  });

  it('sets only variables the config schema knows, and the ones it needs', () => {
    for (const name of ['api', 'workers', 'migrate', 'dashboard']) {
      const env = Object.keys(services[name]?.environment ?? {});
      const unknown = env.filter((v) => !(envNames as string[]).includes(v));
      expect(unknown, `${name} sets unknown variables`).toEqual([]);
    }
    for (const name of ['api', 'workers']) {
      const env = services[name]?.environment ?? {};
      expect(env.DATABASE_URL).toMatch(/@postgres:5432\//);
      expect(env.REDIS_URL).toBe('redis://redis:6379');
    }
  });

  it('publishes the API and dashboard on the ports the config defaults to', () => {
    expect(services.api?.ports).toContain('3000:3000');
    expect(services.api?.environment?.API_PORT).toBe('3000');
    expect(services.dashboard?.ports).toContain('3001:3001');
    expect(services.dashboard?.environment?.DASHBOARD_PORT).toBe('3001');
    expect(services.api?.depends_on?.migrate?.condition).toBe('service_completed_successfully');
  });
});
