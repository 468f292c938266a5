import type { parseConfig } from '@switchboard/config';
import { createRedis } from '@switchboard/redis';
import pg from 'pg';

// What the privacy tests search: every row of every table, every value of every key of the run's Redis prefix.

/** Every form a plaintext could take in a dump: as text, as hex (Postgres bytea), as base64 at any alignment. */
export function forms(plain: string): string[] {
  const bytes = Buffer.from(plain);
  const b64 = [0, 1, 2].map((pad) => {
    const s = Buffer.concat([Buffer.alloc(pad), bytes]).toString('base64');
    return s.slice(4, s.length - 4); // the middle, which does not depend on neighbouring bytes
  });
  return [plain, bytes.toString('hex'), ...b64];
}

export async function dumpPostgres(url: string): Promise<string> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows: tables } = await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    const parts: string[] = [];
    for (const { tablename } of tables) {
      const { rows } = await db.query(`SELECT row_to_json(t)::text AS r FROM "${tablename}" t`);
      parts.push(`${tablename}:${rows.map((r) => r.r).join('\n')}`);
    }
    return parts.join('\n');
  } finally {
    await db.end();
  }
}

export async function dumpRedis(config: ReturnType<typeof parseConfig>): Promise<{ keys: number; dump: Buffer }> {
  const redis = createRedis(config, 'privacy-test', { keyPrefix: '' });
  const chunks: Buffer[] = [];
  let keys = 0;
  try {
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${config.redis.prefix}*`, 'COUNT', '500');
      cursor = next;
      for (const key of batch) {
        keys++;
        chunks.push(Buffer.from(key));
        const type = await redis.type(key);
        if (type === 'string') chunks.push((await redis.getBuffer(key)) ?? Buffer.alloc(0));
        else if (type === 'hash') chunks.push(...Object.values(await redis.hgetallBuffer(key)));
        else if (type === 'list') chunks.push(...(await redis.lrangeBuffer(key, 0, -1)));
        else if (type === 'set') chunks.push(...(await redis.smembersBuffer(key)));
        else if (type === 'zset') chunks.push(...(await redis.zrangeBuffer(key, '0', '-1')));
        else if (type === 'stream') chunks.push(Buffer.from(JSON.stringify(await redis.xrange(key, '-', '+'))));
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return { keys, dump: Buffer.concat(chunks) };
}
