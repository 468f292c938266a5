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

const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

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
  /** Where the dashboard's server reaches the API (inside Docker: http://api:3000). Defaults to PUBLIC_API_URL. */
  API_INTERNAL_URL: url(['http:', 'https:']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  SECRET_KEY: z
    .string()
    .min(32, 'at least 32 characters of secret')
    .default('development-only-secret-change-me-in-production!!'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(16),
  JOBS_KEEP_COMPLETED: z.coerce.number().int().min(0).max(1_000_000).default(1000),
  MESSAGES_PER_SECOND_DEFAULT: z.coerce.number().int().min(1).max(1000).default(80),

  // Core accounts, devices and keys (issue 3, team A). Limits are per fixed window; see apps/api/src/core.
  SMS_PROVIDER_URL: url(['http:', 'https:']).optional(),
  SMS_PROVIDER_TOKEN: z.string().min(1).optional(),
  OTP_TTL_SECONDS: count(30, 3600).default(300),
  OTP_MAX_ATTEMPTS: count(1, 20).default(5),
  OTP_SENDS_PER_NUMBER_PER_HOUR: count(1, 1000).default(5),
  OTP_VERIFICATIONS_PER_NUMBER_PER_HOUR: count(1, 1000).default(10),
  OTP_SENDS_PER_CLIENT_PER_HOUR: count(1, 1_000_000).default(100),
  OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: count(1, 1_000_000).default(200),
  PIN_FREE_ATTEMPTS: count(1, 100).default(5),
  PIN_LOCKOUT_BASE_SECONDS: count(1, 86_400).default(60),
  PIN_LOCKOUT_MAX_SECONDS: count(1, 30 * 86_400).default(7 * 86_400),
  MAX_COMPANION_DEVICES: count(0, 126).default(4),
  LINK_CODE_TTL_SECONDS: count(30, 3600).default(300),
  LINK_REQUESTS_PER_CLIENT_PER_HOUR: count(1, 1_000_000).default(100),
  KEY_BUNDLE_FETCHES_PER_MINUTE: count(1, 1_000_000).default(120),
  PREKEY_LOW_THRESHOLD: count(0, 10_000).default(10),

  // Core messaging: gateway, store-and-forward, routing across nodes (issue 3, team B). See docs/core.md.
  /** Undelivered envelopes are deleted this long after the server accepted them (never by a count cap). */
  ENVELOPE_TTL_SECONDS: count(60, 365 * 86_400).default(30 * 86_400),
  /** One ciphertext in a send; larger envelopes are refused with code 413. */
  MAX_ENVELOPE_BYTES: count(1024, 1024 * 1024).default(96 * 1024),
  /** One WebSocket message (a send to many devices); larger ones close the connection with 1009. */
  MAX_FRAME_BYTES: count(4096, 16 * 1024 * 1024).default(1024 * 1024),
  /** How long a delivered message's id is remembered, so a resent client message id is stored once. */
  SEND_DEDUP_SECONDS: count(60, 30 * 86_400).default(3600),
  /** This process's name in the device routing table. Defaults to a random id per process start. */
  NODE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, ".", "_" or "-" (at most 64)')
    .optional(),
  /** A connected device's route expires this long after its node stops refreshing it (the node crashed). */
  ROUTE_TTL_SECONDS: count(5, 3600).default(60),
  MAILBOX_PURGE_INTERVAL_SECONDS: count(1, 86_400).default(60),
  /** WebSocket pings to each device; a device silent for two intervals is disconnected. */
  WS_KEEPALIVE_SECONDS: count(1, 3600).default(30),
  /** Connections of the mailbox's own Postgres pool (the message path's queries, batched). */
  MAILBOX_DB_POOL_SIZE: count(1, 100).default(6),
});

export type Env = z.infer<typeof envSchema>;

/** The names of all variables, for tooling that checks docs and compose files against the schema. */
export const envNames = Object.keys(envSchema.shape) as (keyof Env)[];
