import { parseConfig } from '@switchboard/config';
import { backgroundFor, cadenceMs } from '@switchboard/jobs';
import { type RunningApi, startApi } from '@switchboard/testkit/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiBackground } from '../src/background';

describe('background work in the API process', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('starts exactly what the declaration lists for API nodes, and nothing of the workers', () => {
    const config = parseConfig(process.env);
    const declared = backgroundFor('api', config)
      .filter(([, w]) => w.kind !== 'on-demand')
      .map(([key, w]) => ({ key, kind: w.kind, everyMs: 'everyMs' in w ? cadenceMs(w.everyMs, config) : 0 }));
    const started = api.app.get(ApiBackground).scheduler!.started();
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    expect([...started].sort(byKey)).toEqual(declared.sort(byKey));
    expect(started.map((w) => w.key)).toEqual(
      expect.arrayContaining(['nodeHeartbeat', 'nodeLiveness', 'mailboxPurge']),
    );
    expect(started.map((w) => w.key)).not.toContain('sendOutbox');
  });
});
