import { generateClient } from '@switchboard/prisma/scripts/generate';
import { applyMigrations, createDatabaseIfMissing, redact } from '@switchboard/prisma/scripts/migrations';
import pg from 'pg';
import { withDatabase, workerDatabase } from '../services';

/** Generates the Prisma client if the schema changed, creates the database if missing, applies pending migrations. */
export async function prepareDatabase(databaseUrl: string, log: (line: string) => void): Promise<void> {
  await generateClient();
  if (await createDatabaseIfMissing(databaseUrl)) log(`created database ${redact(databaseUrl)}`);
  const applied = await applyMigrations(databaseUrl);
  log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database is up to date');
}

/**
 * One copy of the run's migrated database per vitest worker, made with `CREATE DATABASE … TEMPLATE` (a file copy:
 * well under a second each, where migrating again takes seconds). Each worker runs its files one after another in its
 * own database, so the service tiers run in parallel with the isolation they had when they ran one at a time: a
 * worker loop that claims rows table-wide (the business device's outbox, the webhook sweeper) only ever sees its own
 * file's rows. The template must have no open connection, which holds after `prepareDatabase`.
 */
export async function cloneForWorkers(databaseUrl: string, workers: number): Promise<string[]> {
  const admin = new pg.Client({ connectionString: withDatabase(databaseUrl, 'postgres') });
  await admin.connect();
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  try {
    const template = quote(new URL(databaseUrl).pathname.slice(1));
    const urls = Array.from({ length: workers }, (_, i) => workerDatabase(databaseUrl, i + 1));
    for (const url of urls) {
      await admin.query(`CREATE DATABASE ${quote(new URL(url).pathname.slice(1))} TEMPLATE ${template}`);
    }
    return urls;
  } finally {
    await admin.end();
  }
}
