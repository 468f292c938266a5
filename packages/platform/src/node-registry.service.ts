import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaService } from './prisma.service';

export const NODE_KIND = Symbol('NODE_KIND');
const HEARTBEAT_MS = 10_000;

/**
 * Records this process in ServiceNode and refreshes it every 10 s, so operators (and later the gateway's routing)
 * can tell which API and worker processes are alive. A clean stop removes the row; a crash leaves it to be pruned.
 */
@Injectable()
export class NodeRegistryService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly id = randomUUID();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(NODE_KIND) private readonly kind: 'api' | 'worker',
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const now = new Date();
    await this.prisma.client.serviceNode.create({
      data: { id: this.id, kind: this.kind, host: hostname(), pid: process.pid, startedAt: now, lastSeenAt: now },
    });
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.prisma.client.serviceNode.deleteMany({ where: { id: this.id } }).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    await this.prisma.client.serviceNode
      .update({ where: { id: this.id }, data: { lastSeenAt: new Date() } })
      .catch(() => undefined); // a missed beat is harmless; the next one retries
  }

  /** Deletes nodes not seen for `olderThanSeconds`. Returns how many. */
  async prune(olderThanSeconds: number): Promise<number> {
    const cutoff = new Date(Date.now() - olderThanSeconds * 1000);
    const { count } = await this.prisma.client.serviceNode.deleteMany({ where: { lastSeenAt: { lt: cutoff } } });
    return count;
  }
}
