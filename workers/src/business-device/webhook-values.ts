import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';

export interface NumberMetadata {
  display_phone_number: string;
  phone_number_id: string;
}

/** `value.metadata` of a number's webhooks: display number as Meta sends it (digits, no "+"). Numbers never change. */
@Injectable()
export class NumberMetadataCache {
  private readonly cache = new Map<string, NumberMetadata & { businessId: string }>();

  constructor(private readonly prisma: PrismaService) {}

  async of(phoneNumberId: string): Promise<NumberMetadata & { businessId: string }> {
    const hit = this.cache.get(phoneNumberId);
    if (hit) return hit;
    const n = await this.prisma.client.businessNumber.findUniqueOrThrow({ where: { id: phoneNumberId } });
    const value = {
      businessId: n.businessId,
      display_phone_number: n.phoneNumber.replace(/^\+/, ''),
      phone_number_id: phoneNumberId,
    };
    this.cache.set(phoneNumberId, value);
    return value;
  }
}

/** Cloud API timestamps: seconds since the epoch, as a string. */
export const unixSeconds = (at: Date | number) => String(Math.floor(Number(at) / 1000));

/** Where Meta's failed-status errors point (`errors[].href`): the Cloud API's error-codes page. */
export const ERROR_CODES_URL = 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/';
