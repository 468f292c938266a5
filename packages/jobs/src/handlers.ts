import type { Job } from 'bullmq';
import type { JobDefinition } from './define';

export type Handler = (payload: unknown, job: Job) => Promise<unknown>;
export interface HandlerBinding {
  job: JobDefinition;
  handle: Handler;
}

export class CatalogueError extends Error {}

/**
 * Checks that every job in the catalogue has exactly one handler and no handler serves an unknown job, then returns
 * a lookup by job name. Called at worker boot: a missing or doubled handler must stop the process, not surface
 * hours later as jobs that nobody runs.
 */
export function bindHandlers(
  catalogue: Record<string, JobDefinition>,
  bindings: HandlerBinding[],
): Map<string, Handler> {
  const known = new Set(Object.values(catalogue).map((j) => j.name));
  const byName = new Map<string, Handler>();
  const problems: string[] = [];
  for (const b of bindings) {
    if (!known.has(b.job.name)) problems.push(`handler for unknown job "${b.job.name}"`);
    else if (byName.has(b.job.name)) problems.push(`two handlers for job "${b.job.name}"`);
    byName.set(b.job.name, b.handle);
  }
  for (const name of known) if (!byName.has(name)) problems.push(`no handler for job "${name}"`);
  if (problems.length) throw new CatalogueError(`job catalogue: ${problems.join('; ')}`);
  return byName;
}
