import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, RedisService } from '@switchboard/platform';
import { createRedis, type Redis } from '@switchboard/redis';

/**
 * What crosses API nodes: a doorbell (`ring`: the business has new numbered events in Postgres, read them) or a
 * passing signal that is never stored (typing, presence).
 */
export type BusMessage =
  | { b: string; t: 'ring' }
  | { b: string; t: 'signal'; kind: 'typing' | 'presence'; data: Record<string, unknown> };

/**
 * The inbox's Redis pub/sub channel, one for the environment. Pub/sub may drop a message (a reconnect, a slow
 * subscriber): a lost doorbell only delays events until the next one or the catch-up loop, since the events
 * themselves are in Postgres. Only a process with live agents subscribes (lazily): worker processes only publish.
 */
@Injectable()
export class InboxBus implements OnApplicationShutdown {
  private readonly log = new Logger('InboxBus');
  private readonly channel: string;
  private subscriber?: Redis;
  private handler: (m: BusMessage) => void = () => {};

  constructor(
    private readonly redis: RedisService,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    // ioredis' keyPrefix does not apply to channels.
    this.channel = `${config.redis.prefix}inbox`;
  }

  publish(message: BusMessage): void {
    this.redis.client
      .publish(this.channel, JSON.stringify(message))
      .catch((err: Error) => this.log.warn(`inbox publish: ${err.message}`));
  }

  /** Starts listening (once); `onResubscribed` runs after a dropped subscription is back, to read what passed. */
  async listen(handler: (m: BusMessage) => void, onResubscribed: () => void): Promise<void> {
    this.handler = handler;
    if (this.subscriber) return;
    const sub = createRedis(this.config, 'inbox-bus');
    this.subscriber = sub;
    let connectedBefore = false;
    sub.on('ready', () => {
      if (connectedBefore) onResubscribed();
      connectedBefore = true;
    });
    sub.on('error', (err) => this.log.warn(`inbox bus: ${err.message}`));
    sub.on('message', (_channel: string, payload: string) => {
      try {
        this.handler(JSON.parse(payload) as BusMessage);
      } catch (err) {
        this.log.error(`undecodable inbox bus message: ${(err as Error).message}`);
      }
    });
    await sub.subscribe(this.channel);
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }
}
