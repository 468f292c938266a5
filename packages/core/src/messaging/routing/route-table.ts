import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG } from '@switchboard/platform';
import { createRedis, luaScript, type Redis } from '@switchboard/redis';
import type { DeviceRef } from '../mailbox/mailbox.types';
import { ThisNode } from './this-node';

/** Where a device is connected: a node and that node's connection id (a device has at most one connection). */
export interface Route {
  nodeId: string;
  connectionId: string;
}

// Compare-and-delete: only the connection that owns the route may drop it (a newer connection elsewhere has
// overwritten it otherwise).
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
// Refresh unless another connection took the route over; also re-creates routes lost in a Redis restart.
const REFRESH = `local v = redis.call('GET', KEYS[1])
if v == false or v == ARGV[1] then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) return 1 end return 0`;

const key = (d: DeviceRef) => `route:${d.accountId}:${d.deviceId}`;
const value = (nodeId: string, connectionId: string) => `${nodeId}/${connectionId}`;
function parse(v: string | null): Route | undefined {
  if (!v) return undefined;
  const slash = v.lastIndexOf('/');
  return { nodeId: v.slice(0, slash), connectionId: v.slice(slash + 1) };
}

/**
 * The cluster's routing table in Redis: `route:<account>:<device>` → `<node>/<connection>`, with a TTL the owning node
 * keeps refreshing, so a crashed node's routes fade out by themselves. Redis losing it all (a restart) costs latency,
 * not messages: envelopes wait in Postgres and nodes re-register their connections.
 */
@Injectable()
export class RouteTable implements OnApplicationShutdown {
  private readonly ttl: number;
  /**
   * A connection of its own with auto-pipelining: every push looks routes up, and lookups issued in the same tick
   * then travel to Redis as one write instead of one each.
   */
  readonly redis: Redis;
  // Cached (EVALSHA): every device connection's close releases its route.
  private readonly releaseScript: (key: string, value: string) => Promise<number>;

  constructor(
    private readonly node: ThisNode,
    @Inject(CONFIG) config: Config,
  ) {
    this.ttl = config.messaging.routeTtlSeconds;
    this.redis = createRedis(config, 'routes', { enableAutoPipelining: true });
    this.redis.on('error', () => {}); // callers see failed commands; reconnecting is ioredis' job
    this.releaseScript = luaScript(this.redis, 'routeRelease', RELEASE, 1);
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }

  /** Points the device at this node's connection. Returns the route it replaced, if any. */
  async claim(device: DeviceRef, connectionId: string): Promise<Route | undefined> {
    const previous = await this.redis.set(key(device), value(this.node.id, connectionId), 'EX', this.ttl, 'GET');
    return parse(previous);
  }

  async release(device: DeviceRef, connectionId: string): Promise<void> {
    await this.releaseScript(key(device), value(this.node.id, connectionId));
  }

  /** Keeps this node's routes alive (and restores them after a Redis restart). */
  async refresh(connections: { device: DeviceRef; connectionId: string }[]): Promise<void> {
    for (let i = 0; i < connections.length; i += 1000) {
      const pipeline = this.redis.pipeline();
      for (const c of connections.slice(i, i + 1000)) {
        pipeline.eval(REFRESH, 1, key(c.device), value(this.node.id, c.connectionId), this.ttl);
      }
      await pipeline.exec();
    }
  }

  async lookup(devices: DeviceRef[]): Promise<(Route | undefined)[]> {
    if (!devices.length) return [];
    const values = await this.redis.mget(devices.map(key));
    return values.map(parse);
  }
}
