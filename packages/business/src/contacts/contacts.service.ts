import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { ApiError } from '@switchboard/core/errors/api-error';
import type { Contact, Prisma } from '@switchboard/db';
import { CONFIG } from '@switchboard/platform';
import { type PageDirection, pageArgs, toPage } from '../common/paging';
import { ContactErrors } from './contact-errors';
import { ContactsRepository } from './contacts.repository';
import type { ListContactsQuery, UpsertContactBody } from './inputs/contact.input';
import { keywordIntent } from './keywords';
import { renderContact } from './outputs/contact.output';
import { windowOpen } from './service-window';

/**
 * The consumers a business talks to: the contacts endpoints (a Switchboard extension), and what the send pipeline
 * asks — record an inbound message, is the 24 h window open, may this contact get marketing.
 */
@Injectable()
export class ContactsService {
  constructor(
    private readonly contacts: ContactsRepository,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** A page by number, ascending unless `order` says otherwise (the console's table sorts both ways). */
  async list(businessId: string, q: ListContactsQuery & { order?: PageDirection }, url?: URL) {
    const filter = { tag: q.tag, optStatus: q.opt_status, search: q.search };
    const byNumber = { key: 'waId', order: q.order ?? 'asc' } as const;
    const rows = await this.contacts.list(businessId, filter, pageArgs(q, byNumber));
    return toPage(rows, q, (c) => renderContact(c), url, 'waId');
  }

  async get(businessId: string, waId: string) {
    return renderContact(await this.find(businessId, waId));
  }

  async upsert(businessId: string, body: UpsertContactBody) {
    const fields = {
      ...(body.profile_name !== undefined && { profileName: body.profile_name }),
      ...(body.tags !== undefined && { tags: [...new Set(body.tags)] }),
      ...(body.attributes !== undefined && { attributes: body.attributes as Prisma.InputJsonObject }),
    };
    return renderContact(await this.contacts.upsert(businessId, body.wa_id, fields));
  }

  /** The contact's opt-ins and opt-outs, newest first: the latest 100 (404 for an unknown contact). */
  async optHistory(businessId: string, waId: string) {
    await this.find(businessId, waId);
    const events = await this.contacts.optHistory(businessId, waId, 100);
    return { data: events.map((e) => ({ status: e.status, source: e.source, time: e.at.toISOString() })) };
  }

  /** The console's edit of an existing contact: given fields replace the stored ones (404 for an unknown one). */
  async edit(businessId: string, waId: string, body: Omit<UpsertContactBody, 'wa_id'>) {
    await this.find(businessId, waId);
    return this.upsert(businessId, { ...body, wa_id: waId });
  }

  /** Consent recorded by the business (or withdrawn): creates the contact when it is new. */
  async setOpt(businessId: string, waId: string, status: 'OPTED_IN' | 'OPTED_OUT', source: string) {
    return renderContact(await this.contacts.setOpt(businessId, waId, status, source, new Date()));
  }

  /**
   * For the send pipeline, on every inbound message: makes the sender a contact (with the profile name WhatsApp
   * gave), opens or extends the 24 h window, and applies a STOP / START keyword when `text` is one
   * (CONTACT_STOP_KEYWORDS, CONTACT_START_KEYWORDS). `optChange` says when it did, e.g. to tell the business.
   */
  async recordInbound(businessId: string, waId: string, profileName: string | undefined, at: Date, text?: string) {
    const intent = keywordIntent(text, {
      stop: this.config.business.stopKeywords,
      start: this.config.business.startKeywords,
    });
    const opt = intent ? { status: intent.status, source: `keyword:${intent.keyword}` } : null;
    await this.contacts.recordInbound(businessId, waId, profileName ?? null, at, opt);
    const contact = await this.find(businessId, waId);
    return { contact: renderContact(contact), optChange: intent?.status };
  }

  /** Whether free-form messages may be sent: the consumer wrote within the last 24 hours before `at`. */
  async windowOpen(businessId: string, waId: string, at: Date = new Date()): Promise<boolean> {
    return windowOpen(await this.contacts.lastInboundAt(businessId, waId), at);
  }

  /** Throws 131050 when the contact opted out of marketing; unknown contacts have not. */
  async assertCanReceiveMarketing(businessId: string, waId: string): Promise<void> {
    if ((await this.contacts.optStatus(businessId, waId)) === 'OPTED_OUT') throw ContactErrors.optedOut(waId);
  }

  private async find(businessId: string, waId: string): Promise<Contact> {
    const contact = await this.contacts.find(businessId, waId);
    if (!contact) throw ApiError.notFound(`contact '${waId}'`);
    return contact;
  }
}
