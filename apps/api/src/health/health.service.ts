import { readdirSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { PrismaService, RedisService } from '@switchboard/platform';

export type Check = 'ok' | 'failing';
export interface Readiness {
  ready: boolean;
  checks: { postgres: Check; redis: Check; migrations: Check };
  details: Record<string, string>;
}

const MIGRATIONS_DIR = new URL('../../../../prisma/migrations/', import.meta.url);

/** The migrations this build ships with: folder names under prisma/migrations, read once at boot. */
function shippedMigrations(): string[] {
  return readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

@Injectable()
export class HealthService {
  private readonly expected = shippedMigrations();

  constructor(
    private readonly prisma: PrismaService,
    private readonly redis: RedisService,
  ) {}

  async readiness(): Promise<Readiness> {
    const details: Record<string, string> = {};
    const attempt = async (name: string, probe: () => Promise<void>): Promise<Check> => {
      try {
        await withTimeout(probe(), 2000);
        return 'ok';
      } catch (err) {
        details[name] = (err as Error).message;
        return 'failing';
      }
    };
    const [postgres, redis, migrations] = await Promise.all([
      attempt('postgres', async () => {
        await this.prisma.client.$queryRaw`SELECT 1`;
      }),
      attempt('redis', async () => {
        await this.redis.client.ping();
      }),
      attempt('migrations', () => this.checkMigrations()),
    ]);
    const checks = { postgres, redis, migrations };
    return { ready: Object.values(checks).every((c) => c === 'ok'), checks, details };
  }

  private async checkMigrations(): Promise<void> {
    const rows = await this.prisma.client.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((r) => r.migration_name));
    const pending = this.expected.filter((m) => !applied.has(m));
    if (pending.length) throw new Error(`pending migrations: ${pending.join(', ')} (run npm run db:migrate)`);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}
