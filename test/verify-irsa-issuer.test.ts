// verify-irsa on the local stack with the issuer's links broken one at a time: an unpublished
// signing key, a missing discovery document, no IAM OIDC provider, an expired token. Each must
// give verified=false, a diagnosis naming that link, nothing left behind and no token in the log.
import { describe, expect, it } from '@jest/globals';
import { RequestCounter } from '../src/aws/clients.js';
import type { VerifyDeps } from '../src/verify-irsa/run.js';
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
import type { Chain } from './fixtures/verify-irsa/chain.js';

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
    // The first failure is the step's error: logged in its place, but not annotated a second time.
    const lines = v.log.text().split('\n');
    expect(lines.filter((line) => line.includes('FAIL discovery:'))).toEqual([
      expect.stringMatching(/^FAIL discovery: .* Fix: /)
    ]);
    expect(lines.filter((line) => line.includes('FAIL assume-role:'))).toEqual([
      expect.stringMatching(/^::warning::FAIL assume-role: /)
    ]);
    // The diagnosis table shows it: not listed again under the summary's Warnings (src/io/warnings.ts).
    expect(v.log.shownInSummary).toEqual([expect.stringMatching(/^FAIL assume-role: /)]);
    expect(v.result.failure).toMatch(/^IRSA is not verified: discovery: /);
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
    // Each rides along in a check's detail, so the summary's Warnings leaves both out.
    expect(v.log.shownInSummary).toEqual([
      expect.stringContaining(warning),
      expect.stringContaining('is served as binary/octet-stream')
    ]);
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

  describe("with AWS's own STS, which can never reach this stack's issuer on 127.0.0.1", () => {
    // No endpoint override: IAM and STS are AWS itself.
    const awsOwn = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_ENDPOINT_URL'))
    );

    /** The deps with every IAM and STS call counted (before it would leave the runner). */
    function counted(counter: RequestCounter): (deps: VerifyDeps) => VerifyDeps {
      return (deps) => ({
        ...deps,
        iam: counter.attach(deps.iam),
        sts: {
          ...deps.sts,
          sts: counter.attach(deps.sts.sts),
          stsWithCredentials: (credentials) => counter.attach(deps.sts.stsWithCredentials(credentials))
        }
      });
    }

    it.each(['token', 'both'])(
      'fails the issuer check in mode %s and asks neither IAM nor STS, nor runs a pod',
      async (mode) => {
        const chain = await chainFor();
        const counter = new RequestCounter();
        const v = await verifyWith(chain, { mode }, counted(counter), awsOwn);
        expectNotVerified(v);
        expect(v.checks.map((c) => [c.check, c.ok])).toEqual([
          ['service-account', true],
          ['token', true],
          ['issuer', false],
          ['expiry', true]
        ]);
        const host = new URL(chain.issuer).hostname;
        expect(check(v, 'issuer').detail).toBe(
          `the token's iss is ${chain.issuer}, but ${host} is a loopback address (127.0.0.0/8), which AWS STS, fetching the issuer's documents from the internet, can never reach; the IAM provider, the role and STS were not asked, since each must name the issuer that replaces it`
        );
        expect(check(v, 'issuer').fix).toMatch(/^serve the issuer from a public host/);
        expect(v.result.failure).toMatch(
          /^IRSA is not verified: issuer: the token's iss is https:\/\/127\.0\.0\.1:/
        );
        expect(counter.readCount + counter.writeCount).toBe(0);
        expect(
          chain.double.requests().filter((r) => r.method === 'POST' && r.path.includes('/pods'))
        ).toEqual([]);
        if (mode === 'both')
          expect(v.log.text()).toContain(
            "pod mode: not run, since the pod's token names the same issuer, which STS cannot reach (the issuer check)."
          );
        expectCleanAndSilent(chain, v);
      }
    );

    it('names an IPv6 literal issuer by its range, not as a name only the cluster resolves', async () => {
      const chain = await chainFor();
      const counter = new RequestCounter();
      const issuer = 'https://[fd00:ec2::254]/cluster';
      const segment = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
      // Claims are read before anything is verified: a token naming the issuer is enough.
      const forged = `${segment({ alg: 'RS256', kid: 'k' })}.${segment({ iss: issuer, sub: 's', aud: 'sts.amazonaws.com', exp: 4102444800 })}.c2ln`;
      const v = await verifyWith(
        chain,
        { mode: 'token' },
        (deps) => ({
          ...counted(counter)(deps),
          cluster: { ...deps.cluster, requestToken: async () => forged }
        }),
        awsOwn
      );
      expect(failedChecks(v)).toEqual(['issuer']);
      expect(check(v, 'issuer').detail).toMatch(
        /^the token's iss is https:\/\/\[fd00:ec2::254\]\/cluster, but fd00:ec2::254 is a unique local \(private\) address \(fc00::\/7\), which AWS STS/
      );
      expect(counter.readCount + counter.writeCount).toBe(0);
    });
  });

  describe("with the kubeconfig of another cluster than the role's", () => {
    // The role was made for one cluster; the step is given another's kubeconfig (a staging secret
    // for production, say). Re-pointing the role (irsa-role) would take it from its own cluster.
    const inputsFor = (other: Chain): Record<string, string> => ({
      mode: 'token',
      kubeconfig: other.double.kubeconfig(),
      'service-account': other.serviceAccount
    });

    it('says the role trusts the other issuer, before telling irsa-role to re-point it', async () => {
      const ours = await chainFor();
      const other = await chainFor();
      const v = await verify(ours, inputsFor(other));
      expectNotVerified(v);
      expect(failedChecks(v)).toEqual(['role-trust', 'assume-role']);
      expect(check(v, 'role-trust').fix).toBe(
        `the role trusts only ${ours.issuer}, not ${other.issuer}, which issued this cluster's token: if the kubeconfig is for another cluster than the role's, give that cluster's kubeconfig; else let the role trust system:serviceaccount:default:${other.serviceAccount} with aud sts.amazonaws.com through ${other.providerArn ?? ''}: run irsa-role for this service account (the role then no longer trusts ${ours.issuer})`
      );
      expectCleanAndSilent(other, v);
    });

    it("heads the summary with it when that cluster's issuer was never published either", async () => {
      const ours = await chainFor();
      const other = await chainFor({ withoutProvider: true });
      await other.removeObject(DISCOVERY_KEY);
      const v = await verify(ours, inputsFor(other));
      expectNotVerified(v);
      expect(failedChecks(v)).toEqual(['discovery', 'iam-provider', 'role-trust', 'assume-role']);
      const hint = `the role trusts only ${ours.issuer}, not ${other.issuer}, which issued this cluster's token: if the kubeconfig is for another cluster than the role's, give that cluster's kubeconfig; else `;
      expect(check(v, 'discovery').fix.slice(0, hint.length)).toBe(hint);
      expect(check(v, 'discovery').fix).toContain('run publish-oidc');
      expect(check(v, 'iam-provider').fix).toBe(
        `${hint}create the IAM OIDC provider for the issuer: run publish-oidc (or provision)`
      );
      expect(v.result.summary).toContain(`**Fix:** ${hint}the document is missing`);
      expect(v.result.failure).toContain(`Fix: ${hint}the document is missing`);
      expectCleanAndSilent(other, v);
    });

    it('leaves the fixes as they were when the role trusts this issuer', async () => {
      const chain = await chainFor({ withoutProvider: true });
      const v = await verify(chain, { mode: 'token' });
      expect(check(v, 'iam-provider').fix).toBe(
        'create the IAM OIDC provider for the issuer: run publish-oidc (or provision)'
      );
    });
  });
});
