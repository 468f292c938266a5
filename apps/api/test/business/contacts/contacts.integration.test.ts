import { randomInt } from 'node:crypto';
import { ContactsService } from '@switchboard/business/contacts/contacts.service';
import type { ApiError } from '@switchboard/core/errors/api-error';
import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Contact {
  wa_id: string;
  profile_name: string | null;
  opt_status: string;
  opt_source: string | null;
  last_inbound_time: string | null;
  window_expires_time: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
}
const waId = () => `4477${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
const HOUR = 3600_000;

describe('contacts', () => {
  let stack: BusinessStack;
  let biz: TestBusiness;
  let contacts: ContactsService;
  beforeAll(async () => {
    stack = await startBusinessStack();
    biz = await stack.business();
    contacts = stack.api.app.get(ContactsService);
  });
  afterAll(() => stack.close());

  it('an inbound message makes a contact and opens the 24 h window; only a later message moves it', async () => {
    const id = waId();
    const at = new Date(Date.now() - 2 * HOUR);
    const { contact } = await contacts.recordInbound(biz.id, id, 'Ana', at, 'hello');
    expect(contact).toMatchObject({
      wa_id: id,
      profile_name: 'Ana',
      opt_status: 'UNKNOWN',
      last_inbound_time: at.toISOString(),
    });
    expect(contact.window_expires_time).toBe(new Date(at.getTime() + 24 * HOUR).toISOString());
    expect(await contacts.windowOpen(biz.id, id)).toBe(true);
    expect(await contacts.windowOpen(biz.id, id, new Date(at.getTime() + 24 * HOUR + 1))).toBe(false);
    expect(await contacts.windowOpen(biz.id, waId())).toBe(false);
    // An older message handled late does not shorten the window; the profile name follows the latest.
    await contacts.recordInbound(biz.id, id, 'Ana B.', new Date(at.getTime() - HOUR));
    const read = await biz.call<Contact>('GET', `/${biz.id}/contacts/${id}`);
    expect(read.body).toMatchObject({ profile_name: 'Ana B.', last_inbound_time: at.toISOString() });
  });

  it('STOP (any case, with punctuation) opts out; marketing then fails with 131050; START opts back in', async () => {
    const id = waId();
    await contacts.recordInbound(biz.id, id, 'Bo', new Date(), 'hi');
    await expect(contacts.assertCanReceiveMarketing(biz.id, id)).resolves.toBeUndefined();
    const stopped = await contacts.recordInbound(biz.id, id, 'Bo', new Date(), '  stop! ');
    expect(stopped.optChange).toBe('OPTED_OUT');
    expect(stopped.contact).toMatchObject({ opt_status: 'OPTED_OUT', opt_source: 'keyword:STOP' });
    const err = (await contacts.assertCanReceiveMarketing(biz.id, id).catch((e: unknown) => e)) as ApiError;
    expect({ status: err.status, code: err.code }).toEqual({ status: 400, code: 131050 });
    expect(
      (await contacts.recordInbound(biz.id, id, 'Bo', new Date(), 'please do not stop')).optChange,
    ).toBeUndefined();
    for (const word of ['Unsubscribe', 'QUIT.', 'end']) {
      await contacts.recordInbound(biz.id, id, 'Bo', new Date(), 'START');
      expect((await contacts.recordInbound(biz.id, id, 'Bo', new Date(), word)).optChange, word).toBe('OPTED_OUT');
    }
    const restarted = await contacts.recordInbound(biz.id, id, 'Bo', new Date(), 'Start');
    expect(restarted.contact).toMatchObject({ opt_status: 'OPTED_IN', opt_source: 'keyword:START' });
    await expect(contacts.assertCanReceiveMarketing(biz.id, id)).resolves.toBeUndefined();
  });

  it('uses the configured keyword lists', async () => {
    const custom = await startBusinessStack({
      env: { CONTACT_STOP_KEYWORDS: 'BASTA, ARRET', CONTACT_START_KEYWORDS: 'VAMOS' },
    });
    try {
      const service = custom.api.app.get(ContactsService);
      const id = waId();
      expect((await service.recordInbound(biz.id, id, undefined, new Date(), 'stop')).optChange).toBeUndefined();
      expect((await service.recordInbound(biz.id, id, undefined, new Date(), 'basta')).optChange).toBe('OPTED_OUT');
      expect((await service.recordInbound(biz.id, id, undefined, new Date(), 'Vamos')).optChange).toBe('OPTED_IN');
    } finally {
      await custom.close();
    }
  });

  it('upserts, opts in and out through the API, and reads back', async () => {
    const id = waId();
    const created = await biz.call<Contact>('POST', `/${biz.id}/contacts`, {
      wa_id: `+${id.slice(0, 2)} ${id.slice(2)}`,
      profile_name: 'Cy',
      tags: ['vip', 'vip', 'beta'],
      attributes: { plan: 'gold', seats: 3 },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      wa_id: id,
      profile_name: 'Cy',
      tags: ['vip', 'beta'],
      attributes: { plan: 'gold', seats: 3 },
    });
    expect(created.body.window_expires_time).toBeNull();
    const updated = await biz.call<Contact>('POST', `/${biz.id}/contacts`, { wa_id: id, tags: ['beta'] });
    expect(updated.body).toMatchObject({ profile_name: 'Cy', tags: ['beta'], attributes: { plan: 'gold' } });
    const out = await biz.call<Contact>('POST', `/${biz.id}/contacts/${id}/opt_out`);
    expect(out.body).toMatchObject({ opt_status: 'OPTED_OUT', opt_source: 'api' });
    await expect(contacts.assertCanReceiveMarketing(biz.id, id)).rejects.toMatchObject({ code: 131050 });
    const back = await biz.call<Contact>('POST', `/${biz.id}/contacts/${id}/opt_in`, { source: 'signup-form' });
    expect(back.body).toMatchObject({ opt_status: 'OPTED_IN', opt_source: 'signup-form' });
    const fresh = waId();
    const optedOutFirst = await biz.call<Contact>('POST', `/${biz.id}/contacts/${fresh}/opt_out`, {});
    expect(optedOutFirst.body).toMatchObject({ wa_id: fresh, opt_status: 'OPTED_OUT' });
    expect((await biz.call('GET', `/${biz.id}/contacts/${waId()}`)).status).toBe(404);
  });

  it('lists by number with search, tag and opt_status filters, and pages', async () => {
    const other = await stack.business();
    const ids = Array.from({ length: 5 }, () => waId()).sort();
    for (const [i, id] of ids.entries())
      await other.call('POST', `/${other.id}/contacts`, {
        wa_id: id,
        profile_name: i === 2 ? 'Zoë Search' : `P${i}`,
        tags: i % 2 ? ['odd'] : [],
      });
    await other.call('POST', `/${other.id}/contacts/${ids[4]}/opt_out`);
    type List = { data: Contact[]; paging: { cursors: { after: string }; next?: string } };
    const all = await other.call<List>('GET', `/${other.id}/contacts`);
    expect(all.body.data.map((c) => c.wa_id)).toEqual(ids);
    expect(
      (await other.call<List>('GET', `/${other.id}/contacts?search=zo%C3%AB`)).body.data.map((c) => c.wa_id),
    ).toEqual([ids[2]]);
    expect(
      (await other.call<List>('GET', `/${other.id}/contacts?search=${ids[3]!.slice(-6)}`)).body.data.map(
        (c) => c.wa_id,
      ),
    ).toEqual([ids[3]]);
    expect((await other.call<List>('GET', `/${other.id}/contacts?tag=odd`)).body.data.map((c) => c.wa_id)).toEqual([
      ids[1],
      ids[3],
    ]);
    expect(
      (await other.call<List>('GET', `/${other.id}/contacts?opt_status=opted_out`)).body.data.map((c) => c.wa_id),
    ).toEqual([ids[4]]);
    const first = await other.call<List>('GET', `/${other.id}/contacts?limit=3`);
    const rest = await other.call<List>(
      'GET',
      `/${other.id}/contacts?limit=3&after=${first.body.paging.cursors.after}`,
    );
    expect([...first.body.data, ...rest.body.data].map((c) => c.wa_id)).toEqual(ids);
    expect(rest.body.paging.next).toBeUndefined();
  });
});
