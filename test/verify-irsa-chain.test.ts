// verify-irsa against the local stack: a chain built by hand (kube double → S3 issuer documents
// → IAM OIDC provider → role), verified through the strict STS gateway, then broken one link
// at a time. Every scenario also checks that nothing it created is left and no token leaked.
import { describe, expect, it } from '@jest/globals';
import { DISCOVERY_KEY } from './stack/oidc-fixture.js';
import {
  chainFor,
  check,
  destroyChainsAfterEach,
  expectCleanAndSilent,
  expectNotVerified,
  failedChecks,
  verify,
  verifyWith
} from './fixtures/verify-irsa/harness.js';

destroyChainsAfterEach();

describe('verify-irsa on the local stack', () => {
  it('verifies a working chain in both modes', async () => {
    const chain = await chainFor();
    const v = await verify(chain, { mode: 'both' });
    expect(v.checks.filter((c) => !c.ok)).toEqual([]);
    expect(v.result.outputs.verified).toBe('true');
    expect(v.result.failure).toBeUndefined();
    expect(v.result.outputs['assumed-role-arn']).toMatch(
      new RegExp(`^arn:aws:sts::\\d{12}:assumed-role/${chain.roleName}/`)
    );
    expect(check(v, 'pod').detail).toContain(`assumed-role/${chain.roleName}/irsa-verify-`);
    expect(check(v, 'webhook').detail).toContain('no webhook injected');
    expect(v.checks.map((c) => c.check)).toEqual([
      'service-account',
      'token',
      'issuer',
      'expiry',
      'discovery',
      'jwks',
      'signature',
      'iam-provider',
      'provider-audience',
      'role',
      'role-trust',
      'assume-role',
      'caller-identity',
      'webhook',
      'pod'
    ]);
    expect(v.result.summary).toContain('```mermaid');
    expect(v.result.summary).not.toContain('❌');
    // The token was masked the moment it arrived.
    expect(v.masked.some((m) => /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/.test(m))).toBe(true);
    expectCleanAndSilent(chain, v);
  });

  it('names the role trust when the role trusts another service account', async () => {
    const chain = await chainFor({ trustedSubject: 'system:serviceaccount:default:someone-else' });
    const v = await verify(chain, { mode: 'token' });
    expectNotVerified(v);
    expect(failedChecks(v)).toEqual(['role-trust', 'assume-role']);
    expect(check(v, 'role-trust').detail).toContain('system:serviceaccount:default:someone-else');
    expect(check(v, 'role-trust').fix).toContain('run irsa-role');
    expect(check(v, 'assume-role').detail).toContain('AccessDenied');
    expect(v.result.summary).toMatch(/role<br\/>[^"]*<br\/>❌ failed/);
    expectCleanAndSilent(chain, v);
  });

  it('names the provider audience when the provider does not list the audience', async () => {
    const chain = await chainFor({ clientIds: ['sts.amazonaws.com'] });
    const v = await verify(chain, { mode: 'token', audience: 'vault' });
    expectNotVerified(v);
    expect(failedChecks(v)).toContain('provider-audience');
    expect(check(v, 'provider-audience').detail).toBe(
      "the provider lists client IDs sts.amazonaws.com, not the token's audience vault"
    );
    expect(check(v, 'assume-role').detail).toContain('InvalidIdentityToken');
    expectCleanAndSilent(chain, v);
  });

  it('names the JWKS when the cluster signs with a key that was never published', async () => {
    const chain = await chainFor();
    const published = chain.double.signingKid;
    const unpublished = chain.double.addUnpublishedSigningKey();
    const v = await verify(chain, { mode: 'token' });
    expectNotVerified(v);
    expect(failedChecks(v)).toEqual(['jwks', 'assume-role']);
    expect(check(v, 'jwks').detail).toBe(
      `the cluster signs with kid ${unpublished} but the published JWKS holds only ${published}`
    );
    expect(check(v, 'jwks').fix).toContain('run publish-oidc');
    expectCleanAndSilent(chain, v);
  });

  it('names the discovery document when it is missing', async () => {
    const chain = await chainFor();
    await chain.removeObject(DISCOVERY_KEY);
    const v = await verify(chain, { mode: 'token' });
    expectNotVerified(v);
    expect(failedChecks(v)).toEqual(['discovery', 'assume-role']);
    expect(check(v, 'discovery').detail).toContain(
      `${chain.issuer}/.well-known/openid-configuration answered HTTP 403`
    );
    expect(check(v, 'assume-role').detail).toContain('IDPCommunicationError');
    expectCleanAndSilent(chain, v);
  });

  it('names the IAM provider when there is none for the issuer', async () => {
    const chain = await chainFor({ withoutProvider: true });
    const v = await verify(chain, { mode: 'token' });
    expectNotVerified(v);
    // The trust policy names the provider's would-be ARN, so only the provider itself is missing.
    expect(failedChecks(v)).toEqual(['iam-provider', 'assume-role']);
    expect(check(v, 'iam-provider').detail).toContain(
      `no IAM OIDC provider in the account has the URL ${chain.issuer}`
    );
    expect(check(v, 'assume-role').detail).toContain('No OpenIDConnect provider found');
    expectCleanAndSilent(chain, v);
  });

  it('names the expiry when the token has expired', async () => {
    const chain = await chainFor();
    const v = await verifyWith(chain, { mode: 'token' }, (deps) => ({
      ...deps,
      cluster: {
        ...deps.cluster,
        requestToken: async (namespace, serviceAccount, audience) =>
          chain.double.mintToken({ namespace, serviceAccount, audience, expiresInSeconds: 0 })
      }
    }));
    expectNotVerified(v);
    expect(failedChecks(v)).toEqual(['expiry', 'assume-role']);
    expect(check(v, 'expiry').detail).toMatch(/^the token expired at /);
    expect(check(v, 'assume-role').detail).toContain('ExpiredTokenException');
    expectCleanAndSilent(chain, v);
  });

  it('keeps an existing service account and refuses a missing one when told not to create it', async () => {
    const chain = await chainFor();
    const v = await verify(chain, { mode: 'token', 'create-service-account': 'false' });
    expectNotVerified(v);
    expect(failedChecks(v)).toEqual(['service-account']);
    expect(check(v, 'service-account').fix).toBe('create it, or set create-service-account: true');
    expect(chain.double.requests().filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
