import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The config check as a process meets it: a real boot of the API's entry point.
describe('config at boot', () => {
  it('makes a process with a bad DATABASE_URL print one clear line and exit 78, no stack trace', {
    timeout: 90_000,
  }, () => {
    const r = spawnSync(process.execPath, ['packages/devtools/bin/run.mjs', 'apps/api/src/main.ts'], {
      env: { ...process.env, DATABASE_URL: 'not a url' },
      encoding: 'utf8',
      timeout: 80_000, // a cold start of the TypeScript loader on a loaded 2-core machine
    });
    expect(r.status).toBe(78);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([
      'switchboard: configuration error: DATABASE_URL="not a url" is invalid: expected a URL starting with postgres:// or postgresql://',
    ]);
    expect(r.stdout).toBe('');
  });
});
