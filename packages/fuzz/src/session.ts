// A fuzzing session end to end: a database and Redis prefix of its own, a tenant seeded into it, the API started as
// a process of its own on loopback, one pass, then everything removed again.
import { randomBytes, randomUUID } from 'node:crypto';
import { Cleanups, createEnvironment, seedApiFixture, startApi } from '@switchboard/bench';
import { basic } from './cases';
import { consoleOwner, createObjects, registerDevice, SetupError } from './fixture';
import { type Finding, type FuzzOptions, type FuzzSummary, fuzz } from './run';

export interface SessionOptions extends Pick<FuzzOptions, 'maxRequests' | 'seed' | 'timeoutMs' | 'concurrency'> {
  verbose?: boolean;
  log?: (message: string) => void;
}

const WABA_ID = '1900000000000001'; // the bench fixture's business
// The console's origin as the API is told it: a closed loopback port, nothing is ever sent there.
const CONSOLE_ORIGIN = 'http://127.0.0.1:9';

export async function fuzzSession(options: SessionOptions = {}): Promise<FuzzSummary> {
  const log = options.log ?? ((m: string) => process.stderr.write(`[fuzz] ${m}\n`));
  const cleanups = new Cleanups();
  try {
    const env = await createEnvironment(cleanups, log);
    const secretKey = `fuzz-${randomBytes(24).toString('hex')}`;
    const fixture = await seedApiFixture(env.databaseUrl, secretKey, 1);
    const operatorToken = `fuzz-operator-${randomBytes(16).toString('hex')}`;
    // Not production: the development verification-code route lets the fuzzer register a device of its own.
    const processEnv = {
      SECRET_KEY: secretKey,
      NODE_ENV: 'development',
      OPERATOR_TOKEN: operatorToken,
      TEMPLATE_REVIEW: 'manual',
      PUBLIC_DASHBOARD_URL: CONSOLE_ORIGIN,
    };
    const api = await startApi(env, { cleanups, verbose: options.verbose ?? false, log }, processEnv);
    const business = { authorization: `Bearer ${fixture.token}` };

    // Without a device or a console user of its own, those operations still get their mutations, with credentials
    // the API does not know; a 5xx on the way is a finding like any other.
    const setup: Finding[] = [];
    const orElse =
      <T>(what: string, fallback: T) =>
      (err: Error): T => {
        log(`could not ${what}: ${err.message}`);
        if (err instanceof SetupError && err.status >= 500) {
          setup.push({ kind: 'status_5xx', operation: 'setup', label: what, request: err.request, status: err.status });
        }
        return fallback;
      };
    const device = await registerDevice(api.url).catch(
      orElse('register a device', { accountId: randomUUID(), password: 'unregistered' }),
    );
    const consoleUser = await consoleOwner(api.url, env.processEnv(processEnv), WABA_ID, CONSOLE_ORIGIN).catch(
      orElse('sign a console user in', { cookie: 'switchboard.session_token=none', origin: CONSOLE_ORIGIN }),
    );
    const objects = await createObjects(api.url, business, WABA_ID, fixture.phoneNumberId);

    const summary = await fuzz({
      ...options,
      baseUrl: api.url,
      credentials: {
        business,
        operator: { authorization: `Bearer ${operatorToken}` },
        device: { authorization: basic(`${device.accountId}.1`, device.password) },
        console: consoleUser,
      },
      known: {
        waba_id: WABA_ID,
        businessId: WABA_ID,
        phone_number_id: fixture.phoneNumberId,
        object_id: objects.templateId,
        template_id: objects.templateId,
        media_id: objects.mediaId,
        wa_id: fixture.recipients[0]!,
        to: `+${fixture.recipients[0]}`,
        account_id: device.accountId,
        device_id: '1',
      },
    });
    summary.findings.unshift(...setup);
    summary.status_5xx += setup.length;
    // A request that kills the API shows as every later request unanswered; say so once, plainly.
    if (api.handle.hasExited()) {
      summary.hangs++;
      summary.findings.push({ kind: 'hang', operation: 'api', label: 'the API process exited', request: '-' });
    }
    return summary;
  } finally {
    await cleanups.runAll(log);
  }
}
