// Pure domain of publish-oidc: what may be published, where, and which keys a rotation keeps.
import { generateKeyPairSync } from 'node:crypto';
import { UserError } from '../src/io/errors.js';
import {
  checkAlgorithms,
  checkIssuer,
  parseClusterDiscovery,
  publishedDiscovery
} from '../src/oidc/discovery.js';
import { defaultIssuerUrl, documentLocations, issuerKeyPrefix } from '../src/oidc/document-locations.js';
import {
  jwksDocument,
  keyProblem,
  keySetChanged,
  parseJwks,
  readPublishedKeys,
  type PublicJwk
} from '../src/oidc/jwks.js';
import { planKeyRetention } from '../src/oidc/key-retention.js';
import { contentHash, documentBytes } from '../src/oidc/published-content.js';
import { decodeRetiredSince, encodeRetiredSince, RECORD_LIMIT_BYTES } from '../src/oidc/retirement-record.js';

// One key pair per type: generating RSA keys is slow, and the checks read only the members.
const rsaPublic = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
const ecPublic = new Map(
  ['P-256', 'P-384', 'P-521'].map((namedCurve) => [
    namedCurve,
    generateKeyPairSync('ec', { namedCurve }).publicKey.export({ format: 'jwk' })
  ])
);

function rsaJwk(kid: string, alg = 'RS256'): Record<string, unknown> {
  return { use: 'sig', kty: 'RSA', kid, alg, n: rsaPublic.n, e: rsaPublic.e };
}

function ecJwk(kid: string, alg = 'ES256', namedCurve = 'P-256'): Record<string, unknown> {
  const { crv, x, y } = ecPublic.get(namedCurve) ?? {};
  return { use: 'sig', kty: 'EC', kid, alg, crv, x, y };
}

const ISSUER = 'https://irsa-demo.s3.eu-west-1.amazonaws.com';

function errorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('keyProblem', () => {
  it('accepts RSA and EC keys with the algorithms STS accepts', () => {
    for (const alg of ['RS256', 'RS384', 'RS512']) expect(keyProblem(rsaJwk('r', alg))).toBeUndefined();
    expect(keyProblem(ecJwk('e256'))).toBeUndefined();
    expect(keyProblem(ecJwk('e384', 'ES384', 'P-384'))).toBeUndefined();
    expect(keyProblem(ecJwk('e512', 'ES512', 'P-521'))).toBeUndefined();
  });

  it.each(['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'])(
    'refuses a key carrying the private member %s',
    (member) => {
      const key = { ...rsaJwk('leaky'), [member]: 'c2VjcmV0LW1hdGVyaWFs' };
      const problem = keyProblem(key);
      expect(problem).toContain('private key material');
      expect(problem).toContain(member);
      expect(problem).not.toContain('c2VjcmV0LW1hdGVyaWFs');
    }
  );

  it('refuses a key without kid, without use sig, or with an algorithm STS rejects', () => {
    const { kid: _kid, ...noKid } = rsaJwk('x');
    expect(keyProblem(noKid)).toContain('no kid');
    expect(keyProblem({ ...rsaJwk('x'), kid: '' })).toContain('no kid');
    expect(keyProblem({ ...rsaJwk('x'), use: 'enc' })).toContain("use 'enc'");
    expect(keyProblem(rsaJwk('x', 'PS256'))).toContain("alg 'PS256'");
    expect(keyProblem(rsaJwk('x', 'HS256'))).toContain('does not accept');
  });

  it('refuses keys whose type or curve does not fit the algorithm', () => {
    expect(keyProblem({ ...ecJwk('x'), alg: 'RS256' })).toContain('needs RSA');
    expect(keyProblem(ecJwk('x', 'ES384', 'P-256'))).toContain('needs P-384');
    const { n: _n, ...noModulus } = rsaJwk('x');
    expect(keyProblem(noModulus)).toContain('without n and e');
  });
});

describe('keyProblem on what a hostile or broken cluster serves', () => {
  // Keys STS would take but anyone could forge tokens for: a modulus small enough to factor, an
  // exponent that makes every signature verify, a point off the curve.
  const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });

  it('refuses an RSA modulus under 2048 bits, and says how long it is', () => {
    const problem = keyProblem({ ...rsaJwk('small'), n: small.n });
    expect(problem).toContain('1024-bit');
    expect(problem).toContain('2048');
    expect(problem).not.toContain(String(small.n));
  });

  it.each([
    ['AQ', 'e = 1 makes every signature verify'],
    ['Ag', 'an even exponent'],
    ['AAEAAQ', 'a leading zero octet']
  ])('refuses the public exponent %s (%s)', (e) => {
    expect(keyProblem({ ...rsaJwk('weak'), e })).toContain('exponent');
  });

  it('refuses a modulus that is not base64url or starts with a zero octet', () => {
    expect(keyProblem({ ...rsaJwk('x'), n: `${String(rsaPublic.n)}!` })).toContain('base64url');
    expect(keyProblem({ ...rsaJwk('x'), n: `AA${String(rsaPublic.n)}` })).toContain('zero');
  });

  it('refuses an EC point that is not on its curve', () => {
    const key = ecJwk('off');
    expect(keyProblem({ ...key, y: key.x })).toContain('not a valid');
  });

  it.each([
    ['private_key_pem', '-----BEGIN PRIVATE KEY-----'],
    ['__proto__', { d: 'c2VjcmV0' }],
    ['extra', { k: 'c2VjcmV0' }]
  ])('refuses a member %s that no public JWK carries, without quoting it', (member, value) => {
    const key = JSON.parse(JSON.stringify({ ...rsaJwk('smuggler'), [member]: value })) as Record<
      string,
      unknown
    >;
    const problem = keyProblem(key);
    expect(problem).toContain(member);
    expect(problem).not.toContain('c2VjcmV0');
    expect(problem).not.toContain('BEGIN');
  });

  it('takes the registered public members (x5c, x5t, key_ops) as they are', () => {
    expect(
      keyProblem({ ...rsaJwk('x'), x5c: ['MIIB'], x5t: 'abc', 'x5t#S256': 'def', key_ops: ['verify'] })
    ).toBeUndefined();
  });
});

describe('what the cluster serves, quoted back in an error', () => {
  // Up to 1 MiB of it (src/publish-oidc/cluster-documents.ts): an error line quotes a short,
  // escaped piece, never the whole value or a raw line break.
  const long = `x\n::error::${'A'.repeat(100_000)}`;

  it.each([
    ['a kid', () => parseJwks({ keys: [{ ...rsaJwk(long), use: 'enc' }] }, 'J')],
    ['a duplicate kid', () => parseJwks({ keys: [rsaJwk(long), rsaJwk(long)] }, 'J')],
    ['a use', () => parseJwks({ keys: [{ ...rsaJwk('x'), use: long }] }, 'J')],
    ['an alg', () => parseJwks({ keys: [rsaJwk('x', long)] }, 'J')],
    ['a kty', () => parseJwks({ keys: [{ ...rsaJwk('x'), kty: long }] }, 'J')],
    ['a curve', () => parseJwks({ keys: [{ ...ecJwk('x'), crv: long }] }, 'J')],
    ['an issuer', () => checkIssuer(long, ISSUER, 'issuer-url')],
    [
      'an announced algorithm',
      () =>
        checkAlgorithms(
          parseClusterDiscovery({
            issuer: ISSUER,
            jwks_uri: `${ISSUER}/k`,
            id_token_signing_alg_values_supported: [long]
          }),
          []
        )
    ]
  ])('%s is cut short and escaped', (_what, fn) => {
    const message = errorOf(fn).message;
    expect(message).not.toContain('\n');
    expect(message).toContain('\\n::error::');
    expect(message.length).toBeLessThan(900);
  });

  it('quotes an object where a string belongs without calling its toString', () => {
    const use = JSON.parse('{"toString":1}') as unknown;
    expect(errorOf(() => parseJwks({ keys: [{ ...rsaJwk('x'), use }] }, 'J')).message).toContain(
      `has use '{"toString":1}'`
    );
  });

  it('reads back a published set naming a dropped long kid cut short', () => {
    const { dropped } = readPublishedKeys({ keys: [{ ...rsaJwk(long), d: 'x' }] });
    expect(dropped[0]?.length).toBeLessThan(300);
  });
});

describe('parseJwks', () => {
  it('keeps every member of every key, in order', () => {
    const keys = [rsaJwk('a'), ecJwk('b')];
    const parsed = parseJwks({ keys }, 'JWKS');
    expect(parsed.map((key) => key.kid)).toEqual(['a', 'b']);
    expect(jwksDocument(parsed)).toEqual({ keys });
  });

  it('names the key and refuses the whole set when one key is bad', () => {
    const error = errorOf(() =>
      parseJwks({ keys: [rsaJwk('good'), { ...rsaJwk('bad'), d: 'x' }] }, 'The JWKS')
    );
    expect(error.message).toMatch(/^The JWKS: key 'bad' carries private key material \(d\)/);
    expect(errorOf(() => parseJwks({ keys: [{ ...rsaJwk('x'), kid: undefined }] }, 'J')).message).toContain(
      'key #1 has no kid'
    );
  });

  // A cluster whose key the previous release published is refused after an upgrade with the same
  // inputs: the error says what to change, since no input is wrong.
  it('names the fix when it refuses a served key: the cluster key, not an input', () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });
    const message = errorOf(() =>
      parseJwks({ keys: [rsaJwk('good'), { ...rsaJwk('weak'), n: small.n }] }, 'The JWKS')
    ).message;
    expect(message).toMatch(/^The JWKS: key 'weak' is a 1024-bit RSA key; .*\. Nothing was published/);
    expect(message).toContain("replace the cluster's service-account signing key");
    expect(message).toContain('then run again');
    expect(message).not.toContain('\n');
  });

  it('refuses an empty set, more than 100 keys, duplicate kids and non-JWKS documents', () => {
    expect(errorOf(() => parseJwks({ keys: [] }, 'J')).message).toContain('has no keys');
    const many = Array.from({ length: 101 }, (_, i) => ({ ...rsaJwk('x'), kid: `k${i}` }));
    expect(errorOf(() => parseJwks({ keys: many }, 'J')).message).toContain('101 keys');
    expect(parseJwks({ keys: many.slice(0, 100) }, 'J')).toHaveLength(100);
    const key = rsaJwk('twice');
    expect(errorOf(() => parseJwks({ keys: [key, key] }, 'J')).message).toContain("kid 'twice' twice");
    expect(errorOf(() => parseJwks('<html>', 'J')).message).toContain('no "keys" array');
  });

  it('reads back a published set, dropping keys that must not be carried forward', () => {
    const published = readPublishedKeys({
      keys: [rsaJwk('ok'), { ...rsaJwk('leak'), d: 'x' }, rsaJwk('ok')]
    });
    expect(published.keys.map((key) => key.kid)).toEqual(['ok']);
    expect(published.dropped).toEqual([
      "'leak' (carries private key material (d); publishing it would hand out the signing key)",
      "'ok' (duplicate kid)"
    ]);
    expect(readPublishedKeys(undefined)).toEqual({ keys: [], dropped: [] });
  });

  it('tells a changed key set from the same keys in another order or member order', () => {
    const set = (...keys: Record<string, unknown>[]) => parseJwks({ keys }, 'J');
    const a = rsaJwk('a');
    const b = ecJwk('b');
    expect(keySetChanged(set(a, b), set(b, a))).toBe(false);
    expect(keySetChanged(set(a), set(Object.fromEntries(Object.entries(a).reverse())))).toBe(false);
    expect(keySetChanged([], set(a))).toBe(true);
    expect(keySetChanged(set(a, b), set(a))).toBe(true);
    expect(keySetChanged(set(a), set(b))).toBe(true);
    // The same kid with other material: tokens signed with the old key stop verifying.
    expect(keySetChanged(set(a), set({ ...a, e: 'AQAD' }))).toBe(true);
  });
});

describe('discovery document', () => {
  const served = {
    issuer: ISSUER,
    jwks_uri: 'https://10.0.0.1:6443/openid/v1/jwks',
    response_types_supported: ['id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256']
  };

  it('parses what kube-apiserver serves', () => {
    const discovery = parseClusterDiscovery(served);
    expect(discovery).toMatchObject({ issuer: ISSUER, jwksUri: served.jwks_uri, algorithms: ['RS256'] });
  });

  it('refuses documents without issuer, jwks_uri or algorithms', () => {
    expect(errorOf(() => parseClusterDiscovery({ ...served, issuer: undefined })).message).toContain(
      'no issuer'
    );
    expect(errorOf(() => parseClusterDiscovery({ ...served, jwks_uri: 'not a url' })).message).toContain(
      'jwks_uri'
    );
    expect(
      errorOf(() => parseClusterDiscovery({ ...served, id_token_signing_alg_values_supported: 'RS256' }))
        .message
    ).toContain('id_token_signing_alg_values_supported');
    expect(
      errorOf(() =>
        parseClusterDiscovery({ ...served, id_token_signing_alg_values_supported: ['RS256', 256] })
      ).message
    ).toContain('has no id_token_signing_alg_values_supported list');
  });

  it('compares the issuer byte for byte and names the flag to set', () => {
    expect(() => checkIssuer(ISSUER, ISSUER, 'issuer-url')).not.toThrow();
    const slash = errorOf(() => checkIssuer(`${ISSUER}/`, ISSUER, 'issuer-url'));
    expect(slash.input).toBe('issuer-url');
    expect(slash.message).toContain('trailing slash');
    expect(slash.message).toContain(`--service-account-issuer=${ISSUER}`);
    expect(slash.message).toContain('cluster.apiServer.extraArgs.service-account-issuer');
    expect(
      errorOf(() => checkIssuer(ISSUER.toUpperCase().replace('HTTPS', 'https'), ISSUER, 'issuer-url')).message
    ).toContain('differ in case');
    expect(
      errorOf(() => checkIssuer('https://kubernetes.default.svc', ISSUER, 'issuer-url')).message
    ).toContain("the cluster issues tokens for 'https://kubernetes.default.svc'");
  });

  it('requires the announced algorithms to cover the keys and to be accepted by STS', () => {
    const discovery = parseClusterDiscovery(served);
    const rsa = parseJwks({ keys: [rsaJwk('a')] }, 'J');
    const ec = parseJwks({ keys: [ecJwk('b')] }, 'J');
    expect(() => checkAlgorithms(discovery, rsa)).not.toThrow();
    expect(errorOf(() => checkAlgorithms(discovery, ec)).message).toContain('has ES256 keys');
    const hs = parseClusterDiscovery({
      ...served,
      id_token_signing_alg_values_supported: ['RS256', 'HS256']
    });
    expect(errorOf(() => checkAlgorithms(hs, rsa)).message).toContain('HS256');
  });

  it('publishes the cluster document with jwks_uri rewritten and retained algorithms announced', () => {
    const discovery = parseClusterDiscovery(served);
    const keys: PublicJwk[] = [...parseJwks({ keys: [rsaJwk('a'), ecJwk('b')] }, 'J')];
    const published = publishedDiscovery(discovery, `${ISSUER}/openid/v1/jwks`, keys);
    expect(published).toEqual({
      ...served,
      jwks_uri: `${ISSUER}/openid/v1/jwks`,
      id_token_signing_alg_values_supported: ['RS256', 'ES256']
    });
    expect(Object.keys(published)).toEqual(Object.keys(served));
  });
});

describe('document locations', () => {
  it('defaults the issuer to the virtual-hosted bucket URL', () => {
    expect(defaultIssuerUrl('irsa-demo', 'eu-west-1')).toBe(ISSUER);
    expect(defaultIssuerUrl('b1', 'cn-north-1')).toBe('https://b1.s3.cn-north-1.amazonaws.com.cn');
    expect(defaultIssuerUrl('b1', 'us-iso-east-1')).toBe('https://b1.s3.us-iso-east-1.c2s.ic.gov');
    expect(defaultIssuerUrl('b1', 'eusc-de-east-1')).toBe('https://b1.s3.eusc-de-east-1.amazonaws.eu');
  });

  it('maps the issuer path to a key prefix for virtual-hosted, path-style and CDN issuers', () => {
    expect(issuerKeyPrefix(ISSUER, 'irsa-demo')).toBe('');
    expect(issuerKeyPrefix(`${ISSUER}/clusters/prod`, 'irsa-demo')).toBe('clusters/prod/');
    expect(issuerKeyPrefix('https://127.0.0.1:4443/irsa-demo', 'irsa-demo')).toBe('');
    expect(issuerKeyPrefix('https://s3.eu-west-1.amazonaws.com/irsa-demo/prod', 'irsa-demo')).toBe('prod/');
    expect(issuerKeyPrefix('https://oidc.example.com/prod', 'irsa-demo')).toBe('prod/');
  });

  it('publishes the JWKS where the cluster says when that is under the issuer', () => {
    const issuer = 'https://127.0.0.1:4443/irsa-demo';
    expect(documentLocations(issuer, 'irsa-demo', `${issuer}/keys.json`)).toEqual({
      issuer,
      discoveryKey: '.well-known/openid-configuration',
      discoveryUrl: `${issuer}/.well-known/openid-configuration`,
      jwksKey: 'keys.json',
      jwksUrl: `${issuer}/keys.json`,
      jwksUriRewritten: false
    });
  });

  it('rewrites a jwks_uri outside the issuer, or one that cannot be an object key', () => {
    for (const jwksUri of [
      'https://10.0.0.1:6443/openid/v1/jwks',
      `${ISSUER}evil/jwks`,
      `${ISSUER}/jwks?x=1`,
      `${ISSUER}/a/../jwks`,
      `${ISSUER}/.well-known/openid-configuration`,
      // Decoded, these would be a wildcard in the bucket policy or a line of their own in the log.
      `${ISSUER}/%2A`,
      `${ISSUER}/keys/jwk%3F`,
      `${ISSUER}/keys%0A::error::forged/jwks`,
      `${ISSUER}/%E0%A4%A`
    ]) {
      const locations = documentLocations(ISSUER, 'irsa-demo', jwksUri);
      expect(locations.jwksUriRewritten).toBe(true);
      expect(locations.jwksKey).toBe('openid/v1/jwks');
      expect(locations.jwksUrl).toBe(`${ISSUER}/openid/v1/jwks`);
    }
  });
});

describe('key retention', () => {
  const [a, b, c] = parseJwks({ keys: [rsaJwk('a'), rsaJwk('b'), rsaJwk('c')] }, 'J') as [
    PublicJwk,
    PublicJwk,
    PublicJwk
  ];
  const now = new Date('2025-01-02T00:00:00Z');
  const nowSeconds = now.getTime() / 1000;

  it('publishes the served keys as new on a first run', () => {
    const plan = planKeyRetention({
      served: [a],
      previouslyPublished: [],
      retiredSince: new Map(),
      now,
      retentionHours: 24
    });
    expect(plan).toMatchObject({ newKids: ['a'], currentKids: [], retained: [], droppedKids: [] });
    expect(plan.published).toEqual([a]);
  });

  it('keeps a key the cluster stopped serving, from the run that first saw it gone', () => {
    const plan = planKeyRetention({
      served: [b],
      previouslyPublished: [a],
      retiredSince: new Map(),
      now,
      retentionHours: 24
    });
    expect(plan.published.map((key) => key.kid)).toEqual(['b', 'a']);
    expect(plan.newKids).toEqual(['b']);
    expect(plan.retained).toEqual([{ key: a, retiredSince: nowSeconds, until: nowSeconds + 86400 }]);
    expect(plan.retiredSince).toEqual(new Map([['a', nowSeconds]]));
  });

  it('keeps the recorded retirement time and drops the key once retention has passed', () => {
    const since = new Map([['a', nowSeconds - 86399]]);
    const kept = planKeyRetention({
      served: [b],
      previouslyPublished: [b, a],
      retiredSince: since,
      now,
      retentionHours: 24
    });
    expect(kept.retained.map((entry) => entry.retiredSince)).toEqual([nowSeconds - 86399]);
    expect(kept.currentKids).toEqual(['b']);
    const later = new Date(now.getTime() + 1000);
    const dropped = planKeyRetention({
      served: [b],
      previouslyPublished: [b, a],
      retiredSince: since,
      now: later,
      retentionHours: 24
    });
    expect(dropped.published).toEqual([b]);
    expect(dropped.droppedKids).toEqual(['a']);
    expect(dropped.retiredSince.size).toBe(0);
  });

  it('drops a retired key at once with retention 0, and forgets the record of a key served again', () => {
    const zero = planKeyRetention({
      served: [b],
      previouslyPublished: [a, b],
      retiredSince: new Map(),
      now,
      retentionHours: 0
    });
    expect(zero.published).toEqual([b]);
    expect(zero.droppedKids).toEqual(['a']);
    const back = planKeyRetention({
      served: [a, b],
      previouslyPublished: [b, a],
      retiredSince: new Map([['a', nowSeconds - 10]]),
      now,
      retentionHours: 24
    });
    expect(back.retiredSince.size).toBe(0);
    expect(back.currentKids).toEqual(['a', 'b']);
  });

  it('never publishes more than 100 keys: the longest-retired go first', () => {
    const served = parseJwks(
      { keys: Array.from({ length: 99 }, (_, i) => ({ ...rsaJwk('s'), kid: `s${i}` })) },
      'J'
    );
    const plan = planKeyRetention({
      served,
      previouslyPublished: [a, c],
      retiredSince: new Map([
        ['a', nowSeconds - 100],
        ['c', nowSeconds - 50]
      ]),
      now,
      retentionHours: 24
    });
    expect(plan.published).toHaveLength(100);
    expect(plan.retained.map((entry) => entry.key.kid)).toEqual(['c']);
    expect(plan.droppedKids).toEqual(['a']);
  });

  it('records retirement times in an ASCII metadata value that reads back exactly', () => {
    const record = new Map([
      ['kid,with=odd/chars', 1700000000],
      ['plain-kid_1', 1700000500]
    ]);
    const encoded = encodeRetiredSince(record);
    expect(encoded).toMatch(/^[\x20-\x7e]+$/);
    expect(decodeRetiredSince(encoded)).toEqual(record);
    expect(decodeRetiredSince('garbage,%E0%A4%A=5,ok=12')).toEqual(new Map([['ok', 12]]));
    expect(decodeRetiredSince(undefined).size).toBe(0);
  });

  it('leaves out the newest entries when the record would outgrow S3 metadata', () => {
    const record = new Map(
      Array.from({ length: 60 }, (_, i) => [`${'k'.repeat(40)}${i}`, 1700000000 + i] as const)
    );
    const encoded = encodeRetiredSince(record);
    expect(encoded.length).toBeLessThanOrEqual(RECORD_LIMIT_BYTES);
    const decoded = decodeRetiredSince(encoded);
    expect(decoded.size).toBeGreaterThan(10);
    expect(decoded.size).toBeLessThan(60);
    expect(decoded.has(`${'k'.repeat(40)}0`)).toBe(true);
    expect(decoded.has(`${'k'.repeat(40)}59`)).toBe(false);
  });
});

describe('published content', () => {
  it('serializes compactly and hashes the bytes', () => {
    const bytes = documentBytes({ keys: [] });
    expect(bytes.toString()).toBe('{"keys":[]}');
    // Known answer: printf '{"keys":[]}' | sha256sum
    expect(contentHash(bytes)).toBe('9638d11914735d0072002dd4d67c734a94ee7a0cd845e6dcbc984ee7581860a7');
  });
});
