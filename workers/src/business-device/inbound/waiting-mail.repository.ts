import type { PrismaService } from '@switchboard/platform';
import type { BusinessDeviceRef } from '../business-crypto';

/** The business devices with envelopes waiting in their core mailbox: one indexed query for every number. */
export function devicesWithWaitingMail(db: PrismaService['client']): Promise<BusinessDeviceRef[]> {
  return db.$queryRawUnsafe<BusinessDeviceRef[]>(
    `SELECT d."phoneNumberId", d."accountId"::text AS "accountId", d."deviceId" FROM "BusinessDevice" d
     WHERE EXISTS (SELECT 1 FROM "MailboxEnvelope" e WHERE e."accountId" = d."accountId" AND e."deviceId" = d."deviceId")`,
  );
}
