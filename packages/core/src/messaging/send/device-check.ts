import type { DeviceMismatch, SendGroup } from '@switchboard/protocol';
import type { DeviceRef } from '../mailbox/mailbox.types';

export type ActiveDevices = { deviceId: number; registrationId: number }[];

export type DeviceCheck =
  | { ok: true }
  | { ok: false; code: 404; accountId: string }
  | { ok: false; code: 409 | 410; mismatches: DeviceMismatch[] };

/**
 * Signal's rule for a send: it must name exactly the active devices of every account it goes to, and of the sender's
 * own account minus the sending device (its other devices get a copy, even when the sender left them out). Wrong
 * sets are 409 with the missing and extra devices; a right set with an out-of-date registration id is 410 with the
 * stale ones, so the client knows which sessions to rebuild.
 */
export function checkDevices(from: DeviceRef, groups: SendGroup[], active: Map<string, ActiveDevices>): DeviceCheck {
  const accounts = new Set([from.accountId, ...groups.map((g) => g.accountId)]);
  for (const g of groups) {
    if (g.accountId !== from.accountId && !active.get(g.accountId)?.length) {
      return { ok: false, code: 404, accountId: g.accountId };
    }
  }
  const mismatched: DeviceMismatch[] = [];
  const staled: DeviceMismatch[] = [];
  for (const accountId of accounts) {
    const expected = new Map(
      (active.get(accountId) ?? [])
        .filter((d) => !(accountId === from.accountId && d.deviceId === from.deviceId))
        .map((d) => [d.deviceId, d.registrationId]),
    );
    const given = groups.find((g) => g.accountId === accountId)?.envelopes ?? [];
    const givenIds = new Set(given.map((e) => e.deviceId));
    const missing = [...expected.keys()].filter((id) => !givenIds.has(id));
    const extra = given.filter((e) => !expected.has(e.deviceId)).map((e) => e.deviceId);
    const stale = given.filter((e) => expected.has(e.deviceId) && expected.get(e.deviceId) !== e.registrationId);
    if (missing.length || extra.length) mismatched.push({ accountId, missing, extra, stale: [] });
    else if (stale.length) staled.push({ accountId, missing: [], extra: [], stale: stale.map((e) => e.deviceId) });
  }
  if (mismatched.length) return { ok: false, code: 409, mismatches: mismatched };
  if (staled.length) return { ok: false, code: 410, mismatches: staled };
  return { ok: true };
}
