// Checks 1-3 without a network: the token's claims, and the issuer documents as served by a
// scripted anonymous GET, with real RS256 keys from jose.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { AnonymousGet, FetchedDocument } from '../src/verify-irsa/issuer-documents.js';
import { checkExpiry, checkIssuerDocuments } from '../src/verify-irsa/issuer-documents.js';
import { issuerHostPath, issuerProblem, readToken, type TokenView } from '../src/verify-irsa/token-claims.js';
import { unreachableHost } from '../src/net/aws-reach.js';

const ISSUER = 'https://bucket.s3.eu-west-1.amazonaws.com/cluster';
const JWKS_URI = `${ISSUER}/keys.json`;
const DISCOVERY_URI = `${ISSUER}/.well-known/openid-configuration`;

let privateKey: CryptoKey;
let publicJwk: JWK;
let token: string;
let view: TokenView;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'current', alg: 'RS256', use: 'sig' };
  token = await new SignJWT({ sub: 'system:serviceaccount:apps:reader', aud: ['sts.amazonaws.com'] })
    .setProtectedHeader({ alg: 'RS256', kid: 'current' })
    .setIssuer(ISSUER)
    .setExpirationTime('10m')
    .sign(privateKey);
  const decoded = readToken(token);
  if (!decoded) throw new Error('fixture token does not decode');
  view = decoded;
});

function served(documents: Record<string, FetchedDocument>): AnonymousGet {
  return async (url) => documents[url] ?? { status: 404, body: '<Error><Code>NoSuchKey</Code></Error>' };
}

function json(value: unknown): FetchedDocument {
  return { status: 200, body: JSON.stringify(value) };
}

const discovery = { issuer: ISSUER, jwks_uri: JWKS_URI };

describe('readToken', () => {
  it('reads kid, alg and the claims without verifying', () => {
    expect(view).toMatchObject({
      kid: 'current',
      alg: 'RS256',
      iss: ISSUER,
      sub: 'system:serviceaccount:apps:reader',
      aud: ['sts.amazonaws.com']
    });
    expect(typeof view.exp).toBe('number');
  });

  it('refuses what is no compact JWS', () => {
    expect(readToken('not-a-token')).toBeUndefined();
    expect(readToken('a.b.')).toBeUndefined();
    expect(readToken(`${Buffer.from('[1]').toString('base64url')}.e30.c2ln`)).toBeUndefined();
  });
});

describe('issuerProblem', () => {
  it('accepts a public https issuer and names what STS cannot use', () => {
    expect(issuerProblem(ISSUER)).toBeUndefined();
    expect(issuerProblem('https://kubernetes.default.svc')).toBe(
      "'https://kubernetes.default.svc' names a host only the cluster can resolve"
    );
    expect(issuerProblem('http://issuer.example.com')).toMatch(/does not use https/);
    expect(issuerProblem('https://kubernetes')).toMatch(/only the cluster can resolve/);
    expect(issuerHostPath(`${ISSUER}/`)).toBe('bucket.s3.eu-west-1.amazonaws.com/cluster');
  });

  it('takes an IPv6 literal for an address, as a dotted IPv4 one, not for a name only the cluster resolves', () => {
    // Whether AWS reaches an address is unreachableHost's to say (with AWS's own STS).
    expect(issuerProblem('https://[2001:db8::1]/cluster')).toBeUndefined();
    expect(issuerProblem('https://[2600:1f18::1]:8443/cluster')).toBeUndefined();
    expect(issuerProblem('https://203.0.113.9/cluster')).toBeUndefined();
    expect(unreachableHost('https://[2001:db8::1]/cluster')).toBe(
      '2001:db8::1 is a documentation address (2001:db8::/32, RFC 3849)'
    );
    expect(unreachableHost('https://[::ffff:169.254.169.254]/cluster')).toMatch(
      /^::ffff:a9fe:a9fe is a link-local address/
    );
    expect(unreachableHost('https://[2600:1f18::1]/cluster')).toBeUndefined();
  });
});

describe('checkIssuerDocuments', () => {
  it('passes discovery, JWKS and signature when the documents are published', async () => {
    const result = await checkIssuerDocuments(
      token,
      view,
      ISSUER,
      served({ [DISCOVERY_URI]: json(discovery), [JWKS_URI]: json({ keys: [publicJwk] }) })
    );
    expect(result.checks.map((c) => [c.check, c.ok])).toEqual([
      ['discovery', true],
      ['jwks', true],
      ['signature', true]
    ]);
    expect(result.key?.kid).toBe('current');
  });

  it('passes documents of any Content-Type, as STS does, and warns of one stricter OIDC clients refuse', async () => {
    const typed = (value: unknown, contentType?: string): FetchedDocument => ({
      ...json(value),
      ...(contentType ? { contentType } : {})
    });
    const right = await checkIssuerDocuments(
      token,
      view,
      ISSUER,
      served({
        [DISCOVERY_URI]: typed(discovery, 'application/json; charset=utf-8'),
        [JWKS_URI]: typed({ keys: [publicJwk] }, 'application/jwk-set+json')
      })
    );
    expect(right.warnings).toEqual([]);
    expect(right.checks.every((c) => c.ok && !c.detail.includes('warning'))).toBe(true);

    // S3's type for an object uploaded without one, and no header at all.
    const wrong = await checkIssuerDocuments(
      token,
      view,
      ISSUER,
      served({
        [DISCOVERY_URI]: typed(discovery, 'binary/octet-stream'),
        [JWKS_URI]: typed({ keys: [publicJwk] })
      })
    );
    expect(wrong.checks.map((c) => [c.check, c.ok])).toEqual([
      ['discovery', true],
      ['jwks', true],
      ['signature', true]
    ]);
    expect(wrong.warnings).toEqual([
      `${DISCOVERY_URI} is served as binary/octet-stream, not application/json: AWS documents no type that STS requires, but stricter OIDC clients refuse it (publish-oidc uploads with application/json)`,
      `${JWKS_URI} is served without a Content-Type, not application/json or application/jwk-set+json: AWS documents no type that STS requires, but stricter OIDC clients refuse it (publish-oidc uploads with application/json)`
    ]);
    expect(wrong.checks[0]?.detail).toContain(`; warning: ${wrong.warnings[0]}`);
    expect(wrong.checks[1]?.detail).toContain(`; warning: ${wrong.warnings[1]}`);
  });

  it('names the missing discovery document with the S3 error code', async () => {
    const result = await checkIssuerDocuments(token, view, ISSUER, served({}));
    expect(result.checks).toEqual([
      {
        check: 'discovery',
        ok: false,
        detail: `GET ${DISCOVERY_URI} answered HTTP 404 (NoSuchKey)`,
        fix: 'the document is missing: run publish-oidc to publish both documents publicly at the issuer URL'
      }
    ]);
  });

  it('tells a redirect and a failing host from a missing document', async () => {
    const redirect = await checkIssuerDocuments(token, view, ISSUER, async () => ({
      status: 301,
      body: '',
      location: 'https://elsewhere.example/.well-known/openid-configuration'
    }));
    expect(redirect.checks[0]?.detail).toBe(
      `GET ${DISCOVERY_URI} answered HTTP 301, a redirect to https://elsewhere.example/.well-known/openid-configuration, which STS does not follow`
    );
    expect(redirect.checks[0]?.fix).toContain(
      "set the cluster's issuer to the URL that serves the documents itself"
    );
    const busy = await checkIssuerDocuments(token, view, ISSUER, async () => ({
      status: 503,
      body: '<Error><Code>SlowDown</Code></Error>'
    }));
    expect(busy.checks[0]?.detail).toBe(`GET ${DISCOVERY_URI} answered HTTP 503 (SlowDown)`);
    expect(busy.checks[0]?.fix).toBe(
      'the issuer host failed three times in a row: run again, and check its health if it persists'
    );
  });

  it('names a discovery document published for another issuer', async () => {
    const result = await checkIssuerDocuments(
      token,
      view,
      ISSUER,
      served({ [DISCOVERY_URI]: json({ ...discovery, issuer: 'https://old.example.com' }) })
    );
    expect(result.checks[0]?.detail).toBe(
      `the discovery document at ${DISCOVERY_URI} names issuer "https://old.example.com", but the token's iss is "${ISSUER}"`
    );
  });

  it('names both kids when the cluster signs with a key that is not published', async () => {
    const result = await checkIssuerDocuments(
      token,
      view,
      ISSUER,
      served({ [DISCOVERY_URI]: json(discovery), [JWKS_URI]: json({ keys: [{ ...publicJwk, kid: 'old' }] }) })
    );
    expect(result.checks[1]).toEqual({
      check: 'jwks',
      ok: false,
      detail: 'the cluster signs with kid current but the published JWKS holds only old',
      fix: "publish the cluster's current keys: run publish-oidc"
    });
  });

  it('fails the signature when the published key under the kid is another key', async () => {
    const other = await generateKeyPair('RS256', { extractable: true });
    const wrong = { ...(await exportJWK(other.publicKey)), kid: 'current', alg: 'RS256' };
    const result = await checkIssuerDocuments(
      token,
      view,
      ISSUER,
      served({ [DISCOVERY_URI]: json(discovery), [JWKS_URI]: json({ keys: [wrong] }) })
    );
    expect(result.checks.map((c) => [c.check, c.ok])).toEqual([
      ['discovery', true],
      ['jwks', true],
      ['signature', false]
    ]);
  });

  it('refuses a JWKS that publishes private key material', async () => {
    const privateJwk = { ...(await exportJWK(privateKey)), kid: 'current', alg: 'RS256' };
    const result = await checkIssuerDocuments(
      token,
      view,
      ISSUER,
      served({ [DISCOVERY_URI]: json(discovery), [JWKS_URI]: json({ keys: [privateJwk] }) })
    );
    expect(result.checks[1]).toMatchObject({ check: 'jwks', ok: false });
    expect(result.checks[1]?.detail).toContain('private key material');
  });

  it("refuses a JWKS with private material in any key, not only the token's", async () => {
    const other = await generateKeyPair('RS256', { extractable: true });
    const leaked = { ...(await exportJWK(other.privateKey)), kid: 'old', alg: 'RS256', use: 'sig' };
    const result = await checkIssuerDocuments(
      token,
      view,
      ISSUER,
      served({ [DISCOVERY_URI]: json(discovery), [JWKS_URI]: json({ keys: [publicJwk, leaked] }) })
    );
    expect(result.checks[1]).toMatchObject({ check: 'jwks', ok: false });
    expect(result.checks[1]?.detail).toContain('private key material');
    expect(result.checks[1]?.detail).toContain('old');
    expect(result.checks[1]?.detail).not.toContain(String(leaked.d));
  });

  it('refuses a published symmetric key (k), which lets anyone sign tokens', async () => {
    // A hostile cluster signing HS256 with a secret it also publishes: the signature verifies.
    const secret = new TextEncoder().encode('a-shared-secret-that-is-now-public');
    const hsToken = await new SignJWT({
      sub: 'system:serviceaccount:apps:reader',
      aud: ['sts.amazonaws.com']
    })
      .setProtectedHeader({ alg: 'HS256', kid: 'current' })
      .setIssuer(ISSUER)
      .setExpirationTime('10m')
      .sign(secret);
    const hsView = readToken(hsToken);
    if (!hsView) throw new Error('fixture token does not decode');
    const oct = { kty: 'oct', k: Buffer.from(secret).toString('base64url'), kid: 'current', alg: 'HS256' };
    const result = await checkIssuerDocuments(
      hsToken,
      hsView,
      ISSUER,
      served({ [DISCOVERY_URI]: json(discovery), [JWKS_URI]: json({ keys: [oct] }) })
    );
    expect(result.checks[1]).toMatchObject({ check: 'jwks', ok: false });
    expect(result.checks[1]?.detail).toContain('key "current" (k)');
    expect(result.checks[1]?.detail).not.toContain(oct.k);
  });

  it('names served kids cut short, escaped and counted, whatever the JWKS holds', async () => {
    const kids = Array.from({ length: 5000 }, (_, i) => `k${i}\n::error::${'A'.repeat(1000)}`);
    const hostile = [...kids.map((kid) => ({ ...publicJwk, kid })), JSON.parse('{"kid":{"toString":1}}')];
    const result = await checkIssuerDocuments(
      token,
      view,
      ISSUER,
      served({ [DISCOVERY_URI]: json(discovery), [JWKS_URI]: json({ keys: hostile }) })
    );
    expect(result.checks[1]).toMatchObject({ check: 'jwks', ok: false });
    const detail = result.checks[1]?.detail ?? '';
    expect(detail.length).toBeLessThan(1000);
    expect(detail).not.toContain('\n');
    expect(detail).toContain('5001 in all');
  });

  it('names a served issuer cut short', async () => {
    const result = await checkIssuerDocuments(
      token,
      view,
      ISSUER,
      served({ [DISCOVERY_URI]: json({ ...discovery, issuer: `${ISSUER}${'A'.repeat(100_000)}` }) })
    );
    expect(result.checks[0]).toMatchObject({ check: 'discovery', ok: false });
    expect(result.checks[0]?.detail.length).toBeLessThan(1000);
  });

  describe("with AWS's own STS (a PublicReach)", () => {
    const CORP = 'https://oidc.corp.example/cluster';
    const CORP_DISCOVERY = `${CORP}/.well-known/openid-configuration`;
    const CORP_JWKS = `${CORP}/keys.json`;
    // Served as JSON, so that no Content-Type warning joins the ones under test.
    const typed = (value: unknown): FetchedDocument => ({ ...json(value), contentType: 'application/json' });

    /** A resolver answering from a table, and the names it was asked. */
    function dns(table: Record<string, string[]>): {
      reach: { resolve: (host: string) => Promise<string[]> };
      asked: string[];
    } {
      const asked: string[] = [];
      return {
        asked,
        reach: {
          resolve: async (host) => {
            asked.push(host);
            return table[host] ?? ['52.216.0.1'];
          }
        }
      };
    }

    /** `served`, recording the URLs it was asked for. */
    function recorded(documents: Record<string, FetchedDocument>): { get: AnonymousGet; fetched: string[] } {
      const fetched: string[] = [];
      const get = served(documents);
      return { get: async (url) => (fetched.push(url), get(url)), fetched };
    }

    it('passes, with a warning in the detail, an issuer the runner resolves only to private addresses', async () => {
      const { reach, asked } = dns({ 'oidc.corp.example': ['10.1.2.3'] });
      const result = await checkIssuerDocuments(
        token,
        view,
        CORP,
        served({
          [CORP_DISCOVERY]: typed({ issuer: CORP, jwks_uri: CORP_JWKS }),
          [CORP_JWKS]: typed({ keys: [publicJwk] })
        }),
        reach
      );
      expect(result.checks.map((c) => [c.check, c.ok])).toEqual([
        ['discovery', true],
        ['jwks', true],
        ['signature', true]
      ]);
      const warning =
        "oidc.corp.example resolves, on this runner, only to addresses AWS cannot reach: 10.1.2.3, a private address (RFC 1918, 10.0.0.0/8): AWS STS fetches the issuer's documents from the internet and cannot reach those, unless public DNS gives the host public addresses (split-horizon DNS)";
      expect(result.warnings).toEqual([warning]);
      expect(result.checks[0]?.detail).toContain(`; warning: ${warning}`);
      // The JWKS lives on the same host: looked up once.
      expect(asked).toEqual(['oidc.corp.example']);
    });

    it('fails the discovery check, without fetching it, for a jwks_uri on an address AWS cannot reach', async () => {
      const apiServer = 'https://10.0.0.10:6443/openid/v1/jwks';
      const documents = {
        [CORP_DISCOVERY]: typed({ issuer: CORP, jwks_uri: apiServer }),
        [apiServer]: typed({ keys: [publicJwk] })
      };
      const { get, fetched } = recorded(documents);
      const result = await checkIssuerDocuments(token, view, CORP, get, dns({}).reach);
      expect(result.checks).toEqual([
        {
          check: 'discovery',
          ok: false,
          detail: `the discovery document at ${CORP_DISCOVERY} points jwks_uri at ${apiServer}, but 10.0.0.10 is a private address (RFC 1918, 10.0.0.0/8), which AWS STS, fetching from the internet, cannot reach`,
          fix: 'run publish-oidc, which publishes the JWKS under the issuer and points jwks_uri at it'
        }
      ]);
      expect(fetched).toEqual([CORP_DISCOVERY]);
      // Against an emulated STS (no PublicReach) the same documents pass: its STS is the stack's.
      const local = await checkIssuerDocuments(token, view, CORP, served(documents));
      expect(local.checks.every((c) => c.ok)).toBe(true);
    });

    it("looks up a jwks_uri on another host and notes it on the JWKS check; AWS's own hosts are not looked up", async () => {
      const elsewhere = 'https://keys.corp.example/jwks.json';
      const { reach, asked } = dns({ 'keys.corp.example': ['52.216.0.1', 'fd00::7'] });
      const result = await checkIssuerDocuments(
        token,
        view,
        CORP,
        served({
          [CORP_DISCOVERY]: typed({ issuer: CORP, jwks_uri: elsewhere }),
          [elsewhere]: typed({ keys: [publicJwk] })
        }),
        reach
      );
      expect(asked).toEqual(['oidc.corp.example', 'keys.corp.example']);
      expect(result.checks.map((c) => c.ok)).toEqual([true, true, true]);
      expect(result.checks[0]?.detail).not.toContain('warning');
      expect(result.checks[1]?.detail).toContain(
        '; warning: keys.corp.example resolves, on this runner, besides public addresses, to addresses AWS cannot reach: fd00::7, a unique local (private) address (fc00::/7)'
      );

      const s3 = dns({});
      await checkIssuerDocuments(
        token,
        view,
        ISSUER,
        served({ [DISCOVERY_URI]: typed(discovery), [JWKS_URI]: typed({ keys: [publicJwk] }) }),
        s3.reach
      );
      expect(s3.asked).toEqual([]);
    });
  });

  it('reports an unreachable issuer as such', async () => {
    const result = await checkIssuerDocuments(token, view, ISSUER, async () => {
      throw new Error('getaddrinfo ENOTFOUND bucket.s3.eu-west-1.amazonaws.com');
    });
    expect(result.checks[0]).toMatchObject({ check: 'discovery', ok: false });
    expect(result.checks[0]?.detail).toContain('ENOTFOUND');
  });
});

describe('checkExpiry', () => {
  it('passes before exp and fails at or after it', () => {
    const exp = view.exp ?? 0;
    expect(checkExpiry(view, exp - 1).ok).toBe(true);
    // Whole seconds, as exp counts them and publish-oidc writes its times: no '.000'.
    const time = new Date(exp * 1000).toISOString().replace(/\.000Z$/, 'Z');
    expect(time).toMatch(/T\d\d:\d\d:\d\dZ$/);
    expect(checkExpiry(view, exp - 1).detail).toBe(`the token is valid until ${time}`);
    const expired = checkExpiry(view, exp + 30);
    expect(expired.ok).toBe(false);
    expect(expired.detail).toBe(`the token expired at ${time} (30 s ago)`);
    expect(checkExpiry({ ...view, exp: undefined }, exp).detail).toBe('the token has no exp claim');
  });
});
