// A fuzzing session end to end: a database and Redis prefix of its own, a tenant seeded into it, the API started as
// a process of its own on loopback, one pass, then everything removed again.
import { randomBytes, randomUUID } from 'node:crypto';
import { Cleanups, createEnvironment, seedApiFixture, startApi } from '@switchboard/bench';
import { basic } from './cases';
import { type Finding, type FuzzOptions, type FuzzSummary, fuzz } from './run';

export interface SessionOptions extends Pick<FuzzOptions, 'maxRequests' | 'seed' | 'timeoutMs' | 'concurrency'> {
  verbose?: boolean;
  log?: (message: string) => void;
}

export async function fuzzSession(options: SessionOptions = {}): Promise<FuzzSummary> {
  const log = options.log ?? ((m: string) => process.stderr.write(`[fuzz] ${m}\n`));
  const cleanups = new Cleanups();
  try {
    const env = await createEnvironment(cleanups, log);
    const secretKey = `fuzz-${randomBytes(24).toString('hex')}`;
    const fixture = await seedApiFixture(env.databaseUrl, secretKey, 1);
    // Not production: the development verification-code route lets the fuzzer register a device of its own.
    const operatorToken = `fuzz-operator-${randomBytes(16).toString('hex')}`;
    const api = await startApi(
      env,
      { cleanups, verbose: options.verbose ?? false, log },
      { SECRET_KEY: secretKey, NODE_ENV: 'development', OPERATOR_TOKEN: operatorToken, TEMPLATE_REVIEW: 'manual' },
    );
    // Without a device of its own the core's device operations still get their mutations, with a credential the API
    // does not know; a 5xx on the way is a finding like any other.
    const setup: Finding[] = [];
    const device = await registerDevice(api.url).catch((err: Error & { status?: number; request?: string }) => {
      log(`could not register a device: ${err.message}`);
      if ((err.status ?? 0) >= 500) {
        setup.push({
          kind: 'status_5xx',
          operation: 'setup',
          label: 'device registration',
          request: err.request ?? '',
        });
      }
      return { accountId: randomUUID(), password: 'unregistered' };
    });
    const business = `Bearer ${fixture.token}`;
    const objects = await createObjects(api.url, business, fixture.phoneNumberId);
    const summary = await fuzz({
      ...options,
      baseUrl: api.url,
      credentials: {
        business,
        operator: `Bearer ${operatorToken}`,
        device: basic(`${device.accountId}.1`, device.password),
      },
      known: {
        waba_id: '1900000000000001',
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

async function registerDevice(baseUrl: string): Promise<{ accountId: string; password: string }> {
  const number = '+14155550123';
  const json = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json' },
    });
    if (!res.ok) {
      const text = await res.text();
      throw Object.assign(new Error(`${path}: ${res.status} ${text}`), {
        status: res.status,
        request: `${init?.method ?? 'GET'} ${path}`,
        body: text,
      });
    }
    return (await res.json()) as Record<string, unknown>;
  };
  await json('/v1/accounts/verification', { method: 'POST', body: JSON.stringify({ number }) });
  const { code } = await json(`/v1/dev/verification-codes?number=${encodeURIComponent(number)}`);
  const reg = await json('/v1/accounts/registration', { method: 'POST', body: JSON.stringify({ number, code }) });
  return { accountId: String(reg.account_id), password: String(reg.password) };
}

/** A template and a media upload of the fixture's business, so requests naming them get past "not found". */
async function createObjects(baseUrl: string, auth: string, phoneNumberId: string) {
  const template = await fetch(`${baseUrl}/1900000000000001/message_templates`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'fuzz_template',
      language: 'en_US',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Hello {{1}}', example: { body_text: [['Pablo']] } }],
    }),
  });
  if (!template.ok) throw new Error(`creating the fuzz template: ${template.status} ${await template.text()}`);
  const form = new FormData();
  form.append('messaging_product', 'whatsapp');
  form.append('file', new Blob(['fuzz text'], { type: 'text/plain' }), 'fuzz.txt');
  const media = await fetch(`${baseUrl}/${phoneNumberId}/media`, {
    method: 'POST',
    headers: { authorization: auth },
    body: form,
  });
  if (!media.ok) throw new Error(`uploading the fuzz media: ${media.status} ${await media.text()}`);
  return {
    templateId: String(((await template.json()) as { id: string }).id),
    mediaId: String(((await media.json()) as { id: string }).id),
  };
}
