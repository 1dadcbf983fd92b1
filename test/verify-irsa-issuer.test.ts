// verify-irsa on the local stack with the issuer's links broken one at a time: an unpublished
// signing key, a missing discovery document, no IAM OIDC provider, an expired token. Each must
// give verified=false, a diagnosis naming that link, nothing left behind and no token in the log.
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

describe('verify-irsa with a broken issuer link', () => {
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

  it('verifies, with a warning, documents served without the Content-Type OIDC clients expect', async () => {
    const chain = await chainFor();
    // As S3 serves an object uploaded without a type: STS reads it, stricter OIDC clients do not.
    const v = await verifyWith(chain, { mode: 'token' }, (deps) => ({
      ...deps,
      get: async (url) => ({ ...(await deps.get(url)), contentType: 'binary/octet-stream' })
    }));
    expect(v.result.outputs.verified).toBe('true');
    const warning = `${chain.issuer}/.well-known/openid-configuration is served as binary/octet-stream, not application/json`;
    expect(v.log.text()).toContain(`::warning::${warning}`);
    expect(check(v, 'discovery').detail).toContain(`warning: ${warning}`);
    expect(check(v, 'jwks').detail).toContain('is served as binary/octet-stream');
    expect(v.result.summary).toContain(warning);
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
});
