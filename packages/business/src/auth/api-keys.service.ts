import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { AuthThrottle } from '@switchboard/core/auth/auth-throttle';
import { ApiError } from '@switchboard/core/errors/api-error';
import { CONFIG, PrismaService } from '@switchboard/platform';
import { GraphIds } from '../common/ids';
import { type PageRequest, pageArgs, toPage } from '../common/paging';
import { bearerToken, hashApiToken, newApiToken } from './api-token';
import { invalidAccessToken } from './auth-errors';
import { KeyCache } from './key-cache';
import { KeyRevocations } from './key-revocations';

export interface AuthenticatedBusiness {
  businessId: string;
  apiKeyId: string;
}

const TOUCH_EVERY_MS = 60_000;

/** API keys: minting (the token is returned once), listing, revoking, and resolving a Bearer header to a business. */
@Injectable()
export class ApiKeysService {
  private readonly cache = new KeyCache();

  constructor(
    private readonly prisma: PrismaService,
    private readonly ids: GraphIds,
    @Inject(CONFIG) private readonly config: Config,
    private readonly revocations: KeyRevocations,
    private readonly throttle: AuthThrottle,
  ) {
    revocations.onRevoked((apiKeyId) => (apiKeyId ? this.cache.evictKey(apiKeyId) : this.cache.clear()));
  }

  async create(businessId: string, name: string) {
    const token = newApiToken();
    const key = await this.prisma.client.apiKey.create({
      data: {
        id: await this.ids.newGraphId(),
        businessId,
        name,
        tokenHash: hashApiToken(this.config.secretKey, token),
        hint: token.slice(-4),
      },
    });
    return { ...renderKey(key), token };
  }

  async list(businessId: string, page: PageRequest, url?: URL) {
    const args = pageArgs(page);
    const rows = await this.prisma.client.apiKey.findMany({ ...args, where: { ...args.where, businessId } });
    return toPage(rows, page, renderKey, url);
  }

  /**
   * Idempotent: revoking a revoked key succeeds (and is announced again); another business's key is not found. Every
   * API node refuses the key as soon as the announcement reaches it (KeyRevocations).
   */
  async revoke(businessId: string, id: string) {
    const key = await this.prisma.client.apiKey.findFirst({ where: { id, businessId } });
    if (!key) throw ApiError.notFound(`API key '${id}'`);
    if (!key.revokedAt) await this.prisma.client.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    this.cache.evictKey(id);
    await this.revocations.publish(id);
    return { success: true };
  }

  /**
   * Resolves `Authorization: Bearer sb_live_…`; throws 401 / code 190 for anything but a live key, and 429 when
   * `source` (the caller's address) has failed too often lately (AuthThrottle; a live key in this node's cache is
   * never held up by it).
   */
  async authenticate(header: string | undefined, source?: string): Promise<AuthenticatedBusiness> {
    const token = bearerToken(header);
    if (!token) throw invalidAccessToken('Authorization: expected "Bearer sb_live_…"');
    const hash = hashApiToken(this.config.secretKey, token);
    const now = Date.now();
    let entry = this.cache.get(hash, now);
    if (!entry && (await this.throttle.gate(source, token)) === 'lookup') entry = await this.load(hash, now);
    if (!entry) {
      await this.throttle.failed(source, token);
      throw invalidAccessToken('the access token is unknown or has been revoked');
    }
    if (now - entry.lastUsedAt >= TOUCH_EVERY_MS) this.touch(entry, now);
    return { businessId: entry.businessId, apiKeyId: entry.apiKeyId };
  }

  private async load(hash: Uint8Array<ArrayBuffer>, now: number) {
    const generation = this.cache.generation;
    const key = await this.prisma.client.apiKey.findUnique({ where: { tokenHash: hash } });
    if (!key || key.revokedAt) return undefined;
    const entry = { businessId: key.businessId, apiKeyId: key.id, lastUsedAt: key.lastUsedAt?.getTime() ?? 0 };
    this.cache.set(hash, entry, now, generation);
    return entry;
  }

  /** Fire and forget: a lost last-used write is harmless, a slower request is not. */
  private touch(entry: { apiKeyId: string; lastUsedAt: number }, now: number) {
    entry.lastUsedAt = now;
    const since = new Date(now - TOUCH_EVERY_MS);
    void this.prisma.client.apiKey
      .updateMany({
        where: { id: entry.apiKeyId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: since } }] },
        data: { lastUsedAt: new Date(now) },
      })
      .catch(() => undefined);
  }
}

function renderKey(key: {
  id: string;
  name: string;
  hint: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}) {
  return {
    id: key.id,
    name: key.name,
    token_hint: `sb_live_…${key.hint}`,
    created_time: key.createdAt.toISOString(),
    last_used_time: key.lastUsedAt?.toISOString() ?? null,
    revoked_time: key.revokedAt?.toISOString() ?? null,
  };
}
