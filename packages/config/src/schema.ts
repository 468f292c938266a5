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

// docker-compose passes `${VAR:-}` through as an empty string: treat that as not set.
const unsetIfEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** "STOP, Unsubscribe" → ["STOP", "UNSUBSCRIBE"]: keyword lists are compared upper-cased. */
const wordList = z.string().transform((v) =>
  v
    .split(',')
    .map((w) => w.trim().toUpperCase())
    .filter(Boolean),
);

const jsonList = z.string().transform((v, ctx) => {
  try {
    const list: unknown = JSON.parse(v);
    if (Array.isArray(list) && list.every((p) => typeof p === 'string')) return list as string[];
  } catch {}
  ctx.addIssue({ code: 'custom', message: 'a JSON array of strings' });
  return z.NEVER;
});

function isRegExp(source: string): boolean {
  try {
    new RegExp(source, 'iu');
    return true;
  } catch {
    return false;
  }
}

/** Asking for full card numbers or government ids, and classic scam phrasing (WhatsApp's Business Policy). */
const DEFAULT_FORBIDDEN_PATTERNS = [
  '\\b(?:full|complete|entire)\\s+(?:credit|debit|card)\\s+(?:card\\s+)?numbers?\\b',
  '\\bsocial\\s+security\\s+numbers?\\b',
  '\\b(?:send|share|reply with)\\s+(?:us\\s+)?your\\s+(?:password|pin|cvv)\\b',
  '\\bguaranteed\\s+(?:income|returns?|profits?)\\b',
  '\\bdouble\\s+your\\s+money\\b',
];

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
  /**
   * The console's origin as browsers see it (default: API_HOST and DASHBOARD_PORT): its sign-in cookies are
   * first-party there, invitation links point there, and only it may post to the console's API.
   */
  PUBLIC_DASHBOARD_URL: unsetIfEmpty(url(['http:', 'https:'])),
  /** Failed console sign-ins one account may have in 15 minutes before further tries are refused (429). */
  CONSOLE_SIGN_IN_FAILURES_PER_ACCOUNT: count(1, 10_000).default(5),
  /** Console sign-in attempts one source address may make per minute (429 past it). */
  CONSOLE_SIGN_INS_PER_SOURCE: count(1, 100_000).default(30),
  PUBLIC_API_URL: url(['http:', 'https:']).default('http://127.0.0.1:3000'),
  /** Where the dashboard's server reaches the API (inside Docker: http://api:3000). Defaults to PUBLIC_API_URL. */
  API_INTERNAL_URL: url(['http:', 'https:']).optional(),
  /** A request's headers must arrive within this; what does not is answered 408 and closed (slow-header attacks). */
  API_HEADERS_TIMEOUT_MS: count(1_000, 600_000).default(10_000),
  /** A whole request (headers and body, uploads included) must arrive within this, or it is answered 408. */
  API_REQUEST_TIMEOUT_MS: count(1_000, 3_600_000).default(120_000),
  /** A connection on which nothing moves for this long is closed (an HTTP request, or an upgrade that never ends). */
  API_IDLE_TIMEOUT_MS: count(1_000, 3_600_000).default(60_000),
  /** How long an idle keep-alive connection stays open after a response (above load balancers' 60 s). */
  API_KEEP_ALIVE_TIMEOUT_MS: count(1_000, 600_000).default(72_000),
  /** The Bearer credential `/metrics` asks for; unset: `/metrics` is served to loopback only. */
  METRICS_TOKEN: unsetIfEmpty(z.string().min(32, 'at least 32 characters of secret')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  SECRET_KEY: z
    .string()
    .min(32, 'at least 32 characters of secret')
    .default('development-only-secret-change-me-in-production!!'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(16),
  JOBS_KEEP_COMPLETED: z.coerce.number().int().min(0).max(1_000_000).default(1000),
  /** How often the worker processes add the job that forgets service nodes which stopped heartbeating. */
  NODE_PRUNE_INTERVAL_SECONDS: count(1, 3600).default(60),
  MESSAGES_PER_SECOND_DEFAULT: z.coerce.number().int().min(1).max(1000).default(80),

  // Sending limits: GCRA keys in Redis shared by every API node and worker. See docs/campaigns.md "Limits".
  /** Pair rate, per business number and consumer: one message per interval on average (Meta: 6 s)… */
  PAIR_RATE_INTERVAL_MS: count(1, 3_600_000).default(6_000),
  /** …after a burst of this many (Meta: 45). */
  PAIR_RATE_BURST: count(1, 10_000).default(45),
  /** How often the workers review messaging-limit tiers (and once at boot). */
  LIMITS_TIER_REVIEW_INTERVAL_SECONDS: count(1, 7 * 86_400).default(3600),
  /** Chats a consumer account may start per rolling 24 h with accounts that never messaged it. */
  CONSUMER_NEW_CHATS_PER_DAY: count(1, 1_000_000).default(50),

  // Core accounts, devices and keys. Limits are per fixed window; see docs/core.md "Accounts, devices and keys".
  SMS_PROVIDER_URL: unsetIfEmpty(url(['http:', 'https:'])),
  SMS_PROVIDER_TOKEN: unsetIfEmpty(z.string()),
  /**
   * Failed authentications (device credentials, business API keys) one source address may have per minute; past it
   * every attempt from there is refused with 429 before any lookup. A credential that failed fails again without a
   * lookup for AUTH_NEGATIVE_CACHE_SECONDS.
   */
  AUTH_FAILURES_PER_CLIENT_PER_MINUTE: count(1, 1_000_000).default(300),
  AUTH_NEGATIVE_CACHE_SECONDS: count(1, 3600).default(60),
  OTP_TTL_SECONDS: count(1, 3600).default(300),
  OTP_MAX_ATTEMPTS: count(1, 20).default(5),
  /** The wait between codes for one number after its first resend, doubling per code up to the max (see CodeCooldown). */
  OTP_RESEND_COOLDOWN_SECONDS: count(1, 3600).default(30),
  OTP_RESEND_COOLDOWN_MAX_SECONDS: count(1, 86_400).default(600),
  OTP_SENDS_PER_CLIENT_PER_HOUR: count(1, 1_000_000).default(100),
  OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: count(1, 1_000_000).default(200),
  PIN_FREE_ATTEMPTS: count(1, 100).default(5),
  PIN_LOCKOUT_BASE_SECONDS: count(1, 86_400).default(60),
  PIN_LOCKOUT_MAX_SECONDS: count(1, 30 * 86_400).default(7 * 86_400),
  MAX_COMPANION_DEVICES: count(0, 126).default(4),
  LINK_CODE_TTL_SECONDS: count(1, 3600).default(300),
  LINK_REQUESTS_PER_CLIENT_PER_HOUR: count(1, 1_000_000).default(100),
  KEY_BUNDLE_FETCHES_PER_MINUTE: count(1, 1_000_000).default(120),
  /**
   * Bundle fetches of one account's keys per minute, whoever asks, that get one-time keys; past it bundles come
   * without them (as when they have run out), so strangers together cannot drain an account's one-time keys.
   */
  KEY_BUNDLE_FETCHES_PER_TARGET_PER_MINUTE: count(1, 1_000_000).default(20),
  PREKEY_LOW_THRESHOLD: count(0, 10_000).default(10),
  /**
   * Distinct phone numbers one account may look up in the directory per 24 h (repeats within the window are free): an
   * address book syncs in a day, enumerating a country's numbers would take tens of thousands of verified accounts.
   */
  DIRECTORY_LOOKUPS_PER_DAY: count(1, 1_000_000).default(2_000),

  // Push: content-free wake-ups for devices that are not connected; see docs/core.md "Push".
  /**
   * The VAPID key pair Web Push requests are signed with (base64url, P-256: the uncompressed public point and the
   * private scalar). `npm start` generates one into .data/vapid.json when unset. Unset: Web Push is off.
   */
  PUSH_VAPID_PUBLIC_KEY: unsetIfEmpty(
    z.string().regex(/^[A-Za-z0-9_-]{87}$/, 'a base64url P-256 public key (87 chars)'),
  ),
  PUSH_VAPID_PRIVATE_KEY: unsetIfEmpty(
    z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a base64url P-256 private key (43 chars)'),
  ),
  /** Who push services may contact about this sender (VAPID `sub`). */
  PUSH_VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)\S+$/, 'a mailto: or https: URL')
    .default('mailto:push@switchboard.invalid'),
  /** A device is woken at most once per this many seconds while messages keep arriving for it offline. */
  PUSH_COALESCE_SECONDS: count(1, 3600).default(10),
  /** How long a push service keeps a wake-up for a device that is off (Web Push TTL, FCM ttl, APNs expiration). */
  PUSH_TTL_SECONDS: count(0, 2_419_200).default(86_400),
  /**
   * Hosts (names or IP addresses, comma-separated) push endpoints may use although they are private, loopback or
   * plain http: for a local push receiver in tests and benchmarks. Every other private address is refused under
   * OUTBOUND_PRIVATE_NETWORKS=deny.
   */
  /** A Google service account key file (JSON) for FCM's HTTP v1 API. Unset: FCM is off. */
  FCM_CREDENTIALS_FILE: unsetIfEmpty(z.string()),
  FCM_API_URL: url(['https:', 'http:']).default('https://fcm.googleapis.com'),
  /** APNs token authentication: the .p8 key file, its key id, the team id and the app's bundle id. Unset: APNs is off. */
  APNS_KEY_FILE: unsetIfEmpty(z.string()),
  APNS_KEY_ID: unsetIfEmpty(z.string().regex(/^[A-Z0-9]{10}$/, '10 characters, as Apple shows it')),
  APNS_TEAM_ID: unsetIfEmpty(z.string().regex(/^[A-Z0-9]{10}$/, '10 characters, as Apple shows it')),
  APNS_TOPIC: unsetIfEmpty(z.string().min(1)),
  /** https://api.sandbox.push.apple.com for development builds of the app. */
  APNS_URL: url(['https:', 'http:']).default('https://api.push.apple.com'),
  PUSH_ALLOWED_PRIVATE_HOSTS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const hosts = v
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean);
      const bad = hosts.find((h) => !/^[a-z0-9.-]+$|^[0-9a-f:]+$/.test(h));
      if (bad) ctx.addIssue({ code: 'custom', message: `"${bad}" is not a host name or IP address` });
      return hosts;
    }),

  // Core attachments: encrypted blobs devices upload and download; see docs/core.md "Attachments".
  /** Where attachment blobs are kept (local disk); relative paths are from the working directory. */
  ATTACHMENTS_DIR: z.string().min(1).default('.data/attachments'),
  /**
   * The largest blob accepted: the largest media type (100 MB documents) padded by up to 5 % (the SDK pads sizes to
   * buckets), plus IV, cipher block padding and MAC (64 bytes).
   */
  ATTACHMENT_MAX_BYTES: count(1024, 2 * 1024 * 1024 * 1024).default(Math.floor(100 * 1024 * 1024 * 1.05) + 64),
  /** Attachments expire (and their rows and files are purged) this long after upload. */
  ATTACHMENT_TTL_DAYS: count(1, 3650).default(30),

  // Core messaging: gateway, store-and-forward, routing across nodes. See docs/core.md.
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
  /**
   * Frames a device may send per second, sustained (a token bucket per connection), with bursts up to
   * GATEWAY_FRAME_BURST; sends and read receipts, which are stored, also count against GATEWAY_SENDS_PER_SECOND and
   * GATEWAY_SEND_BURST. Past a budget the gateway stops reading the socket until it refills and refuses what it had
   * read already (a send or read receipt with 429); a device that goes on past it is closed with 4008. See
   * docs/core.md "Flow control".
   */
  GATEWAY_FRAMES_PER_SECOND: count(1, 1_000_000).default(1_000),
  GATEWAY_FRAME_BURST: count(1, 1_000_000).default(2_000),
  GATEWAY_SENDS_PER_SECOND: count(1, 1_000_000).default(50),
  GATEWAY_SEND_BURST: count(1, 1_000_000).default(2_000),
  /** Connections of the mailbox's own Postgres pool (the message path's queries, batched). */
  MAILBOX_DB_POOL_SIZE: count(1, 100).default(6),
  /**
   * `on`: ✓ waits until Postgres has flushed the message to disk (survives any crash, Postgres and power included).
   * `off`: ✓ once committed in Postgres; still survives kill -9 of any Switchboard process and a Redis restart
   * (ARCHITECTURE.md, "✓ means the message is safe"), but a crash of Postgres itself or the machine loses the last ~0.6 s of acknowledged messages.
   */
  MAILBOX_SYNCHRONOUS_COMMIT: z.enum(['on', 'off']).default('on'),
  /**
   * How long a message pushed to a device connected to this node waits, unwritten, for that device's ack: acked by
   * every recipient device within it, it is never written (✓ and ✓✓ together); otherwise it is written then. 0 writes
   * every message before pushing it. The default is about a phone's round trip plus its decrypt and ack: shorter, and
   * most acks of real devices come after the write. See docs/core.md "Write-behind".
   */
  MAILBOX_WRITE_BEHIND_MS: count(0, 10_000).default(250),

  // Business webhooks: delivery runs in the workers; see docs/business.md.
  /** How long one webhook POST (and the subscription handshake) may take before it counts as failed. */
  WEBHOOK_TIMEOUT_MS: count(100, 120_000).default(10_000),
  /** Retries back off exponentially with full jitter: attempt n waits random(0, min(MAX, BASE × 2^(n-1))). */
  WEBHOOK_RETRY_BASE_MS: count(1, 3_600_000).default(1_000),
  WEBHOOK_RETRY_MAX_MS: count(1, 86_400_000).default(3_600_000),
  /** An event not delivered this long after it was emitted is marked failed (Meta: 7 days). */
  WEBHOOK_MAX_AGE_SECONDS: count(1, 30 * 86_400).default(7 * 86_400),
  /** Updates per POST (Meta: at most 1,000) and bytes per POST (Meta: 3 MB). */
  WEBHOOK_BATCH_MAX_EVENTS: count(1, 1000).default(1000),
  WEBHOOK_BATCH_MAX_BYTES: count(1024, 3 * 1024 * 1024).default(3 * 1024 * 1024),
  /** How often the sweeper re-enqueues due deliveries from Postgres (what makes a Redis flush lose nothing). */
  WEBHOOK_SWEEP_INTERVAL_SECONDS: count(1, 3600).default(10),
  /** Delivered and failed events, and the attempt log, are kept this long. */
  WEBHOOK_LOG_RETENTION_DAYS: count(1, 365).default(30),
  /** Refuse callback URLs that are not https:// (Meta requires TLS; off by default for self-hosted setups). */
  WEBHOOK_REQUIRE_HTTPS: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** Connections of the webhook outbox's own Postgres pool (claims and results, batched). */
  WEBHOOK_DB_POOL_SIZE: count(1, 100).default(8),
  /**
   * URLs businesses give (webhook callbacks, media links): `deny` refuses those resolving to loopback, private,
   * link-local (cloud metadata), CGNAT, multicast or unspecified addresses. Unset: `deny` in production, else `allow`.
   */
  OUTBOUND_PRIVATE_NETWORKS: unsetIfEmpty(z.enum(['allow', 'deny'])),

  // Business layer: templates and contacts. See docs/business.md.
  /**
   * The platform operator's Bearer credential, for decisions Meta makes for the Cloud API and a business must not make
   * about itself (POST /{template_id}/review). Unset: nobody can make them over HTTP.
   */
  OPERATOR_TOKEN: unsetIfEmpty(z.string().min(32, 'at least 32 characters of secret')),
  /** `auto`: a worker applies the review rules right after creation; `manual`: templates wait for POST /{id}/review. */
  TEMPLATE_REVIEW: z.enum(['auto', 'manual']).default('auto'),
  /** A JSON array of regular expressions (case-insensitive); a template whose text matches one is rejected. */
  TEMPLATE_FORBIDDEN_PATTERNS: jsonList
    .refine((list) => list.every(isRegExp), 'a JSON array of valid regular expressions')
    .default(DEFAULT_FORBIDDEN_PATTERNS),
  /** An inbound message that is exactly one of these words (any case) opts the contact out of marketing. */
  CONTACT_STOP_KEYWORDS: wordList.default(['STOP', 'UNSUBSCRIBE', 'STOPALL', 'CANCEL', 'END', 'QUIT']),
  /** An inbound message that is exactly one of these words opts the contact back in. */
  CONTACT_START_KEYWORDS: wordList.default(['START', 'UNSTOP']),

  // Business layer: media and sending. See docs/business.md.
  /** Where uploaded media files are kept (local disk storage); relative paths are from the working directory. */
  MEDIA_DIR: z.string().min(1).default('.data/media'),
  /** Uploaded media ids expire this long after upload (Meta: 30 days). */
  MEDIA_RETENTION_DAYS: count(1, 3650).default(30),
  /**
   * Message content (BusinessMessage.payload, WebhookEvent.value: plaintext by design) is emptied this long after the
   * message or event was created; the rows, statuses and the event log's metadata stay (docs/business.md).
   */
  BUSINESS_CONTENT_RETENTION_DAYS: count(1, 3650).default(30),
  /** How long a download URL from GET /{media_id} stays valid (Meta: 5 minutes). */
  MEDIA_URL_TTL_SECONDS: count(10, 86_400).default(300),
  /** How long the business device may take to fetch a `link` media (a send by URL) before it fails with 131053. */
  MEDIA_LINK_TIMEOUT_MS: count(100, 600_000).default(20_000),
  /** Connections of the send path's own Postgres pool (batched message-log and outbox writes). */
  MESSAGES_DB_POOL_SIZE: count(1, 100).default(4),
  /**
   * Consumers' messages one worker handles at once for one business number (each consumer's still one after another,
   * in order). Each holds a connection of the worker's Prisma pool (10) and may need one more inside its transaction,
   * next to the drain's own and the flow turns' (4): keep it at or under 4 unless that pool grows.
   */
  BUSINESS_INBOUND_CONCURRENCY: count(1, 32).default(4),
  /**
   * `off`: this worker process does not run the business device (send outbox consumer, mailbox drainer) — for
   * processes dedicated to other queues, such as campaign dispatch, and for benchmarks that stand in for it.
   */
  BUSINESS_DEVICE: z.enum(['on', 'off']).default('on'),
  /** `off`: this worker process does not sweep campaigns (so starts no campaign dispatch of its own accord). */
  CAMPAIGNS_SWEEP: z.enum(['on', 'off']).default('on'),
});

export type Env = z.infer<typeof envSchema>;

/** The names of all variables, for tooling that checks docs and compose files against the schema. */
export const envNames = Object.keys(envSchema.shape) as (keyof Env)[];
