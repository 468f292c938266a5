// Temporary: profile the API under send load (deleted after use).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseConfig } from '@switchboard/config';
import { createLogger } from '@switchboard/platform';
import { createApp } from '../../apps/api/src/bootstrap';
import { Cleanups } from './src/harness/cleanup';
import { createEnvironment } from './src/harness/environment';
import { seedApiFixture } from './src/suites/api-fixture';

const cleanups = new Cleanups();
const env = await createEnvironment(cleanups, console.error);
const secret = `bench-${randomBytes(24).toString('hex')}`;
const fx = await seedApiFixture(env.databaseUrl, secret, 100);
const config = parseConfig(env.processEnv({ SECRET_KEY: secret, LOG_LEVEL: 'warn', NODE_ENV: 'production' }) as NodeJS.ProcessEnv);
const app = await createApp(config, createLogger(config, 'api'));
await app.listen(0, '127.0.0.1');
const port = (app.getHttpServer().address() as { port: number }).port;
const body = JSON.stringify({ messaging_product: 'whatsapp', to: `+${fx.recipients[0]}`, type: 'text', text: { body: 'hi' } });
const path = process.env.TARGET === 'health' ? '/health' : `/v23.0/${fx.phoneNumberId}/messages`;
const args = ['autocannon', '-c', '32', '-d', process.env.DUR ?? '10', '-m', process.env.TARGET === 'health' ? 'GET' : 'POST',
  '-H', `authorization=Bearer ${fx.token}`, '-H', 'content-type=application/json', ...(process.env.TARGET === 'health' ? [] : ['-b', body]), `http://127.0.0.1:${port}${path}`];
await new Promise((resolve) => spawn('npx', args, { stdio: 'inherit' }).on('exit', resolve));
await app.close();
await cleanups.runAll(console.error);
process.exit(0);
