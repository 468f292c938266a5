import { envSchema } from './schema';

export interface Config {
  env: 'development' | 'test' | 'production';
  databaseUrl: string;
  redis: { url: string; prefix: string };
  api: { host: string; port: number; publicUrl: string };
  dashboard: { port: number };
  logLevel: string;
  shutdownGraceMs: number;
  secretKey: string;
  workers: { concurrency: number; keepCompleted: number };
  limits: { messagesPerSecondDefault: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'ConfigError';
  }
}

/** Parses the environment once. Throws ConfigError whose message names each bad variable and what it expects. */
export function parseConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '?');
      const got = source[name];
      const why = issue.message.replace(/^Invalid input: /, '');
      return `${name}=${JSON.stringify(got ?? '')} is invalid: ${why.startsWith('expected') ? why : `expected ${why}`}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && e.SECRET_KEY === envSchema.shape.SECRET_KEY.parse(undefined)) {
    throw new ConfigError(['SECRET_KEY is the development default: expected a secret of your own in production']);
  }
  return {
    env: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX.endsWith(':') ? e.REDIS_PREFIX : `${e.REDIS_PREFIX}:` },
    api: { host: e.API_HOST, port: e.API_PORT, publicUrl: e.PUBLIC_API_URL },
    dashboard: { port: e.DASHBOARD_PORT },
    logLevel: e.LOG_LEVEL,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    secretKey: e.SECRET_KEY,
    workers: { concurrency: e.WORKER_CONCURRENCY, keepCompleted: e.JOBS_KEEP_COMPLETED },
    limits: { messagesPerSecondDefault: e.MESSAGES_PER_SECOND_DEFAULT },
  };
}

let cached: Config | undefined;

/**
 * The process-wide config. On a bad environment it prints one line per problem and exits with code 78 (EX_CONFIG):
 * an operator needs the variable name, not a stack trace.
 */
export function loadConfig(): Config {
  if (cached) return cached;
  try {
    cached = parseConfig();
    return cached;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const p of err.problems) process.stderr.write(`switchboard: configuration error: ${p}\n`);
    process.exit(78);
  }
}
