import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { ApiKeysService } from '@switchboard/business/auth/api-keys.service';
import { AdminUsageError, runAdmin } from '@switchboard/business/tenancy/admin/admin.commands';
import { BusinessesService } from '@switchboard/business/tenancy/businesses.service';
import { REPO_ROOT } from '@switchboard/devtools/services';
import { type BusinessStack, startBusinessStack } from '@switchboard/testkit/business/stack';
import { Operators, testEmail } from '@switchboard/testkit/console/operators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const number = () => `+1555${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;

/** `npm run admin -- …` as a user runs it (same entry point, this run's database). */
function admin(args: string[]) {
  const res = spawnSync(
    process.execPath,
    ['packages/devtools/bin/run.mjs', 'packages/business/src/tenancy/admin/admin.ts', ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('the admin command', () => {
  let stack: BusinessStack;
  let deps: Parameters<typeof runAdmin>[1];
  beforeAll(async () => {
    stack = await startBusinessStack();
    deps = {
      businesses: stack.api.app.get(BusinessesService),
      keys: stack.api.app.get(ApiKeysService),
      setupLink: () => Promise.reject(new Error('not used here')),
    };
  });
  afterAll(() => stack.close());

  it('bootstrap creates a business, a number and a working key on first run, and nothing after', async () => {
    const phone = number();
    const first = admin(['bootstrap', '--name', 'Acme', '--number', phone, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const made = JSON.parse(first.stdout) as Record<string, string>;
    expect(made).toMatchObject({ created: true, business_name: 'Acme', api_key: expect.stringMatching(/^sb_live_/) });
    const waba = await stack.raw<{ name: string }>('GET', `/v23.0/${made.waba_id}`, `Bearer ${made.api_key}`);
    expect(waba.body.name).toBe('Acme');
    const numbers = await stack.raw<{ data: { id: string }[] }>(
      'GET',
      `/${made.waba_id}/phone_numbers`,
      `Bearer ${made.api_key}`,
    );
    expect(numbers.body.data.map((n) => n.id)).toEqual([made.phone_number_id]);

    const again = admin(['bootstrap', '--name', 'Acme', '--number', phone]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(made.waba_id);
    expect(again.stdout).not.toContain('sb_live_');
    expect(await stack.prisma.business.count({ where: { id: made.waba_id } })).toBe(1);
    expect(await stack.prisma.apiKey.count({ where: { businessId: made.waba_id } })).toBe(1);
  }, 120_000);

  it('create-key prints a new key once; revoke-key makes it answer 190', async () => {
    const boot = await runAdmin(['bootstrap', '--name', 'Keys Inc', '--number', number()], deps);
    const made = await runAdmin(['create-key', '--business', String(boot.waba_id), '--name', 'ops'], deps);
    const auth = `Bearer ${made.api_key}`;
    expect((await stack.raw('GET', `/${boot.waba_id}`, auth)).status).toBe(200);
    await runAdmin(['revoke-key', '--business', String(boot.waba_id), '--key', String(made.api_key_id)], deps);
    expect((await stack.raw('GET', `/${boot.waba_id}`, auth)).status).toBe(401);
  });

  it('add-number attaches another number; a taken number is refused', async () => {
    const phone = number();
    const boot = await runAdmin(['bootstrap', '--name', 'Two Numbers', '--number', phone], deps);
    const added = await runAdmin(['add-number', '--business', String(boot.waba_id), '--number', number()], deps);
    expect(added.phone_number_id).toMatch(/^[0-9]{16}$/);
    await expect(
      runAdmin(['add-number', '--business', String(boot.waba_id), '--number', phone], deps),
    ).rejects.toMatchObject({
      details: expect.stringMatching(/already belongs/),
    });
  });

  it('explains its usage and bad input (exit code 64 from the command line)', async () => {
    await expect(runAdmin(['bootstrap', '--name', 'X'], deps)).rejects.toBeInstanceOf(AdminUsageError);
    await expect(runAdmin(['bootstrap', '--name', 'X', '--number', '12'], deps)).rejects.toThrow(/--number/);
    await expect(runAdmin(['create-key', '--business', '123'], deps)).rejects.toThrow(/no business/);
    await expect(runAdmin(['frobnicate'], deps)).rejects.toThrow(/usage/);
    const cli = admin(['bootstrap']);
    expect(cli.code).toBe(64);
    expect(cli.stderr).toContain('--name is required');
  }, 120_000);

  it('create-user prints a one-time setup link that makes its opener the owner of the business', async () => {
    const boot = admin(['bootstrap', '--name', 'Owned', '--number', number(), '--json']);
    const made = JSON.parse(boot.stdout) as Record<string, string>;
    const email = testEmail('first');
    const cli = admin(['create-user', email, '--business', made.waba_id!, '--json']);
    expect(cli.code, cli.stderr).toBe(0);
    const printed = JSON.parse(cli.stdout) as Record<string, string>;
    expect(printed).toMatchObject({ email, waba_id: made.waba_id, role: 'owner' });
    const operators = Operators.of(stack.api.app, stack.api.url);
    const owner = await operators.join(printed.setup_link!, email);
    const me = await owner.call<{ memberships: { role: string; business: { id: string; name: string } }[] }>(
      'GET',
      '/console/v1/me',
    );
    expect(me.body.memberships).toEqual([
      { member_id: expect.any(String), role: 'owner', business: { id: made.waba_id, name: 'Owned' } },
    ]);
    // The link works once.
    await expect(operators.join(printed.setup_link!, email)).rejects.toThrow(/404/);
    expect(admin(['create-user', 'not-an-email']).code).toBe(64);
  }, 120_000);
});
