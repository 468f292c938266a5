// @switchboard/db: the Prisma client on the pg driver adapter (no engine binary), and the generated model types.
// The client is generated from prisma/schema.prisma by `npm run db:generate` into ./generated (not committed).
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export * from './generated/client';

/**
 * A client with its own connection pool. Share one per process, and `$disconnect()` it at shutdown. `applicationName`
 * names the process's connections in pg_stat_activity (which process holds the lock everyone waits on).
 */
export function createPrisma(databaseUrl: string, applicationName?: string): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({
      connectionString: databaseUrl,
      ...(applicationName && { application_name: applicationName }),
    }),
  });
}
