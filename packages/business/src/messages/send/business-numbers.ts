import { Injectable } from '@nestjs/common';
import { ApiError } from '@switchboard/core/errors/api-error';
import { PrismaService } from '@switchboard/platform';
import type { CountryCode } from 'libphonenumber-js/max';
import { GRAPH_ID } from '../../common/ids';
import { countryOf } from './recipient';

export interface SendingNumber {
  id: string;
  businessId: string;
  phoneNumber: string;
  country?: CountryCode;
}

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * The business number a send names, checked to belong to the caller (another business's id answers 404 as if it did
 * not exist). Cached for a few seconds per node: a busy sender costs no lookup per message, and numbers change
 * rarely (a removed number keeps sending for at most TTL_MS on a node that had it cached).
 */
@Injectable()
export class BusinessNumbers {
  // The promise is cached, so the requests in flight when an entry expires share one lookup instead of each making one.
  private readonly cache = new Map<string, { number: Promise<SendingNumber | null>; expiresAt: number }>();

  constructor(private readonly prisma: PrismaService) {}

  async get(businessId: string, phoneNumberId: string): Promise<SendingNumber> {
    const key = `${businessId}/${phoneNumberId}`;
    const now = Date.now();
    let entry = this.cache.get(key);
    if (!entry || entry.expiresAt <= now) {
      entry = { number: this.load(businessId, phoneNumberId), expiresAt: now + TTL_MS };
      if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
      this.cache.set(key, entry);
      entry.number.catch(() => this.cache.delete(key)); // a failed lookup is not remembered
    }
    const number = await entry.number;
    if (!number) throw ApiError.notFound(`phone number '${phoneNumberId}'`);
    return number;
  }

  private async load(businessId: string, id: string): Promise<SendingNumber | null> {
    if (!GRAPH_ID.test(id)) return null;
    const n = await this.prisma.client.businessNumber.findFirst({ where: { id, businessId } });
    return n && { id: n.id, businessId: n.businessId, phoneNumber: n.phoneNumber, country: countryOf(n.phoneNumber) };
  }
}
