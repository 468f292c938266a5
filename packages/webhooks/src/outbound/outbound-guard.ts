import { type LookupAddress, type LookupOptions, lookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { forbiddenRange } from './address-ranges';

/** OUTBOUND_PRIVATE_NETWORKS: whether URLs given by businesses may reach the deployment's own networks. */
export type PrivateNetworks = 'allow' | 'deny';

/** A URL given by a business resolves to an address it must not reach; the message says which and why. */
export class OutboundRefused extends Error {
  override readonly name = 'OutboundRefused';
}

const refusal = (host: string, address: string, range: string) =>
  new OutboundRefused(
    `${host === address ? address : `${host} resolves to ${address}, which`} is ${range} address; ` +
      'Switchboard does not connect to private networks (OUTBOUND_PRIVATE_NETWORKS=deny)',
  );

/** The URL's host when it is an IP address ("[::1]" → "::1"), else undefined. */
function literalAddress(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) ? host : undefined;
}

/**
 * `dns.lookup` that fails with OutboundRefused when any address of the host is not public. Given to the HTTP client
 * as its `lookup`, the connection goes to exactly the addresses checked here: nothing can re-resolve the name to
 * another address between the check and the connect (DNS rebinding).
 */
export const vettedLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...(options as LookupOptions), all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, '', 0);
    for (const { address } of addresses) {
      const range = forbiddenRange(address);
      if (range) return callback(refusal(hostname, address, range), '', 0);
    }
    if ((options as LookupOptions).all) return callback(null, addresses);
    const [first] = addresses;
    callback(null, first!.address, first!.family);
  });
};

/**
 * What to add to an `http(s).request` for `url` under `policy`: nothing when private networks are allowed; else the
 * vetted lookup — after refusing an IP-address host outright, since Node connects to those without any lookup.
 * Throws OutboundRefused.
 */
export function guardRequest(url: URL, policy: PrivateNetworks): { lookup?: LookupFunction } {
  if (policy === 'allow') return {};
  const address = literalAddress(url);
  const range = address && forbiddenRange(address);
  if (address && range) throw refusal(address, address, range);
  return { lookup: vettedLookup };
}

/**
 * Resolves `url`'s host now and throws OutboundRefused when it is not public: a check before saving a URL. A host
 * that does not resolve passes (the request that follows reports that).
 */
export async function assertPublicUrl(url: URL, policy: PrivateNetworks): Promise<void> {
  const guard = guardRequest(url, policy);
  if (!guard.lookup || literalAddress(url)) return;
  await new Promise<void>((resolve, reject) =>
    vettedLookup(url.hostname, { all: true }, (err) => (err instanceof OutboundRefused ? reject(err) : resolve())),
  );
}
