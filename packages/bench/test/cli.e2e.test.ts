// The bench runner end to end: `npm run bench -- http --quick` against the real services, and an unknown suite.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

function npmRunBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'bench', '--', ...args], { cwd: repoRoot, env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run bench', () => {
  it('http --quick ends its stdout with one JSON line of positive figures', { timeout: 120_000 }, async () => {
    const started = Date.now();
    const { code, stdout, stderr } = await npmRunBench(['http', '--quick']);
    expect(code, stderr).toBe(0);
    const last = stdout.trimEnd().split('\n').at(-1) ?? '';
    const figures = JSON.parse(last) as Record<string, unknown>;
    expect(figures.suite).toBe('http');
    for (const key of ['rps', 'p50_ms', 'p99_ms']) {
      expect(typeof figures[key], key).toBe('number');
      expect(figures[key] as number, key).toBeGreaterThan(0);
    }
    expect(figures.p99_ms as number).toBeGreaterThanOrEqual(figures.p50_ms as number);
    // Progress went to stderr, and the bench cleaned up after itself.
    expect(stderr).toMatch(/api ready/);
    expect(stderr).toMatch(/dropped database switchboard_bench_/);
    // --quick promises under 60 s on this machine; allow slack for npm start-up and a busy test run.
    expect(Date.now() - started).toBeLessThan(90_000);
  });

  it('an unknown suite exits non-zero and lists the suites', { timeout: 30_000 }, async () => {
    const { code, stdout, stderr } = await npmRunBench(['no-such-suite']);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/unknown suite "no-such-suite"/);
    expect(stderr).toMatch(/^ {2}http {2}/m);
    expect(stdout).not.toMatch(/^\{/m);
  });
});
