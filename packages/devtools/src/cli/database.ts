import { generateClient } from '@switchboard/prisma/scripts/generate';
import { applyMigrations, createDatabaseIfMissing, redact } from '@switchboard/prisma/scripts/migrations';

/** Generates the Prisma client if the schema changed, creates the database if missing, applies pending migrations. */
export async function prepareDatabase(databaseUrl: string, log: (line: string) => void): Promise<void> {
  await generateClient();
  if (await createDatabaseIfMissing(databaseUrl)) log(`created database ${redact(databaseUrl)}`);
  const applied = await applyMigrations(databaseUrl);
  log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database is up to date');
}
