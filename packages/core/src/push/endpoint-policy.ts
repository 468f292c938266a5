import type { Config } from '@switchboard/config';
import type { PrivateNetworks } from '@switchboard/webhooks';

/**
 * The one rule for where a Web Push endpoint may point, used when it is registered and again for every request: an
 * allow-listed host (PUSH_ALLOWED_PRIVATE_HOSTS, a local receiver in tests and benchmarks) may be private and plain
 * http; any other must be https and, under OUTBOUND_PRIVATE_NETWORKS=deny, public — a device must not make the
 * server knock on the deployment's own network.
 */
export function endpointPolicy(url: URL, config: Config): { policy: PrivateNetworks; httpAllowed: boolean } {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (config.core.push.allowedPrivateHosts.includes(host)) return { policy: 'allow', httpAllowed: true };
  return { policy: config.outbound.privateNetworks, httpAllowed: false };
}
