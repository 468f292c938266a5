import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Batcher } from '@switchboard/platform';
import { ACTIVE_DEVICE_SQL } from '../devices/active-device';
import { DeviceEvents } from '../devices/device-events';
import { MailboxDb } from './mailbox/mailbox-db';

type Active = { deviceId: number; registrationId: number }[];
const TTL_MS = 2_000;

// In SQL on the mailbox's pool, prepared: through Prisma this lookup was the largest CPU cost of a send.
const ACTIVE_DEVICES = `SELECT "accountId" AS acc, "deviceId" AS dev, "registrationId" AS reg FROM "Device"
  WHERE "accountId" = ANY($1::uuid[]) AND ${ACTIVE_DEVICE_SQL}
  ORDER BY "accountId", "deviceId"`;

/**
 * Active device sets (devices/active-device) for the message path, in two strengths:
 * - `exact` for the send check: a fresh lookup. Lookups of concurrent sends go to Postgres together, one query for
 *   up to 500 accounts (Batcher): one query per send was the send path's bottleneck. Each query starts after the
 *   sends it answers arrived, so none is stale.
 * - `recent` for receipt fan-outs, cached for two seconds: a device linked meanwhile misses a tick, not a message.
 */
@Injectable()
export class DeviceDirectory implements OnModuleInit {
  private readonly cache = new Map<string, { at: number; devices: Promise<Active> }>();
  private readonly lookups = new Batcher<string, Active>((ids) => this.lookup(ids), {
    maxBatch: 500,
    maxInFlight: 2,
  });

  constructor(
    private readonly db: MailboxDb,
    private readonly events: DeviceEvents,
  ) {}

  onModuleInit(): void {
    this.events.onRemoved(({ accountId }) => void this.cache.delete(accountId));
  }

  exact(accountId: string): Promise<Active> {
    return this.lookups.submit(accountId);
  }

  recent(accountId: string): Promise<Active> {
    const now = Date.now();
    const hit = this.cache.get(accountId);
    if (hit && now - hit.at < TTL_MS) return hit.devices;
    const devices = this.exact(accountId);
    this.cache.set(accountId, { at: now, devices });
    devices.catch(() => this.cache.delete(accountId));
    if (this.cache.size > 10_000) this.evict(now);
    return devices;
  }

  private async lookup(accountIds: string[]): Promise<Active[]> {
    const { rows } = await this.db.pool.query<{ acc: string; dev: number; reg: number }>({
      name: 'active-devices',
      text: ACTIVE_DEVICES,
      values: [[...new Set(accountIds)]],
    });
    const byAccount = new Map<string, Active>();
    for (const r of rows) {
      const list = byAccount.get(r.acc) ?? [];
      list.push({ deviceId: r.dev, registrationId: r.reg });
      byAccount.set(r.acc, list);
    }
    return accountIds.map((id) => byAccount.get(id) ?? []);
  }

  private evict(now: number): void {
    for (const [key, entry] of this.cache) if (now - entry.at >= TTL_MS) this.cache.delete(key);
  }
}
