import { BlockList, isIPv6 } from 'node:net';

/**
 * Address ranges a URL given by a business must not reach when OUTBOUND_PRIVATE_NETWORKS=deny: everything that is not
 * the public internet from the deployment's point of view. BlockList also matches the IPv4-mapped IPv6 forms
 * (`::ffff:127.0.0.1`, `::ffff:7f00:1`) against the IPv4 ranges; the other IPv6 forms that carry an IPv4 address
 * are unwrapped by `embeddedIpv4` below.
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
  // Metadata and platform services reached at public-looking or shared addresses: Alibaba Cloud's (inside the CGNAT
  // range below, named for what it is) and Azure's wireserver.
  [
    'a cloud metadata',
    [
      ['100.100.100.200', 32],
      ['168.63.129.16', 32],
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
  [
    'a reserved',
    [
      ['240.0.0.0', 4],
      ['192.0.0.0', 24], // IETF protocol assignments
      ['198.18.0.0', 15], // network benchmarking, often routed inside data centres
    ],
  ],
  // Teredo carries the client's IPv4 address (obfuscated) in its last 32 bits and a relay on the deployment's side
  // would deliver to it: unwrapping it like 6to4 is possible, but Teredo is deprecated and no webhook receiver
  // legitimately lives behind it, so the whole prefix is refused.
  ['a Teredo tunnel (2001::/32)', [['2001::', 32]]],
];

const LISTS = RANGES.map(([name, subnets]) => {
  const list = new BlockList();
  for (const [network, prefix] of subnets) list.addSubnet(network, prefix, isIPv6(network) ? 'ipv6' : 'ipv4');
  return { name, list };
});

/** `'a loopback'`, `'a private'`, … for an address that is not public; undefined for a public one. */
export function forbiddenRange(address: string): string | undefined {
  const type = isIPv6(address) ? 'ipv6' : 'ipv4';
  const range = LISTS.find(({ list }) => list.check(address, type))?.name;
  if (range || type === 'ipv4') return range;
  const inner = embeddedIpv4(address);
  const innerRange = inner && forbiddenRange(inner);
  return innerRange && `${innerRange} (IPv4 inside IPv6)`;
}

/**
 * The IPv4 address an IPv6 address carries, where the network may deliver to it: IPv4-compatible `::a.b.c.d` (::/96),
 * IPv4-mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::a.b.c.d` (64:ff9b::/96) and 6to4 `2002:AABB:CCDD::…` (2002::/16).
 * A NAT64 gateway or 6to4 relay would connect to that IPv4 address on the deployment's side.
 */
export function embeddedIpv4(address: string): string | undefined {
  const words = ipv6Words(address);
  if (!words) return undefined;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  const zero = (from: number, to: number) => words.slice(from, to).every((w) => w === 0);
  if (zero(0, 5) && (words[5] === 0 || words[5] === 0xffff)) return v4(words[6]!, words[7]!);
  if (words[0] === 0x64 && words[1] === 0xff9b && zero(2, 6)) return v4(words[6]!, words[7]!);
  if (words[0] === 0x2002) return v4(words[1]!, words[2]!);
  return undefined;
}

/** The eight 16-bit words of an IPv6 address (`::` expanded, a dotted-quad tail read as two words). */
function ipv6Words(address: string): number[] | undefined {
  if (!isIPv6(address)) return undefined;
  const text = address
    .replace(/%.*$/, '')
    .replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) =>
      [(+a << 8) | +b, (+c << 8) | +d].map((w) => w.toString(16)).join(':'),
    );
  const parse = (part: string) => (part ? part.split(':').map((w) => Number.parseInt(w, 16)) : []);
  const [head, tail] = text.split('::') as [string, string | undefined];
  if (tail === undefined) return parse(head);
  const left = parse(head);
  const right = parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}
