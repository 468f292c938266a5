import { execFileSync, spawnSync } from 'node:child_process';
import { freePort, spawnProcess, waitForHttp } from '@switchboard/devtools';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/services';

/** Every process in the process group `pgid` that is still alive. */
function groupMembers(pgid: number): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,pgid='], { encoding: 'utf8' });
  return out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number))
    .filter(([, g]) => g === pgid)
    .map(([p]) => p!);
}

// `npm start` end to end: API, workers and dashboard come up, /ready answers 200, and SIGTERM leaves no process behind.
describe('npm start', () => {
  it('brings up API, workers and dashboard, and stops them all on SIGTERM', { timeout: 240_000 }, async () => {
    const [apiPort, dashboardPort] = await Promise.all([freePort(), freePort()]);
    const start = spawnProcess(process.execPath, ['packages/devtools/bin/start.mjs'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        API_PORT: String(apiPort),
        DASHBOARD_PORT: String(dashboardPort),
        LOG_LEVEL: 'info',
      },
      name: 'npm start',
    });
    try {
      await waitForHttp(`http://127.0.0.1:${apiPort}/ready`, 180_000, { process: start });
      await waitForHttp(`http://127.0.0.1:${dashboardPort}/`, 60_000, { process: start });
      const deadline = Date.now() + 30_000;
      // The workers have no port to poll: wait for their "consuming" line too (with warm compile caches the API and
      // the dashboard can be ready before the workers have bound their queues).
      const up = () =>
        start.output().includes('Ctrl-C stops everything') && start.output().includes('workers consuming');
      while (!up() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(start.output()).toContain(`API        http://127.0.0.1:${apiPort}`);
      expect(start.output()).toContain(`Dashboard  http://127.0.0.1:${dashboardPort}`);
      // Logs are JSON; npm start shows them as one readable line each.
      expect(start.output()).toMatch(/\[workers\] \d\d:\d\d:\d\d info {2}workers consuming queues=\[/);
      // API, workers and dashboard run in process groups of their own: collect every pid below the start script.
      const tree = execFileSync('ps', ['-eo', 'pid=,ppid=,pgid='], { encoding: 'utf8' });
      const rows = tree
        .trim()
        .split('\n')
        .map((l) => l.trim().split(/\s+/).map(Number));
      const descendants = new Set([start.pid]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const [pid, ppid] of rows) {
          if (descendants.has(ppid!) && !descendants.has(pid!)) {
            descendants.add(pid!);
            grew = true;
          }
        }
      }
      expect(descendants.size).toBeGreaterThanOrEqual(4);

      process.kill(start.pid, 'SIGTERM');
      const { code } = await start.exited;
      expect(code).toBe(0);
      await new Promise((r) => setTimeout(r, 500));
      const alive = execFileSync('ps', ['-eo', 'pid='], { encoding: 'utf8' }).trim().split('\n').map(Number);
      expect([...descendants].filter((p) => alive.includes(p))).toEqual([]);
      expect(groupMembers(start.pid)).toEqual([]);
      await expect(fetch(`http://127.0.0.1:${apiPort}/health`)).rejects.toThrow();
    } finally {
      await start.stop();
    }
  });

  it('stops with one line naming a bad variable', { timeout: 60_000 }, async () => {
    const r = spawnSync(process.execPath, ['packages/devtools/bin/start.mjs'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: 'mysql://nope' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(78);
    expect(r.stderr.trim()).toBe(
      'switchboard: configuration error: DATABASE_URL="mysql://nope" is invalid: expected a URL starting with postgres:// or postgresql://',
    );
  });

  it('stops and says how to start Redis when none answers', { timeout: 60_000 }, async () => {
    const r = spawnSync(process.execPath, ['packages/devtools/bin/start.mjs'], {
      cwd: REPO_ROOT,
      env: { ...process.env, REDIS_URL: `redis://127.0.0.1:${await freePort()}` },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Redis does not answer at redis:\/\/127\.0\.0\.1:\d+/);
    expect(r.stderr).toContain('docker compose up -d redis');
    expect(r.stderr).toContain('apt-get install -y redis-server');
  });
});
