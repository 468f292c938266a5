// `npm run bench -- dashboard`: how fast the console's pages answer through the real Next.js production server with a
// signed-in session, on a business with 100,000 contacts and a campaign of 1,000,000 recipients (--quick: 100,000)
// whose messages fill the last 30 days of the log. Each figure is the full server render of one page (the HTML a
// browser receives on navigation: session check, API calls, React render), requested one at a time.
import { randomBytes } from 'node:crypto';
import {
  buildDashboardIfStale,
  DASHBOARD_DIR,
  freePort,
  NEXT_BIN,
  nextEnv,
  spawnProcess,
  waitForHttp,
} from '@switchboard/devtools';
import { intFlag } from '../harness/flags';
import { fmt } from '../harness/log';
import { percentile, repeat, round } from '../harness/stats';
import type { Suite } from '../types';
import { seedApiFixture } from './api-fixture';
import { CAMPAIGN_ID, explainContactSearch, seedDashboard } from './dashboard-seed';

async function timed(url: string, cookie: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
  return performance.now() - t0;
}

/** The first owner accepts the setup invitation through the dashboard's origin, as the browser does; the cookie. */
async function signIn(dashboardUrl: string, invitationId: string): Promise<string> {
  const res = await fetch(`${dashboardUrl}/console/v1/invitations/${invitationId}/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: dashboardUrl },
    body: JSON.stringify({ name: 'Bench Owner', password: `bench ${randomBytes(12).toString('hex')}` }),
  });
  if (res.status !== 200) throw new Error(`accepting the setup invitation answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('switchboard.session_token='));
  if (!cookie) throw new Error('the setup invitation set no session cookie');
  return cookie.split(';')[0]!;
}

export const dashboardSuite: Suite = {
  name: 'dashboard',
  description: 'console page p95 through next start, signed in: campaign, recipients, contacts, overview',
  options: [
    { name: 'runs', description: 'runs (median reported)', takesValue: true },
    { name: 'recipients', description: 'recipients of the seeded campaign', takesValue: true },
    { name: 'contacts', description: 'contacts of the business', takesValue: true },
    { name: 'requests', description: 'requests per page per run', takesValue: true },
  ],
  async run(ctx) {
    const runs = intFlag(ctx, 'runs', ctx.quick ? 1 : 3, 20);
    const recipients = intFlag(ctx, 'recipients', ctx.quick ? 100_000 : 1_000_000, 5_000_000);
    const contacts = intFlag(ctx, 'contacts', 100_000, 1_000_000);
    const requests = intFlag(ctx, 'requests', ctx.quick ? 12 : 60, 10_000);
    const building = buildDashboardIfStale();
    const env = await ctx.environment();
    const secretKey = `bench-${randomBytes(24).toString('hex')}`;
    const fixture = await seedApiFixture(env.databaseUrl, secretKey, 0, 1);
    const businessId = '1900000000000001';
    ctx.log(`seeding ${contacts} contacts and a campaign of ${recipients} recipients with their messages`);
    const { invitationId } = await seedDashboard(env.databaseUrl, businessId, fixture.phoneNumberId, {
      contacts,
      recipients,
    });
    const plan = await explainContactSearch(env.databaseUrl, businessId, '1651000123');
    ctx.log(`contact search plan:\n${plan}`);

    const dashboardPort = await freePort();
    const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
    const api = await ctx.startApi({ env: { SECRET_KEY: secretKey, PUBLIC_DASHBOARD_URL: dashboardUrl } });
    await building;
    const next = spawnProcess(process.execPath, [NEXT_BIN, 'start', '-p', String(dashboardPort), '-H', '127.0.0.1'], {
      cwd: DASHBOARD_DIR,
      env: nextEnv({ API_INTERNAL_URL: api.url }),
      name: 'next start',
    });
    ctx.cleanups.add('next start', () => next.stop());
    await waitForHttp(dashboardUrl, 60_000, { process: next });
    const cookie = await signIn(dashboardUrl, invitationId);

    const pages = {
      campaign: [`/campaigns/${CAMPAIGN_ID}`],
      // The recipients table filtered by state, by error code and by part of a number, and paged deep in.
      recipients: [
        `/campaigns/${CAMPAIGN_ID}?state=failed`,
        `/campaigns/${CAMPAIGN_ID}?code=131026`,
        `/campaigns/${CAMPAIGN_ID}?q=1652000${String(Math.floor(recipients / 2)).slice(0, 3)}`,
        `/campaigns/${CAMPAIGN_ID}?after=${Buffer.from(String(Math.floor(recipients / 2))).toString('base64url')}`,
      ],
      // The contact book: first page, searched by part of a number and of a name, filtered by tag and opt status.
      contacts: [
        '/contacts',
        '/contacts?search=1651000123',
        '/contacts?search=Contact+4242',
        '/contacts?tag=t7&opt_status=OPTED_IN',
      ],
      overview: ['/overview'],
    } as const;
    // One warm-up request per URL: Next.js compiles nothing in production, but the API's first queries plan cold.
    for (const list of Object.values(pages)) for (const path of list) await timed(`${dashboardUrl}${path}`, cookie);

    const result = await repeat(
      runs,
      async () => {
        const figures: Record<string, number> = {};
        for (const [name, list] of Object.entries(pages)) {
          const times: number[] = [];
          for (let i = 0; i < requests; i++) times.push(await timed(`${dashboardUrl}${list[i % list.length]}`, cookie));
          times.sort((a, b) => a - b);
          figures[`${name}_page_p50_ms`] = round(percentile(times, 50));
          figures[`${name}_page_p95_ms`] = round(percentile(times, 95));
        }
        return figures;
      },
      (f, i) =>
        ctx.log(
          `run ${i + 1}/${runs}: campaign ${fmt(f.campaign_page_p95_ms!)} ms, recipients ${fmt(f.recipients_page_p95_ms!)} ms, contacts ${fmt(f.contacts_page_p95_ms!)} ms, overview ${fmt(f.overview_page_p95_ms!)} ms (p95)`,
        ),
    );
    const m = result.median;
    return {
      campaign_page_p95_ms: m.campaign_page_p95_ms,
      recipients_page_p95_ms: m.recipients_page_p95_ms,
      contacts_page_p95_ms: m.contacts_page_p95_ms,
      overview_p95_ms: m.overview_page_p95_ms,
      campaign_page_p50_ms: m.campaign_page_p50_ms,
      recipients_page_p50_ms: m.recipients_page_p50_ms,
      contacts_page_p50_ms: m.contacts_page_p50_ms,
      overview_p50_ms: m.overview_page_p50_ms,
      recipients,
      contacts,
      requests,
      runs,
    };
  },
};
