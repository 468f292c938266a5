/**
 * A device is active once it has uploaded its keys: its registration id (uploaded with its identity key), a signed
 * prekey and a last-resort Kyber key. Nobody can start a session with the others, so a send is never required to
 * include them, and no bundle is handed out for them. Every lookup of active devices asks these columns.
 */
export const ACTIVE_DEVICE_KEYS = ['registrationId', 'signedPreKey', 'lastResortKyberKey'] as const;

type ActiveKey = (typeof ACTIVE_DEVICE_KEYS)[number];

export function isActiveDevice(device: { readonly [k in ActiveKey]: unknown }): boolean {
  return ACTIVE_DEVICE_KEYS.every((k) => device[k] !== null);
}

/** The rule as a Prisma filter on Device. */
export const ACTIVE_DEVICE_WHERE = Object.fromEntries(ACTIVE_DEVICE_KEYS.map((k) => [k, { not: null }])) as {
  readonly [k in ActiveKey]: { not: null };
};

/** The rule as an SQL condition on "Device" (unqualified columns). */
export const ACTIVE_DEVICE_SQL = ACTIVE_DEVICE_KEYS.map((k) => `"${k}" IS NOT NULL`).join(' AND ');
