import { createHmac } from 'node:crypto';
import type { Config } from '@switchboard/config';
import type { RedisService } from '@switchboard/platform';
import { betterAuth } from 'better-auth';
import { organization, twoFactor } from 'better-auth/plugins';
import type pg from 'pg';
import { CLIENT_IP_HEADER } from './client-ip';
import { consoleOrigins } from './console-origins';
import { accessControl, roles } from './roles';
import { redisRateLimitStorage, signInThrottle } from './sign-in-throttle';

/** Where Better Auth's routes live, on the API and (proxied) on the dashboard's origin. */
export const CONSOLE_AUTH_PATH = '/console/v1/auth';
export const SESSION_COOKIE_PREFIX = 'switchboard';
const DAY_SECONDS = 86_400;

/**
 * Better Auth for console operators: email and password (scrypt, Better Auth's default hash: memory-hard), sessions
 * as rows in Postgres behind an httpOnly SameSite=Lax cookie (no cookie cache, so a revoked session stops at once),
 * the organization plugin over Switchboard's businesses (members and invitations; roles owner/admin/agent/viewer),
 * optional TOTP. Nobody signs up: people join through an invitation (members/), the first owner through the setup
 * link `npm run admin -- create-user` prints. Browsers only ever talk to the dashboard's origin (PUBLIC_DASHBOARD_URL),
 * which forwards /console/v1/* here, so that is the base URL and the one trusted origin of its CSRF check.
 */
export function createConsoleAuth(config: Config, pool: pg.Pool, redis: RedisService['client']) {
  const throttle = signInThrottle(redis, config.redis.prefix, config.dashboard.signIn.failuresPerAccount);
  const perSource = { window: 60, max: config.dashboard.signIn.perSourcePerMinute };
  return betterAuth({
    appName: 'Switchboard',
    baseURL: config.dashboard.publicUrl,
    basePath: CONSOLE_AUTH_PATH,
    // Its own key, derived from SECRET_KEY: a console secret leaking says nothing about API key hashes, and back.
    secret: createHmac('sha256', config.secretKey).update('switchboard console auth').digest('hex'),
    database: pool,
    trustedOrigins: consoleOrigins(config),
    telemetry: { enabled: false },
    // A wrong password is the caller's error, answered in the envelope: not worth a warning in the API's log.
    logger: { level: 'error' },
    user: { modelName: 'ConsoleUser' },
    session: { modelName: 'ConsoleSession', expiresIn: 7 * DAY_SECONDS, updateAge: DAY_SECONDS },
    account: { modelName: 'ConsoleAccount' },
    verification: { modelName: 'ConsoleVerification' },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 128 },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 600,
      customRules: { '/sign-in/email': perSource, '/two-factor/verify-totp': perSource },
      customStorage: redisRateLimitStorage(redis, config.redis.prefix),
    },
    hooks: { before: throttle.before, after: throttle.after },
    advanced: {
      cookiePrefix: SESSION_COOKIE_PREFIX,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    plugins: [
      organization({
        ac: accessControl,
        roles,
        creatorRole: 'owner',
        allowUserToCreateOrganization: false,
        invitationExpiresIn: 7 * DAY_SECONDS,
        schema: {
          // The organization is the Business row itself; its unique template namespace stands in for the slug.
          organization: { modelName: 'Business', fields: { slug: 'templateNamespace' } },
          member: { modelName: 'ConsoleMember' },
          invitation: { modelName: 'ConsoleInvitation' },
        },
      }),
      twoFactor({ issuer: 'Switchboard', schema: { twoFactor: { modelName: 'ConsoleTwoFactor' } } }),
    ],
  });
}

export type ConsoleAuthInstance = ReturnType<typeof createConsoleAuth>;
