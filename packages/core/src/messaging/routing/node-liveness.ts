import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { RouteTable } from './route-table';
import { ThisNode } from './this-node';

const KEY = 'nodes:alive'; // sorted set: node id → last heartbeat (ms)
const DEAD_AFTER_MS = 8_000;
const FORGET_AFTER_MS = 10 * 60_000;

/**
 * Notices nodes that died without saying goodbye (kill -9, a lost machine). A node that stored a message and died
 * before pushing it leaves an envelope in Postgres for a device that may be connected, and waiting, on another node;
 * the sender already has its ✓ and will not resend. So when any node stops beating, every other node re-reads the
 * backlogs of its own connections (as after a Redis reconnect), and such envelopes go out within seconds.
 */
@Injectable()
export class NodeLiveness implements OnApplicationShutdown {
  private readonly log = new Logger('NodeLiveness');
  private readonly known = new Set<string>();
  private readonly dead = new Set<string>();
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly routes: RouteTable,
    private readonly node: ThisNode,
  ) {}

  onNodeDied(listener: () => void): void {
    this.listeners.push(listener);
  }

  async onApplicationShutdown(): Promise<void> {
    // A clean stop is not a death: its connections were closed and told to reconnect.
    await this.routes.redis.zrem(KEY, this.node.id).catch(() => undefined);
  }

  /** One heartbeat (the `nodeLiveness` loop): records this node and notices the ones that stopped. */
  async beat(): Promise<void> {
    const now = Date.now();
    const redis = this.routes.redis;
    const [, , members] = (await redis
      .multi()
      .zadd(KEY, now, this.node.id)
      .zremrangebyscore(KEY, '-inf', String(now - FORGET_AFTER_MS))
      .zrange(KEY, '0', '-1', 'WITHSCORES')
      .exec()) as [unknown, unknown, [Error | null, string[]]];
    const list = members[1];
    let died = false;
    const present = new Set<string>();
    for (let i = 0; i < list.length; i += 2) {
      const id = list[i]!;
      const last = Number(list[i + 1]);
      present.add(id);
      if (id === this.node.id) continue;
      if (now - last < DEAD_AFTER_MS) {
        this.known.add(id);
        this.dead.delete(id);
      } else if (this.known.has(id) && !this.dead.has(id)) {
        this.dead.add(id);
        died = true;
        this.log.warn(`node ${id} stopped beating; re-reading local backlogs`);
      }
    }
    for (const id of this.known) if (!present.has(id)) this.known.delete(id); // left cleanly
    if (died) for (const l of this.listeners) l();
  }
}
