// Throwaway databases for tests, on the server of the run's database and named after it, so parallel runs and
// files never collide. Call dropAll() in afterAll.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@switchboard/config';
import pg from 'pg';

export function scratchDatabases() {
  const runUrl = loadConfig().databaseUrl;
  const base = decodeURIComponent(new URL(runUrl).pathname.slice(1)).slice(0, 40);
  const names: string[] = [];
  return {
    /** A URL for a database that does not exist yet (Postgres names are limited to 63 bytes). */
    url(label: string): string {
      const name = `${base}_${label.slice(0, 10)}_${randomBytes(4).toString('hex')}`.toLowerCase();
      names.push(name);
      const url = new URL(runUrl);
      url.pathname = `/${name}`;
      return url.href;
    },
    async dropAll(): Promise<void> {
      const client = new pg.Client({ connectionString: runUrl });
      await client.connect();
      try {
        for (const name of names) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
