// The roles irsa-role writes, judged the way STS judges them: tokens for the bound service account
// are let in, anything else is turned away by the strict STS gateway in front of moto.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { publishIssuer, type PublishedIssuer } from './stack/oidc-fixture.js';
import { runIrsaRole, uniqueName } from './fixtures/irsa-role/harness.js';

let issuer: PublishedIssuer;
let sts: STSClient;
let arns: Record<string, string>;
const exact = uniqueName('irsa-sts-exact');
const pattern = uniqueName('irsa-sts-pattern');

beforeAll(async () => {
  issuer = await publishIssuer();
  sts = new STSClient({
    region: process.env.AWS_REGION ?? 'us-east-1',
    endpoint: process.env.AWS_ENDPOINT_URL_STS
  });
  const run = await runIrsaRole({
    'issuer-url': issuer.issuer,
    'allow-wildcards': 'true',
    bindings: [
      `- {role-name: ${exact}, namespace: apps, service-account: [api, worker]}`,
      `- {role-name: ${pattern}, namespace: 'batch-*', service-account: runner}`
    ].join('\n')
  });
  if (run.error || run.result?.failure) throw run.error ?? new Error(run.result?.failure);
  arns = JSON.parse(run.result?.outputs['role-arns'] ?? '{}') as Record<string, string>;
});

async function assume(role: string, claims: Record<string, unknown>): Promise<string> {
  const token = await issuer.sign(claims);
  try {
    const out = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: arns[role],
        RoleSessionName: 'irsa-test',
        WebIdentityToken: token
      })
    );
    return out.AssumedRoleUser?.Arn ? 'allowed' : 'no credentials';
  } catch (error) {
    return (error as Error).name;
  }
}

describe('trust policies as STS evaluates them', () => {
  it('lets each bound service account in', async () => {
    expect(await assume(exact, { sub: 'system:serviceaccount:apps:api' })).toBe('allowed');
    expect(await assume(exact, { sub: 'system:serviceaccount:apps:worker' })).toBe('allowed');
  });

  it('turns away another service account, another namespace and another audience', async () => {
    expect(await assume(exact, { sub: 'system:serviceaccount:apps:intruder' })).toBe('AccessDenied');
    expect(await assume(exact, { sub: 'system:serviceaccount:other:api' })).toBe('AccessDenied');
    expect(await assume(exact, { sub: 'system:serviceaccount:apps:api', aud: ['vault'] })).toBe(
      'InvalidIdentityTokenException'
    );
  });

  it('matches a namespace pattern under StringLike and nothing outside it', async () => {
    expect(await assume(pattern, { sub: 'system:serviceaccount:batch-7:runner' })).toBe('allowed');
    expect(await assume(pattern, { sub: 'system:serviceaccount:batch-nightly:runner' })).toBe('allowed');
    expect(await assume(pattern, { sub: 'system:serviceaccount:prod:runner' })).toBe('AccessDenied');
    expect(await assume(pattern, { sub: 'system:serviceaccount:batch-7:other' })).toBe('AccessDenied');
  });
});
