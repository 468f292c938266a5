import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, RedisService } from '@switchboard/platform';
import { createRedis, type Redis } from '@switchboard/redis';

type Listener = (frame: Uint8Array) => void;

/**
 * Presence and typing between nodes: one Redis pub/sub channel per account and kind, which a node subscribes to only
 * while one of its connections needs it (reference counted). Fire-and-forget on purpose: nothing here is stored, and
 * a lost event is only a stale indicator until the next one.
 */
@Injectable()
export class PresenceChannels implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('PresenceChannels');
  private subscriber?: Redis;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly prefix: string;

  constructor(
    private readonly redis: RedisService,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    // ioredis' keyPrefix does not apply to channels.
    this.prefix = config.redis.prefix;
  }

  onModuleInit(): void {
    const sub = createRedis(this.config, 'presence');
    sub.on('error', (err) => this.log.warn(`presence channels: ${err.message}`));
    sub.on('messageBuffer', (channel: Buffer, payload: Buffer) => {
      const listeners = this.listeners.get(channel.toString());
      if (listeners) for (const l of listeners) l(payload);
    });
    this.subscriber = sub;
  }

  channel(kind: 'presence' | 'typing', accountId: string): string {
    return `${this.prefix}${kind}:${accountId}`;
  }

  /** Listens on a channel until the returned function is called. */
  listen(channel: string, listener: Listener): () => void {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      this.subscriber?.subscribe(channel).catch((err) => this.log.warn(`subscribe: ${(err as Error).message}`));
    }
    set.add(listener);
    return () => {
      if (!set.delete(listener) || set.size) return;
      this.listeners.delete(channel);
      this.subscriber?.unsubscribe(channel).catch(() => undefined);
    };
  }

  async publish(channel: string, frame: Uint8Array): Promise<void> {
    if (!this.redis.open) return; // shutting down: the connection's close handlers still announce, to no one
    await this.redis.client.publish(channel, Buffer.from(frame.buffer, frame.byteOffset, frame.length));
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }
}
