import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG } from '@switchboard/platform';
import { SecretBox } from '@switchboard/webhooks';

/** What the repository needs of a Prisma client or interactive-transaction client. */
export interface RawClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/** Which keys an operation loads: exact keys, and every key under some prefixes. */
export interface KeySelection {
  exact: string[];
  prefixes: string[];
}

/** A row read by version: its value only when the caller's cached version is not the row's. */
export interface VersionedRow {
  key: string;
  version: string;
  value?: string;
}

const likePrefix = (p: string) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The business device's Signal state in `BusinessDeviceKey`, every value sealed with AES-256-GCM (key from
 * SECRET_KEY by HKDF, purpose "business-device"); the account and key name are the associated data, so a value copied
 * to another row or another number does not open.
 */
@Injectable()
export class DeviceKeysRepository {
  private readonly box: SecretBox;

  constructor(@Inject(CONFIG) config: Config) {
    this.box = new SecretBox(config.secretKey, 'business-device');
  }

  async load(db: RawClient, accountId: string, select: KeySelection): Promise<Map<string, string>> {
    const rows = await db.$queryRawUnsafe<{ key: string; value: Uint8Array }[]>(
      `SELECT "key", "value" FROM "BusinessDeviceKey"
       WHERE "accountId" = $1::uuid AND ("key" = ANY($2::text[]) OR "key" LIKE ANY($3::text[]))`,
      accountId,
      select.exact,
      select.prefixes.map(likePrefix),
    );
    return new Map(rows.map((r) => [r.key, this.box.open(r.value, `${accountId}:${r.key}`)]));
  }

  /**
   * Exact keys with their row versions (`xmin`, the transaction that wrote the row); the sealed value is read and
   * opened only for keys whose version is not the one in `known` (key → version the caller holds).
   */
  async loadVersions(
    db: RawClient,
    accountId: string,
    keys: string[],
    known: Map<string, string>,
  ): Promise<VersionedRow[]> {
    const rows = await db.$queryRawUnsafe<{ key: string; version: string; value: Uint8Array | null }[]>(
      `SELECT k."key", k.xmin::text AS version, CASE WHEN k.xmin::text = c.v THEN NULL ELSE k."value" END AS value
       FROM "BusinessDeviceKey" k LEFT JOIN unnest($3::text[], $4::text[]) AS c(key, v) ON c.key = k."key"
       WHERE k."accountId" = $1::uuid AND k."key" = ANY($2::text[])`,
      accountId,
      keys,
      [...known.keys()],
      [...known.values()],
    );
    return rows.map((r) => ({
      key: r.key,
      version: r.version,
      ...(r.value && { value: this.box.open(r.value, `${accountId}:${r.key}`) }),
    }));
  }

  /** Writes what an operation changed; returns the new row version of each upserted key. */
  async save(
    db: RawClient,
    accountId: string,
    changes: { upserts: [string, string][]; deletes: string[] },
  ): Promise<Map<string, string>> {
    let versions: { key: string; version: string }[] = [];
    if (changes.upserts.length) {
      versions = await db.$queryRawUnsafe<{ key: string; version: string }[]>(
        `INSERT INTO "BusinessDeviceKey" ("accountId", "key", "value", "updatedAt")
         SELECT $1::uuid, k, v, now() FROM unnest($2::text[], $3::bytea[]) AS t(k, v)
         ON CONFLICT ("accountId", "key") DO UPDATE SET "value" = EXCLUDED."value", "updatedAt" = now()
         RETURNING "key", xmin::text AS version`,
        accountId,
        changes.upserts.map(([k]) => k),
        changes.upserts.map(([k, v]) => Buffer.from(this.box.seal(v, `${accountId}:${k}`))),
      );
    }
    if (changes.deletes.length) {
      await db.$executeRawUnsafe(
        `DELETE FROM "BusinessDeviceKey" WHERE "accountId" = $1::uuid AND "key" = ANY($2::text[])`,
        accountId,
        changes.deletes,
      );
    }
    return new Map(versions.map((v) => [v.key, v.version]));
  }

  /** Every key of the device: what a half-done provisioning left, before a new one writes its state. */
  async deleteAll(db: RawClient, accountId: string): Promise<void> {
    await db.$executeRawUnsafe(`DELETE FROM "BusinessDeviceKey" WHERE "accountId" = $1::uuid`, accountId);
  }
}
