// Which issuer hosts AWS can never reach: the address ranges, the host forms a URL can carry them in
// (bracketed IPv6, IPv4-mapped IPv6, numeric IPv4 spellings, a trailing dot), localhost, and what
// a DNS name's addresses say, within the bound the docs give; and when the check applies at all.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  awsOnInternet,
  LOOKUP_BOUND_MS,
  lookupAll,
  unreachableAddress,
  unreachableHost,
  unreachableResolution,
  urlHost
} from '../src/net/aws-reach.js';

describe('unreachableAddress', () => {
  it.each([
    ['127.0.0.1', 'a loopback address (127.0.0.0/8)'],
    ['127.255.255.254', 'a loopback address (127.0.0.0/8)'],
    ['10.1.2.3', 'a private address (RFC 1918, 10.0.0.0/8)'],
    ['172.16.0.1', 'a private address (RFC 1918, 172.16.0.0/12)'],
    ['172.31.255.255', 'a private address (RFC 1918, 172.16.0.0/12)'],
    ['192.168.1.1', 'a private address (RFC 1918, 192.168.0.0/16)'],
    ['100.64.0.1', 'a carrier-grade NAT address (100.64.0.0/10)'],
    ['100.127.255.255', 'a carrier-grade NAT address (100.64.0.0/10)'],
    ['169.254.169.254', 'a link-local address (169.254.0.0/16, where the instance metadata service answers)'],
    ['0.0.0.0', 'an unspecified address (0.0.0.0/8)'],
    ['::', 'the unspecified address (::)'],
    ['::1', 'the loopback address (::1)'],
    ['fd00:ec2::254', 'a unique local (private) address (fc00::/7)'],
    ['fc00::1', 'a unique local (private) address (fc00::/7)'],
    ['fe80::1', 'a link-local address (fe80::/10)'],
    ['fe80::1%eth0', 'a link-local address (fe80::/10)'],
    ['::ffff:127.0.0.1', 'a loopback address (127.0.0.0/8)'],
    ['::ffff:a00:1', 'a private address (RFC 1918, 10.0.0.0/8)'],
    [
      '::ffff:169.254.169.254',
      'a link-local address (169.254.0.0/16, where the instance metadata service answers)'
    ],
    ['0.255.255.255', 'an unspecified address (0.0.0.0/8)'],
    ['192.0.0.1', 'an IETF protocol assignment (192.0.0.0/24)'],
    ['192.0.0.255', 'an IETF protocol assignment (192.0.0.0/24)'],
    ['198.18.0.1', 'a benchmarking address (198.18.0.0/15)'],
    ['198.19.255.255', 'a benchmarking address (198.18.0.0/15)'],
    ['192.0.2.1', 'a documentation address (192.0.2.0/24, TEST-NET-1)'],
    ['192.0.2.255', 'a documentation address (192.0.2.0/24, TEST-NET-1)'],
    ['198.51.100.0', 'a documentation address (198.51.100.0/24, TEST-NET-2)'],
    ['198.51.100.255', 'a documentation address (198.51.100.0/24, TEST-NET-2)'],
    ['203.0.113.7', 'a documentation address (203.0.113.0/24, TEST-NET-3)'],
    ['203.0.113.255', 'a documentation address (203.0.113.0/24, TEST-NET-3)'],
    ['::ffff:203.0.113.7', 'a documentation address (203.0.113.0/24, TEST-NET-3)'],
    ['2001:db8::1', 'a documentation address (2001:db8::/32, RFC 3849)'],
    ['2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', 'a documentation address (2001:db8::/32, RFC 3849)'],
    ['3fff::1', 'a documentation address (3fff::/20, RFC 9637)'],
    ['3fff:fff::1', 'a documentation address (3fff::/20, RFC 9637)'],
    ['100::', 'a discard-only address (100::/64, RFC 6666)'],
    ['100::ffff:ffff:ffff:ffff', 'a discard-only address (100::/64, RFC 6666)'],
    ['224.0.0.1', 'a multicast address (224.0.0.0/4)'],
    ['239.255.255.250', 'a multicast address (224.0.0.0/4)'],
    ['240.0.0.1', 'a reserved address (240.0.0.0/4)'],
    ['255.255.255.254', 'a reserved address (240.0.0.0/4)'],
    ['255.255.255.255', 'the limited broadcast address (255.255.255.255)'],
    ['::ffff:224.0.0.1', 'a multicast address (224.0.0.0/4)'],
    ['ff02::1', 'a multicast address (ff00::/8)'],
    ['ff0e::1', 'a multicast address (ff00::/8)'],
    ['64:ff9b:1::808:808', 'a local-use translation (private) address (64:ff9b:1::/48, RFC 8215)'],
    ['64:ff9b:1:ffff::1', 'a local-use translation (private) address (64:ff9b:1::/48, RFC 8215)'],
    [
      '64:ff9b::a00:1',
      'a NAT64 address (64:ff9b::/96, RFC 6052) embedding 10.0.0.1, a private address (RFC 1918, 10.0.0.0/8)'
    ],
    [
      '64:ff9b::127.0.0.1',
      'a NAT64 address (64:ff9b::/96, RFC 6052) embedding 127.0.0.1, a loopback address (127.0.0.0/8)'
    ],
    [
      '64:ff9b::a9fe:a9fe',
      'a NAT64 address (64:ff9b::/96, RFC 6052) embedding 169.254.169.254, a link-local address ' +
        '(169.254.0.0/16, where the instance metadata service answers)'
    ],
    [
      '::a00:1',
      'an IPv4-compatible address (::/96, deprecated) embedding 10.0.0.1, a private address (RFC 1918, 10.0.0.0/8)'
    ],
    [
      '::100.64.0.1',
      'an IPv4-compatible address (::/96, deprecated) embedding 100.64.0.1, a carrier-grade NAT address (100.64.0.0/10)'
    ],
    [
      '::2',
      'an IPv4-compatible address (::/96, deprecated) embedding 0.0.0.2, an unspecified address (0.0.0.0/8)'
    ],
    [
      '2002:c0a8:101::1',
      'a 6to4 address (2002::/16, RFC 3056) embedding 192.168.1.1, a private address (RFC 1918, 192.168.0.0/16)'
    ],
    [
      '2002:7f00:1:1::5',
      'a 6to4 address (2002::/16, RFC 3056) embedding 127.0.0.1, a loopback address (127.0.0.0/8)'
    ],
    [
      '64:ff9b::198.51.100.7',
      'a NAT64 address (64:ff9b::/96, RFC 6052) embedding 198.51.100.7, a documentation address (198.51.100.0/24, TEST-NET-2)'
    ],
    [
      '2002:e000:1::',
      'a 6to4 address (2002::/16, RFC 3056) embedding 224.0.0.1, a multicast address (224.0.0.0/4)'
    ]
  ])('%s is %s', (address, what) => {
    expect(unreachableAddress(address)).toBe(what);
  });

  it.each([
    '52.216.0.1',
    '8.8.8.8',
    '172.15.255.255',
    '172.32.0.0',
    '100.63.255.255',
    '100.128.0.0',
    '169.253.255.255',
    '2600:1f18::1',
    '::ffff:52.216.0.1',
    'fec0::1',
    '1.0.0.0',
    '191.255.255.255',
    '192.0.1.0',
    '192.0.0.9',
    '192.0.0.10',
    '198.17.255.255',
    '198.20.0.0',
    // Either side of the documentation and discard-only ranges.
    '192.0.1.255',
    '192.0.3.0',
    '198.51.99.255',
    '198.51.101.0',
    '203.0.112.255',
    '203.0.114.0',
    '2001:db7:ffff::1',
    '2001:db9::1',
    '3ffe:ffff::1',
    '3fff:1000::1',
    '223.255.255.255',
    // Public IPv4 addresses in the IPv6 forms that embed one: a DNS64 resolver answers the first.
    '64:ff9b::808:808',
    '64:ff9b::8.8.8.8',
    '64:ff9b::34d8:1',
    '::8.8.8.8',
    '2002:808:808::1',
    '2002:34d8:1:0:1::1',
    // Just past 2002::/16, in global unicast.
    '2003:a00:1::',
    'not-an-address',
    ''
  ])('%s is not one AWS cannot reach', (address) => {
    expect(unreachableAddress(address)).toBeUndefined();
  });
});

describe('urlHost', () => {
  it.each([
    ['https://Issuer.Example.COM/cluster', 'issuer.example.com'],
    ['https://issuer.example.com./cluster', 'issuer.example.com'],
    ['https://[::1]:8443/x', '::1'],
    ['https://[0:0:0:0:0:0:0:1]/x', '::1'],
    ['https://[::ffff:127.0.0.1]/x', '::ffff:7f00:1'],
    ['https://127.0.0.1./x', '127.0.0.1'],
    ['https://0x7f.1/x', '127.0.0.1'],
    ['https://2130706433/x', '127.0.0.1']
  ])('%s has the host %s', (url, host) => {
    expect(urlHost(url)).toBe(host);
  });

  it('is undefined for what is no URL', () => {
    expect(urlHost('not a url')).toBeUndefined();
  });
});

describe('unreachableHost', () => {
  it.each([
    ['https://127.0.0.1:8443/bucket', '127.0.0.1 is a loopback address (127.0.0.0/8)'],
    ['https://127.0.0.1./bucket', '127.0.0.1 is a loopback address (127.0.0.0/8)'],
    ['https://2130706433/bucket', '127.0.0.1 is a loopback address (127.0.0.0/8)'],
    ['https://[::1]/bucket', '::1 is the loopback address (::1)'],
    ['https://[::ffff:10.0.0.5]/bucket', '::ffff:a00:5 is a private address (RFC 1918, 10.0.0.0/8)'],
    ['https://[fd12:3456::1]:6443', 'fd12:3456::1 is a unique local (private) address (fc00::/7)'],
    [
      'https://169.254.169.254/latest',
      '169.254.169.254 is a link-local address (169.254.0.0/16, where the instance metadata service answers)'
    ],
    ['https://100.64.1.1', '100.64.1.1 is a carrier-grade NAT address (100.64.0.0/10)'],
    ['https://0.0.0.0/x', '0.0.0.0 is an unspecified address (0.0.0.0/8)'],
    ['https://localhost:8443/x', 'localhost always names the loopback address'],
    ['https://LOCALHOST./x', 'localhost always names the loopback address'],
    ['https://oidc.localhost/x', 'oidc.localhost always names the loopback address'],
    [
      'https://[64:ff9b::10.0.0.5]/bucket',
      '64:ff9b::a00:5 is a NAT64 address (64:ff9b::/96, RFC 6052) embedding 10.0.0.5, a private address (RFC 1918, 10.0.0.0/8)'
    ],
    ['https://[ff02::1]/x', 'ff02::1 is a multicast address (ff00::/8)'],
    ['https://4026531841/x', '240.0.0.1 is a reserved address (240.0.0.0/4)']
  ])('refuses %s: %s', (url, problem) => {
    expect(unreachableHost(url)).toBe(problem);
  });

  it.each([
    'https://my-bucket.s3.eu-west-1.amazonaws.com',
    'https://oidc.example.com/cluster',
    'https://oidc.example.com./cluster',
    'https://52.216.0.1/bucket',
    'https://[2600:1f18::1]/bucket',
    'https://[64:ff9b::8.8.8.8]/bucket',
    // A DNS name is judged by its addresses (unreachableResolution), never by its look.
    'https://internal.example.com',
    'https://localhost.example.com',
    'not a url'
  ])('leaves %s to DNS or to other checks', (url) => {
    expect(unreachableHost(url)).toBeUndefined();
  });
});

describe('unreachableResolution', () => {
  const answering =
    (addresses: string[], asked: string[] = []) =>
    async (host: string): Promise<string[]> => {
      asked.push(host);
      return addresses;
    };

  it('names a name that resolves only to addresses AWS cannot reach', async () => {
    const asked: string[] = [];
    expect(
      await unreachableResolution(
        'https://OIDC.corp.example./cluster',
        answering(['10.0.0.5', 'fd00::5'], asked)
      )
    ).toBe(
      'oidc.corp.example resolves, on this runner, only to addresses AWS cannot reach: 10.0.0.5, a private address (RFC 1918, 10.0.0.0/8); fd00::5, a unique local (private) address (fc00::/7)'
    );
    // Asked without the trailing dot and in lower case, as a socket would ask.
    expect(asked).toEqual(['oidc.corp.example']);
  });

  it('names the unreachable ones among public addresses', async () => {
    expect(
      await unreachableResolution('https://oidc.example.com', answering(['52.216.0.1', '::ffff:127.0.0.1']))
    ).toBe(
      'oidc.example.com resolves, on this runner, besides public addresses, to addresses AWS cannot reach: ::ffff:127.0.0.1, a loopback address (127.0.0.0/8)'
    );
  });

  it("judges a DNS64 resolver's synthesized addresses by the IPv4 address they embed", async () => {
    expect(
      await unreachableResolution('https://oidc.example.com', answering(['64:ff9b::808:808']))
    ).toBeUndefined();
    expect(await unreachableResolution('https://oidc.example.com', answering(['64:ff9b::a00:5']))).toBe(
      'oidc.example.com resolves, on this runner, only to addresses AWS cannot reach: 64:ff9b::a00:5, a NAT64 ' +
        'address (64:ff9b::/96, RFC 6052) embedding 10.0.0.5, a private address (RFC 1918, 10.0.0.0/8)'
    );
  });

  it('says nothing of a name with public addresses only', async () => {
    expect(
      await unreachableResolution('https://oidc.example.com', answering(['52.216.0.1', '2600:1f18::1']))
    ).toBeUndefined();
  });

  it("does not look up AWS's own service hosts, public whatever a VPC's private DNS answers", async () => {
    const asked: string[] = [];
    for (const url of [
      'https://my-bucket.s3.eu-west-1.amazonaws.com',
      'https://my-bucket.s3.cn-north-1.amazonaws.com.cn',
      'https://my-bucket.s3.eusc-de-east-1.amazonaws.eu/cluster'
    ])
      expect(await unreachableResolution(url, answering(['10.0.0.5'], asked))).toBeUndefined();
    expect(asked).toEqual([]);
    expect(await unreachableResolution('https://amazonaws.com.example.org', answering(['10.0.0.5']))).toMatch(
      /^amazonaws\.com\.example\.org resolves/
    );
  });

  it('looks names up through node:dns, every address of both families', async () => {
    // localhost is answered by the hosts file, with no network.
    const addresses = await lookupAll('localhost');
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(unreachableAddress(address)).toMatch(/loopback/);
    expect(await unreachableResolution('https://localhost:8443/x', lookupAll)).toMatch(
      /^localhost resolves, on this runner, only to addresses AWS cannot reach: /
    );
  });

  it('does not wait past its bound for a lookup that never answers, and says nothing then', async () => {
    const asked: string[] = [];
    const never = (host: string): Promise<string[]> => {
      asked.push(host);
      return new Promise<string[]>(() => undefined);
    };
    expect(await unreachableResolution('https://oidc.example.com', never, 1)).toBeUndefined();
    expect(asked).toEqual(['oidc.example.com']);
    // An answer in time is still judged, whatever the bound.
    expect(await unreachableResolution('https://oidc.example.com', answering(['10.0.0.5']), 60_000)).toMatch(
      /^oidc\.example\.com resolves, on this runner, only to addresses AWS cannot reach: 10\.0\.0\.5/
    );
  });

  it('does not look up an IP literal, nor speak for a failed lookup', async () => {
    const asked: string[] = [];
    expect(await unreachableResolution('https://10.0.0.5/x', answering(['10.0.0.5'], asked))).toBeUndefined();
    expect(await unreachableResolution('https://[fd00::1]/x', answering(['fd00::1'], asked))).toBeUndefined();
    expect(asked).toEqual([]);
    const failing = async (): Promise<string[]> => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.example'), { code: 'ENOTFOUND' });
    };
    expect(await unreachableResolution('https://nowhere.example', failing)).toBeUndefined();
  });
});

describe('LOOKUP_BOUND_MS', () => {
  const root = resolve(import.meta.dirname, '..');
  // The docs' two wordings of the bound; a third, or a reworded one, changes a count below.
  const documented =
    /lookup\s+not\s+answered\s+within\s+(\d+(?:\.\d+)?)\s+s\b|waits\s+more\s+than\s+(\d+(?:\.\d+)?)\s+s\s+for\s+it\b/g;

  it.each([
    // The inputs tables generated from the two action.yml files, and the design notes.
    ['README.md', 3],
    ['actions/publish-oidc/action.yml', 1],
    ['actions/verify-irsa/action.yml', 1]
  ])('is the bound %s gives, at each of its %d mention(s)', (file, times) => {
    const figures = [...readFileSync(join(root, file), 'utf8').matchAll(documented)].map(
      (match) => Number(match[1] ?? match[2]) * 1000
    );
    expect(figures).toEqual(new Array<number>(times).fill(LOOKUP_BOUND_MS));
  });
});

describe('awsOnInternet', () => {
  it('holds only with no endpoint override, outside the air-gapped ISO partitions', () => {
    expect(awsOnInternet('STS', 'eu-west-1', {})).toBe(true);
    expect(awsOnInternet('IAM', 'cn-north-1', { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1' })).toBe(true);
    expect(awsOnInternet('STS', 'us-gov-west-1', {})).toBe(true);
    expect(awsOnInternet('STS', 'eu-west-1', { AWS_ENDPOINT_URL_STS: 'https://127.0.0.1:4443' })).toBe(false);
    expect(awsOnInternet('IAM', 'eu-west-1', { AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:5000' })).toBe(false);
    expect(awsOnInternet('IAM', 'eu-west-1', { AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' })).toBe(false);
    expect(awsOnInternet('STS', 'us-iso-east-1', {})).toBe(false);
    expect(awsOnInternet('STS', 'us-isob-east-1', {})).toBe(false);
  });
});
