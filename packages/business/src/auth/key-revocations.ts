import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, RedisService } from '@switchboard/platform';
import { createRedis, type Redis } from '@switchboard/redis';

/**
 * Revoked API keys, announced to every process over Redis pub/sub, so each evicts the key from its KeyCache at once.
 * Pub/sub may lose a message (a dropped subscription): a resubscribed process is told to forget every cached key,
 * and the cache's short TTL bounds what a lost message can cost anyway.
 */
@Injectable()
export class KeyRevocations implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('KeyRevocations');
  /** ioredis' keyPrefix does not apply to channels: the environment's prefix is added here. */
  private readonly channel: string;
  private subscriber?: Redis;
  /** A revoked key's id, or null for "any key may have been revoked" (after a reconnect). */
  private listener: (apiKeyId: string | null) => void = () => {};

  constructor(
    private readonly redis: RedisService,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    this.channel = `${config.redis.prefix}api-keys:revoked`;
  }

  async onModuleInit(): Promise<void> {
    const sub = createRedis(this.config, 'key-revocations');
    this.subscriber = sub;
    let connectedBefore = false;
    sub.on('ready', () => {
      // ioredis re-subscribes by itself; what was published meanwhile is gone.
      if (connectedBefore) this.listener(null);
      connectedBefore = true;
    });
    sub.on('error', (err) => this.log.warn(`key revocations: ${err.message}`));
    sub.on('message', (_channel: string, apiKeyId: string) => this.listener(apiKeyId));
    await sub.subscribe(this.channel);
  }

  onRevoked(listener: (apiKeyId: string | null) => void): void {
    this.listener = listener;
  }

  /** Best effort: the revocation is already committed, and other processes' caches expire within seconds anyway. */
  async publish(apiKeyId: string): Promise<void> {
    try {
      await this.redis.client.publish(this.channel, apiKeyId);
    } catch (err) {
      this.log.warn(`could not announce the revocation of key ${apiKeyId}: ${(err as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscriber?.disconnect();
  }
}
