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
import { countedIam, createProvider, rolesNamed, trustOf, uniqueName } from './fixtures/irsa-role/harness.js';

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

// moto refuses Version 2008-10-17 in a role policy (real IAM accepts it): a refusal the checks
// before the first write cannot foresee.
const REFUSED_INLINE = JSON.stringify({
  Version: '2008-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }]
});

/** Runs the bundle killed right after its k-th write landed; returns the mark before it. */
async function killedAfter(k: number, inputs: Record<string, string>): Promise<number> {
  const env = { AWS_ENDPOINT_URL: observer.url };
  const mark = observer.seen.length;
  const abort = new AbortController();
  kill.arm(k, () => abort.abort());
  const killed = await runBundle('irsa-role', inputs, { env, signal: abort.signal });
  kill.disarm();
  expect(killed.status).not.toBe(0);
  return mark;
}

// A run whose inline policy IAM refuses creates the role, attaches its policy, is refused, then
// detaches and deletes the role. Killed after any of those writes but the last, it leaves the role
// marked unfinished; the next run, refused in turn, deletes it, as the killed run would have.
it('irsa-role killed before its refused inline policy or before undoing it: the next run, refused too, deletes the role', async () => {
  const env = { AWS_ENDPOINT_URL: observer.url };
  const refusedInputs = (roleName: string): Record<string, string> => ({
    ...inputsFor(roleName),
    'inline-policy': REFUSED_INLINE
  });
  const clean = uniqueName('irsa-resume-refused');
  const cleanMark = observer.seen.length;
  const cleanRun = await runBundle('irsa-role', refusedInputs(clean), { env });
  expect(cleanRun.errors.join(' ')).toMatch(/created for it was deleted again\.$/);
  const writes = writesSince(observer, cleanMark);
  expect(writes).toEqual([
    'iam:CreateRole',
    'iam:AttachRolePolicy',
    'iam:PutRolePolicy',
    'iam:DetachRolePolicy',
    'iam:DeleteRole'
  ]);

  const outcomes: string[] = [];
  for (let k = 1; k <= writes.length; k++) {
    const roleName = uniqueName(`irsa-resume-refused-${k}`);
    const mark = await killedAfter(k, refusedInputs(roleName));
    const left = (await rolesNamed(iam, roleName)).length > 0;
    const rerun = await runBundle('irsa-role', refusedInputs(roleName), { env });
    const said =
      /(created for it was deleted again|which another run created and did not finish, was deleted)\.$/.exec(
        rerun.errors.join(' ')
      )?.[1];
    outcomes.push(
      `after ${writesSince(observer, mark)[k - 1]}: role left ${left}, rerun ${rerun.status}: ${said}, role now ${(await rolesNamed(iam, roleName)).length > 0}`
    );
  }
  const unfinished = 'which another run created and did not finish, was deleted';
  expect(outcomes).toEqual([
    `after iam:CreateRole: role left true, rerun 1: ${unfinished}, role now false`,
    `after iam:AttachRolePolicy: role left true, rerun 1: ${unfinished}, role now false`,
    `after iam:PutRolePolicy: role left true, rerun 1: ${unfinished}, role now false`,
    `after iam:DetachRolePolicy: role left true, rerun 1: ${unfinished}, role now false`,
    // Gone already: the rerun creates it afresh, and deletes it as its own.
    'after iam:DeleteRole: role left false, rerun 1: created for it was deleted again, role now false'
  ]);
}, 240000);

it('irsa-role killed after removing the creation marker: the next run changes nothing', async () => {
  const env = { AWS_ENDPOINT_URL: observer.url };
  const roleName = uniqueName('irsa-resume-unmarked');
  // CreateRole, AttachRolePolicy, PutRolePolicy, then UntagRole: the last write of a first run.
  const killedMark = await killedAfter(4, inputsFor(roleName));
  expect(writesSince(observer, killedMark)[3]).toBe('iam:UntagRole');
  const mark = observer.seen.length;
  const rerun = await runBundle('irsa-role', inputsFor(roleName), { env });
  expect(rerun.status).toBe(0);
  expect(rerun.outputs['changed']).toBe('false');
  expect(writesSince(observer, mark)).toEqual([]);
}, 60000);
