// `npm run db:migrate`: brings config.databaseUrl up to date with prisma/migrations (like `prisma migrate deploy`).
import { loadConfig } from '@switchboard/config';
import { describeError } from './engine';
import { applyMigrations, redact } from './migrations';

const { databaseUrl } = loadConfig();
try {
  const applied = await applyMigrations(databaseUrl);
  const n = applied.length;
  console.log(
    n
      ? `db:migrate: applied ${n} migration${n > 1 ? 's' : ''}: ${applied.join(', ')}`
      : 'db:migrate: database is up to date',
  );
} catch (err) {
  console.error(`db:migrate: failed on ${redact(databaseUrl)}: ${describeError(err)}`);
  process.exitCode = 1;
}
