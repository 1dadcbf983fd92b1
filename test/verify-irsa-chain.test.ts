// verify-irsa against the local stack: a chain built by hand (kube double → S3 issuer documents
// → IAM OIDC provider → role), verified through the strict STS gateway, then broken at the role
// and the service account (the issuer's links: verify-irsa-issuer.test.ts). Every scenario also checks that nothing it created is left and no token leaked.
import { describe, expect, it, jest } from '@jest/globals';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
  type GetCallerIdentityCommandOutput
} from '@aws-sdk/client-sts';
import { IAMClient, ListOpenIDConnectProvidersCommand } from '@aws-sdk/client-iam';
import { AWS_CALL_MS, boundingCalls } from '../src/aws/call-deadline.js';
import { clientConfig, namingFailedCalls } from '../src/aws/clients.js';
import { verifyDeps } from '../src/verify-irsa/deps.js';
import { parseVerifyInputs } from '../src/verify-irsa/inputs.js';
import type { VerifyDeps } from '../src/verify-irsa/run.js';
import { startFaultProxy, type Fault } from './stack/fault-proxy.js';
import { countedIam } from './fixtures/irsa-role/harness.js';
import {
  chainFor,
  check,
  contextFor,
  destroyChainsAfterEach,
  expectCleanAndSilent,
  expectNotVerified,
  failedChecks,
  verify,
  verifyWith
} from './fixtures/verify-irsa/harness.js';
import type { Chain } from './fixtures/verify-irsa/chain.js';

destroyChainsAfterEach();

describe('verify-irsa on the local stack', () => {
  it('masks all three parts of the credentials STS issues before it uses them', async () => {
    const chain = await chainFor();
    const seen: { credentials: Record<string, string>; maskedBefore: string[] }[] = [];
    const masked: string[] = [];
    const v = await verifyWith(chain, { mode: 'token' }, (deps) => ({
      ...deps,
      sts: {
        ...deps.sts,
        mask: (secret) => {
          masked.push(secret);
          deps.sts.mask(secret);
        },
        stsWithCredentials: (credentials) => {
          seen.push({ credentials: { ...credentials }, maskedBefore: [...masked] });
          return deps.sts.stsWithCredentials(credentials);
        }
      }
    }));
    expect(v.result.outputs.verified).toBe('true');
    expect(seen).toHaveLength(1);
    const [{ credentials, maskedBefore }] = seen as [(typeof seen)[number]];
    expect(Object.keys(credentials).sort()).toEqual(['accessKeyId', 'secretAccessKey', 'sessionToken']);
    for (const value of Object.values(credentials)) expect(maskedBefore).toContain(value);
  });

  it('outputs no assumed-role ARN when GetCallerIdentity answers with something else', async () => {
    const chain = await chainFor();
    const v = await verifyWith(chain, { mode: 'token' }, (deps) => ({
      ...deps,
      sts: {
        ...deps.sts,
        stsWithCredentials: (credentials) => {
          const client = deps.sts.stsWithCredentials(credentials);
          // STS as a misbehaving endpoint (a proxy, an emulator) might answer.
          client.middlewareStack.add(
            (next) => async (args) => {
              const answer = await next(args);
              return {
                ...answer,
                output: { ...(answer.output as GetCallerIdentityCommandOutput), Arn: 'not\nan ARN' }
              };
            },
            { step: 'initialize' }
          );
          return client;
        }
      }
    }));
    expectNotVerified(v);
    expect(v.result.outputs['assumed-role-arn']).toBe('');
    expect(check(v, 'caller-identity').detail).toBe('"not\\nan ARN" is no assumed-role ARN');
  });

  describe('while IAM propagates a change', () => {
    /** STS as the gateway runs it, but refusing the first `refusals` calls as a not-yet-propagated IAM does. */
    function lagging(deps: VerifyDeps, refusals: number, sleeps: number[]): VerifyDeps {
      let calls = 0;
      const sts = {
        send: (command: Parameters<STSClient['send']>[0]) => {
          calls += 1;
          if (calls <= refusals)
            return Promise.reject(
              Object.assign(new Error('Not authorized to perform sts:AssumeRoleWithWebIdentity'), {
                name: 'AccessDenied'
              })
            );
          return deps.sts.sts.send(command);
        }
      } as unknown as STSClient;
      return {
        ...deps,
        sts: { ...deps.sts, sts, sleep: async (ms) => void sleeps.push(ms) }
      };
    }

    it('asks STS again when every check passed but it refused, and verifies once IAM has caught up', async () => {
      const chain = await chainFor();
      const sleeps: number[] = [];
      const v = await verifyWith(chain, { mode: 'token' }, (deps) => lagging(deps, 2, sleeps));
      expect(v.result.outputs.verified).toBe('true');
      expect(sleeps).toEqual([2000, 4000]);
      expect(check(v, 'assume-role').detail).toBe(
        `STS issued credentials for ${chain.roleArn} (asked again for 6 s while IAM propagated recent changes)`
      );
    });

    it('gives up after about 30 s, saying how long it asked', async () => {
      const chain = await chainFor();
      const sleeps: number[] = [];
      const v = await verifyWith(chain, { mode: 'token' }, (deps) => lagging(deps, 99, sleeps));
      expectNotVerified(v);
      expect(sleeps).toEqual([2000, 4000, 8000, 16000]);
      expect(check(v, 'assume-role').detail).toMatch(
        /^STS refused AssumeRoleWithWebIdentity: AccessDenied: .* \(asked again for 30 s while IAM propagated recent changes\)$/
      );
    });

    it('does not wait when an earlier check already explains the refusal', async () => {
      const chain = await chainFor({ trustedSubject: 'system:serviceaccount:default:someone-else' });
      const sleeps: number[] = [];
      const v = await verifyWith(chain, { mode: 'token' }, (deps) => ({
        ...deps,
        sts: { ...deps.sts, sleep: async (ms) => void sleeps.push(ms) }
      }));
      expectNotVerified(v);
      expect(failedChecks(v)).toEqual(expect.arrayContaining(['role-trust', 'assume-role']));
      expect(sleeps).toEqual([]);
    });
  });

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
    expect(check(v, 'jwks').detail).toMatch(/ \(of 1 key\)$/);
    expect(v.result.summary).not.toContain('❌');
    // Every check passed, so no Fix column stands empty from top to bottom.
    expect(v.result.summary).toContain(
      '| Check | Result | Detail |\n| --- | --- | --- |\n| service-account | ✅ |'
    );
    // The token was masked the moment it arrived.
    expect(v.masked.some((m) => /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/.test(m))).toBe(true);
    expectCleanAndSilent(chain, v);
  });

  it('verifies a role whose IAM path holds punctuation, as IAM and irsa-role allow, and shows its ARN as text', async () => {
    const chain = await chainFor({ rolePath: '/team#1/<ci>:x/' });
    expect(chain.roleArn).toMatch(/:role\/team#1\/<ci>:x\/verify-role-/);
    const v = await verify(chain, { mode: 'both' });
    expect(v.checks.filter((c) => !c.ok)).toEqual([]);
    expect(v.result.outputs.verified).toBe('true');
    expect(v.result.summary).toContain(`assumes ${chain.roleArn.replace('<', '&lt;').replace('>', '&gt;')}`);
    expect(v.result.summary).not.toContain('<ci>');
    expectCleanAndSilent(chain, v);
  });

  it("leaves the provider and the role to STS when the workflow's AWS credentials are for another account", async () => {
    const chain = await chainFor();
    // Moto files the calls of a role's session under the role's account: IAM there holds none of
    // the chain. The SDK's default credential chain reads the process's environment.
    const sts = new STSClient({ region: 'us-east-1', endpoint: process.env.AWS_ENDPOINT_URL_STS });
    const session = await sts.send(
      new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::210987654321:role/ci', RoleSessionName: 'ci' })
    );
    sts.destroy();
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: session.Credentials?.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: session.Credentials?.SecretAccessKey,
      AWS_SESSION_TOKEN: session.Credentials?.SessionToken
    });
    const v = await verifyWith(chain, { mode: 'token' }, (deps) => deps).finally(() => {
      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
    });
    expect(v.checks.filter((c) => !c.ok)).toEqual([]);
    expect(v.checks.map((c) => c.check)).not.toContain('role');
    expect(v.checks.map((c) => c.check)).not.toContain('iam-provider');
    expect(v.result.outputs.verified).toBe('true');
    expect(v.log.text()).toContain(
      `::warning::IAM was not read: the workflow's AWS credentials are for account 210987654321, but the role is in ${chain.roleArn.split(':')[4]}`
    );
    expect(v.log.shownInSummary).toEqual([expect.stringMatching(/^IAM was not read: /)]);
    expect(v.result.summary).toContain('IAM OIDC provider<br/>⏸ not checked');
    // The reason is in the summary too, not only in the step's log.
    expect(v.result.summary).toContain(
      `⏸ not checked: IAM was not read: the workflow's AWS credentials are for account 210987654321, but the role is in ${chain.roleArn.split(':')[4]}, whose IAM OIDC provider STS uses.`
    );
    expectCleanAndSilent(chain, v);
  });

  it("does not wait out STS's retries to learn the credentials' account: without it, IAM is read", async () => {
    const chain = await chainFor();
    // Every GetCallerIdentity with the workflow's credentials (those before STS issues the role's)
    // hangs; the SDK alone would wait 8 attempts of 20 s.
    let assumed = false;
    const proxy = await startFaultProxy({
      target: process.env.AWS_ENDPOINT_URL_STS ?? '',
      rate: 1,
      faults: ['hang'],
      match: (request) => {
        if (request.action === 'AssumeRoleWithWebIdentity') assumed = true;
        return request.action === 'GetCallerIdentity' && !assumed;
      }
    });
    try {
      const v = await verifyWith(chain, { mode: 'token' }, (deps) => deps, {
        ...process.env,
        AWS_ENDPOINT_URL_STS: proxy.url
      });
      expect(v.checks.filter((c) => !c.ok)).toEqual([]);
      expect(v.checks.map((c) => c.check)).toEqual(expect.arrayContaining(['iam-provider', 'role-trust']));
      expect(proxy.injected.length).toBeGreaterThan(0);
    } finally {
      await proxy.stop();
    }
  }, 60_000);

  it("bounds each of token mode's AWS calls as a whole, and names the call that did not answer", async () => {
    const chain = await chainFor();
    // Taken and never answered: the SDK alone would wait 8 attempts of 20 s for each.
    const proxy = await startFaultProxy({
      target: process.env.AWS_ENDPOINT_URL ?? '',
      rate: 1,
      faults: ['hang'],
      match: (request) => ['ListOpenIDConnectProviders', 'AssumeRoleWithWebIdentity'].includes(request.action)
    });
    const env = { ...process.env, AWS_ENDPOINT_URL_IAM: proxy.url, AWS_ENDPOINT_URL_STS: proxy.url };
    const region = process.env.AWS_REGION ?? 'us-east-1';
    const iam = boundingCalls(
      namingFailedCalls(new IAMClient(clientConfig('IAM', region, env)), 'IAM'),
      'IAM',
      1500
    );
    const sts = boundingCalls(
      namingFailedCalls(new STSClient(clientConfig('STS', region, env)), 'STS'),
      'STS',
      1500
    );
    try {
      const v = await verifyWith(chain, { mode: 'token' }, (deps) => ({
        ...deps,
        iam,
        sts: { ...deps.sts, sts }
      }));
      expectNotVerified(v);
      expect(check(v, 'iam-provider')).toMatchObject({
        detail:
          "cannot list IAM OIDC providers (TimeoutError: IAM ListOpenIDConnectProviders did not complete within 1.5 s, the SDK's retries included)",
        fix: 'IAM or the network failed the read on every retry (throttling, a server error, a broken connection): run again'
      });
      expect(check(v, 'assume-role').detail).toBe(
        "STS did not answer AssumeRoleWithWebIdentity: TimeoutError: STS AssumeRoleWithWebIdentity did not complete within 1.5 s, the SDK's retries included"
      );
      expect(check(v, 'assume-role').fix).toMatch(
        /^STS did not answer in time: check that the runner reaches STS/
      );
      expect(proxy.injected.length).toBeGreaterThan(0);
      expectCleanAndSilent(chain, v);
    } finally {
      iam.destroy();
      sts.destroy();
      await proxy.stop();
    }
  }, 30_000);

  it('gives the IAM and STS clients that token mode uses the 45 s call deadline', async () => {
    const chain = await chainFor();
    const { ctx } = contextFor(chain, { mode: 'token' });
    const { deps, close } = await verifyDeps(parseVerifyInputs(ctx.read, ctx.env), ctx);
    const withCredentials = deps.sts.stsWithCredentials({
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      sessionToken: 'session'
    });
    // Each call's deadline has already passed when it starts: the error says which deadline it was,
    // without 45 s of waiting.
    const deadlines: number[] = [];
    const timeout = jest.spyOn(AbortSignal, 'timeout').mockImplementation((ms) => {
      deadlines.push(ms);
      return AbortSignal.abort();
    });
    try {
      const failures = await Promise.all(
        [
          deps.iam.send(new ListOpenIDConnectProvidersCommand({})),
          deps.sts.sts.send(new GetCallerIdentityCommand({})),
          withCredentials.send(new GetCallerIdentityCommand({}))
        ].map((call) =>
          call.then(
            () => 'answered',
            (error: unknown) => String(error)
          )
        )
      );
      expect(failures).toEqual([
        "TimeoutError: IAM ListOpenIDConnectProviders did not complete within 45 s, the SDK's retries included",
        "TimeoutError: STS GetCallerIdentity did not complete within 45 s, the SDK's retries included",
        "TimeoutError: STS GetCallerIdentity did not complete within 45 s, the SDK's retries included"
      ]);
      expect(deadlines).toEqual([AWS_CALL_MS, AWS_CALL_MS, AWS_CALL_MS]);
    } finally {
      timeout.mockRestore();
      withCredentials.destroy();
      close();
    }
  });

  it('names the role trust when the role trusts another service account', async () => {
    const chain = await chainFor({ trustedSubject: 'system:serviceaccount:default:someone-else' });
    const v = await verify(chain, { mode: 'token' });
    expectNotVerified(v);
    expect(failedChecks(v)).toEqual(['role-trust', 'assume-role']);
    expect(check(v, 'role-trust').detail).toContain('system:serviceaccount:default:someone-else');
    // Not "run irsa-role for this service account": re-binding the role would drop someone-else.
    expect(check(v, 'role-trust').fix).toBe(
      `the role trusts system:serviceaccount:default:someone-else, not system:serviceaccount:default:${chain.serviceAccount}: if the role is for that service account, set namespace and service-account to it; else add default/${chain.serviceAccount} to the role's service accounts (irsa-role's bindings take a list), which keeps the others`
    );
    expect(check(v, 'assume-role').detail).toContain('AccessDenied');
    expect(v.result.summary).toMatch(/role<br\/>[^"]*<br\/>❌ failed/);
    expectCleanAndSilent(chain, v);
  });

  it("gives each failed check its own next step once: STS's refusals name the role-trust check's fix", async () => {
    const chain = await chainFor({ trustedSubject: 'system:serviceaccount:default:someone-else' });
    const v = await verify(chain, { mode: 'both' });
    expectNotVerified(v);
    expect(failedChecks(v)).toEqual(['role-trust', 'assume-role', 'pod']);
    const trustFix = check(v, 'role-trust').fix;
    expect(trustFix).toMatch(
      /^the role trusts system:serviceaccount:default:someone-else, not system:serviceaccount:default:.*: if the role is for that service account, set namespace and service-account to it; else /
    );
    const named = "STS refused for the reason the role-trust check gives: apply that check's fix";
    expect(check(v, 'assume-role').fix).toBe(named);
    expect(check(v, 'pod').fix).toBe(named);
    // The headline gives the first failure's fix; the table gives each step once, on its own row.
    const summary = v.result.summary ?? '';
    expect(summary).toContain(`**Fix:** ${trustFix}`);
    const table = summary.slice(summary.indexOf('| Check | Result | Detail | Fix |'));
    expect(table.split('set namespace and service-account').length - 1).toBe(1);
    expectCleanAndSilent(chain, v);
  });

  // IAM failing a read on every retry is IAM's trouble: the fix says to run again, not to grant a
  // permission (as it did for throttling too); a refusal still names the permissions.
  it.each([
    ['throttle', /^IAM or the network failed the read on every retry .*: run again$/],
    ['access-denied', /^give the workflow's AWS credentials iam:ListOpenIDConnectProviders, /]
  ] as [Fault, RegExp][])(
    'names the fix for an IAM read that fails on every attempt: %s',
    async (fault, fix) => {
      const chain = await chainFor();
      const failing = await startFaultProxy({
        target: process.env.AWS_ENDPOINT_URL ?? '',
        rate: 1,
        faults: [fault],
        match: (request) => request.action === 'ListOpenIDConnectProviders'
      });
      const { iam } = countedIam(failing.url, { quickRetry: true });
      try {
        const v = await verifyWith(chain, { mode: 'token' }, (deps) => ({ ...deps, iam }));
        expectNotVerified(v);
        expect(check(v, 'iam-provider').fix).toMatch(fix);
        expect(failing.injected.length).toBeGreaterThan(0);
        expectCleanAndSilent(chain, v);
      } finally {
        iam.destroy();
        await failing.stop();
      }
    }
  );

  it('names the provider audience when the provider does not list the audience', async () => {
    const chain = await chainFor({ clientIds: ['sts.amazonaws.com'] });
    const v = await verify(chain, { mode: 'token', audience: 'vault' });
    expectNotVerified(v);
    expect(failedChecks(v)).toContain('provider-audience');
    expect(check(v, 'provider-audience').detail).toBe(
      "the provider lists client IDs sts.amazonaws.com, not the token's audience vault"
    );
    expect(check(v, 'assume-role').detail).toContain('InvalidIdentityToken');
    expect(check(v, 'assume-role').fix).toBe(
      "STS refused for the reason the provider-audience check gives: apply that check's fix"
    );
    expectCleanAndSilent(chain, v);
  });

  it('refuses a missing service account when told not to create it, and writes nothing', async () => {
    const chain = await chainFor();
    const v = await verify(chain, { mode: 'token', 'create-service-account': 'false' });
    expectNotVerified(v);
    expect(failedChecks(v)).toEqual(['service-account']);
    expect(check(v, 'service-account').fix).toBe('create it, or set create-service-account: true');
    expect(chain.double.requests().filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it.each([
    [
      'an API server it cannot reach',
      (chain: Chain) => ({
        kubeconfig: chain.double.kubeconfig().replace(chain.double.url, 'https://127.0.0.1:1')
      }),
      /^check that the runner reaches the API server/
    ],
    [
      'credentials the API server refuses',
      (chain: Chain) => ({ kubeconfig: chain.double.kubeconfig({ token: 'revoked-token' }) }),
      /^the API server refused the kubeconfig's credentials/
    ],
    [
      'a namespace that does not exist',
      () => ({ namespace: 'no-such-namespace' }),
      /^create the namespace no-such-namespace/
    ]
  ])('names %s, not RBAC, when the service account cannot be read or made', async (_what, inputs, fix) => {
    const chain = await chainFor();
    const v = await verify(chain, { mode: 'token', ...inputs(chain) });
    expectNotVerified(v);
    expect(failedChecks(v)).toEqual(['service-account']);
    expect(check(v, 'service-account').fix).toMatch(fix);
    expectCleanAndSilent(chain, v);
  });

  it('keeps what it created when cleanup is off, and never removes a service account it found', async () => {
    const chain = await chainFor();
    const first = await verify(chain, { mode: 'token', cleanup: 'false' });
    expect(first.result.outputs.verified).toBe('true');
    expect(check(first, 'service-account').detail).toMatch(/^created /);
    expect(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)).toBeDefined();

    const second = await verify(chain, { mode: 'token', 'create-service-account': 'false' });
    expect(second.result.outputs.verified).toBe('true');
    expect(check(second, 'service-account').detail).toMatch(/^found /);
    expect(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)).toBeDefined();
    expectCleanAndSilent(chain, second, false);
  });
});
