import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { ConsoleRole } from '@switchboard/business/console/auth/roles';
import { MembersRepository } from '@switchboard/business/console/members/members.repository';
import { createSetupLink } from '@switchboard/business/console/members/setup-link';
import type { Config } from '@switchboard/config';
import { type ContractResponse, contractFetch } from '@switchboard/contract';
import { CONFIG } from '@switchboard/platform';

/** A console user signed in through the API: their session cookie, and calls made with it from the console's origin. */
export interface Operator {
  email: string;
  password: string;
  name: string;
  /** `switchboard.session_token=…`, as a browser would send it. */
  cookie: string;
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<ContractResponse<T>>;
}

/** The session cookie out of a response's Set-Cookie headers. */
export function sessionCookie(headers: Headers): string {
  const cookie = headers.getSetCookie().find((c) => c.startsWith('switchboard.session_token='));
  if (!cookie) throw new Error(`no session cookie in: ${headers.getSetCookie().join(' | ')}`);
  return cookie.split(';')[0]!;
}

/**
 * Console calls against an API at `apiUrl`, as the dashboard's proxy makes them: the browser's cookie and its Origin
 * (the API's PUBLIC_DASHBOARD_URL). Every response is checked against openapi.yaml.
 */
export function consoleFetch(apiUrl: string, origin: string) {
  return <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    contractFetch<T>(`${apiUrl}${path}`, {
      method,
      headers: {
        origin,
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
}

const password = () => `pw-${randomBytes(9).toString('base64url')}`;
export const testEmail = (role: string) => `${role}-${randomBytes(4).toString('hex')}@example.test`;

/**
 * Operators of one business, made the way people are: the first owner through the setup link of
 * `npm run admin -- create-user`, the others invited by that owner and joining through their links.
 */
export class Operators {
  private readonly fetch: ReturnType<typeof consoleFetch>;

  /**
   * `setupLink` makes the first owner's link as `npm run admin -- create-user` does; `origin` is the console's
   * (PUBLIC_DASHBOARD_URL of the API at `apiUrl`).
   */
  constructor(
    apiUrl: string,
    readonly origin: string,
    readonly setupLink: (email: string, businessId: string) => Promise<string>,
  ) {
    this.fetch = consoleFetch(apiUrl, origin);
  }

  /** Operators of an API running in this process (its Nest app gives the config and the repository). */
  static of(app: INestApplicationContext, apiUrl: string): Operators {
    const config = app.get<Config>(CONFIG);
    return new Operators(apiUrl, new URL(config.dashboard.publicUrl).origin, async (email, businessId) => {
      return (await createSetupLink(config, app.get(MembersRepository), email, businessId)).link;
    });
  }

  /** A new owner of `businessId`, signed in. */
  async owner(businessId: string, email = testEmail('owner')): Promise<Operator> {
    return this.join(await this.setupLink(email, businessId), email);
  }

  /** A new member with `role`, invited by `by` (an owner or admin) and signed in. */
  async invited(by: Operator, businessId: string, role: ConsoleRole): Promise<Operator> {
    const email = testEmail(role);
    const res = await by.call<{ link: string }>('POST', `/console/v1/businesses/${businessId}/invitations`, {
      email,
      role,
    });
    if (res.status !== 200) throw new Error(`invite failed: ${res.status} ${res.text}`);
    return this.join(res.body.link, email);
  }

  /** Opens an invitation link: sets a name and password, and leaves signed in. */
  async join(link: string, email: string): Promise<Operator> {
    const id = new URL(link).pathname.split('/').pop()!;
    const pw = password();
    const name = email.split('@')[0]!;
    const res = await this.fetch('POST', `/console/v1/invitations/${id}/accept`, { name, password: pw });
    if (res.status !== 200) throw new Error(`accepting the invitation failed: ${res.status} ${res.text}`);
    return this.operator(email, pw, name, sessionCookie(res.headers));
  }

  /** Signs in again (a second browser): a new session of the same user. */
  async signIn(email: string, pw: string): Promise<ContractResponse<Record<string, unknown>>> {
    return this.fetch('POST', '/console/v1/auth/sign-in/email', { email, password: pw });
  }

  operator(email: string, pw: string, name: string, cookie: string): Operator {
    return {
      email,
      password: pw,
      name,
      cookie,
      call: (method, path, body) => this.fetch(method, path, body, { cookie }),
    };
  }

  /** A console call with no cookie, or any headers. */
  raw<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
    return this.fetch<T>(method, path, body, headers);
  }
}
