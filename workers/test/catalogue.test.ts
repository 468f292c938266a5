import { bindHandlers, CatalogueError, defineJob } from '@switchboard/jobs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const a = defineJob({ queue: 'q', name: 'a', payload: z.object({}) });
const b = defineJob({ queue: 'q', name: 'b', payload: z.object({}) });
const handle = async () => undefined;

describe('bindHandlers', () => {
  it('maps every job to its one handler', () => {
    expect([
      ...bindHandlers({ a, b }, [
        { job: a, handle },
        { job: b, handle },
      ]).keys(),
    ]).toEqual(['a', 'b']);
  });

  it('refuses a job with no handler', () => {
    expect(() => bindHandlers({ a, b }, [{ job: a, handle }])).toThrow(
      new CatalogueError('job catalogue: no handler for job "b"'),
    );
  });

  it('refuses a job with two handlers, and a handler for an unknown job', () => {
    const other = defineJob({ queue: 'q', name: 'zzz', payload: z.object({}) });
    expect(() =>
      bindHandlers({ a }, [
        { job: a, handle },
        { job: a, handle },
        { job: other, handle },
      ]),
    ).toThrow(/two handlers for job "a".*handler for unknown job "zzz"/);
  });
});
