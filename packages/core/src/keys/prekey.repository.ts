import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';

export interface ClaimedPreKey {
  keyId: number;
  publicKey: Uint8Array;
}
export interface ClaimedKyberPreKey extends ClaimedPreKey {
  signature: Uint8Array;
}
export interface PreKeyCounts {
  preKeys: number;
  kyberPreKeys: number;
}

/**
 * One-time prekeys are handed out exactly once: a single DELETE ... RETURNING removes the key it returns, and
 * FOR UPDATE SKIP LOCKED makes concurrent fetches take different keys instead of queueing behind (or double-serving)
 * the same one. Lowest id first, so keys leave in the order the device made them.
 */
@Injectable()
export class PreKeyRepository {
  constructor(private readonly prisma: PrismaService) {}

  async claimPreKey(accountId: string, deviceId: number): Promise<ClaimedPreKey | undefined> {
    const rows = await this.prisma.client.$queryRaw<ClaimedPreKey[]>`
      DELETE FROM "OneTimePreKey" WHERE ("accountId", "deviceId", "keyId") = (
        SELECT "accountId", "deviceId", "keyId" FROM "OneTimePreKey"
        WHERE "accountId" = ${accountId}::uuid AND "deviceId" = ${deviceId}
        ORDER BY "keyId" LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING "keyId", "publicKey"`;
    return rows[0];
  }

  async claimKyberPreKey(accountId: string, deviceId: number): Promise<ClaimedKyberPreKey | undefined> {
    const rows = await this.prisma.client.$queryRaw<ClaimedKyberPreKey[]>`
      DELETE FROM "KyberPreKey" WHERE ("accountId", "deviceId", "keyId") = (
        SELECT "accountId", "deviceId", "keyId" FROM "KyberPreKey"
        WHERE "accountId" = ${accountId}::uuid AND "deviceId" = ${deviceId}
        ORDER BY "keyId" LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING "keyId", "publicKey", "signature"`;
    return rows[0];
  }

  async counts(accountId: string, deviceId: number): Promise<PreKeyCounts> {
    const [row] = await this.prisma.client.$queryRaw<{ pre: bigint; kyber: bigint }[]>`
      SELECT
        (SELECT count(*) FROM "OneTimePreKey" WHERE "accountId" = ${accountId}::uuid AND "deviceId" = ${deviceId}) AS pre,
        (SELECT count(*) FROM "KyberPreKey" WHERE "accountId" = ${accountId}::uuid AND "deviceId" = ${deviceId}) AS kyber`;
    return { preKeys: Number(row?.pre ?? 0), kyberPreKeys: Number(row?.kyber ?? 0) };
  }
}
