// An irsa-role run killed after each of its writes in turn, then run again, converges to the role
// its inputs describe, and a third run changes nothing: no kill point leaves a role the next run
// cannot finish or one that trusts more than the inputs say.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import {
  GetRolePolicyCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  type IAMClient
} from '@aws-sdk/client-iam';
import { startFaultProxy, type FaultProxy } from './stack/fault-proxy.js';
import { runBundle } from './harness/run-bundle.js';
import {
  convergedAfter,
  killAfterWriteThenRerun,
  WriteKill,
  writesSince
} from './harness/kill-after-write.js';
import { countedIam, createProvider, trustOf, uniqueName } from './fixtures/irsa-role/harness.js';

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const S3_READ_ONLY = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
const INLINE =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
const OTHER_INLINE =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:GetQueueUrl","Resource":"*"}]}';

let iam: IAMClient;
let provider: { issuer: string; arn: string; hostPath: string };
let observer: FaultProxy;
const kill = new WriteKill();

beforeAll(async () => {
  ({ iam } = countedIam());
  provider = await createProvider(iam);
  // Rate 0: it only records the requests, and stops a run at its k-th write.
  observer = await startFaultProxy({
    target: process.env.AWS_ENDPOINT_URL as string,
    rate: 0,
    ...kill.hooks
  });
});

afterAll(async () => {
  await observer?.stop();
});

const inputsFor = (roleName: string): Record<string, string> => ({
  'provider-arn': provider.arn,
  'role-name': roleName,
  namespace: 'apps',
  'service-account': 'api',
  'policy-arns': READ_ONLY,
  'inline-policy': INLINE,
  tags: 'team=platform'
});

/** What the role holds that the inputs decide: trust, attachments, inline policies, tags, session length. */
async function roleState(roleName: string): Promise<string> {
  const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
  const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
  const inlineNames = (await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames ?? [];
  const inline = await Promise.all(
    inlineNames.map(async (name) => {
      const found = await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name }));
      return [name, JSON.parse(decodeURIComponent(found.PolicyDocument ?? '{}')) as unknown];
    })
  );
  return JSON.stringify({
    trust: await trustOf(iam, roleName),
    attached: (attached.AttachedPolicies ?? []).map((policy) => policy.PolicyArn).sort(),
    inline,
    tags: (role?.Tags ?? []).map((tag) => `${tag.Key}=${tag.Value}`).sort(),
    maxSession: role?.MaxSessionDuration,
    boundary: role?.PermissionsBoundary?.PermissionsBoundaryArn
  });
}

it('irsa-role killed after each of its writes in turn, then run again, converges and a third run changes nothing', async () => {
  const env = { AWS_ENDPOINT_URL: observer.url };
  const clean = uniqueName('irsa-resume-clean');
  const cleanMark = observer.seen.length;
  expect((await runBundle('irsa-role', inputsFor(clean), { env })).status).toBe(0);
  const writes = writesSince(observer, cleanMark);
  expect(writes).toEqual(
    expect.arrayContaining(['iam:CreateRole', 'iam:AttachRolePolicy', 'iam:PutRolePolicy'])
  );
  const wanted = await roleState(clean);
  expect(wanted).toContain(READ_ONLY);
  expect(wanted).toContain('s3:GetObject');
  expect(wanted).toContain('team=platform');

  const outcomes: string[] = [];
  for (let k = 1; k <= writes.length; k++) {
    const roleName = uniqueName(`irsa-resume-${k}`);
    const run = await killAfterWriteThenRerun('irsa-role', inputsFor(roleName), {
      proxy: observer,
      kill,
      env,
      k
    });
    outcomes.push(`${run}, role as inputs ${(await roleState(roleName)) === wanted}`);
  }
  expect(outcomes).toEqual(writes.map((write) => `${convergedAfter(write)}, role as inputs true`));
}, 240000);

// Every write of a run that changes a role made before: the trust policy (another service account),
// the session length and description, a permissions boundary, tags, a policy swap with pruning and
// the inline policy. Killed after each, the role still carries one whole trust policy, the old or
// the new, and the next run finishes the change.
it('irsa-role changing a role, killed after each of its writes in turn, then run again, converges', async () => {
  const env = { AWS_ENDPOINT_URL: observer.url };
  const changedInputsFor = (roleName: string): Record<string, string> => ({
    ...inputsFor(roleName),
    'service-account': 'worker',
    'policy-arns': S3_READ_ONLY,
    'inline-policy': OTHER_INLINE,
    tags: 'team=infra\nowner=payments',
    'max-session-duration': '7200',
    'permissions-boundary': READ_ONLY,
    'prune-policies': 'true'
  });
  const made = async (roleName: string): Promise<void> => {
    expect((await runBundle('irsa-role', inputsFor(roleName), { env })).status).toBe(0);
  };
  const clean = uniqueName('irsa-resume-change');
  await made(clean);
  const before = JSON.stringify(await trustOf(iam, clean));
  const cleanMark = observer.seen.length;
  expect((await runBundle('irsa-role', changedInputsFor(clean), { env })).status).toBe(0);
  const writes = writesSince(observer, cleanMark);
  expect(writes).toEqual([
    'iam:UpdateAssumeRolePolicy',
    'iam:UpdateRole',
    'iam:PutRolePermissionsBoundary',
    'iam:TagRole',
    'iam:AttachRolePolicy',
    'iam:DetachRolePolicy',
    'iam:PutRolePolicy'
  ]);
  const after = JSON.stringify(await trustOf(iam, clean));
  const wanted = await roleState(clean);

  const outcomes: string[] = [];
  for (let k = 1; k <= writes.length; k++) {
    const roleName = uniqueName(`irsa-resume-change-${k}`);
    await made(roleName);
    const wholeTrust = async (): Promise<string> => {
      const trust = JSON.stringify(await trustOf(iam, roleName));
      return `trust ${trust === before ? 'old' : trust === after ? 'new' : 'partial'}`;
    };
    const run = await killAfterWriteThenRerun('irsa-role', changedInputsFor(roleName), {
      proxy: observer,
      kill,
      env,
      k,
      afterKill: wholeTrust
    });
    outcomes.push(`${run}, role as inputs ${(await roleState(roleName)) === wanted}`);
  }
  expect(outcomes).toEqual(
    writes.map((write) => `${convergedAfter(write, 'trust new')}, role as inputs true`)
  );
}, 240000);
