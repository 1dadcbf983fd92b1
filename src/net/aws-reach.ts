/**
 * Whether AWS can ever reach an issuer's host. STS fetches the issuer's discovery document and
 * JWKS itself, from the internet, when a token is presented: a host that is loopback, private,
 * link-local (the instance metadata address among them), carrier-grade NAT, unspecified, multicast,
 * documentation, discard-only or otherwise not globally reachable (IANA's special-purpose
 * registries), or an IPv6 address that embeds such an IPv4 address, never answers it, however well
 * the runner reaches it. The callers apply this only when the AWS endpoint in use is AWS's own: the
 * local stack's issuer and STS live on 127.0.0.1.
 */
import type { BlockList } from 'node:net';
import { endpointFor, type AwsService } from '../aws/clients.js';
import { partitionOfRegion } from '../aws/partitions.js';

/**
 * Whether the calls to `service` go to AWS's own endpoint on the internet, where an issuer must be
 * public: not to an endpoint the environment names (an emulator, the local stack), and not in an
 * air-gapped ISO partition, whose services reach nothing outside it and whose issuers live inside.
 */
export function awsOnInternet(service: AwsService, region: string, env: NodeJS.ProcessEnv): boolean {
  return endpointFor(service, env) === undefined && !partitionOfRegion(region).startsWith('aws-iso');
}

type Family = 'ipv4' | 'ipv6';

// [network, prefix length, family, what such an address is]: the ranges of IANA's special-purpose
// registries that are not globally reachable, and multicast. An IPv4-mapped IPv6 address
// (::ffff:10.0.0.1) is matched against the IPv4 rows by BlockList itself; the other forms that embed
// an IPv4 address are judged by it (EMBEDDING). The first row that matches names the address.
const RANGES: ReadonlyArray<readonly [string, number, Family, string]> = [
  ['0.0.0.0', 8, 'ipv4', 'an unspecified address (0.0.0.0/8)'],
  ['127.0.0.0', 8, 'ipv4', 'a loopback address (127.0.0.0/8)'],
  ['10.0.0.0', 8, 'ipv4', 'a private address (RFC 1918, 10.0.0.0/8)'],
  ['172.16.0.0', 12, 'ipv4', 'a private address (RFC 1918, 172.16.0.0/12)'],
  ['192.168.0.0', 16, 'ipv4', 'a private address (RFC 1918, 192.168.0.0/16)'],
  ['100.64.0.0', 10, 'ipv4', 'a carrier-grade NAT address (100.64.0.0/10)'],
  [
    '169.254.0.0',
    16,
    'ipv4',
    'a link-local address (169.254.0.0/16, where the instance metadata service answers)'
  ],
  ['192.0.0.0', 24, 'ipv4', 'an IETF protocol assignment (192.0.0.0/24)'],
  ['198.18.0.0', 15, 'ipv4', 'a benchmarking address (198.18.0.0/15)'],
  ['192.0.2.0', 24, 'ipv4', 'a documentation address (192.0.2.0/24, TEST-NET-1)'],
  ['198.51.100.0', 24, 'ipv4', 'a documentation address (198.51.100.0/24, TEST-NET-2)'],
  ['203.0.113.0', 24, 'ipv4', 'a documentation address (203.0.113.0/24, TEST-NET-3)'],
  ['224.0.0.0', 4, 'ipv4', 'a multicast address (224.0.0.0/4)'],
  ['255.255.255.255', 32, 'ipv4', 'the limited broadcast address (255.255.255.255)'],
  ['240.0.0.0', 4, 'ipv4', 'a reserved address (240.0.0.0/4)'],
  ['::', 128, 'ipv6', 'the unspecified address (::)'],
  ['::1', 128, 'ipv6', 'the loopback address (::1)'],
  ['fc00::', 7, 'ipv6', 'a unique local (private) address (fc00::/7)'],
  ['fe80::', 10, 'ipv6', 'a link-local address (fe80::/10)'],
  ['64:ff9b:1::', 48, 'ipv6', 'a local-use translation (private) address (64:ff9b:1::/48, RFC 8215)'],
  ['100::', 64, 'ipv6', 'a discard-only address (100::/64, RFC 6666)'],
  ['2001:db8::', 32, 'ipv6', 'a documentation address (2001:db8::/32, RFC 3849)'],
  ['3fff::', 20, 'ipv6', 'a documentation address (3fff::/20, RFC 9637)'],
  ['ff00::', 8, 'ipv6', 'a multicast address (ff00::/8)']
];

// Globally reachable in IANA's registry though inside 192.0.0.0/24: the PCP and TURN anycast addresses.
const REACHABLE_EXCEPTIONS = ['192.0.0.9', '192.0.0.10'];

// [network, prefix length, what such an address is, the index of the 16-bit group where the IPv4
// address it embeds begins]. AWS reaches one of these only as far as it reaches that IPv4 address.
const EMBEDDING: ReadonlyArray<readonly [string, number, string, number]> = [
  ['64:ff9b::', 96, 'a NAT64 address (64:ff9b::/96, RFC 6052)', 6],
  ['2002::', 16, 'a 6to4 address (2002::/16, RFC 3056)', 1],
  // After :: and ::1, which RANGES names.
  ['::', 96, 'an IPv4-compatible address (::/96, deprecated)', 6]
];

interface Tables {
  ranges: Array<{ list: BlockList; what: string }>;
  exceptions: BlockList;
  embedding: Array<{ list: BlockList; what: string; group: number }>;
}

let tables: Tables | undefined;

// Fetched when first needed, not imported at the top: the input checks run in every action's main
// chunk, where loading node:net would cost a failing run some 3 ms at start.
function net(): typeof import('node:net') {
  return process.getBuiltinModule('node:net');
}

function subnet(network: string, prefix: number, family: Family): BlockList {
  const list = new (net().BlockList)();
  list.addSubnet(network, prefix, family);
  return list;
}

function rangeTables(): Tables {
  if (tables) return tables;
  const exceptions = new (net().BlockList)();
  for (const address of REACHABLE_EXCEPTIONS) exceptions.addAddress(address, 'ipv4');
  tables = {
    ranges: RANGES.map(([network, prefix, family, what]) => ({
      list: subnet(network, prefix, family),
      what
    })),
    exceptions,
    embedding: EMBEDDING.map(([network, prefix, what, group]) => ({
      list: subnet(network, prefix, 'ipv6'),
      what,
      group
    }))
  };
  return tables;
}

/** The eight 16-bit groups of a valid IPv6 address, a trailing dotted quad included. */
function ipv6Groups(address: string): number[] {
  const groups = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [parseInt(group, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const [head = '', tail] = address.split('::');
  const front = groups(head);
  if (tail === undefined) return front;
  const back = groups(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/**
 * What kind of address AWS cannot reach `address` is ("a loopback address (127.0.0.0/8)"), or
 * undefined for any other address. Takes a bare IP address; a zone (fe80::1%eth0) is ignored.
 */
export function unreachableAddress(address: string): string | undefined {
  const bare = address.replace(/%.*$/, '');
  const version = net().isIP(bare);
  if (version === 0) return undefined;
  const family: Family = version === 4 ? 'ipv4' : 'ipv6';
  const { ranges, exceptions, embedding } = rangeTables();
  if (exceptions.check(bare, family)) return undefined;
  const direct = ranges.find(({ list }) => list.check(bare, family))?.what;
  if (direct !== undefined || family === 'ipv4') return direct;
  const form = embedding.find(({ list }) => list.check(bare, 'ipv6'));
  if (!form) return undefined;
  const groups = ipv6Groups(bare);
  const high = groups[form.group] ?? 0;
  const low = groups[form.group + 1] ?? 0;
  const ipv4 = [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  const what = unreachableAddress(ipv4);
  return what === undefined ? undefined : `${form.what} embedding ${ipv4}, ${what}`;
}

/**
 * The host of a URL as a socket takes it: lower-case, without the brackets of an IPv6 literal or
 * a trailing dot. undefined when `url` is not a URL.
 */
export function urlHost(url: string): string | undefined {
  let hostname: string;
  try {
    // The WHATWG parser already writes 0x7f.1 and 2130706433 as 127.0.0.1, and ::ffff:127.0.0.1 as ::ffff:7f00:1.
    hostname = new URL(url).hostname;
  } catch {
    return undefined;
  }
  return hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
}

/**
 * Why AWS can never reach the host of `url`, when that is plain without DNS: `localhost` (and
 * names under it, which resolvers answer with the loopback address, RFC 6761) or an IP literal
 * AWS cannot reach. undefined for any other host, a DNS name included: only a lookup tells.
 */
export function unreachableHost(url: string): string | undefined {
  const host = urlHost(url);
  if (host === undefined) return undefined;
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} always names the loopback address`;
  const what = unreachableAddress(host);
  return what === undefined ? undefined : `${host} is ${what}`;
}

/** All the addresses of a DNS name, as the runner resolves them. */
export type ResolveHost = (host: string) => Promise<string[]>;

/** node:dns's lookup (the resolver sockets use, /etc/hosts included), every address of both families. */
export async function lookupAll(host: string): Promise<string[]> {
  const { lookup } = await import('node:dns/promises');
  const answers = await lookup(host, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
}

// AWS's own service hosts (S3's, where publish-oidc puts the issuer by default) are public. A runner
// that resolves them to private addresses sits in a VPC whose interface endpoints have private DNS on,
// which answers only inside it: STS, outside, is given the public addresses.
const AWS_SERVICE_HOST = /\.amazonaws\.(?:com|com\.cn|eu)$/;

/**
 * How long a run waits for the lookup behind the warning. A resolver that answers does so well within
 * it; one that does not would otherwise hold the run for its own timeout (10 s with glibc's defaults).
 */
export const LOOKUP_BOUND_MS = 3000;

/** `promise`'s value, or undefined after `ms`; the timer is unref'd, so that it never holds the process. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
    timer.unref();
  });
  try {
    return await Promise.race([promise, bound]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Why AWS may not reach the DNS name of `url`, judged by the addresses the runner resolves it to.
 * undefined when every address is one AWS may reach, for an IP literal (unreachableHost judges
 * those), for AWS's own service hosts, and when the lookup fails or does not answer within
 * `boundMs` (the request that follows names that failure).
 */
export async function unreachableResolution(
  url: string,
  resolve: ResolveHost,
  boundMs = LOOKUP_BOUND_MS
): Promise<string | undefined> {
  const host = urlHost(url);
  if (host === undefined || net().isIP(host) !== 0 || AWS_SERVICE_HOST.test(host)) return undefined;
  let addresses: string[] | undefined;
  try {
    addresses = await within(resolve(host), boundMs);
  } catch {
    return undefined;
  }
  if (addresses === undefined) return undefined;
  const blocked = addresses.flatMap((address) => {
    const what = unreachableAddress(address);
    return what === undefined ? [] : [`${address}, ${what}`];
  });
  if (blocked.length === 0) return undefined;
  const which = blocked.length === addresses.length ? 'only to' : 'besides public addresses, to';
  return `${host} resolves, on this runner, ${which} addresses AWS cannot reach: ${blocked.join('; ')}`;
}
