// `npm run db:migration:new -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that
// takes the database the existing migrations build to the current schema.prisma (like `prisma migrate dev
// --create-only`). Needs the Postgres server of config.databaseUrl for a throwaway shadow database, not its data.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { loadConfig } from '@switchboard/config';
import { unmigratedSql } from './diff';
import { describeError } from './engine';
import { createDatabaseIfMissing } from './migrations';
import { migrationsDir } from './paths';

const slug = (process.argv[2] ?? '')
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, '_')
  .replace(/^_+|_+$/g, '');
if (!slug) {
  console.error('usage: npm run db:migration:new -- <name>   (for example: add_accounts)');
  process.exit(64);
}

try {
  const { databaseUrl } = loadConfig();
  await createDatabaseIfMissing(databaseUrl); // the engine connects to it to create the shadow database
  const sql = await unmigratedSql(databaseUrl);
  if (!sql) {
    console.log('db:migration:new: no changes: the migrations already produce schema.prisma');
  } else {
    // Prisma's folder format: UTC yyyymmddhhmmss, then the name.
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = `${migrationsDir}/${stamp}_${slug}`;
    await mkdir(dir, { recursive: true });
    await writeFile(`${dir}/migration.sql`, sql);
    const lock = `${migrationsDir}/migration_lock.toml`;
    if (!existsSync(lock)) await writeFile(lock, 'provider = "postgresql"\n');
    console.log(
      `db:migration:new: wrote ${relative(process.cwd(), dir)}/migration.sql: review it, then npm run db:migrate`,
    );
  }
} catch (err) {
  console.error(`db:migration:new: ${describeError(err)}`);
  process.exitCode = 1;
}
