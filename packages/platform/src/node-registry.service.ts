import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaService } from './prisma.service';
import { NODE_KIND } from './tokens';

/**
 * Records this process in ServiceNode and refreshes it on each heartbeat (the `nodeHeartbeat` loop), so operators
 * (and later the gateway's routing) can tell which API and worker processes are alive. A clean stop removes the row;
 * a crash leaves it to be pruned (the `pruneServiceNodes` job).
 */
@Injectable()
export class NodeRegistryService implements OnApplicationShutdown {
  readonly id = randomUUID();
  private readonly startedAt = new Date();

  constructor(
    private readonly prisma: PrismaService,
    @Inject(NODE_KIND) private readonly kind: 'api' | 'worker',
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.prisma.client.serviceNode.deleteMany({ where: { id: this.id } }).catch(() => undefined);
  }

  /**
   * Upserts rather than updates so that a process which booted before migrations ran (it still serves /ready, which
   * says so) registers as soon as the table exists. A missed beat is harmless: the next one retries.
   */
  async beat(): Promise<void> {
    const lastSeenAt = new Date();
    await this.prisma.client.serviceNode
      .upsert({
        where: { id: this.id },
        create: {
          id: this.id,
          kind: this.kind,
          host: hostname(),
          pid: process.pid,
          startedAt: this.startedAt,
          lastSeenAt,
        },
        update: { lastSeenAt },
      })
      .catch(() => undefined);
  }

  /** Deletes nodes not seen for `olderThanSeconds`. Returns how many. */
  async prune(olderThanSeconds: number): Promise<number> {
    const cutoff = new Date(Date.now() - olderThanSeconds * 1000);
    const { count } = await this.prisma.client.serviceNode.deleteMany({ where: { lastSeenAt: { lt: cutoff } } });
    return count;
  }
}
