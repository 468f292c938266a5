import { z } from 'zod';

// Every setting Switchboard reads from the environment, with defaults that work on a development machine.
// Names here are the contract: docker-compose.yml and the README are checked against this list by tests.
const port = z.coerce.number().int().min(1).max(65535);
const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    `a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
  );

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgresql://postgres@127.0.0.1:5432/switchboard'),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/, 'letters, digits, ":", "_" or "-"')
    .default('sb:dev:'),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(3000),
  DASHBOARD_PORT: port.default(3001),
  PUBLIC_API_URL: url(['http:', 'https:']).default('http://127.0.0.1:3000'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  SECRET_KEY: z
    .string()
    .min(32, 'at least 32 characters of secret')
    .default('development-only-secret-change-me-in-production!!'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(16),
  JOBS_KEEP_COMPLETED: z.coerce.number().int().min(0).max(1_000_000).default(1000),
  MESSAGES_PER_SECOND_DEFAULT: z.coerce.number().int().min(1).max(1000).default(80),
});

export type Env = z.infer<typeof envSchema>;

/** The names of all variables, for tooling that checks docs and compose files against the schema. */
export const envNames = Object.keys(envSchema.shape) as (keyof Env)[];
