import { parseConfig } from '@switchboard/config';
import type { JobQueues } from '@switchboard/jobs';
import type { Redis } from '@switchboard/redis';
import { describe, expect, it } from 'vitest';
import { BackgroundError, BackgroundScheduler, type LoopBindings } from '../src';

// The checks run before anything is started: no queue or Redis is touched.
const scheduler = (owner: 'api' | 'worker', loops: Record<string, unknown>) =>
  new BackgroundScheduler(owner, parseConfig({}), {} as JobQueues, {} as Redis, loops as LoopBindings);

const pass = { pass: () => undefined };
const apiLoops = {
  nodeHeartbeat: pass,
  nodeLiveness: pass,
  mailboxPurge: pass,
  mailboxExpiry: pass,
  groupMessageInfoPurge: pass,
  statusPurge: pass,
  attachmentPurge: pass,
  mediaPurge: pass,
  idempotencyPurge: pass,
  inboxLiveCatchUp: pass,
  inboxLivePing: pass,
  inboxEventsPurge: pass,
};

describe('BackgroundScheduler', () => {
  it('takes a binding for every loop declared for its process', () => {
    expect(() => scheduler('api', apiLoops)).not.toThrow();
  });

  it('refuses to start with a declared loop unbound, a loop of another process, or an unknown one', () => {
    const { mediaPurge: _, ...missing } = apiLoops;
    expect(() => scheduler('api', missing)).toThrow(
      new BackgroundError('background work: loop "mediaPurge" has no binding in the api process'),
    );
    expect(() => scheduler('api', { ...apiLoops, sendOutbox: pass })).toThrow(
      /loop "sendOutbox" is not declared for the api process/,
    );
    expect(() => scheduler('api', { ...apiLoops, cleanup: pass })).toThrow(/binding for unknown loop "cleanup"/);
  });
});
