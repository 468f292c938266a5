import { envSchema } from './schema';

export interface Config {
  env: 'development' | 'test' | 'production';
  databaseUrl: string;
  redis: { url: string; prefix: string };
  api: {
    host: string;
    port: number;
    publicUrl: string;
    /** HTTP server timeouts, in milliseconds: headers, a whole request, an idle connection, keep-alive. */
    timeouts: { headersMs: number; requestMs: number; idleMs: number; keepAliveMs: number };
  };
  /** Where the dashboard's server reaches the API; unset means the API's own host and port. */
  apiInternalUrl?: string;
  dashboard: {
    port: number;
    publicUrl: string;
    signIn: { failuresPerAccount: number; perSourcePerMinute: number };
  };
  logLevel: string;
  shutdownGraceMs: number;
  secretKey: string;
  /** The platform operator's Bearer credential (template review decisions); unset: none is accepted. */
  operatorToken?: string;
  /** The Bearer credential for /metrics (METRICS_TOKEN); unset: only loopback may scrape. */
  metricsToken?: string;
  workers: { concurrency: number; keepCompleted: number; nodePruneIntervalSeconds: number };
  limits: LimitsConfig;
  core: CoreConfig;
  messaging: MessagingConfig;
  business: BusinessConfig;
  webhooks: WebhooksConfig;
  /** Whether URLs given by businesses may reach private networks (OUTBOUND_PRIVATE_NETWORKS). */
  outbound: { privateNetworks: 'allow' | 'deny' };
}

/** Sending limits: throughput per number, pair rate, tier review, consumers' new chats. */
export interface LimitsConfig {
  messagesPerSecondDefault: number;
  pairIntervalMs: number;
  pairBurst: number;
  tierReviewIntervalSeconds: number;
  consumerNewChatsPerDay: number;
}

/** Business webhooks: delivery, retries, batching, retention. */
export interface WebhooksConfig {
  timeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxAgeSeconds: number;
  batchMaxEvents: number;
  batchMaxBytes: number;
  sweepIntervalSeconds: number;
  logRetentionDays: number;
  requireHttps: boolean;
  dbPoolSize: number;
}

/** The business layer: template review and contact keywords. */
export interface BusinessConfig {
  templateReview: 'auto' | 'manual';
  /** Regular expression sources, applied case-insensitively to every text of a template. */
  templateForbiddenPatterns: string[];
  /** Upper-cased; an inbound text equal to one of them (ignoring case and surrounding punctuation) opts out/in. */
  stopKeywords: string[];
  startKeywords: string[];
  media: { dir: string; retentionDays: number; urlTtlSeconds: number; linkTimeoutMs: number };
  /** Days message content is kept (BUSINESS_CONTENT_RETENTION_DAYS): payloads and webhook values, then emptied. */
  contentRetentionDays: number;
  /** The send path's pool (MESSAGES_DB_POOL_SIZE). */
  messagesDbPoolSize: number;
  /** Consumers of one number whose messages a worker handles at once (BUSINESS_INBOUND_CONCURRENCY). */
  inboundConcurrency: number;
  /** Whether this worker process runs the business device (BUSINESS_DEVICE). */
  deviceEnabled: boolean;
  /** Whether this worker process runs the campaign sweep (CAMPAIGNS_SWEEP). */
  campaignSweepEnabled: boolean;
}

/** The device gateway and store-and-forward. */
export interface MessagingConfig {
  envelopeTtlSeconds: number;
  maxEnvelopeBytes: number;
  maxFrameBytes: number;
  sendDedupSeconds: number;
  nodeId?: string;
  routeTtlSeconds: number;
  purgeIntervalSeconds: number;
  keepaliveSeconds: number;
  /** Per-connection token buckets on a device's frames: all of them, and those stored (sends, read receipts). */
  frameRates: { frames: { perSecond: number; burst: number }; stored: { perSecond: number; burst: number } };
  dbPoolSize: number;
  synchronousCommit: boolean;
  /** MAILBOX_WRITE_BEHIND_MS: how long a message pushed before its commit waits for its acks. */
  writeBehindMs: number;
}

/** Accounts, devices and keys. Windows: `PerHour` counters reset hourly, `PerMinute` ones every minute. */
export interface CoreConfig {
  /** Unset: codes are logged and readable at the development-only endpoint (refused in production). */
  sms: { providerUrl?: string; providerToken?: string };
  /** Failed authentication (device credentials and API keys): per source address, and a brief negative cache. */
  auth: { failuresPerClientPerMinute: number; negativeCacheSeconds: number };
  otp: {
    ttlSeconds: number;
    maxAttempts: number;
    resendCooldownSeconds: number;
    resendCooldownMaxSeconds: number;
    sendsPerClientPerHour: number;
    verificationsPerClientPerHour: number;
  };
  pin: { freeAttempts: number; lockoutBaseSeconds: number; lockoutMaxSeconds: number };
  devices: { maxCompanions: number; linkCodeTtlSeconds: number; linkRequestsPerClientPerHour: number };
  keys: { bundleFetchesPerMinute: number; bundleFetchesPerTargetPerMinute: number; lowThreshold: number };
  /** Contact discovery: distinct numbers one account may look up per 24 h. */
  directory: { lookupsPerDay: number };
  /** Encrypted attachment blobs (docs/core.md "Attachments"). */
  attachments: { dir: string; maxBytes: number; ttlDays: number };
  /** Wake-up pushes (docs/core.md "Push"). `vapid` unset: Web Push is off. */
  push: {
    vapid?: { publicKey: string; privateKey: string; subject: string };
    coalesceSeconds: number;
    ttlSeconds: number;
    allowedPrivateHosts: string[];
    /** FCM (HTTP v1): the service account key file; unset: FCM is off. */
    fcm?: { credentialsFile: string; apiUrl: string };
    /** APNs with a provider token; unset: APNs is off. */
    apns?: { keyFile: string; keyId: string; teamId: string; topic: string; url: string };
  };
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
  const apns = [e.APNS_KEY_FILE, e.APNS_KEY_ID, e.APNS_TEAM_ID, e.APNS_TOPIC];
  if (apns.some(Boolean) && !apns.every(Boolean)) {
    throw new ConfigError(['APNS_KEY_FILE, APNS_KEY_ID, APNS_TEAM_ID and APNS_TOPIC: set all four or none']);
  }
  if (!e.PUSH_VAPID_PUBLIC_KEY !== !e.PUSH_VAPID_PRIVATE_KEY) {
    throw new ConfigError(['PUSH_VAPID_PUBLIC_KEY and PUSH_VAPID_PRIVATE_KEY: set both or neither']);
  }
  if (e.NODE_ENV === 'production' && e.SECRET_KEY === envSchema.shape.SECRET_KEY.parse(undefined)) {
    throw new ConfigError(['SECRET_KEY is the development default: expected a secret of your own in production']);
  }
  return {
    env: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX.endsWith(':') ? e.REDIS_PREFIX : `${e.REDIS_PREFIX}:` },
    api: {
      host: e.API_HOST,
      port: e.API_PORT,
      publicUrl: e.PUBLIC_API_URL,
      timeouts: {
        headersMs: e.API_HEADERS_TIMEOUT_MS,
        requestMs: e.API_REQUEST_TIMEOUT_MS,
        idleMs: e.API_IDLE_TIMEOUT_MS,
        keepAliveMs: e.API_KEEP_ALIVE_TIMEOUT_MS,
      },
    },
    apiInternalUrl: e.API_INTERNAL_URL,
    dashboard: {
      port: e.DASHBOARD_PORT,
      publicUrl: e.PUBLIC_DASHBOARD_URL ?? `http://${e.API_HOST}:${e.DASHBOARD_PORT}`,
      signIn: {
        failuresPerAccount: e.CONSOLE_SIGN_IN_FAILURES_PER_ACCOUNT,
        perSourcePerMinute: e.CONSOLE_SIGN_INS_PER_SOURCE,
      },
    },
    logLevel: e.LOG_LEVEL,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    secretKey: e.SECRET_KEY,
    operatorToken: e.OPERATOR_TOKEN,
    metricsToken: e.METRICS_TOKEN,
    workers: {
      concurrency: e.WORKER_CONCURRENCY,
      keepCompleted: e.JOBS_KEEP_COMPLETED,
      nodePruneIntervalSeconds: e.NODE_PRUNE_INTERVAL_SECONDS,
    },
    limits: {
      messagesPerSecondDefault: e.MESSAGES_PER_SECOND_DEFAULT,
      pairIntervalMs: e.PAIR_RATE_INTERVAL_MS,
      pairBurst: e.PAIR_RATE_BURST,
      tierReviewIntervalSeconds: e.LIMITS_TIER_REVIEW_INTERVAL_SECONDS,
      consumerNewChatsPerDay: e.CONSUMER_NEW_CHATS_PER_DAY,
    },
    core: {
      sms: { providerUrl: e.SMS_PROVIDER_URL, providerToken: e.SMS_PROVIDER_TOKEN },
      auth: {
        failuresPerClientPerMinute: e.AUTH_FAILURES_PER_CLIENT_PER_MINUTE,
        negativeCacheSeconds: e.AUTH_NEGATIVE_CACHE_SECONDS,
      },
      otp: {
        ttlSeconds: e.OTP_TTL_SECONDS,
        maxAttempts: e.OTP_MAX_ATTEMPTS,
        resendCooldownSeconds: e.OTP_RESEND_COOLDOWN_SECONDS,
        resendCooldownMaxSeconds: e.OTP_RESEND_COOLDOWN_MAX_SECONDS,
        sendsPerClientPerHour: e.OTP_SENDS_PER_CLIENT_PER_HOUR,
        verificationsPerClientPerHour: e.OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR,
      },
      pin: {
        freeAttempts: e.PIN_FREE_ATTEMPTS,
        lockoutBaseSeconds: e.PIN_LOCKOUT_BASE_SECONDS,
        lockoutMaxSeconds: e.PIN_LOCKOUT_MAX_SECONDS,
      },
      devices: {
        maxCompanions: e.MAX_COMPANION_DEVICES,
        linkCodeTtlSeconds: e.LINK_CODE_TTL_SECONDS,
        linkRequestsPerClientPerHour: e.LINK_REQUESTS_PER_CLIENT_PER_HOUR,
      },
      keys: {
        bundleFetchesPerMinute: e.KEY_BUNDLE_FETCHES_PER_MINUTE,
        bundleFetchesPerTargetPerMinute: e.KEY_BUNDLE_FETCHES_PER_TARGET_PER_MINUTE,
        lowThreshold: e.PREKEY_LOW_THRESHOLD,
      },
      directory: { lookupsPerDay: e.DIRECTORY_LOOKUPS_PER_DAY },
      push: {
        ...(e.PUSH_VAPID_PUBLIC_KEY &&
          e.PUSH_VAPID_PRIVATE_KEY && {
            vapid: {
              publicKey: e.PUSH_VAPID_PUBLIC_KEY,
              privateKey: e.PUSH_VAPID_PRIVATE_KEY,
              subject: e.PUSH_VAPID_SUBJECT,
            },
          }),
        coalesceSeconds: e.PUSH_COALESCE_SECONDS,
        ttlSeconds: e.PUSH_TTL_SECONDS,
        allowedPrivateHosts: e.PUSH_ALLOWED_PRIVATE_HOSTS,
        ...(e.FCM_CREDENTIALS_FILE && { fcm: { credentialsFile: e.FCM_CREDENTIALS_FILE, apiUrl: e.FCM_API_URL } }),
        ...(e.APNS_KEY_FILE &&
          e.APNS_KEY_ID &&
          e.APNS_TEAM_ID &&
          e.APNS_TOPIC && {
            apns: {
              keyFile: e.APNS_KEY_FILE,
              keyId: e.APNS_KEY_ID,
              teamId: e.APNS_TEAM_ID,
              topic: e.APNS_TOPIC,
              url: e.APNS_URL,
            },
          }),
      },
      attachments: { dir: e.ATTACHMENTS_DIR, maxBytes: e.ATTACHMENT_MAX_BYTES, ttlDays: e.ATTACHMENT_TTL_DAYS },
    },
    messaging: {
      envelopeTtlSeconds: e.ENVELOPE_TTL_SECONDS,
      maxEnvelopeBytes: e.MAX_ENVELOPE_BYTES,
      maxFrameBytes: e.MAX_FRAME_BYTES,
      sendDedupSeconds: e.SEND_DEDUP_SECONDS,
      nodeId: e.NODE_ID,
      routeTtlSeconds: e.ROUTE_TTL_SECONDS,
      purgeIntervalSeconds: e.MAILBOX_PURGE_INTERVAL_SECONDS,
      keepaliveSeconds: e.WS_KEEPALIVE_SECONDS,
      frameRates: {
        frames: { perSecond: e.GATEWAY_FRAMES_PER_SECOND, burst: e.GATEWAY_FRAME_BURST },
        stored: { perSecond: e.GATEWAY_SENDS_PER_SECOND, burst: e.GATEWAY_SEND_BURST },
      },
      dbPoolSize: e.MAILBOX_DB_POOL_SIZE,
      synchronousCommit: e.MAILBOX_SYNCHRONOUS_COMMIT === 'on',
      writeBehindMs: e.MAILBOX_WRITE_BEHIND_MS,
    },
    business: {
      templateReview: e.TEMPLATE_REVIEW,
      templateForbiddenPatterns: e.TEMPLATE_FORBIDDEN_PATTERNS,
      stopKeywords: e.CONTACT_STOP_KEYWORDS,
      startKeywords: e.CONTACT_START_KEYWORDS,
      media: {
        dir: e.MEDIA_DIR,
        retentionDays: e.MEDIA_RETENTION_DAYS,
        urlTtlSeconds: e.MEDIA_URL_TTL_SECONDS,
        linkTimeoutMs: e.MEDIA_LINK_TIMEOUT_MS,
      },
      contentRetentionDays: e.BUSINESS_CONTENT_RETENTION_DAYS,
      messagesDbPoolSize: e.MESSAGES_DB_POOL_SIZE,
      inboundConcurrency: e.BUSINESS_INBOUND_CONCURRENCY,
      deviceEnabled: e.BUSINESS_DEVICE === 'on',
      campaignSweepEnabled: e.CAMPAIGNS_SWEEP === 'on',
    },
    webhooks: {
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
      retryMaxMs: e.WEBHOOK_RETRY_MAX_MS,
      maxAgeSeconds: e.WEBHOOK_MAX_AGE_SECONDS,
      batchMaxEvents: e.WEBHOOK_BATCH_MAX_EVENTS,
      batchMaxBytes: e.WEBHOOK_BATCH_MAX_BYTES,
      sweepIntervalSeconds: e.WEBHOOK_SWEEP_INTERVAL_SECONDS,
      logRetentionDays: e.WEBHOOK_LOG_RETENTION_DAYS,
      requireHttps: e.WEBHOOK_REQUIRE_HTTPS,
      dbPoolSize: e.WEBHOOK_DB_POOL_SIZE,
    },
    outbound: {
      privateNetworks: e.OUTBOUND_PRIVATE_NETWORKS ?? (e.NODE_ENV === 'production' ? 'deny' : 'allow'),
    },
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
