import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { type Operator, Operators, sessionCookie } from '@switchboard/testkit/console/operators';
import { totpCode } from '@switchboard/testkit/console/totp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Refusal = { error: { code: number; message: string; error_data?: { details: string } } };

// Sign-in, sessions and their revocation, throttling and TOTP, through the console's API.
describe('console sign-in and sessions', () => {
  let stack: BusinessStack;
  let business: TestBusiness;
  let operators: Operators;
  let owner: Operator;

  beforeAll(async () => {
    // Few tries per source, so the per-source limit shows within a test; the per-account limit stays at 5.
    stack = await startBusinessStack({ env: { CONSOLE_SIGN_INS_PER_SOURCE: '8' } });
    business = await stack.business();
    operators = Operators.of(stack.api.app, stack.api.url);
    owner = await operators.owner(business.id);
  }, 120_000);
  afterAll(() => stack.close());

  /** Sign-ins from distinct addresses (the dashboard's proxy passes the browser's in X-Forwarded-For). */
  let source = 1;
  const signIn = (email: string, password: string, from = `10.0.0.${source++}`) =>
    operators.raw<Refusal & { user?: { email: string }; two_factor_required: boolean }>(
      'POST',
      '/console/v1/auth/sign-in/email',
      { email, password },
      { 'x-forwarded-for': from },
    );

  it('signs in with an httpOnly SameSite cookie and never shows the token', async () => {
    const res = await signIn(owner.email, owner.password);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      two_factor_required: false,
      user: { id: expect.any(String), email: owner.email, name: owner.name },
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('switchboard.session_token='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(res.text).not.toContain(sessionCookie(res.headers).split('=')[1]!.split('.')[0]);
  });

  it('lists own sessions, revokes one, signs out elsewhere, and signs out', async () => {
    const second = operators.operator(
      owner.email,
      owner.password,
      owner.name,
      sessionCookie((await signIn(owner.email, owner.password)).headers),
    );
    const third = operators.operator(
      owner.email,
      owner.password,
      owner.name,
      sessionCookie((await signIn(owner.email, owner.password)).headers),
    );
    const listed = await second.call<{ data: { id: string; current: boolean }[] }>('GET', '/console/v1/sessions');
    expect(listed.body.data.length).toBeGreaterThanOrEqual(3);
    expect(listed.body.data.filter((s) => s.current)).toHaveLength(1);

    const thirdId = (
      await third.call<{ data: { id: string; current: boolean }[] }>('GET', '/console/v1/sessions')
    ).body.data.find((s) => s.current)!.id;
    expect((await second.call('DELETE', `/console/v1/sessions/${thirdId}`)).status).toBe(200);
    expect((await third.call('GET', '/console/v1/me')).status).toBe(401);
    expect((await second.call('DELETE', `/console/v1/sessions/${thirdId}`)).status).toBe(404);

    const others = await second.call<{ revoked: number }>('POST', '/console/v1/sessions/revoke-others');
    expect(others.body.revoked).toBeGreaterThanOrEqual(1);
    expect((await owner.call('GET', '/console/v1/me')).status).toBe(401);
    expect((await second.call('GET', '/console/v1/me')).status).toBe(200);

    const out = await second.call('POST', '/console/v1/auth/sign-out');
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().join(';')).toMatch(/switchboard\.session_token=;/);
    const after = await second.call<Refusal>('GET', '/console/v1/me');
    expect([after.status, after.body.error.code]).toEqual([401, 102]);
    owner = operators.operator(
      owner.email,
      owner.password,
      owner.name,
      sessionCookie((await signIn(owner.email, owner.password)).headers),
    );
  });

  it('an expired session is signed out', async () => {
    const browser = operators.operator(
      owner.email,
      owner.password,
      owner.name,
      sessionCookie((await signIn(owner.email, owner.password)).headers),
    );
    const token = decodeURIComponent(browser.cookie.split('=')[1]!).split('.')[0]!;
    await stack.prisma.consoleSession.update({ where: { token }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await browser.call<Refusal>('GET', '/console/v1/me');
    expect([res.status, res.body.error.code]).toEqual([401, 102]);
  });

  it('wrong passwords throttle the account, whatever the source; the right one is refused meanwhile', async () => {
    const victim = await operators.invited(owner, business.id, 'viewer');
    for (let i = 0; i < 5; i++) {
      const res = await signIn(victim.email, 'not-the-password');
      expect([res.status, res.body.error.code]).toEqual([401, 190]);
    }
    const throttled = await signIn(victim.email, victim.password);
    expect([throttled.status, throttled.body.error.code]).toEqual([429, 4]);
    expect(throttled.body.error.message).toMatch(/try again in \d+ s/);
  });

  it('joining with an existing account checks its password under the same per-account throttle', async () => {
    const other = await stack.business();
    const otherOwner = await operators.owner(other.id);
    const existing = await operators.invited(owner, business.id, 'viewer');
    const invited = await otherOwner.call<{ link: string }>('POST', `/console/v1/businesses/${other.id}/invitations`, {
      email: existing.email,
      role: 'agent',
    });
    const accept = (password: string) =>
      operators.raw<Refusal>(
        'POST',
        `/console/v1/invitations/${new URL(invited.body.link).pathname.split('/').pop()}/accept`,
        {
          name: 'ignored',
          password,
        },
      );
    for (let i = 0; i < 5; i++) expect((await accept(`wrong-password-${i}`)).status).toBe(401);
    const throttled = await accept(existing.password);
    expect([throttled.status, throttled.body.error.code]).toEqual([429, 4]);
    expect(
      (await otherOwner.call<{ members: unknown[] }>('GET', `/console/v1/businesses/${other.id}/members`)).body.members,
    ).toHaveLength(1);
  });

  it('one source address is throttled after CONSOLE_SIGN_INS_PER_SOURCE tries a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++)
      statuses.push((await signIn(`nobody${i}@example.test`, 'whatever-it-is', '10.9.9.9')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429]);
    expect((await signIn(owner.email, owner.password, '10.9.9.10')).status).toBe(200);
  });

  it('bad input names the field; sign-in from another origin is refused', async () => {
    const bad = await operators.raw<Refusal>('POST', '/console/v1/auth/sign-in/email', {
      email: 'nope',
      password: 'x',
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, 100]);
    const foreign = await operators.raw<Refusal>(
      'POST',
      '/console/v1/auth/sign-in/email',
      { email: owner.email, password: owner.password },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    // The same dashboard under its loopback twin (localhost for 127.0.0.1) is the console's origin too.
    const origin = new URL(operators.origin);
    origin.hostname = 'localhost';
    const twin = await operators.raw(
      'POST',
      '/console/v1/auth/sign-in/email',
      { email: owner.email, password: owner.password },
      { origin: origin.origin, 'x-forwarded-for': '10.7.7.7' },
    );
    expect(twin.status).toBe(200);
  });

  it('TOTP: turned on with a verified code, then sign-in needs the code', async () => {
    const user = await operators.invited(owner, business.id, 'agent');
    const enabled = await user.call<{ totp_uri: string; backup_codes: string[] }>(
      'POST',
      '/console/v1/auth/two-factor/enable',
      { password: user.password },
    );
    expect(enabled.status).toBe(200);
    expect(enabled.body.totp_uri).toMatch(/^otpauth:\/\/totp\//);
    const verified = await user.call('POST', '/console/v1/auth/two-factor/verify-totp', {
      code: totpCode(enabled.body.totp_uri),
    });
    expect(verified.status).toBe(200);

    const first = await signIn(user.email, user.password);
    expect(first.body).toEqual({ two_factor_required: true });
    expect(
      first.headers.getSetCookie().some((c) => c.startsWith('switchboard.session_token=') && !/Max-Age=0/.test(c)),
    ).toBe(false);
    const pending = first.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const wrong = await operators.raw<Refusal>(
      'POST',
      '/console/v1/auth/two-factor/verify-totp',
      { code: '000000' },
      { cookie: pending },
    );
    expect(wrong.status).toBe(401);
    const done = await operators.raw<{ user: { email: string } }>(
      'POST',
      '/console/v1/auth/two-factor/verify-totp',
      { code: totpCode(enabled.body.totp_uri) },
      { cookie: pending },
    );
    expect(done.status).toBe(200);
    expect(done.body.user.email).toBe(user.email);
    const browser = operators.operator(user.email, user.password, user.name, sessionCookie(done.headers));
    expect((await browser.call('GET', '/console/v1/me')).status).toBe(200);
  });
});
