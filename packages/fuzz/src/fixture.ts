// What the fuzzer needs to exist before it starts: a device of its own, a template and a media upload to name, and a
// console user signed in. Each is made the way a client would, through the API (or the admin command).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { repoRoot } from '@switchboard/bench';
import type { Credential } from './cases';

/** A setup step the API refused: its status and request, so a 5xx there is reported like any finding. */
export class SetupError extends Error {
  constructor(
    readonly request: string,
    readonly status: number,
    text: string,
  ) {
    super(`${request}: ${status} ${text.slice(0, 300)}`);
  }
}

async function call(baseUrl: string, method: string, path: string, body?: unknown, headers: Credential = {}) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...headers,
      ...(body !== undefined && !(body instanceof FormData) && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: body instanceof FormData ? body : JSON.stringify(body) }),
  });
  if (!res.ok) throw new SetupError(`${method} ${path}`, res.status, await res.text());
  return res;
}

const json = async (res: Response) => (await res.json()) as Record<string, unknown>;

/** A registered primary device (the development route reads the code the API "sent"). */
export async function registerDevice(baseUrl: string): Promise<{ accountId: string; password: string }> {
  const number = '+14155550123';
  await call(baseUrl, 'POST', '/v1/accounts/verification', { number });
  const { code } = await json(
    await call(baseUrl, 'GET', `/v1/dev/verification-codes?number=${encodeURIComponent(number)}`),
  );
  const reg = await json(await call(baseUrl, 'POST', '/v1/accounts/registration', { number, code }));
  return { accountId: String(reg.account_id), password: String(reg.password) };
}

/** A template and a media upload of the fixture's business, so requests naming them get past "not found". */
export async function createObjects(baseUrl: string, business: Credential, wabaId: string, phoneNumberId: string) {
  const template = await call(
    baseUrl,
    'POST',
    `/${wabaId}/message_templates`,
    {
      name: 'fuzz_template',
      language: 'en_US',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Hello {{1}}', example: { body_text: [['Pablo']] } }],
    },
    business,
  );
  const form = new FormData();
  form.append('messaging_product', 'whatsapp');
  form.append('file', new Blob(['fuzz text'], { type: 'text/plain' }), 'fuzz.txt');
  const media = await call(baseUrl, 'POST', `/${phoneNumberId}/media`, form, business);
  return { templateId: String((await json(template)).id), mediaId: String((await json(media)).id) };
}

/**
 * The business's first console owner, as `npm run admin -- create-user` makes one, signed in by accepting the setup
 * link: the session cookie and the console's Origin, which writes must carry.
 */
export async function consoleOwner(
  baseUrl: string,
  env: NodeJS.ProcessEnv,
  wabaId: string,
  origin: string,
): Promise<Credential> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      `${repoRoot}/packages/devtools/bin/run.mjs`,
      'packages/business/src/tenancy/admin/admin.ts',
      'create-user',
      `fuzz-${randomBytes(4).toString('hex')}@example.test`,
      '--business',
      wabaId,
      '--json',
    ],
    { cwd: repoRoot, env, timeout: 60_000 },
  );
  const link = String((JSON.parse(stdout.trim().split('\n').pop()!) as { setup_link: string }).setup_link);
  const id = new URL(link).pathname.split('/').pop()!;
  const res = await call(
    baseUrl,
    'POST',
    `/console/v1/invitations/${id}/accept`,
    { name: 'Fuzz Owner', password: `pw-${randomBytes(12).toString('base64url')}` },
    { origin },
  );
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('switchboard.session_token='))
    ?.split(';')[0];
  if (!cookie) throw new SetupError(`POST /console/v1/invitations/${id}/accept`, res.status, 'no session cookie');
  return { cookie, origin };
}
