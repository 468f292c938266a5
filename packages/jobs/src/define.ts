import type { JobsOptions } from 'bullmq';
import type { z } from 'zod';

/** One kind of job: which queue it runs on, its name, and the schema its payload must satisfy. */
export interface JobDefinition<Q extends string = string, N extends string = string, S extends z.ZodType = z.ZodType> {
  queue: Q;
  name: N;
  payload: S;
  /** Defaults for every job of this kind (attempts, backoff...). */
  options?: JobsOptions;
}

export function defineJob<const Q extends string, const N extends string, S extends z.ZodType>(
  def: JobDefinition<Q, N, S>,
): JobDefinition<Q, N, S> {
  return def;
}
