import { applyMigrations, createDatabaseIfMissing } from '@switchboard/prisma/scripts/migrations';
import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { approvedTemplate, type Campaign, firstNameComponents } from '@switchboard/testkit/campaigns/api';
import { scratchDatabases } from '@switchboard/testkit/databases';
import { consumerDevice } from '@switchboard/testkit/devices/consumer';
import { waitFor } from '@switchboard/testkit/wait';
import { Receiver } from '@switchboard/testkit/webhooks/receiver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Status = { id: string; status: string; recipient_id: string };

// A campaign from the API to real consumer devices: CSV audience → ledger → dispatcher (the worker's modules, with
// the campaign sweep on) → the business device encrypts for each consumer → SDK devices decrypt it over WebSocket →
// delivery receipts → `delivered` status webhooks and the campaign's progress. In a scratch database: the sweep acts
// on every campaign of its database, and other test files create campaigns of their own.
describe('a campaign end to end', () => {
  const scratch = scratchDatabases();
  let stack: BusinessStack;
  let biz: TestBusiness;
  let receiver: Receiver;

  beforeAll(async () => {
    const databaseUrl = scratch.url('ce2e');
    await createDatabaseIfMissing(databaseUrl);
    await applyMigrations(databaseUrl);
    stack = await startBusinessStack({
      worker: true,
      env: {
        DATABASE_URL: databaseUrl,
        CAMPAIGNS_SWEEP: 'on',
        TEMPLATE_REVIEW: 'manual',
        OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000',
        OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000',
        WEBHOOK_RETRY_BASE_MS: '20',
        WEBHOOK_RETRY_MAX_MS: '400',
      },
    });
    biz = await stack.business();
    receiver = await new Receiver().start();
    await biz.subscribe(receiver);
  }, 90_000);

  afterAll(async () => {
    await receiver?.close();
    await stack?.close();
    await scratch.dropAll();
  }, 60_000);

  it('reaches each consumer device exactly once, personalised, and reports delivered in progress and webhooks', async () => {
    await approvedTemplate(biz, 'spring_sale', 'MARKETING');
    const consumers = await Promise.all(['Ana', 'Ben', 'Cy'].map(() => consumerDevice(stack.api)));
    for (const c of consumers) await c.connect();
    try {
      const csv = [
        'phone,first_name',
        ...consumers.map((c, i) => `${c.number},${['Ana', 'Ben', 'Cy'][i]}`),
        `${consumers[0]!.number},Again`, // a duplicate: skipped
        'not-a-number,Nobody', // invalid: skipped
      ].join('\n');
      const created = await biz.call<Campaign>('POST', `/${biz.id}/campaigns`, {
        name: 'Spring',
        phone_number_id: biz.phoneNumberId,
        template: { name: 'spring_sale', language: { code: 'en_US' }, components: firstNameComponents },
        audience: { csv },
      });
      expect(created.status).toBe(200);
      expect(created.body.report).toMatchObject({ recipients: 5, pending: 3, invalid: 1, duplicates: 1 });
      const id = created.body.id;

      await waitFor(
        async () => consumers.every((c) => c.messages.length >= 1),
        'the campaign at every consumer',
        60_000,
      );
      expect(consumers.map((c) => c.messages.map((m) => m.text))).toEqual([
        ['Hello Ana, our sale starts today.'],
        ['Hello Ben, our sale starts today.'],
        ['Hello Cy, our sale starts today.'],
      ]);
      const read = async () => (await biz.call<Campaign>('GET', `/${biz.id}/campaigns/${id}`)).body;
      await waitFor(async () => (await read()).progress.delivered === 3, 'three delivered in the progress', 30_000);
      const campaign = await read();
      expect(campaign.status).toBe('COMPLETED');
      expect(campaign.progress).toMatchObject({
        pending: 0,
        queued: 0,
        sent: 0,
        delivered: 3,
        failed: { total: 0 },
        skipped: { total: 2, by_reason: { duplicate: 1, invalid_number: 1 } },
      });
      const wamids = (await stack.prisma.businessMessage.findMany({ where: { campaignId: id } })).map((m) => m.wamid);
      expect(wamids).toHaveLength(3);
      const statuses = () => receiver.accepted().flatMap((c) => (c.value.statuses as Status[] | undefined) ?? []);
      await waitFor(
        async () => wamids.every((w) => statuses().some((s) => s.id === w && s.status === 'delivered')),
        'delivered webhooks',
      );
      for (const w of wamids)
        expect(
          statuses()
            .filter((s) => s.id === w)
            .map((s) => s.status),
        ).toEqual(['sent', 'delivered']);
      // Nothing more arrives later: exactly once.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(consumers.map((c) => c.messages.length)).toEqual([1, 1, 1]);
    } finally {
      for (const c of consumers) await c.close();
    }
  }, 120_000);
});
