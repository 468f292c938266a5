import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabaseIfMissing } from '@switchboard/prisma/scripts/migrations';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freePort } from '../src/processes';
import { startEmbeddedPostgres } from '../src/services';

// `npm start` falls back to this when no Postgres answers and none was configured: real PostgreSQL binaries.
describe('embedded Postgres', () => {
  it('initialises, starts, serves queries and stops', { timeout: 120_000 }, async () => {
    const parent = mkdtempSync(join(tmpdir(), 'sb-embedded-'));
    const handle = await startEmbeddedPostgres(join(parent, 'postgres'), await freePort());
    try {
      expect(handle.embedded).toBe(true);
      await createDatabaseIfMissing(handle.url);
      const client = new pg.Client({ connectionString: handle.url });
      await client.connect();
      const { rows } = await client.query<{ v: string }>('SELECT current_database() AS v');
      await client.end();
      expect(rows[0]?.v).toBe('switchboard');
    } finally {
      await handle.stop();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
