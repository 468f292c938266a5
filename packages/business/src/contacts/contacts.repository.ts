import { Injectable } from '@nestjs/common';
import type { Contact, ContactOptStatus, Prisma } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';

/**
 * One inbound message, atomically: the contact is created if new, its profile name refreshed, its window moved
 * forward (never back: GREATEST, for messages handled out of order), and its opt state changed when the text was a
 * keyword ($5 null otherwise), with the change in the opt history. $1 businessId, $2 waId, $3 profileName, $4 message time (ISO), $5 opt status,
 * $6 opt source. Times are stored as UTC without a zone, as Prisma stores DateTime.
 */
const RECORD_INBOUND_SQL = `
WITH m AS (SELECT $1::text AS b, $2::text AS w, $3::text AS name, ($4::timestamptz AT TIME ZONE 'UTC') AS at,
                  $5::text AS opt, $6::text AS source),
     history AS (INSERT INTO "ContactOptEvent" ("businessId", "waId", "status", "source", "at")
                 SELECT b, w, opt::"ContactOptStatus", source, at FROM m WHERE opt IS NOT NULL)
INSERT INTO "Contact" AS c ("businessId", "waId", "profileName", "lastInboundAt", "optStatus", "optSource",
                            "optedInAt", "optedOutAt", "tags", "attributes", "updatedAt")
SELECT b, w, name, at, COALESCE(opt, 'UNKNOWN')::"ContactOptStatus", source,
       CASE WHEN opt = 'OPTED_IN' THEN at END, CASE WHEN opt = 'OPTED_OUT' THEN at END, '{}', '{}',
       now() AT TIME ZONE 'UTC'
FROM m
ON CONFLICT ("businessId", "waId") DO UPDATE SET
  "profileName" = COALESCE(EXCLUDED."profileName", c."profileName"),
  "lastInboundAt" = GREATEST(c."lastInboundAt", EXCLUDED."lastInboundAt"),
  "optStatus" = CASE WHEN $5::text IS NULL THEN c."optStatus" ELSE EXCLUDED."optStatus" END,
  "optSource" = CASE WHEN $5::text IS NULL THEN c."optSource" ELSE EXCLUDED."optSource" END,
  "optedInAt" = COALESCE(EXCLUDED."optedInAt", c."optedInAt"),
  "optedOutAt" = COALESCE(EXCLUDED."optedOutAt", c."optedOutAt"),
  "updatedAt" = now() AT TIME ZONE 'UTC'`;

/** What the list endpoint filters on. */
export interface ContactFilter {
  tag?: string;
  optStatus?: ContactOptStatus;
  /** Digits match the wa_id, anything else the profile name too (case-insensitive). */
  search?: string;
}

/** The one way each change to a Contact row is written; reads by (business, wa_id). */
@Injectable()
export class ContactsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One page in `args` (the caller's cursor paging) of a business's contacts matching `filter`. */
  list(businessId: string, filter: ContactFilter, args: Prisma.ContactFindManyArgs): Promise<Contact[]> {
    const where: Prisma.ContactWhereInput = {
      ...args.where,
      businessId,
      ...(filter.tag && { tags: { has: filter.tag } }),
      ...(filter.optStatus && { optStatus: filter.optStatus }),
      ...(filter.search && {
        OR: [
          { waId: { contains: filter.search.replace(/\D/g, '') || filter.search } },
          { profileName: { contains: filter.search, mode: 'insensitive' } },
        ],
      }),
    };
    return this.prisma.client.contact.findMany({ ...args, where });
  }

  find(businessId: string, waId: string): Promise<Contact | null> {
    return this.prisma.client.contact.findUnique({ where: { businessId_waId: { businessId, waId } } });
  }

  /** The business's own fields (profile name, tags, attributes), creating the contact when it is new. */
  upsert(
    businessId: string,
    waId: string,
    fields: Pick<Prisma.ContactCreateInput, 'profileName' | 'tags' | 'attributes'>,
  ): Promise<Contact> {
    return this.prisma.client.contact.upsert({
      where: { businessId_waId: { businessId, waId } },
      create: { businessId, waId, ...fields },
      update: fields,
    });
  }

  /** Consent as the business recorded it, at `at`, creating the contact when it is new; kept in the opt history. */
  async setOpt(
    businessId: string,
    waId: string,
    status: 'OPTED_IN' | 'OPTED_OUT',
    source: string,
    at: Date,
  ): Promise<Contact> {
    const opt = {
      optStatus: status,
      optSource: source,
      ...(status === 'OPTED_IN' ? { optedInAt: at } : { optedOutAt: at }),
    };
    const [contact] = await this.prisma.client.$transaction([
      this.prisma.client.contact.upsert({
        where: { businessId_waId: { businessId, waId } },
        create: { businessId, waId, ...opt },
        update: opt,
      }),
      this.prisma.client.contactOptEvent.create({ data: { businessId, waId, status, source, at } }),
    ]);
    return contact;
  }

  /** A contact's opt-ins and opt-outs, newest first (at most `limit`). */
  optHistory(businessId: string, waId: string, limit: number) {
    return this.prisma.client.contactOptEvent.findMany({
      where: { businessId, waId },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: limit,
    });
  }

  /** RECORD_INBOUND_SQL: `opt` (with its source) only when the message was a keyword. */
  async recordInbound(
    businessId: string,
    waId: string,
    profileName: string | null,
    at: Date,
    opt: { status: string; source: string } | null,
  ): Promise<void> {
    await this.prisma.client.$executeRawUnsafe(
      RECORD_INBOUND_SQL,
      businessId,
      waId,
      profileName,
      at.toISOString(),
      opt?.status ?? null,
      opt?.source ?? null,
    );
  }

  async lastInboundAt(businessId: string, waId: string): Promise<Date | null> {
    const c = await this.prisma.client.contact.findUnique({
      where: { businessId_waId: { businessId, waId } },
      select: { lastInboundAt: true },
    });
    return c?.lastInboundAt ?? null;
  }

  /** Unknown contacts are UNKNOWN. */
  async optStatus(businessId: string, waId: string): Promise<ContactOptStatus> {
    const c = await this.prisma.client.contact.findUnique({
      where: { businessId_waId: { businessId, waId } },
      select: { optStatus: true },
    });
    return c?.optStatus ?? 'UNKNOWN';
  }
}
