import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { ApiError } from '@switchboard/core/errors/api-error';
import type { Contact, Prisma } from '@switchboard/db';
import { CONFIG, PrismaService } from '@switchboard/platform';
import { pageArgs, toPage } from '../common/paging';
import { ContactErrors } from './contact-errors';
import { RECORD_INBOUND_SQL } from './inbound.sql';
import type { ListContactsQuery, UpsertContactBody } from './inputs/contact.input';
import { keywordIntent } from './keywords';
import { renderContact } from './outputs/contact.output';
import { windowOpen } from './service-window';

const BY_NUMBER = { key: 'waId', order: 'asc' } as const;

/**
 * The consumers a business talks to: the contacts endpoints (a Switchboard extension), and what the send pipeline
 * asks — record an inbound message, is the 24 h window open, may this contact get marketing.
 */
@Injectable()
export class ContactsService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async list(businessId: string, q: ListContactsQuery, url?: URL) {
    const args = pageArgs(q, BY_NUMBER);
    const where: Prisma.ContactWhereInput = {
      ...args.where,
      businessId,
      ...(q.tag && { tags: { has: q.tag } }),
      ...(q.opt_status && { optStatus: q.opt_status }),
      ...(q.search && {
        OR: [
          { waId: { contains: q.search.replace(/\D/g, '') || q.search } },
          { profileName: { contains: q.search, mode: 'insensitive' } },
        ],
      }),
    };
    const rows = await this.prisma.client.contact.findMany({ ...args, where });
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
    const contact = await this.prisma.client.contact.upsert({
      where: { businessId_waId: { businessId, waId: body.wa_id } },
      create: { businessId, waId: body.wa_id, ...fields },
      update: fields,
    });
    return renderContact(contact);
  }

  /** Consent recorded by the business (or withdrawn): creates the contact when it is new. */
  async setOpt(businessId: string, waId: string, status: 'OPTED_IN' | 'OPTED_OUT', source: string) {
    const now = new Date();
    const opt = {
      optStatus: status,
      optSource: source,
      ...(status === 'OPTED_IN' ? { optedInAt: now } : { optedOutAt: now }),
    };
    const contact = await this.prisma.client.contact.upsert({
      where: { businessId_waId: { businessId, waId } },
      create: { businessId, waId, ...opt },
      update: opt,
    });
    return renderContact(contact);
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
    const source = intent ? `keyword:${intent.keyword}` : null;
    await this.prisma.client.$executeRawUnsafe(
      RECORD_INBOUND_SQL,
      businessId,
      waId,
      profileName ?? null,
      at.toISOString(),
      intent?.status ?? null,
      source,
    );
    const contact = await this.find(businessId, waId);
    return { contact: renderContact(contact), optChange: intent?.status };
  }

  /** Whether free-form messages may be sent: the consumer wrote within the last 24 hours before `at`. */
  async windowOpen(businessId: string, waId: string, at: Date = new Date()): Promise<boolean> {
    const c = await this.prisma.client.contact.findUnique({
      where: { businessId_waId: { businessId, waId } },
      select: { lastInboundAt: true },
    });
    return windowOpen(c?.lastInboundAt, at);
  }

  /** Throws 131050 when the contact opted out of marketing; unknown contacts have not. */
  async assertCanReceiveMarketing(businessId: string, waId: string): Promise<void> {
    const c = await this.prisma.client.contact.findUnique({
      where: { businessId_waId: { businessId, waId } },
      select: { optStatus: true },
    });
    if (c?.optStatus === 'OPTED_OUT') throw ContactErrors.optedOut(waId);
  }

  private async find(businessId: string, waId: string): Promise<Contact> {
    const contact = await this.prisma.client.contact.findUnique({ where: { businessId_waId: { businessId, waId } } });
    if (!contact) throw ApiError.notFound(`contact '${waId}'`);
    return contact;
  }
}
