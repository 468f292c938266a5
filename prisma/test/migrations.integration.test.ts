// The migration tooling against the real Postgres: prisma/migrations apply idempotently and build exactly the
// database schema.prisma describes. Each case works in scratch databases of its own.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { scratchDatabases } from '@switchboard/testkit/databases';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaSql, unmigratedSql } from '../scripts/diff';
import { describeError } from '../scripts/engine';
import { applyMigrations, createDatabaseIfMissing, pendingMigrations, readMigrations } from '../scripts/migrations';
import { migrationsDir } from '../scripts/paths';
import { catalogDifferences, readCatalog } from './catalog';

const fixtures = new URL('./fixtures/', import.meta.url).pathname;
const scratch = scratchDatabases();
afterAll(() => scratch.dropAll());

/** A database built straight from a schema file by the SQL Prisma generates for it, not by our migrations. */
async function databaseFromSchema(schemaFile?: string): Promise<string> {
  const url = scratch.url('schema');
  await createDatabaseIfMissing(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(await schemaSql(url, schemaFile)).finally(() => client.end());
  return url;
}

async function migrationRows(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const sql =
    'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations';
  return (await client.query(`${sql} ORDER BY migration_name`).finally(() => client.end())).rows;
}

// Concurrent: each case has its own databases, and most of the time goes to Postgres creating them.
describe('prisma/migrations', () => {
  it('creates the database, applies every migration once and records it as prisma migrate deploy does', async () => {
    const url = scratch.url('apply');
    const names = (await readMigrations()).migrationDirectories.map((m) => m.path);
    expect(names.length).toBeGreaterThan(0);
    expect(await pendingMigrations(url)).toEqual(names);

    expect(await applyMigrations(url)).toEqual(names);
    expect(await applyMigrations(url)).toEqual([]);
    expect(await pendingMigrations(url)).toEqual([]);

    const rows = await migrationRows(url);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = await readFile(`${migrationsDir}/${row.migration_name}/migration.sql`);
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row).toMatchObject({ rolled_back_at: null, applied_steps_count: 1 });
      expect(row.finished_at).toBeInstanceOf(Date);
    }
  });

  it('builds the same database as schema.prisma describes', async () => {
    const migrated = scratch.url('migrated');
    await applyMigrations(migrated);
    const [fromMigrations, fromSchema] = await Promise.all([
      readCatalog(migrated),
      readCatalog(await databaseFromSchema()),
    ]);
    expect(Object.keys(fromMigrations)).toContain('table public.ServiceNode');
    expect(Object.keys(fromMigrations)).toContain('extension pg_trgm');
    expect(catalogDifferences(fromMigrations, fromSchema)).toEqual([]);
    // Prisma's own verdict (migrations replayed in a shadow database) agrees: nothing left to migrate.
    // Its replay does not read extensions back from the shadow database, so it always proposes creating pg_trgm; the
    // catalogs above compare extensions themselves (pg_extension), and there they match.
    const unmigrated = await unmigratedSql(migrated);
    expect(unmigrated.replace(/^-- CreateExtension\nCREATE EXTENSION IF NOT EXISTS "[a-z_]+"[^;\n]*;\n*/gm, '')).toBe(
      '',
    );
  });

  it('reports a migration history that differs from its schema', async () => {
    const migrated = scratch.url('drifted');
    await applyMigrations(migrated, `${fixtures}drift/migrations`);
    const schemaDb = await databaseFromSchema(`${fixtures}drift/schema.prisma`);
    const differences = catalogDifferences(await readCatalog(migrated), await readCatalog(schemaDb));
    // The four differences planted in fixtures/drift/migrations, and nothing else.
    expect(differences.map((d) => d.slice(0, d.indexOf(':')))).toEqual([
      'column public.Widget.note',
      'constraint public.Widget.Widget_parentId_fkey',
      'enum public.Color',
      'index public.Widget_name_key',
    ]);
    expect(await unmigratedSql(migrated, `${fixtures}drift/migrations`, `${fixtures}drift/schema.prisma`)).toContain(
      'Widget_name_key',
    );
  });

  it('sends each script whole, and a failing one leaves nothing behind but its failed record', async () => {
    const url = scratch.url('scripts');
    const failure = await applyMigrations(url, `${fixtures}scripts`).catch((err: unknown) => err);
    expect(describeError(failure)).toMatch(/^[^\n]*division by zero[^\n]*$/);
    expect(await pendingMigrations(url, `${fixtures}scripts`)).toEqual(['20240102000000_fails']);

    const rows = await migrationRows(url);
    expect(rows.map((r) => [r.migration_name, r.finished_at !== null])).toEqual([
      ['20240101000000_semicolons', true],
      ['20240102000000_fails', false],
    ]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const tables = await client.query(
      `SELECT to_regclass('"Note"') IS NOT NULL AS note, to_regclass('"Partial"') IS NOT NULL AS partial`,
    );
    const fn = await client
      .query("SELECT prosrc FROM pg_proc WHERE proname = 'note_touch'")
      .finally(() => client.end());
    expect(tables.rows[0]).toEqual({ note: true, partial: false });
    expect(fn.rows[0].prosrc).toContain("NEW.body || ';'");
  });
});
