import type { CoreConfig } from '@switchboard/config';

/**
 * How long a wrong PIN locks the account, given the consecutive wrong attempts so far (this one included). The first
 * PIN_FREE_ATTEMPTS cost nothing (people mistype); each one after doubles the wait from PIN_LOCKOUT_BASE_SECONDS up to
 * PIN_LOCKOUT_MAX_SECONDS, so a million-value PIN cannot be searched in any useful time.
 */
export function lockoutSeconds(failures: number, pin: CoreConfig['pin']): number {
  const over = failures - pin.freeAttempts;
  if (over <= 0) return 0;
  return Math.min(pin.lockoutMaxSeconds, pin.lockoutBaseSeconds * 2 ** Math.min(over - 1, 40));
}
