import { type Job, UnrecoverableError } from 'bullmq';
import type { z } from 'zod';
import type { JobDefinition } from './define';

/** A job's handler: its payload as the catalogue's schema parsed it, and the BullMQ job. */
export type Handler<P> = (payload: P, job: Job) => Promise<unknown>;

/** A handler bound to its catalogue job. `run` takes the job's raw data; only `bindJob` makes one. */
export interface HandlerBinding {
  job: JobDefinition;
  run: (data: unknown, job: Job) => Promise<unknown>;
}

/**
 * Binds a handler to a catalogue job. The handler's payload type is the job's schema output, so a handler written for
 * another payload does not compile. `run` parses the raw data first: a payload that does not match fails without
 * retries, since retrying cannot fix it.
 */
export function bindJob<S extends z.ZodType>(
  job: JobDefinition<string, string, S>,
  handler: Handler<z.output<S>>,
): HandlerBinding {
  return {
    job,
    run: async (data, bullJob) => {
      const parsed = job.payload.safeParse(data);
      if (!parsed.success) throw new UnrecoverableError(`invalid payload for ${job.name}: ${parsed.error.message}`);
      return handler(parsed.data, bullJob);
    },
  };
}

export class CatalogueError extends Error {}

/**
 * Checks that every job in the catalogue has exactly one handler and no handler serves an unknown job, then returns
 * the bindings by job name. Called at worker boot: a missing or doubled handler must stop the process, not surface
 * hours later as jobs that nobody runs.
 */
export function bindHandlers(
  catalogue: Record<string, JobDefinition>,
  bindings: HandlerBinding[],
): Map<string, HandlerBinding> {
  const known = new Set(Object.values(catalogue).map((j) => j.name));
  const byName = new Map<string, HandlerBinding>();
  const problems: string[] = [];
  for (const b of bindings) {
    if (!known.has(b.job.name)) problems.push(`handler for unknown job "${b.job.name}"`);
    else if (byName.has(b.job.name)) problems.push(`two handlers for job "${b.job.name}"`);
    byName.set(b.job.name, b);
  }
  for (const name of known) if (!byName.has(name)) problems.push(`no handler for job "${name}"`);
  if (problems.length) throw new CatalogueError(`job catalogue: ${problems.join('; ')}`);
  return byName;
}
