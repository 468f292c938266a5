import type { Config } from '@switchboard/config';

const LOOPBACK_TWINS: Record<string, string> = { '127.0.0.1': 'localhost', localhost: '127.0.0.1' };

/**
 * The origins the console's writes may come from: PUBLIC_DASHBOARD_URL's, and on a development machine its loopback
 * twin too (http://localhost:3001 and http://127.0.0.1:3001 are the same dashboard to the person typing either).
 */
export function consoleOrigins(config: Config): string[] {
  const url = new URL(config.dashboard.publicUrl);
  const twin = LOOPBACK_TWINS[url.hostname];
  if (!twin) return [url.origin];
  const other = new URL(url.origin);
  other.hostname = twin;
  return [url.origin, other.origin];
}
