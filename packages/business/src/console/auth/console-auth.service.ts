import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, PgPool, RedisService } from '@switchboard/platform';
import { isAPIError } from 'better-auth/api';
import type { FastifyRequest } from 'fastify';
import { CLIENT_IP_HEADER, clientIp } from './client-ip';
import { type ConsoleAuthInstance, createConsoleAuth } from './console-auth';
import { fromAuthRefusal } from './console-errors';

/** A request's headers as the Fetch API's, with the caller's address set by us (see client-ip.ts). */
export function requestHeaders(req: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === CLIENT_IP_HEADER || name === 'content-length') continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  headers.set(CLIENT_IP_HEADER, clientIp(req));
  return headers;
}

/** Better Auth's answer, once it has been read: what the route passes on to the browser. */
export interface AuthAnswer {
  status: number;
  body: Record<string, unknown>;
  setCookies: string[];
}

/** The console's Better Auth instance (console-auth.ts) over a small pg pool of its own. */
@Injectable()
export class ConsoleAuth implements OnModuleDestroy {
  readonly auth: ConsoleAuthInstance;
  private readonly pg: PgPool;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    redis: RedisService,
  ) {
    this.pg = new PgPool('console-auth', { connectionString: config.databaseUrl, max: 4 });
    this.auth = createConsoleAuth(config, this.pg.pool, redis.client);
  }

  get api() {
    return this.auth.api;
  }

  /** The signed-in user and session behind the request's cookie, or null (expired and revoked sessions are null). */
  session(req: FastifyRequest) {
    return this.auth.api.getSession({ headers: requestHeaders(req), query: { disableRefresh: false } });
  }

  /**
   * Runs one of Better Auth's routes for a Fastify request: the URL is rebuilt on the console's public origin (its
   * base URL), the JSON body re-serialised. A refusal becomes an ApiError in the API's envelope.
   */
  async handle(req: FastifyRequest): Promise<AuthAnswer> {
    const url = new URL(req.url, this.config.dashboard.publicUrl);
    const headers = requestHeaders(req);
    const hasBody = req.body !== undefined && req.method !== 'GET';
    if (hasBody) headers.set('content-type', 'application/json');
    const response = await this.auth.handler(
      new Request(url, { method: req.method, headers, body: hasBody ? JSON.stringify(req.body) : undefined }),
    );
    const text = await response.text();
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (!response.ok) throw fromAuthRefusal(response.status, body);
    return { status: response.status, body, setCookies: response.headers.getSetCookie() };
  }

  /** A server-side call into Better Auth (`auth.api.*`): its refusals in the API's envelope too. */
  async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (isAPIError(err)) throw fromAuthRefusal(err.statusCode, err.body as { code?: string; message?: string });
      throw err;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pg.pool.end();
  }
}
