// SQL between schemas, computed by the schema engine exactly as `prisma migrate diff` would.
import { readFile } from 'node:fs/promises';
import type { DiffTarget } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { openEngine } from './engine';
import { readMigrations } from './migrations';
import { migrationsDir, schemaPath } from './paths';

// The engine opens every script from an empty schema with this statement. Postgres checks the CREATE privilege on
// the database before it looks at IF NOT EXISTS, so it fails for an application role that owns only its schema.
const createPublicSchema = /^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n?/m;

async function diffScript(databaseUrl: string, from: DiffTarget, schemaFile: string): Promise<string> {
  const files = [{ path: schemaFile, content: await readFile(schemaFile, 'utf8') }];
  const { engine, close } = await openEngine(databaseUrl);
  try {
    const filters = { externalTables: [], externalEnums: [] };
    const to: DiffTarget = { tag: 'schemaDatamodel', files };
    const { exitCode, stdout } = await engine.diff({ from, to, script: true, exitCode: true, filters });
    return exitCode === 2 ? (stdout ?? '').replace(createPublicSchema, '') : ''; // exit code 2: the schemas differ
  } finally {
    await close();
  }
}

/** The SQL that creates `schemaFile` from an empty database. Reads nothing from `databaseUrl` but needs it to exist. */
export function schemaSql(databaseUrl: string, schemaFile = schemaPath): Promise<string> {
  return diffScript(databaseUrl, { tag: 'empty' }, schemaFile);
}

/**
 * The SQL that takes a database built by the migrations in `dir` to `schemaFile`, or '' when they already match.
 * The engine replays the migrations in a throwaway shadow database on `databaseUrl`'s server (created and dropped).
 */
export async function unmigratedSql(
  databaseUrl: string,
  dir = migrationsDir,
  schemaFile = schemaPath,
): Promise<string> {
  return diffScript(databaseUrl, { tag: 'migrations', ...(await readMigrations(dir)) }, schemaFile);
}
