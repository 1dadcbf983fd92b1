// irsa-role against moto: the trust documents IAM holds afterwards, convergence, and pruning.
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  DeleteOpenIDConnectProviderCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
  AttachRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  type IAMClient
} from '@aws-sdk/client-iam';
import type { RequestCounter } from '../src/aws/clients.js';
import { UserError } from '../src/io/errors.js';
import { mapInputReader } from '../src/io/inputs.js';
import { MemoryLogger } from '../src/io/logger.js';
import { loadYamlParser } from '../src/io/yaml.js';
import { readIrsaRoleInputs } from '../src/irsa-role/inputs.js';
import { run as runIrsaRoleLogic } from '../src/irsa-role/run.js';
import type { ServiceAccounts } from '../src/irsa-role/service-account-annotation.js';
import { issuerOfTag } from '../src/trust/issuer-tag.js';
import { decodeIamDocument } from '../src/trust/policy-document.js';
import { startFaultProxy, type ProxiedRequest } from './stack/fault-proxy.js';
import {
  countedIam,
  createPolicies,
  createProvider,
  runIrsaRole,
  trustOf,
  uniqueName
} from './fixtures/irsa-role/harness.js';

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
const SQS_FULL = 'arn:aws:iam::aws:policy/AmazonSQSFullAccess';

let iam: IAMClient;
let counter: RequestCounter;
let provider: { issuer: string; arn: string; hostPath: string };

beforeAll(async () => {
  ({ iam, counter } = countedIam());
  provider = await createProvider(iam);
});

function trustFor(subject: string | string[], aud = 'sts.amazonaws.com'): unknown {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: provider.arn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { [`${provider.hostPath}:sub`]: subject, [`${provider.hostPath}:aud`]: aud }
        }
      }
    ]
  };
}

async function attached(roleName: string): Promise<string[]> {
  const page = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
  return (page.AttachedPolicies ?? []).map((p) => p.PolicyArn ?? '').sort();
}

async function inlineNames(roleName: string): Promise<string[]> {
  return ((await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames ?? []).sort();
}

describe('single binding', () => {
  it('creates the role with exactly the IRSA trust policy, tags and settings, found by issuer URL', async () => {
    const roleName = uniqueName('irsa-single');
    const run = await runIrsaRole({
      'issuer-url': provider.issuer,
      'role-name': roleName,
      namespace: 'apps',
      'service-account': 'uploader',
      'policy-arns': `${READ_ONLY}\n${S3_READ}`,
      'max-session-duration': '7200',
      tags: 'team=platform'
    });
    expect(run.error).toBeUndefined();
    const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
    expect(run.result?.outputs).toEqual({
      'role-arn': role?.Arn,
      'role-arns': JSON.stringify({ [roleName]: role?.Arn }),
      changed: 'true'
    });
    expect(decodeIamDocument(role?.AssumeRolePolicyDocument ?? '')).toEqual(
      trustFor('system:serviceaccount:apps:uploader')
    );
    expect(role?.MaxSessionDuration).toBe(7200);
    expect(role?.Description).toBe(
      'IRSA role for system:serviceaccount:apps:uploader (managed by talos-irsa)'
    );
    expect(Object.fromEntries((role?.Tags ?? []).map((t) => [t.Key, t.Value]))).toEqual({
      team: 'platform',
      'managed-by': 'talos-irsa',
      'talos-irsa/issuer': provider.issuer
    });
    expect(await attached(roleName)).toEqual([S3_READ, READ_ONLY].sort());
    expect(run.result?.summary).toContain(`\`apps/uploader\``);
    expect(run.result?.summary).toContain('created the role');
    expect(run.result?.summary.split('\n')[0]).toBe('### IRSA roles: 1 role changed');
  });

  it('makes only reads on a second run with the same inputs and reports changed=false', async () => {
    const roleName = uniqueName('irsa-idem');
    const inputs = {
      'provider-arn': provider.arn,
      'role-name': roleName,
      namespace: 'apps',
      'service-account': 'worker',
      'policy-arns': READ_ONLY,
      'inline-policy':
        'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: [s3:GetObject, s3:PutObject]\n    Resource: "*"\n',
      'permissions-boundary': READ_ONLY,
      tags: 'team=a',
      'prune-policies': 'true'
    };
    const first = await runIrsaRole(inputs, { iam });
    expect(first.error).toBeUndefined();
    expect(first.result?.outputs.changed).toBe('true');
    const writesBefore = counter.writeCount;
    const readsBefore = counter.readCount;
    const second = await runIrsaRole(inputs, { iam });
    expect(second.error).toBeUndefined();
    expect(second.result?.outputs.changed).toBe('false');
    expect(counter.writeCount - writesBefore).toBe(0);
    expect(counter.readCount - readsBefore).toBeGreaterThan(0);
    expect(second.log.text()).toContain('Nothing to change');
    expect(second.result?.summary).toContain('no change');
    // A no-op says so in the title, not only in a count of zero further down.
    expect(second.result?.summary.split('\n')[0]).toBe('### IRSA roles: nothing to change');
  });
});

describe('bindings list', () => {
  it('creates each role with its own subjects, policies and inline policy', async () => {
    const a = uniqueName('irsa-list-a');
    const b = uniqueName('irsa-list-b');
    const run = await runIrsaRole({
      'issuer-url': provider.issuer,
      'policy-arns': READ_ONLY,
      bindings: [
        `- role-name: ${a}`,
        '  namespace: team-a',
        '  service-account: [reader, writer]',
        `  policy-arns: [${S3_READ}]`,
        '  tags: {tier: gold}',
        `- role-name: ${b}`,
        '  namespace: team-b',
        '  service-account: api',
        '  inline-policy:',
        '    Version: "2012-10-17"',
        '    Statement: [{Effect: Allow, Action: "sqs:SendMessage", Resource: "*"}]'
      ].join('\n')
    });
    expect(run.error).toBeUndefined();
    const arns = JSON.parse(run.result?.outputs['role-arns'] ?? '{}') as Record<string, string>;
    expect(Object.keys(arns).sort()).toEqual([a, b].sort());
    expect(run.result?.outputs['role-arn']).toBeUndefined();
    expect(await trustOf(iam, a)).toEqual(
      trustFor(['system:serviceaccount:team-a:reader', 'system:serviceaccount:team-a:writer'])
    );
    expect(await trustOf(iam, b)).toEqual(trustFor('system:serviceaccount:team-b:api'));
    expect(await attached(a)).toEqual([S3_READ, READ_ONLY].sort());
    expect(await attached(b)).toEqual([READ_ONLY]);
    const inline = await iam.send(new GetRolePolicyCommand({ RoleName: b, PolicyName: 'talos-irsa' }));
    expect(decodeIamDocument(inline.PolicyDocument ?? '')).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }]
    });
    expect(await inlineNames(a)).toEqual([]);
  });

  // A tag is text: 1.10 written in a bindings mapping is the version 1.10, not the number 1.1.
  it('tags a role with the value as written, and retags once a role an earlier build tagged 1.1', async () => {
    const roleName = uniqueName('irsa-tagtext');
    const inputs = {
      'provider-arn': provider.arn,
      bindings: `- {role-name: ${roleName}, namespace: apps, service-account: web, tags: {version: 1.10, on: True}}`
    };
    const tagsOf = async (): Promise<Record<string, string | undefined>> => {
      const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
      return Object.fromEntries((role?.Tags ?? []).map((t) => [t.Key, t.Value]));
    };
    expect((await runIrsaRole(inputs)).error).toBeUndefined();
    expect(await tagsOf()).toMatchObject({ version: '1.10', on: 'True' });
    // What a build before this one wrote for the same input.
    await iam.send(
      new TagRoleCommand({
        RoleName: roleName,
        Tags: [
          { Key: 'version', Value: '1.1' },
          { Key: 'on', Value: 'true' }
        ]
      })
    );
    const upgraded = await runIrsaRole(inputs);
    expect(upgraded.error).toBeUndefined();
    expect(upgraded.result?.outputs.changed).toBe('true');
    expect(upgraded.log.text()).toContain('tagged version, on');
    expect(await tagsOf()).toMatchObject({ version: '1.10', on: 'True' });
    expect((await runIrsaRole(inputs)).result?.outputs.changed).toBe('false');
  });

  it('tags a role __proto__ when asked (a key IAM takes), and a rerun writes nothing', async () => {
    const roleName = uniqueName('irsa-tagproto');
    const inputs = {
      'provider-arn': provider.arn,
      tags: '__proto__=lines',
      bindings: `- {role-name: ${roleName}, namespace: apps, service-account: web, tags: {__proto__: mapping}}`
    };
    const protoTag = async (): Promise<(string | undefined)[]> => {
      const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
      return (role?.Tags ?? []).filter((t) => t.Key === '__proto__').map((t) => t.Value);
    };
    expect((await runIrsaRole(inputs)).error).toBeUndefined();
    // The item's value over the shared one, as for any other key.
    expect(await protoTag()).toEqual(['mapping']);
    expect((await runIrsaRole(inputs)).result?.outputs.changed).toBe('false');
  });

  it('uses StringLike for sub alone when allow-wildcards permits a pattern', async () => {
    const roleName = uniqueName('irsa-wild');
    const run = await runIrsaRole({
      'provider-arn': provider.arn,
      'allow-wildcards': 'true',
      audience: 'sts.amazonaws.com',
      bindings: `- {role-name: ${roleName}, namespace: 'batch-*', service-account: runner}`
    });
    expect(run.error).toBeUndefined();
    // A namespace pattern reaches namespaces anyone able to create one can add: said out loud.
    expect(run.log.text()).toContain(
      `::warning::Role '${roleName}' trusts system:serviceaccount:batch-*:runner: any namespace matching 'batch-*', including ones created later, so whoever can create such a namespace can assume the role.`
    );
    expect(await trustOf(iam, roleName)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: provider.arn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { [`${provider.hostPath}:aud`]: 'sts.amazonaws.com' },
            StringLike: { [`${provider.hostPath}:sub`]: 'system:serviceaccount:batch-*:runner' }
          }
        }
      ]
    });
  });
});

describe('provider checks', () => {
  it('warns when the provider does not list the audience, since STS would refuse the tokens', async () => {
    const roleName = uniqueName('irsa-aud');
    const run = await runIrsaRole({
      'provider-arn': provider.arn,
      'role-name': roleName,
      namespace: 'apps',
      'service-account': 'svc',
      audience: 'vault'
    });
    expect(run.error).toBeUndefined();
    expect(run.log.lines).toContainEqual(
      `::warning::Provider ${provider.arn} does not list 'vault' as a client ID (audience), so STS will refuse tokens for these roles until it does.`
    );
    expect(await trustOf(iam, roleName)).toEqual(trustFor('system:serviceaccount:apps:svc', 'vault'));
  });
});

describe('convergence', () => {
  it('swaps policies with prune-policies, leaving other roles alone', async () => {
    const roleName = uniqueName('irsa-swap');
    const bystander = uniqueName('irsa-bystander');
    const base = {
      'provider-arn': provider.arn,
      'role-name': roleName,
      namespace: 'apps',
      'service-account': 'svc'
    };
    await iam.send(
      new CreateRoleCommand({ RoleName: bystander, AssumeRolePolicyDocument: JSON.stringify(trustFor('x')) })
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: bystander, PolicyArn: S3_READ }));
    expect((await runIrsaRole({ ...base, 'policy-arns': S3_READ })).error).toBeUndefined();
    // Someone adds an inline policy by hand; pruning should remove it too.
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: roleName,
        PolicyName: 'hand-made',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]
        })
      })
    );

    const withoutPrune = await runIrsaRole({ ...base, 'policy-arns': SQS_FULL });
    expect(withoutPrune.error).toBeUndefined();
    expect(await attached(roleName)).toEqual([S3_READ, SQS_FULL].sort());
    expect(await inlineNames(roleName)).toEqual(['hand-made']);

    const pruned = await runIrsaRole({ ...base, 'policy-arns': SQS_FULL, 'prune-policies': 'true' });
    expect(pruned.error).toBeUndefined();
    expect(pruned.result?.outputs.changed).toBe('true');
    expect(await attached(roleName)).toEqual([SQS_FULL]);
    expect(await inlineNames(roleName)).toEqual([]);
    expect(pruned.result?.summary).toContain(`detached ${S3_READ}`);
    expect(pruned.result?.summary).toContain('deleted inline policy hand-made');
    expect(await attached(bystander)).toEqual([S3_READ]);
  });

  it("says a tag that would pass IAM's 50 per role before writing it, naming the tags it does not set", async () => {
    const roleName = uniqueName('irsa-tags');
    const base = {
      'provider-arn': provider.arn,
      'role-name': roleName,
      namespace: 'apps',
      'service-account': 'svc'
    };
    const lines = (count: number) => Array.from({ length: count }, (_, i) => `t${i}=v`).join('\n');
    expect((await runIrsaRole({ ...base, tags: lines(30) })).error).toBeUndefined();
    // Someone else tags the role up to IAM's 50.
    const foreign = Array.from({ length: 18 }, (_, i) => ({ Key: `cost-${i}`, Value: 'x' }));
    await iam.send(new TagRoleCommand({ RoleName: roleName, Tags: foreign }));
    const writesBefore = counter.writeCount;
    const run = await runIrsaRole({ ...base, tags: lines(31) }, { iam });
    expect(run.result?.failure).toBe(
      `role ${roleName} would carry 51 tags, past IAM's 50 per role: it has 18 tags this run does not set (cost-0, cost-1, cost-2, cost-3, cost-4, ...); remove some (aws iam untag-role) or give fewer tags.`
    );
    expect(counter.writeCount - writesBefore).toBe(0);
    const tags = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role?.Tags ?? [];
    expect(tags).toHaveLength(50);
    // Refused as whole: a setting that differs too (here the session duration) is not written first.
    const withSetting = await runIrsaRole(
      { ...base, tags: lines(31), 'max-session-duration': '7200' },
      { iam }
    );
    expect(withSetting.result?.failure).toMatch(/would carry 51 tags/);
    expect(counter.writeCount - writesBefore).toBe(0);
    expect((await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role?.MaxSessionDuration).toBe(3600);
    // Changing a value it sets adds no key: that stays possible at the cap.
    const changed = await runIrsaRole({ ...base, tags: `${lines(29)}\nt29=w` });
    expect(changed.error).toBeUndefined();
    expect(changed.result?.summary).toContain('tagged t29');
  });

  it("makes room at IAM's cap of 10 managed policies when prune-policies swaps one", async () => {
    const roleName = uniqueName('irsa-cap');
    const arns = await createPolicies(iam, roleName, 11);
    const base = {
      'provider-arn': provider.arn,
      'role-name': roleName,
      namespace: 'apps',
      'service-account': 'svc',
      'prune-policies': 'true'
    };
    expect(
      (await runIrsaRole({ ...base, 'policy-arns': arns.slice(0, 10).join('\n') })).error
    ).toBeUndefined();

    // moto keeps no such quota: the proxy refuses an attach, as IAM does, while the role holds 10.
    let detached = 0;
    const atCap = (request: ProxiedRequest): boolean => {
      if (request.action === 'DetachRolePolicy') detached += 1;
      return request.action === 'AttachRolePolicy' && detached === 0;
    };
    const capped = await startFaultProxy({
      target: process.env.AWS_ENDPOINT_URL ?? '',
      rate: 1,
      faults: ['quota'],
      match: atCap
    });
    try {
      const swapped = await runIrsaRole(
        { ...base, 'policy-arns': arns.slice(1).join('\n') },
        { iam: countedIam(capped.url).iam }
      );
      expect(swapped.error).toBeUndefined();
      expect(swapped.result?.failure).toBeUndefined();
      // Room is made before the attach, so IAM never refuses it.
      expect(capped.injected).toEqual([]);
      const writes = capped.seen
        .map((request) => request.action)
        .filter((action) => /^(At|De)tach/.test(action));
      expect(writes).toEqual(['DetachRolePolicy', 'AttachRolePolicy']);
      expect(await attached(roleName)).toEqual(arns.slice(1).sort());
      expect(swapped.result?.summary).toContain(`detached ${arns[0]}`);
    } finally {
      await capped.stop();
    }
  });

  it('two runs at once with the same inputs end where one run would', async () => {
    const prefix = uniqueName('irsa-twin');
    const bindings = Array.from(
      { length: 8 },
      (_, i) => `- {role-name: ${prefix}-${i}, namespace: apps, service-account: svc-${i}}`
    ).join('\n');
    const inputs = {
      'provider-arn': provider.arn,
      bindings,
      'policy-arns': READ_ONLY,
      'prune-policies': 'true'
    };
    const twins = await Promise.all([runIrsaRole(inputs), runIrsaRole(inputs)]);
    expect(twins.map((run) => run.error?.message ?? run.result?.failure ?? 'ok')).toEqual(['ok', 'ok']);
    const writesBefore = counter.writeCount;
    const third = await runIrsaRole(inputs, { iam });
    expect(third.result?.outputs.changed).toBe('false');
    expect(counter.writeCount - writesBefore).toBe(0);
    for (let i = 0; i < 8; i += 1) {
      expect(await trustOf(iam, `${prefix}-${i}`)).toEqual(trustFor(`system:serviceaccount:apps:svc-${i}`));
      expect(await attached(`${prefix}-${i}`)).toEqual([READ_ONLY]);
    }
  });

  it('says which policies the inputs no longer list stay on the role without prune-policies, on every run', async () => {
    const roleName = uniqueName('irsa-unlisted');
    const base = {
      'provider-arn': provider.arn,
      'role-name': roleName,
      namespace: 'apps',
      'service-account': 'svc'
    };
    const first = await runIrsaRole({
      ...base,
      'policy-arns': `${READ_ONLY}\n${S3_READ}`,
      'inline-policy':
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:*","Resource":"*"}]}'
    });
    expect(first.error).toBeUndefined();
    expect(first.log.text()).not.toContain('which the inputs do not list');
    // By hand, beside the action: an inline policy of someone else's.
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: roleName,
        PolicyName: 'by-hand',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]
        })
      })
    );
    // S3_READ and the inline policy are dropped from the inputs: without pruning both stay, and
    // the run must not claim that the role matches its inputs.
    for (let run = 0; run < 2; run += 1) {
      const narrowed = await runIrsaRole({ ...base, 'policy-arns': READ_ONLY });
      expect(narrowed.error).toBeUndefined();
      expect(narrowed.result?.outputs.changed).toBe('false');
      const text = narrowed.log.text();
      expect(text).toContain(
        `::warning::role ${roleName} keeps ${S3_READ}, by-hand (inline), talos-irsa (inline), which the inputs do not list; prune-policies: true removes them`
      );
      expect(text).not.toContain('every role already matches its inputs');
      expect(text).toContain('Nothing changed, but 1 role keeps policies the inputs do not list');
      expect(narrowed.result?.summary).toContain(`\`${S3_READ}\` (not in the inputs)`);
      expect(narrowed.result?.summary).toContain('`by-hand` (inline) (not in the inputs)');
      expect(narrowed.result?.summary).not.toContain(`\`${READ_ONLY}\` (not in the inputs)`);
    }
    expect(await attached(roleName)).toEqual([READ_ONLY, S3_READ].sort());

    const pruned = await runIrsaRole({ ...base, 'policy-arns': READ_ONLY, 'prune-policies': 'true' });
    expect(pruned.log.text()).not.toContain('which the inputs do not list');
    expect(await attached(roleName)).toEqual([READ_ONLY]);
    expect(await inlineNames(roleName)).toEqual([]);
    const settled = await runIrsaRole({ ...base, 'policy-arns': READ_ONLY });
    expect(settled.log.text()).toContain('Nothing to change: every role already matches its inputs.');
  });

  it('says so when it takes over a role it did not make, and only the first time', async () => {
    const roleName = uniqueName('irsa-foreign');
    await iam.send(
      new CreateRoleCommand({
        RoleName: roleName,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }
          ]
        })
      })
    );
    const inputs = {
      'provider-arn': provider.arn,
      'role-name': roleName,
      namespace: 'apps',
      'service-account': 'api',
      'policy-arns': READ_ONLY
    };
    const first = await runIrsaRole(inputs);
    expect(first.error).toBeUndefined();
    // Whoever the role's own trust policy let in loses it: named, as for a statement added by hand.
    expect(first.log.text()).toContain(
      `::warning::role ${roleName} was not made by talos-irsa (it has no managed-by=talos-irsa tag): this run takes it over, replacing its trust policy, which let in Service ec2.amazonaws.com, with the one these inputs describe. `
    );
    const again = await runIrsaRole(inputs);
    expect(again.result?.outputs.changed).toBe('false');
    expect(again.log.text()).not.toContain('was not made by talos-irsa');
  });

  it('says in one sentence what a takeover with pruning removes when the trust policy is already right', async () => {
    const roleName = uniqueName('irsa-untagged');
    const inputs = {
      'provider-arn': provider.arn,
      'role-name': roleName,
      namespace: 'apps',
      'service-account': 'api',
      'prune-policies': 'true'
    };
    expect((await runIrsaRole(inputs)).error).toBeUndefined();
    // Its managed-by tag removed by hand: its talos-irsa/issuer tag still says who made it, and for whom.
    await iam.send(new UntagRoleCommand({ RoleName: roleName, TagKeys: ['managed-by'] }));
    const run = await runIrsaRole(inputs);
    expect(run.log.lines).toContainEqual(
      `::warning::role ${roleName} carries talos-irsa's talos-irsa/issuer tag for this issuer (${provider.issuer}), but its managed-by tag has been removed (by hand or by another tool): this run takes it over again, setting managed-by=talos-irsa and removing the policies and permissions boundary these inputs do not list. If something else manages the role now, give this binding a role of its own.`
    );
    expect(run.log.text()).not.toContain('was not made by talos-irsa');
  });

  it('says a role whose managed-by tag was changed carries the issuer tag it wrote, not that it never made it', async () => {
    const roleName = uniqueName('irsa-retagged');
    const inputs = {
      'provider-arn': provider.arn,
      'role-name': roleName,
      namespace: 'apps',
      'service-account': 'api'
    };
    expect((await runIrsaRole(inputs)).error).toBeUndefined();
    await iam.send(
      new TagRoleCommand({ RoleName: roleName, Tags: [{ Key: 'managed-by', Value: 'terraform' }] })
    );
    const run = await runIrsaRole(inputs);
    expect(run.error).toBeUndefined();
    expect(run.log.lines).toContainEqual(
      `::warning::role ${roleName} carries talos-irsa's talos-irsa/issuer tag for this issuer (${provider.issuer}), but its managed-by tag has been changed to 'terraform' (by hand or by another tool): this run takes it over again, setting managed-by=talos-irsa. If something else manages the role now, give this binding a role of its own.`
    );
    expect(run.log.text()).not.toContain('was not made by talos-irsa');
  });

  it("refuses to move a role it made for another live cluster's issuer, before writing to it", async () => {
    // dev, staging and prod in one account, one bindings list copied between their workflows: a
    // role name shared by two clusters must not flip between them on every run of each.
    const roleName = uniqueName('irsa-two-clusters');
    const other = await createProvider(iam);
    const inputs = { 'role-name': roleName, namespace: 'apps', 'service-account': 'dns' };
    expect((await runIrsaRole({ ...inputs, 'provider-arn': other.arn })).error).toBeUndefined();
    const trusted = await trustOf(iam, roleName);
    const writes = counter.writeCount;
    const refused = await runIrsaRole({ ...inputs, 'provider-arn': provider.arn });
    expect(refused.result?.failure).toBe(
      `Input 'role-name': role ${roleName} was made by talos-irsa for issuer ${other.issuer}, whose IAM OIDC provider still exists, ` +
        `so this run would take it from that cluster's service accounts to give it to ${provider.issuer}'s. ` +
        'If both clusters need it, give each its own role name (a role name is unique in the account, whatever its path); ' +
        'if issuer-url or provider-arn names the wrong cluster, correct it. To move the role on purpose, remove its ' +
        `talos-irsa/issuer tag first (aws iam untag-role --role-name ${roleName} --tag-keys talos-irsa/issuer).`
    );
    expect(refused.result?.outputs.changed).toBe('false');
    expect(counter.writeCount).toBe(writes);
    expect(await trustOf(iam, roleName)).toEqual(trusted);
  });

  it("refuses it all the same when the role's managed-by tag was removed: its issuer tag still says whose it is", async () => {
    const roleName = uniqueName('irsa-two-untagged');
    const other = await createProvider(iam);
    const inputs = { 'role-name': roleName, namespace: 'apps', 'service-account': 'dns' };
    expect((await runIrsaRole({ ...inputs, 'provider-arn': other.arn })).error).toBeUndefined();
    await iam.send(new UntagRoleCommand({ RoleName: roleName, TagKeys: ['managed-by'] }));
    const trusted = await trustOf(iam, roleName);
    const writes = counter.writeCount;
    const refused = await runIrsaRole({ ...inputs, 'provider-arn': provider.arn });
    expect(refused.result?.failure).toContain(
      `role ${roleName} was made by talos-irsa for issuer ${other.issuer}, whose IAM OIDC provider still exists`
    );
    expect(counter.writeCount).toBe(writes);
    expect(await trustOf(iam, roleName)).toEqual(trusted);
  });

  it('moves a role it made for an issuer whose provider is gone (a rebuilt cluster), and says so', async () => {
    const roleName = uniqueName('irsa-rebuilt');
    const other = await createProvider(iam);
    const inputs = { 'role-name': roleName, namespace: 'apps', 'service-account': 'dns' };
    expect((await runIrsaRole({ ...inputs, 'provider-arn': other.arn })).error).toBeUndefined();
    await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: other.arn }));
    const moved = await runIrsaRole({ ...inputs, 'provider-arn': provider.arn });
    expect(moved.error).toBeUndefined();
    expect(moved.result?.failure).toBeUndefined();
    expect(moved.log.text()).toContain(
      `::warning::role ${roleName} was made by talos-irsa for issuer ${other.issuer}: this run makes it trust ${provider.issuer} instead, so service accounts of ${other.issuer} can no longer assume it. If both clusters need it, give each its own role name (a role name is unique in the account, whatever its path).`
    );
    expect(await trustOf(iam, roleName)).toEqual(trustFor('system:serviceaccount:apps:dns'));
    const again = await runIrsaRole({ ...inputs, 'provider-arn': provider.arn });
    expect(again.result?.outputs.changed).toBe('false');
    expect(again.log.text()).not.toContain('was made by talos-irsa for issuer');
  });

  it('tags the issuer in a form IAM takes when its URL holds characters a tag value may not', async () => {
    // moto checks a tag value's length only, so the value is checked here against IAM's Tag rules.
    const iamTagValue = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
    const base = process.env.TALOS_IRSA_S3_PUBLIC_URL ?? '';
    const withProvider = async (url: string): Promise<string> =>
      (
        await iam.send(
          new CreateOpenIDConnectProviderCommand({
            Url: url,
            ClientIDList: ['sts.amazonaws.com'],
            ThumbprintList: ['0'.repeat(40)]
          })
        )
      ).OpenIDConnectProviderArn ?? '';
    const tilde = `${base}/~team/${uniqueName('c')}%2A=1`;
    const long = `${base}/${uniqueName('c')}/${'~'.repeat(180)}`;
    const [tildeArn, longArn] = [await withProvider(tilde), await withProvider(long)];
    const roleName = uniqueName('irsa-issuer-tag');
    const inputs = { 'role-name': roleName, namespace: 'apps', 'service-account': 'web' };
    const issuerTag = async (): Promise<string> => {
      const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
      return role?.Tags?.find((tag) => tag.Key === 'talos-irsa/issuer')?.Value ?? '';
    };

    const first = await runIrsaRole({ ...inputs, 'provider-arn': tildeArn }, { iam });
    expect(first.error).toBeUndefined();
    expect(await issuerTag()).toMatch(iamTagValue);
    expect(issuerOfTag(await issuerTag())).toBe(tilde);
    const writes = counter.writeCount;
    const again = await runIrsaRole({ ...inputs, 'provider-arn': tildeArn }, { iam });
    expect(again.result?.outputs.changed).toBe('false');
    expect(counter.writeCount).toBe(writes);

    // An issuer whose escaped form passes 256 characters: cut, and still told apart from others.
    // The first issuer's cluster is gone (its provider deleted), so the role may move.
    await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: tildeArn }));
    const moved = await runIrsaRole({ ...inputs, 'provider-arn': longArn }, { iam });
    expect(moved.error).toBeUndefined();
    expect(await issuerTag()).toMatch(iamTagValue);
    expect(moved.log.text()).toContain(
      `::warning::role ${roleName} was made by talos-irsa for issuer ${tilde}: this run makes it trust `
    );
    const settled = await runIrsaRole({ ...inputs, 'provider-arn': longArn }, { iam });
    expect(settled.result?.outputs.changed).toBe('false');
    expect(settled.log.text()).not.toContain('was made by talos-irsa for issuer');
  });

  it('rewrites the trust when the service account changes, and only the trust', async () => {
    const roleName = uniqueName('irsa-resa');
    const base = {
      'provider-arn': provider.arn,
      'role-name': roleName,
      namespace: 'apps',
      'policy-arns': READ_ONLY
    };
    expect((await runIrsaRole({ ...base, 'service-account': 'old' })).error).toBeUndefined();
    const writesBefore = new Map(counter.writes);
    const run = await runIrsaRole({ ...base, 'service-account': 'new' }, { iam });
    expect(run.error).toBeUndefined();
    expect(run.result?.outputs.changed).toBe('true');
    expect(await trustOf(iam, roleName)).toEqual(trustFor('system:serviceaccount:apps:new'));
    const delta = [...counter.writes].filter(([command, n]) => n !== (writesBefore.get(command) ?? 0));
    // The description names the account too, so UpdateRole follows the trust.
    expect(delta.map(([command]) => command).sort()).toEqual(['UpdateAssumeRolePolicy', 'UpdateRole']);
  });

  it('says which principals a statement added by hand let in when it replaces the trust policy', async () => {
    const roleName = uniqueName('irsa-handtrust');
    const inputs = {
      'provider-arn': provider.arn,
      'role-name': roleName,
      namespace: 'apps',
      'service-account': 'web'
    };
    expect((await runIrsaRole(inputs)).error).toBeUndefined();
    const handAdded = {
      Effect: 'Allow',
      Principal: { Service: 'ec2.amazonaws.com', AWS: 'arn:aws:iam::123456789012:root' },
      Action: 'sts:AssumeRole'
    };
    const widened = trustFor('system:serviceaccount:apps:web') as { Statement: unknown[] };
    await iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: roleName,
        PolicyDocument: JSON.stringify({ ...widened, Statement: [...widened.Statement, handAdded] })
      })
    );
    const run = await runIrsaRole(inputs);
    expect(run.error).toBeUndefined();
    expect(await trustOf(iam, roleName)).toEqual(trustFor('system:serviceaccount:apps:web'));
    expect(run.log.lines).toContainEqual(
      `::warning::role ${roleName} also trusted Service ec2.amazonaws.com, AWS arn:aws:iam::123456789012:root: this run replaces its trust policy with one naming only the service accounts of these inputs, so they can no longer assume it. Give them a role of their own.`
    );
    // A change of service account alone replaces no one else's trust, and a run with nothing to
    // change says nothing.
    const moved = await runIrsaRole({ ...inputs, 'service-account': 'api' });
    expect(moved.result?.outputs.changed).toBe('true');
    expect(moved.log.lines.filter((line) => line.startsWith('::warning::'))).toEqual([]);
  });

  // A Deny added by hand (a service account found compromised, a network condition) narrows who may
  // assume the role; the trust policy is this action's, so it goes, but not without a word.
  it('says which refusals a Deny statement added by hand made when it replaces the trust policy', async () => {
    const roleName = uniqueName('irsa-handdeny');
    const inputs = {
      'provider-arn': provider.arn,
      'role-name': roleName,
      namespace: 'apps',
      'service-account': 'web'
    };
    expect((await runIrsaRole(inputs)).error).toBeUndefined();
    const sub = `${provider.hostPath}:sub`;
    const handDenied = {
      Effect: 'Deny',
      Principal: { Federated: provider.arn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [sub]: 'system:serviceaccount:apps:web' } }
    };
    const trust = trustFor('system:serviceaccount:apps:web') as { Statement: unknown[] };
    await iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: roleName,
        PolicyDocument: JSON.stringify({ ...trust, Statement: [...trust.Statement, handDenied] })
      })
    );
    const run = await runIrsaRole(inputs);
    expect(run.error).toBeUndefined();
    expect(await trustOf(iam, roleName)).toEqual(trustFor('system:serviceaccount:apps:web'));
    expect(run.result?.outputs.changed).toBe('true');
    expect(run.log.lines).toContainEqual(
      `::warning::role ${roleName} also had a Deny statement in its trust policy (Federated ${provider.arn} when StringEquals ${sub}): this run replaces its trust policy with the one these inputs describe, which refuses no one, so what it refused is allowed again wherever the inputs allow it. To keep a service account out, leave it out of the inputs.`
    );
    const again = await runIrsaRole(inputs);
    expect(again.result?.outputs.changed).toBe('false');
    expect(again.log.lines.filter((line) => line.startsWith('::warning::'))).toEqual([]);
  });

  it('converges settings and tags that drifted, keeping tags it does not manage', async () => {
    const roleName = uniqueName('irsa-drift');
    const base = {
      'provider-arn': provider.arn,
      'role-name': roleName,
      namespace: 'apps',
      'service-account': 's'
    };
    expect((await runIrsaRole({ ...base, tags: 'team=a' })).error).toBeUndefined();
    await iam.send(new TagRoleCommand({ RoleName: roleName, Tags: [{ Key: 'owner', Value: 'someone' }] }));
    const run = await runIrsaRole({
      ...base,
      tags: 'team=b',
      'max-session-duration': '43200',
      'permissions-boundary': READ_ONLY
    });
    expect(run.error).toBeUndefined();
    const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
    expect(role?.MaxSessionDuration).toBe(43200);
    expect(role?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(READ_ONLY);
    expect(role?.Tags?.find((t) => t.Key === 'team')?.Value).toBe('b');
    expect(role?.Tags?.find((t) => t.Key === 'owner')?.Value).toBe('someone');
    expect(run.log.text()).toContain('set max session duration 3600 → 43200');

    const kept = await runIrsaRole({ ...base, tags: 'team=b', 'max-session-duration': '43200' });
    expect(kept.result?.outputs.changed).toBe('false');
    const stillBounded = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
    expect(stillBounded?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(READ_ONLY);
    const pruned = await runIrsaRole({
      ...base,
      tags: 'team=b',
      'max-session-duration': '43200',
      'prune-policies': 'true'
    });
    expect(pruned.result?.summary).toContain(`removed permissions boundary ${READ_ONLY}`);
    const unbounded = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
    expect(unbounded?.PermissionsBoundary).toBeUndefined();
  });
});

describe('outputs', () => {
  it('reports a role it made or changed even when annotating its service account then fails', async () => {
    const roleName = uniqueName('irsa-annotate-fails');
    const inputs = readIrsaRoleInputs(
      mapInputReader({
        'provider-arn': provider.arn,
        'role-name': roleName,
        namespace: 'apps',
        'service-account': 'web',
        'annotate-service-account': 'true',
        kubeconfig: 'unused: the service accounts below stand in for the cluster'
      }),
      await loadYamlParser({ exactNumbers: true })
    );
    // A cluster that lets the service account be read (the check before any write) but refuses
    // its creation, as a namespace being deleted does.
    const refusing: ServiceAccounts = {
      kubeconfigInput: 'kubeconfig',
      clusterIssuer: () => Promise.resolve(provider.issuer),
      namespaceExists: () => Promise.resolve(true),
      roleArnOf: () => Promise.resolve(undefined),
      create: () =>
        Promise.reject(
          new UserError('the cluster refused to create service account apps/web (HTTP 403).', 'kubeconfig')
        ),
      annotate: () => Promise.reject(new Error('not reached'))
    };
    const result = await runIrsaRoleLogic(inputs, {
      iam,
      log: new MemoryLogger(),
      serviceAccounts: () => Promise.resolve(refusing)
    });
    const arn = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role?.Arn ?? '';
    expect(arn).not.toBe('');
    expect(result.failure).toContain('the cluster refused to create service account apps/web');
    // The role exists and was created by this run: later steps and the reader must be told.
    expect(result.outputs).toEqual({
      'role-arn': arn,
      'role-arns': JSON.stringify({ [roleName]: arn }),
      changed: 'true'
    });
    expect(result.summary).toContain(`| \`${arn}\` |`);
    expect(result.summary).toContain('created the role<br>**failed:** ');
    expect(result.summary).toContain('1 role: 0 changed, 0 unchanged, 1 failed.');
    expect(result.summary.split('\n')[0]).toBe('### IRSA roles: 1 role failed');
  });
});
