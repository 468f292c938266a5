import { BlockList, isIPv6 } from 'node:net';

/**
 * Address ranges a URL given by a business must not reach when OUTBOUND_PRIVATE_NETWORKS=deny: everything that is not
 * the public internet from the deployment's point of view. BlockList also matches the IPv4-mapped IPv6 forms
 * (`::ffff:127.0.0.1`, `::ffff:7f00:1`) against the IPv4 ranges.
 */
const RANGES: [name: string, subnets: [network: string, prefix: number][]][] = [
  [
    'an unspecified',
    [
      ['0.0.0.0', 8],
      ['::', 128],
    ],
  ],
  [
    'a loopback',
    [
      ['127.0.0.0', 8],
      ['::1', 128],
    ],
  ],
  [
    'a private',
    [
      ['10.0.0.0', 8],
      ['172.16.0.0', 12],
      ['192.168.0.0', 16],
      ['fc00::', 7],
      ['fec0::', 10],
    ],
  ],
  ['a carrier-grade NAT (100.64.0.0/10)', [['100.64.0.0', 10]]],
  // 169.254.169.254 is the cloud metadata service.
  [
    'a link-local',
    [
      ['169.254.0.0', 16],
      ['fe80::', 10],
    ],
  ],
  [
    'a multicast',
    [
      ['224.0.0.0', 4],
      ['ff00::', 8],
    ],
  ],
  ['a reserved', [['240.0.0.0', 4]]],
];

const LISTS = RANGES.map(([name, subnets]) => {
  const list = new BlockList();
  for (const [network, prefix] of subnets) list.addSubnet(network, prefix, isIPv6(network) ? 'ipv6' : 'ipv4');
  return { name, list };
});

/** `'a loopback'`, `'a private'`, … for an address that is not public; undefined for a public one. */
export function forbiddenRange(address: string): string | undefined {
  const type = isIPv6(address) ? 'ipv6' : 'ipv4';
  return LISTS.find(({ list }) => list.check(address, type))?.name;
}
