// irsa-role under load: many bindings through the bounded pool, and IAM failing requests the way
// it does when throttled or unwell (through the fault-injection proxy in front of moto).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
  type IAMClient
} from '@aws-sdk/client-iam';
import { requestKind } from '../bench/request-kinds.js';
import { startFaultProxy, type FaultProxy } from './stack/fault-proxy.js';
import {
  countedIam,
  createProvider,
  rolesNamed,
  runIrsaRole,
  trustOf,
  uniqueName
} from './fixtures/irsa-role/harness.js';

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const S3_READ_ONLY = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
const INLINE =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';

let iam: IAMClient;
let provider: { issuer: string; arn: string; hostPath: string };
const proxies: FaultProxy[] = [];

beforeAll(async () => {
  ({ iam } = countedIam());
  provider = await createProvider(iam);
});

afterAll(async () => {
  for (const proxy of proxies) await proxy.stop();
});

function bindingsYaml(prefix: string, count: number): string {
  return Array.from(
    { length: count },
    (_, i) => `- {role-name: ${prefix}-${i}, namespace: ns-${i % 7}, service-account: sa-${i}}`
  ).join('\n');
}

async function proxy(options: Parameters<typeof startFaultProxy>[0]): Promise<FaultProxy> {
  const started = await startFaultProxy(options);
  proxies.push(started);
  return started;
}

describe('many bindings', () => {
  it('converges 100 roles, then a second run writes nothing', async () => {
    const prefix = uniqueName('irsa-100');
    const inputs = {
      'provider-arn': provider.arn,
      'policy-arns': READ_ONLY,
      bindings: bindingsYaml(prefix, 100)
    };
    // How fast is the bench's to say (npm run bench), not a test's: a timed assertion flakes.
    const first = await runIrsaRole(inputs);
    expect(first.error).toBeUndefined();
    expect(first.result?.failure).toBeUndefined();
    expect(Object.keys(JSON.parse(first.result?.outputs['role-arns'] ?? '{}') as object)).toHaveLength(100);
    expect(await trustOf(iam, `${prefix}-42`)).toMatchObject({
      Statement: [
        { Condition: { StringEquals: { [`${provider.hostPath}:sub`]: 'system:serviceaccount:ns-0:sa-42' } } }
      ]
    });

    const { iam: counted, counter } = countedIam();
    const second = await runIrsaRole(inputs, { iam: counted });
    expect(second.result?.outputs.changed).toBe('false');
    expect(counter.writeCount).toBe(0);
    // GetRole and ListAttachedRolePolicies per role, one GetPolicy, the provider lookup.
    expect(counter.reads.get('GetRole')).toBe(100);
    expect(counter.reads.get('GetPolicy')).toBe(1);
  });
});

describe('IAM faults', () => {
  it('retries throttling (400 Throttling) until every role is right', async () => {
    const throttling = await proxy({
      target: process.env.AWS_ENDPOINT_URL ?? '',
      // The benchmark issue's 20%. At 30% a CI run once failed a role with "Rate exceeded" once the
      // SDK's retries gave out (its 8 attempts, or its retry quota: 500 tokens, 5 a throttled retry):
      // which request meets which seeded draw depends on how the 20 roles' requests interleave.
      rate: 0.2,
      seed: 7,
      faults: ['throttle'],
      failFirst: 3
    });
    const { iam: throughProxy } = countedIam(throttling.url, { quickRetry: true });
    const prefix = uniqueName('irsa-throttle');
    const run = await runIrsaRole(
      { 'provider-arn': provider.arn, 'policy-arns': READ_ONLY, bindings: bindingsYaml(prefix, 20) },
      { iam: throughProxy }
    );
    expect(run.error).toBeUndefined();
    expect(run.result?.failure).toBeUndefined();
    expect(throttling.injected.length).toBeGreaterThan(5);
    expect(new Set(throttling.injected.map((f) => f.service))).toEqual(new Set(['iam']));
    // Writes were throttled too, and retried without a duplicate-entity error.
    expect(
      throttling.injected.some((f) => f.action === 'CreateRole' || f.action === 'AttachRolePolicy')
    ).toBe(true);
    for (const i of [0, 9, 19])
      expect(await trustOf(iam, `${prefix}-${i}`)).toMatchObject({
        Statement: [{ Principal: { Federated: provider.arn } }]
      });
  });

  it('retries 500s and dropped connections', async () => {
    const flaky = await proxy({
      target: process.env.AWS_ENDPOINT_URL ?? '',
      rate: 0.25,
      seed: 11,
      faults: ['server-error', 'reset'],
      failFirst: 2
    });
    const { iam: throughProxy } = countedIam(flaky.url, { quickRetry: true });
    const inputs = {
      'provider-arn': provider.arn,
      'policy-arns': READ_ONLY,
      bindings: bindingsYaml(uniqueName('irsa-flaky'), 6)
    };
    const run = await runIrsaRole(inputs, { iam: throughProxy });
    expect(run.error).toBeUndefined();
    expect(run.result?.failure).toBeUndefined();
    expect(flaky.injected.map((f) => f.fault)).toEqual(expect.arrayContaining(['server-error', 'reset']));
    const again = await runIrsaRole(inputs, { iam: throughProxy });
    expect(again.result?.outputs.changed).toBe('false');
  });

  it('converges a role whose CreateRole landed but whose answer was lost', async () => {
    const lossy = await proxy({
      target: process.env.AWS_ENDPOINT_URL ?? '',
      faults: ['drop-response'],
      failFirst: 1,
      match: (request) => request.action === 'CreateRole'
    });
    const { iam: throughProxy } = countedIam(lossy.url, { quickRetry: true });
    const roleName = uniqueName('irsa-lost');
    const run = await runIrsaRole(
      {
        'provider-arn': provider.arn,
        'role-name': roleName,
        namespace: 'apps',
        'service-account': 'api',
        'policy-arns': READ_ONLY
      },
      { iam: throughProxy }
    );
    expect(lossy.injected.map((f) => [f.action, f.fault])).toEqual([['CreateRole', 'drop-response']]);
    expect(run.error).toBeUndefined();
    expect(run.result?.failure).toBeUndefined();
    expect(run.result?.outputs['role-arn']).toContain(`:role/${roleName}`);
    expect(await trustOf(iam, roleName)).toMatchObject({
      Statement: [
        { Condition: { StringEquals: { [`${provider.hostPath}:sub`]: 'system:serviceaccount:apps:api' } } }
      ]
    });
  });

  // The retried CreateRole meets the role its first attempt made: the run goes on as one that created
  // it, as a run without the fault would (it said "no change" and changed=false, and left the role
  // behind when IAM then refused its inline policy).
  const lostCreate = (): Promise<FaultProxy> =>
    proxy({
      target: process.env.AWS_ENDPOINT_URL ?? '',
      faults: ['drop-response'],
      failFirst: 1,
      match: (request) => request.action === 'CreateRole'
    });
  // moto refuses Version 2008-10-17 in a role policy (real IAM accepts it): a refusal the checks
  // before the first write cannot foresee.
  const refusedInline = JSON.stringify({
    Version: '2008-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }]
  });

  it('says it created the role whose CreateRole answer was lost', async () => {
    const lossy = await lostCreate();
    const { iam: throughProxy } = countedIam(lossy.url, { quickRetry: true });
    const roleName = uniqueName('irsa-lost-bare');
    const run = await runIrsaRole(
      { 'provider-arn': provider.arn, 'role-name': roleName, namespace: 'apps', 'service-account': 'api' },
      { iam: throughProxy }
    );
    expect(lossy.injected.map((f) => [f.action, f.fault])).toEqual([['CreateRole', 'drop-response']]);
    expect(run.result?.failure).toBeUndefined();
    expect(run.result?.outputs.changed).toBe('true');
    expect(run.result?.summary).toContain('1 role: 1 changed, 0 unchanged.');
    expect(run.log.lines).toContain(
      `${roleName}: created the role (arn:aws:iam::123456789012:role/${roleName}).`
    );
  });

  it('deletes the role its CreateRole made, answer lost, when IAM then refuses the inline policy', async () => {
    const lossy = await lostCreate();
    const { iam: throughProxy } = countedIam(lossy.url, { quickRetry: true });
    const roleName = uniqueName('irsa-lost-undo');
    const run = await runIrsaRole(
      {
        'provider-arn': provider.arn,
        'role-name': roleName,
        namespace: 'apps',
        'service-account': 'api',
        'policy-arns': READ_ONLY,
        'inline-policy': refusedInline
      },
      { iam: throughProxy }
    );
    expect(lossy.injected.map((f) => [f.action, f.fault])).toEqual([['CreateRole', 'drop-response']]);
    expect(run.result?.failure).toMatch(
      new RegExp(
        `IAM rejected the inline policy .* The role ${roleName} created for it was deleted again\\.$`
      )
    );
    expect(run.result?.outputs.changed).toBe('false');
    expect(await rolesNamed(iam, roleName)).toEqual([]);
  });

  it('leaves a role that another run created first alone when IAM then refuses the inline policy', async () => {
    const roleName = uniqueName('irsa-theirs');
    const inputs = {
      'provider-arn': provider.arn,
      'role-name': roleName,
      namespace: 'apps',
      'service-account': 'api'
    };
    let theirs: Promise<unknown> | undefined;
    // The other run's role is just as this one's CreateRole would make it; only this run's own
    // retried create may take it for its own.
    const race = await proxy({
      target: process.env.AWS_ENDPOINT_URL ?? '',
      before: async (request) => {
        if (request.action !== 'CreateRole') return;
        theirs ??= runIrsaRole(inputs);
        await theirs;
      }
    });
    const { iam: throughProxy } = countedIam(race.url, { quickRetry: true });
    const run = await runIrsaRole({ ...inputs, 'inline-policy': refusedInline }, { iam: throughProxy });
    expect(theirs).toBeDefined();
    expect(run.result?.failure).toMatch(/IAM rejected the inline policy \(.*\)\.$/);
    expect(await rolesNamed(iam, roleName)).toEqual([roleName]);
  });

  // Each write in turn is applied and its answer lost, so the SDK sends it again and it meets its own
  // effect: a policy already attached or put, a tag already set, a policy or boundary already removed.
  // Whichever it is, the run succeeds, says what a run without the fault says, and leaves the role so.
  it('takes every write whose answer was lost, met again by its retry, for done', async () => {
    /** The role as made before: another service account, policies, a boundary and a hand-added inline policy. */
    const madeBefore = async (roleName: string): Promise<void> => {
      const made = await runIrsaRole({
        'provider-arn': provider.arn,
        'role-name': roleName,
        namespace: 'apps',
        'service-account': 'api',
        'policy-arns': READ_ONLY,
        'inline-policy': INLINE,
        'permissions-boundary': READ_ONLY,
        tags: 'team=platform'
      });
      expect(made.result?.failure).toBeUndefined();
      await iam.send(
        new PutRolePolicyCommand({ RoleName: roleName, PolicyName: 'by-hand', PolicyDocument: INLINE })
      );
    };
    const changed = (roleName: string): Record<string, string> => ({
      'provider-arn': provider.arn,
      'role-name': roleName,
      namespace: 'apps',
      'service-account': 'worker',
      'policy-arns': S3_READ_ONLY,
      tags: 'team=infra',
      'max-session-duration': '7200',
      'prune-policies': 'true'
    });
    const roleState = async (roleName: string): Promise<string> => {
      const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
      const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
      const inline = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }));
      return JSON.stringify({
        trust: await trustOf(iam, roleName),
        attached: (attached.AttachedPolicies ?? []).map((policy) => policy.PolicyArn),
        inline: inline.PolicyNames,
        tags: (role?.Tags ?? []).map((tag) => `${tag.Key}=${tag.Value}`).sort(),
        maxSession: role?.MaxSessionDuration,
        boundary: role?.PermissionsBoundary?.PermissionsBoundaryArn
      });
    };
    /** The run's failure or 'ok', and the changes it logged for the role (without its ARN). */
    const outcome = (run: Awaited<ReturnType<typeof runIrsaRole>>, roleName: string): string => {
      const line = run.log.lines.find((logged) => logged.startsWith(`${roleName}: `)) ?? '';
      const changes = line.slice(roleName.length + 2).replace(/ \(arn:[^)]*\)\.$/, '');
      return `${run.result?.failure ?? run.error?.message ?? 'ok'}: ${changes}`;
    };

    const clean = uniqueName('irsa-lost-each');
    await madeBefore(clean);
    const observer = await proxy({ target: process.env.AWS_ENDPOINT_URL ?? '' });
    const { iam: observed } = countedIam(observer.url, { quickRetry: true });
    const cleanRun = await runIrsaRole(changed(clean), { iam: observed });
    const writes = observer.seen.filter((request) => requestKind(request) === 'write').map((r) => r.action);
    expect(writes).toEqual([
      'UpdateAssumeRolePolicy',
      'UpdateRole',
      'DeleteRolePermissionsBoundary',
      'TagRole',
      'AttachRolePolicy',
      'DetachRolePolicy',
      'DeleteRolePolicy',
      'DeleteRolePolicy'
    ]);
    const wanted = await roleState(clean);
    const said = outcome(cleanRun, clean);

    const outcomes: string[] = [];
    for (let k = 1; k <= writes.length; k++) {
      const roleName = uniqueName(`irsa-lost-each-${k}`);
      await madeBefore(roleName);
      let seenWrites = 0;
      const lossy = await proxy({
        target: process.env.AWS_ENDPOINT_URL ?? '',
        faults: ['drop-response'],
        failFirst: 1,
        match: (request) => requestKind(request) === 'write' && ++seenWrites === k
      });
      const { iam: throughProxy } = countedIam(lossy.url, { quickRetry: true });
      const run = await runIrsaRole(changed(roleName), { iam: throughProxy });
      const { iam: counted, counter } = countedIam();
      await runIrsaRole(changed(roleName), { iam: counted });
      outcomes.push(
        `${lossy.injected.map((fault) => fault.action).join()} lost: ${outcome(run, roleName)}, role as wanted ${(await roleState(roleName)) === wanted}, then ${counter.writeCount} writes`
      );
    }
    expect(outcomes).toEqual(
      writes.map((write) => `${write} lost: ${said}, role as wanted true, then 0 writes`)
    );
  });

  it('fails the step naming the role when IAM keeps throttling past the retry budget', async () => {
    const wall = await proxy({
      target: process.env.AWS_ENDPOINT_URL ?? '',
      rate: 1,
      faults: ['throttle'],
      match: (request) => request.action === 'CreateRole'
    });
    const { iam: throughProxy } = countedIam(wall.url, { quickRetry: true });
    const roleName = uniqueName('irsa-wall');
    const run = await runIrsaRole(
      { 'provider-arn': provider.arn, 'role-name': roleName, namespace: 'apps', 'service-account': 'x' },
      { iam: throughProxy }
    );
    expect(run.error).toBeUndefined();
    expect(run.result?.failure).toMatch(/Rate exceeded/);
    expect(run.result?.outputs.changed).toBe('false');
    expect(wall.injected.filter((f) => f.action === 'CreateRole').length).toBe(8);
  });

  it('still reports the role it created when a later write of the same role fails', async () => {
    const wall = await proxy({
      target: process.env.AWS_ENDPOINT_URL ?? '',
      rate: 1,
      faults: ['throttle'],
      match: (request) => request.action === 'AttachRolePolicy'
    });
    const { iam: throughProxy } = countedIam(wall.url, { quickRetry: true });
    const roleName = uniqueName('irsa-half');
    const run = await runIrsaRole(
      {
        'provider-arn': provider.arn,
        'role-name': roleName,
        namespace: 'apps',
        'service-account': 'x',
        'policy-arns': READ_ONLY
      },
      { iam: throughProxy }
    );
    expect(run.result?.failure).toMatch(/Rate exceeded/);
    // The role is in IAM, assumable, without its policy: the outputs and summary must say so.
    const arn = `arn:aws:iam::123456789012:role/${roleName}`;
    expect(run.result?.outputs).toEqual({
      'role-arn': arn,
      'role-arns': JSON.stringify({ [roleName]: arn }),
      changed: 'true'
    });
    expect(run.result?.summary).toContain(`| \`${arn}\` |`);
    expect(run.result?.summary).toContain('created the role<br>**failed:** ');
  });
});
