import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG } from '@switchboard/platform';
import { createRedis, type Redis } from '@switchboard/redis';
import { type BusMessage, decodeBusMessage, encodeBusMessage } from './bus-messages';
import { RouteTable } from './route-table';
import { ThisNode } from './this-node';

/**
 * Node-to-node delivery over Redis pub/sub: each node listens on its own channel. Pub/sub is fire-and-forget, which is
 * enough because it is only the fast path: every envelope is already in Postgres, and a node whose subscription
 * dropped re-reads its devices' backlogs when it is back (onResubscribed).
 */
@Injectable()
export class NodeBus implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('NodeBus');
  private readonly prefix: string;
  private subscriber?: Redis;
  private handler: (m: BusMessage) => void = () => {};
  private readonly resubscribed: (() => void)[] = [];

  constructor(
    private readonly routes: RouteTable,
    private readonly node: ThisNode,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    // ioredis' keyPrefix does not apply to channels, so the environment's prefix is added here.
    this.prefix = `${config.redis.prefix}node:`;
  }

  async onModuleInit(): Promise<void> {
    const sub = createRedis(this.config, 'node-bus');
    this.subscriber = sub;
    let connectedBefore = false;
    sub.on('ready', () => {
      // ioredis re-subscribes by itself; what was published meanwhile is gone, so the gateway catches up from Postgres.
      if (connectedBefore) for (const listener of this.resubscribed) listener();
      connectedBefore = true;
    });
    sub.on('error', (err) => this.log.warn(`node bus: ${err.message}`));
    sub.on('messageBuffer', (_channel: Buffer, payload: Buffer) => {
      let message: BusMessage;
      try {
        message = decodeBusMessage(payload);
      } catch (err) {
        this.log.error(`undecodable bus message: ${(err as Error).message}`);
        return;
      }
      this.handler(message);
    });
    await sub.subscribe(this.prefix + this.node.id);
  }

  /** The one consumer of this node's messages (the delivery router). */
  onMessage(handler: (m: BusMessage) => void): void {
    this.handler = handler;
  }

  onResubscribed(listener: () => void): void {
    this.resubscribed.push(listener);
  }

  async publish(nodeId: string, message: BusMessage): Promise<void> {
    const payload = encodeBusMessage(message);
    // Published on the routing connection: lookups and publishes of one push share its pipeline.
    await this.routes.redis.publish(
      this.prefix + nodeId,
      Buffer.from(payload.buffer, payload.byteOffset, payload.length),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscriber?.disconnect();
  }
}
