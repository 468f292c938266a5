// Applies prisma/migrations the way `prisma migrate deploy` does, through the WebAssembly schema engine.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';
import { openEngine } from './engine';
import { migrationsDir } from './paths';

const noFilters = { externalTables: [], externalEnums: [] };

/** Reads `<dir>/<name>/migration.sql` folders in name order (names start with a timestamp), as Prisma's CLI does. */
export async function readMigrations(dir = migrationsDir): Promise<MigrationList> {
  const entries = existsSync(dir) ? await readdir(dir, { withFileTypes: true }) : [];
  const names = entries.filter((e) => e.isDirectory() && existsSync(`${dir}/${e.name}/migration.sql`));
  const lockPath = `${dir}/migration_lock.toml`;
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      names
        .map((e) => e.name)
        .sort()
        .map(async (name) => ({
          path: name,
          migrationFile: {
            path: 'migration.sql',
            content: { tag: 'ok' as const, value: await readFile(`${dir}/${name}/migration.sql`, 'utf8') },
          },
        })),
    ),
  };
}

/** Creates the database named in `url` when it does not exist yet. Returns true when it created it. */
export async function createDatabaseIfMissing(url: string): Promise<boolean> {
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    return false;
  } catch (err) {
    if ((err as { code?: string }).code !== '3D000') throw err; // anything but "database does not exist"
  } finally {
    await probe.end().catch(() => {});
  }
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.href });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === '42P04') return false; // created concurrently by another process
    throw err;
  } finally {
    await client.end();
  }
}

/**
 * Applies the migrations not yet recorded in `_prisma_migrations`, creating the database first if needed.
 * Idempotent; returns the names it applied (empty when the database was up to date).
 */
export async function applyMigrations(databaseUrl: string, dir = migrationsDir): Promise<string[]> {
  await createDatabaseIfMissing(databaseUrl);
  const migrationsList = await readMigrations(dir);
  const { engine, close } = await openEngine(databaseUrl);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return appliedMigrationNames;
  } finally {
    await close();
  }
}

/** Names of migrations in `dir` that the database has not applied yet (all of them when it does not exist). */
export async function pendingMigrations(databaseUrl: string, dir = migrationsDir): Promise<string[]> {
  const all = (await readMigrations(dir)).migrationDirectories.map((m) => m.path);
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (err) {
    if ((err as { code?: string }).code === '3D000') return all; // invalid_catalog_name: no database yet
    throw err;
  }
  try {
    const table = await client.query("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present");
    if (!table.rows[0].present) return all;
    const done = await client.query(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const applied = new Set(done.rows.map((r) => r.migration_name as string));
    return all.filter((name) => !applied.has(name));
  } finally {
    await client.end();
  }
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.href;
  } catch {
    return '(unparseable URL)';
  }
}
