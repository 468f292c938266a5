import { parseConfig } from '@switchboard/config';
import { applyMigrations } from '../../../prisma/scripts/migrations';
import { dropDatabase } from '../../devtools/src/services';
import { startEmitter } from '../src/suites/webhooks/emitter';

const url = `postgresql://postgres@127.0.0.1:5432/wh_probe_${Date.now()}`;
await applyMigrations(url);
const config = parseConfig({ ...process.env, DATABASE_URL: url, REDIS_PREFIX: `sb:probe:${Date.now()}:`, LOG_LEVEL: 'silent' });
const emitter = await startEmitter(config);
const biz = await emitter.subscribe('http://127.0.0.1:1/x', 'secret-secret-secret');
for (const conc of [64, 256, 1024]) {
  const t0 = performance.now();
  await emitter.emitStatuses(biz, 4000, conc);
  const ms = performance.now() - t0;
  console.log(`concurrency ${conc}: ${Math.round(12000 / (ms / 1000))} emits/s`);
}
await emitter.close();
await dropDatabase(url);
process.exit(0);
