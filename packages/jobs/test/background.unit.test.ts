import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseConfig } from '@switchboard/config';
import { describe, expect, it } from 'vitest';
import { background, backgroundFor, jobs } from '../src';

const ROOT = join(import.meta.dirname, '../../..');

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'generated') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sources(path, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

describe('the background declaration', () => {
  const declared = Object.values(background);

  it('names every catalogue job once, as added on demand or periodically, and each is consumed by workers', () => {
    const named = declared.flatMap((w) => (w.kind === 'loop' ? [] : [w.job])).sort();
    expect(named).toEqual(Object.keys(jobs).sort());
    for (const w of declared) if (w.kind !== 'loop') expect(w.owners).toEqual(['worker']);
  });

  it('gives each periodic job a payload its schema takes, and prunes service nodes (it was never scheduled)', () => {
    for (const w of declared)
      if (w.kind === 'periodic') expect(jobs[w.job].payload.safeParse(w.payload).success).toBe(true);
    expect(background.pruneServiceNodes).toMatchObject({ kind: 'periodic', owners: ['worker'] });
  });

  it('turns work off as the configuration says', () => {
    const keys = (owner: 'api' | 'worker', env: Record<string, string>) =>
      backgroundFor(owner, parseConfig(env)).map(([k]) => k);
    expect(keys('worker', { BUSINESS_DEVICE: 'off', CAMPAIGNS_SWEEP: 'off' })).not.toContain('sendOutbox');
    expect(keys('worker', { CAMPAIGNS_SWEEP: 'off' })).not.toContain('campaignsSweep');
    expect(keys('worker', {})).toEqual(expect.arrayContaining(['sendOutbox', 'businessMailbox', 'campaignsSweep']));
    expect(keys('api', {})).not.toContain('sendOutbox');
  });

  it('is the only place that starts a timer: no setInterval in server code outside the scheduler', () => {
    const server = ['packages/core/src', 'packages/business/src', 'packages/platform/src', 'packages/webhooks/src']
      .concat(['packages/jobs/src', 'packages/redis/src', 'packages/db/src', 'workers/src'])
      .flatMap((d) => sources(join(ROOT, d)));
    const timers = server.filter((f) => readFileSync(f, 'utf8').includes('setInterval(')).map((f) => relative(ROOT, f));
    expect(timers.sort()).toEqual([
      'packages/platform/src/background/job-ticker.ts',
      'packages/platform/src/background/loop-timer.ts',
    ]);
  });
});
