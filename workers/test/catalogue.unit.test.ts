import { bindHandlers, bindJob, CatalogueError, defineJob } from '@switchboard/jobs';
import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const a = defineJob({ queue: 'q', name: 'a', payload: z.object({}) });
const b = defineJob({ queue: 'q', name: 'b', payload: z.object({}) });
const handle = async () => undefined;

describe('bindHandlers', () => {
  it('maps every job to its one handler', () => {
    expect([...bindHandlers({ a, b }, [bindJob(a, handle), bindJob(b, handle)]).keys()]).toEqual(['a', 'b']);
  });

  it('refuses a job with no handler', () => {
    expect(() => bindHandlers({ a, b }, [bindJob(a, handle)])).toThrow(
      new CatalogueError('job catalogue: no handler for job "b"'),
    );
  });

  it('refuses a job with two handlers, and a handler for an unknown job', () => {
    const other = defineJob({ queue: 'q', name: 'zzz', payload: z.object({}) });
    expect(() => bindHandlers({ a }, [bindJob(a, handle), bindJob(a, handle), bindJob(other, handle)])).toThrow(
      /two handlers for job "a".*handler for unknown job "zzz"/,
    );
  });
});

describe('bindJob', () => {
  const send = defineJob({
    queue: 'q',
    name: 'send',
    payload: z.object({ to: z.string(), tries: z.number().default(1) }),
  });
  const job = {} as Parameters<ReturnType<typeof bindJob>['run']>[1];

  it("hands the handler the payload as the job's schema parsed it", async () => {
    const binding = bindJob(send, async (p) => `${p.to.toUpperCase()}×${p.tries}`);
    expect(await binding.run({ to: 'ana' }, job)).toBe('ANA×1');
  });

  it('fails a payload the schema refuses without retries, before the handler runs', async () => {
    let ran = false;
    const binding = bindJob(send, async () => {
      ran = true;
    });
    await expect(binding.run({ to: 7 }, job)).rejects.toBeInstanceOf(UnrecoverableError);
    expect(ran).toBe(false);
  });

  it('types the handler by its job: a handler for another payload does not compile', () => {
    // @ts-expect-error `to` is a string in the send job's payload
    bindJob(send, async (p: { to: number }) => p.to);
    // @ts-expect-error the send job's payload has no `subscriptionId`
    bindJob(send, async (p) => p.subscriptionId);
  });
});
