// Every bad input fails with one error naming the input, before the first write: no role is
// created and IAM sees no write at all.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { IAMClient } from '@aws-sdk/client-iam';
import { UserError } from '../src/io/errors.js';
import { createIamClient, iamRegion } from '../src/irsa-role/action.js';
import type { ProviderInput } from '../src/irsa-role/inputs.js';
import { partitionOfHost, partitionOfRegion } from '../src/aws/partitions.js';
import { defaultIssuerUrl } from '../src/oidc/document-locations.js';
import { startFaultProxy } from './stack/fault-proxy.js';
import {
  countedIam,
  createProvider,
  rolesNamed,
  runIrsaRole,
  uniqueName
} from './fixtures/irsa-role/harness.js';

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const MISSING_POLICY = 'arn:aws:iam::123456789012:policy/does-not-exist';

let iam: IAMClient;
let provider: { issuer: string; arn: string };

beforeAll(async () => {
  ({ iam } = countedIam());
  provider = await createProvider(iam);
});

type Case = [string, (role: string) => Record<string, string>, string, RegExp];

const single = (role: string): Record<string, string> => ({
  'provider-arn': provider.arn,
  'role-name': role,
  namespace: 'apps',
  'service-account': 'web'
});

/** An inline policy of one statement whose Condition is `condition`. */
const policyWithCondition = (condition: unknown): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition }]
  });

const cases: Case[] = [
  [
    'a role name IAM rejects',
    (r) => ({ ...single(r), 'role-name': `${r}/bad` }),
    'role-name',
    /may hold only/
  ],
  [
    'a role name over 64 characters',
    (r) => ({ ...single(r), 'role-name': r + 'x'.repeat(64) }),
    'role-name',
    /at most 64/
  ],
  [
    'a namespace that is not DNS-1123',
    (r) => ({ ...single(r), namespace: 'Apps' }),
    'namespace',
    /DNS-1123 label/
  ],
  [
    'a service account that is not DNS-1123',
    (r) => ({ ...single(r), 'service-account': 'web_1' }),
    'service-account',
    /DNS-1123/
  ],
  [
    'a wildcard without allow-wildcards',
    (r) => ({ ...single(r), 'service-account': 'web-*' }),
    'service-account',
    /allow-wildcards/
  ],
  [
    'a policy ARN that is not an ARN',
    (r) => ({ ...single(r), 'policy-arns': 'ReadOnlyAccess' }),
    'policy-arns',
    /not a managed policy ARN/
  ],
  [
    "a policy ARN of another partition than the provider's",
    (r) => ({ ...single(r), 'policy-arns': 'arn:aws-cn:iam::aws:policy/ReadOnlyAccess' }),
    'policy-arns',
    /policy 'arn:aws-cn:iam::aws:policy\/ReadOnlyAccess' is in partition aws-cn, but the OIDC provider .* is in aws/
  ],
  [
    "a permissions boundary of another partition than the provider's",
    (r) => ({
      ...single(r),
      'permissions-boundary': 'arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess'
    }),
    'permissions-boundary',
    /is in partition aws-us-gov, but the OIDC provider/
  ],
  [
    'a customer managed policy of another account',
    (r) => ({ ...single(r), 'policy-arns': 'arn:aws:iam::999999999999:policy/theirs' }),
    'policy-arns',
    /policy 'arn:aws:iam::999999999999:policy\/theirs' belongs to account 999999999999, but the roles are made in 123456789012/
  ],
  [
    'a permissions boundary of another account',
    (r) => ({ ...single(r), 'permissions-boundary': 'arn:aws:iam::999999999999:policy/boundary' }),
    'permissions-boundary',
    /belongs to account 999999999999/
  ],
  [
    'a policy ARN that does not exist',
    (r) => ({ ...single(r), 'policy-arns': `${READ_ONLY}\n${MISSING_POLICY}` }),
    'policy-arns',
    /does-not-exist' does not exist/
  ],
  [
    'a permissions boundary that does not exist',
    (r) => ({ ...single(r), 'permissions-boundary': MISSING_POLICY }),
    'permissions-boundary',
    /does not exist/
  ],
  [
    'an inline policy that does not parse',
    (r) => ({ ...single(r), 'inline-policy': '{"Version": "2012-10-17", "Statement": [' }),
    'inline-policy',
    /does not parse/
  ],
  [
    'an inline policy that is not a policy document',
    (r) => ({
      ...single(r),
      'inline-policy': 'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: s3:GetObject\n'
    }),
    'inline-policy',
    /needs Resource/
  ],
  [
    'a provider ARN with no IAM OIDC provider',
    (r) => ({ ...single(r), 'provider-arn': 'arn:aws:iam::123456789012:oidc-provider/nowhere.example/x' }),
    'provider-arn',
    /no IAM OIDC provider/
  ],
  [
    'a provider ARN of the wrong shape',
    (r) => ({ ...single(r), 'provider-arn': 'arn:aws:iam::123456789012:role/x' }),
    'provider-arn',
    /not an IAM OIDC provider ARN/
  ],
  [
    'an issuer with no IAM OIDC provider',
    (r) => ({ ...single(r), 'provider-arn': '', 'issuer-url': 'https://nowhere.example/cluster' }),
    'issuer-url',
    /no IAM OIDC provider has the URL/
  ],
  [
    'an issuer that is not https',
    (r) => ({ ...single(r), 'provider-arn': '', 'issuer-url': 'http://nowhere.example/c' }),
    'issuer-url',
    /https/
  ],
  [
    'both provider-arn and issuer-url',
    (r) => ({ ...single(r), 'issuer-url': 'https://x.example/c' }),
    'provider-arn',
    /not both/
  ],
  [
    'neither provider-arn nor issuer-url',
    (r) => ({ ...single(r), 'provider-arn': '' }),
    'provider-arn',
    /is required/
  ],
  [
    'both binding forms',
    (r) => ({ ...single(r), bindings: `- {role-name: ${r}, namespace: a, service-account: b}` }),
    'bindings',
    /not both/
  ],
  ['neither binding form', () => ({ 'provider-arn': provider.arn }), 'role-name', /is required/],
  [
    'half of the single form',
    (r) => ({ 'provider-arn': provider.arn, 'role-name': r, namespace: 'apps' }),
    'service-account',
    /is required/
  ],
  [
    'a bindings list that does not parse',
    () => ({ 'provider-arn': provider.arn, bindings: '- {role-name: x, namespace: [' }),
    'bindings',
    /does not parse/
  ],
  [
    'a bindings value that is not a list',
    () => ({ 'provider-arn': provider.arn, bindings: 'role-name: x' }),
    'bindings',
    /non-empty YAML list/
  ],
  [
    'a binding with an unknown key',
    (r) => ({
      'provider-arn': provider.arn,
      bindings: `- {role-name: ${r}, namespace: a, service-account: b, policy: x}`
    }),
    'bindings',
    /unknown key 'policy'/
  ],
  [
    'a binding without a namespace',
    (r) => ({ 'provider-arn': provider.arn, bindings: `- {role-name: ${r}, service-account: b}` }),
    'bindings',
    /needs 'namespace'/
  ],
  [
    'the same role twice',
    (r) => ({
      'provider-arn': provider.arn,
      bindings: `- {role-name: ${r}, namespace: a, service-account: b}\n- {role-name: ${r}, namespace: a, service-account: c}`
    }),
    'bindings',
    /more than once/
  ],
  [
    'a max session duration out of range',
    (r) => ({ ...single(r), 'max-session-duration': '60' }),
    'max-session-duration',
    /below the minimum of 3600/
  ],
  [
    'a boolean that is not YAML 1.2',
    (r) => ({ ...single(r), 'prune-policies': 'yes' }),
    'prune-policies',
    /not a boolean/
  ],
  [
    'a role path without slashes',
    (r) => ({ ...single(r), 'role-path': 'irsa' }),
    'role-path',
    /not an IAM path/
  ],
  ['a reserved tag key', (r) => ({ ...single(r), tags: 'managed-by=me' }), 'tags', /set by the action/],
  [
    'a reserved tag key in other capitals (IAM ignores case in tag keys)',
    (r) => ({ ...single(r), tags: 'Managed-By=me' }),
    'tags',
    /set by the action/
  ],
  [
    "the tag key of the action's creation marker",
    (r) => ({ ...single(r), tags: 'talos-irsa/creating=x' }),
    'tags',
    /set by the action/
  ],
  [
    // IAM's 50 less the action's three: CreateRole carries the creation marker with the others.
    '48 tags',
    (r) => ({ ...single(r), tags: Array.from({ length: 48 }, (_, i) => `t${i}=v`).join('\n') }),
    'tags',
    /48 tags are too many: .* talos-irsa\/creating while it creates the role\), which leaves 47\.$/
  ],
  [
    'two tag keys that differ only in case',
    (r) => ({ ...single(r), tags: 'Team=a\nteam=b' }),
    'tags',
    /'Team' and 'team' are the same key to IAM/
  ],
  [
    'two bindings whose role names differ only in case',
    (r) => ({
      'provider-arn': provider.arn,
      bindings: `- {role-name: ${r.toUpperCase()}, namespace: a, service-account: b}\n- {role-name: ${r}, namespace: a, service-account: c}`
    }),
    'bindings',
    /are one role to IAM, which ignores case in role names/
  ],
  [
    'an inline policy with two statements of one Sid',
    (r) => ({
      ...single(r),
      'inline-policy': JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
          { Sid: 'A', Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }
        ]
      })
    }),
    'inline-policy',
    /two statements with Sid 'A'/
  ],
  [
    'an inline policy with a mistyped condition operator',
    (r) => ({ ...single(r), 'inline-policy': policyWithCondition({ StringEqualz: { 'aws:x': 'y' } }) }),
    'inline-policy',
    /condition operator 'StringEqualz', which IAM does not know/
  ],
  [
    'an inline policy whose condition value is an object',
    (r) => ({ ...single(r), 'inline-policy': policyWithCondition({ StringEquals: { 'aws:x': { y: 1 } } }) }),
    'inline-policy',
    /condition StringEquals aws:x whose value is not a string/
  ],
  [
    'an inline policy in JSON with a key given twice (JSON.parse would keep the last, granting everything)',
    (r) => ({
      ...single(r),
      'inline-policy':
        '{"Version":"2012-10-17","Statement":[],"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'
    }),
    'inline-policy',
    /does not parse as JSON or YAML \(Map keys must be unique/
  ],
  [
    'a role trusting so many accounts that its trust policy outgrows IAM',
    (r) => ({
      'provider-arn': provider.arn,
      bindings: `- {role-name: ${r}, namespace: apps, service-account: [${Array.from({ length: 80 }, (_, i) => `service-account-${i}`).join(', ')}]}`
    }),
    'bindings',
    // moto's account summary gives IAM's default quota.
    /over this account's quota of 2048/
  ],
  [
    'annotation without a kubeconfig',
    (r) => ({ ...single(r), 'annotate-service-account': 'true' }),
    'kubeconfig',
    /is required/
  ],
  [
    'annotation with a kubeconfig that does not parse',
    (r) => ({ ...single(r), 'annotate-service-account': 'true', kubeconfig: 'clusters: [' }),
    'kubeconfig',
    /does not parse as a kubeconfig/
  ],
  [
    'annotation of a wildcard pattern',
    (r) => ({
      ...single(r),
      'allow-wildcards': 'true',
      'service-account': 'w-*',
      'annotate-service-account': 'true',
      kubeconfig: 'x'
    }),
    'annotate-service-account',
    /cannot annotate the pattern/
  ]
];

describe('bad input', () => {
  it.each(cases)(
    '%s fails naming the input, and nothing is written',
    async (_label, inputsFor, input, message) => {
      const role = uniqueName('irsa-bad');
      const { iam: counted, counter } = countedIam();
      const run = await runIrsaRole(inputsFor(role), { iam: counted });
      expect(run.error).toBeInstanceOf(UserError);
      expect((run.error as UserError).input).toBe(input);
      expect(run.error?.message).toMatch(new RegExp(`^Input '${input}': `));
      expect(run.error?.message).toMatch(message);
      expect(counter.writeCount).toBe(0);
      expect(await rolesNamed(iam, role)).toEqual([]);
    }
  );

  it('deletes the role it just created when IAM refuses the inline policy that its checks let through', async () => {
    // moto refuses Version 2008-10-17 in a role policy (real IAM accepts it): it stands in for any
    // refusal the checks before the first write cannot foresee.
    const role = uniqueName('irsa-undo');
    const { iam: counted, counter } = countedIam();
    const run = await runIrsaRole(
      {
        ...single(role),
        'policy-arns': READ_ONLY,
        'inline-policy': JSON.stringify({
          Version: '2008-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }]
        })
      },
      { iam: counted }
    );
    // A refusal met while converging fails the step through the result, as for any one role of many.
    expect(run.result?.failure).toMatch(
      new RegExp(
        `^Input 'inline-policy': .*IAM rejected the inline policy .* The role ${role} created for it was deleted again\\.$`
      )
    );
    expect(run.result?.failure?.match(/Input '/g)).toHaveLength(1);
    // CreateRole, AttachRolePolicy, the refused PutRolePolicy, then DetachRolePolicy and DeleteRole.
    expect(counter.writeCount).toBe(5);
    expect(await rolesNamed(iam, role)).toEqual([]);
  });

  it('checks every binding before writing any: a missing policy in the last item stops the first', async () => {
    const prefix = uniqueName('irsa-bad-list');
    const { iam: counted, counter } = countedIam();
    const run = await runIrsaRole(
      {
        'issuer-url': provider.issuer,
        bindings: [
          `- {role-name: ${prefix}-1, namespace: a, service-account: b, policy-arns: [${READ_ONLY}]}`,
          `- {role-name: ${prefix}-2, namespace: a, service-account: c, policy-arns: [${MISSING_POLICY}]}`
        ].join('\n')
      },
      { iam: counted }
    );
    expect(run.error?.message).toBe(
      `Input 'bindings': item 2 (role '${prefix}-2'): policy '${MISSING_POLICY}' does not exist in this account.`
    );
    expect(counter.writeCount).toBe(0);
    expect(await rolesNamed(iam, prefix)).toEqual([]);
  });

  it('never prints the kubeconfig: it is masked before it is parsed', async () => {
    const secret = 'token: abcdefghijklmnopqrstuvwxyz0123456789';
    const run = await runIrsaRole({
      ...single(uniqueName('irsa-bad')),
      'annotate-service-account': 'true',
      kubeconfig: `users:\n- name: x\n  user:\n    ${secret}\nclusters: [`
    });
    expect(run.masked).toEqual(expect.arrayContaining(['abcdefghijklmnopqrstuvwxyz0123456789']));
    expect(run.error?.message).not.toContain('abcdefghijklmnopqrstuvwxyz0123456789');
  });

  it('builds its IAM client with the adaptive retry and the standard endpoint variables', async () => {
    const client = await createIamClient(
      { ...process.env, AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:9' },
      iamRegion(process.env)
    );
    const strategy = await client.config.retryStrategy();
    expect((strategy as { mode?: string }).mode).toBe('adaptive');
    expect(await client.config.maxAttempts()).toBe(8);
    const endpoint = await client.config.endpoint?.();
    expect(endpoint?.hostname).toBe('127.0.0.1');
    expect(endpoint?.port).toBe(9);
  });

  it("refuses, with AWS's own IAM, this stack's loopback issuer and its provider before any call", async () => {
    // No endpoint override: the action's own client would call AWS itself, which never reaches
    // 127.0.0.1. The counted client (pointed at the stack) shows that no call was even tried.
    const awsOwn = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_ENDPOINT_URL'))
    );
    const host = provider.issuer.replace(/^https:\/\/([^/]+)\/.*$/, '$1');
    for (const [input, value, named] of [
      ['issuer-url', provider.issuer, `'${provider.issuer}'`],
      ['provider-arn', provider.arn, `'${provider.arn}' is the provider of ${provider.issuer}, which`]
    ] as const) {
      const role = uniqueName('irsa-bad-reach');
      const { iam: counted, counter } = countedIam();
      const { 'provider-arn': _arn, ...rest } = single(role);
      const run = await runIrsaRole({ ...rest, [input]: value }, { iam: counted, env: awsOwn });
      expect(run.error).toBeInstanceOf(UserError);
      expect(run.error?.message).toBe(
        `Input '${input}': ${named} cannot work with AWS: ${host.replace(/:\d+$/, '')} is a loopback address (127.0.0.0/8), and STS fetches the issuer's documents from the internet, so no role trusting it could be assumed. Publish the issuer on a public host (publish-oidc does).`
      );
      expect(counter.readCount + counter.writeCount).toBe(0);
      expect(await rolesNamed(iam, role)).toEqual([]);
    }
  });

  it("signs for IAM in the provider ARN's partition, and refuses a region of another before any call", async () => {
    const arnOf = (arn: string): ProviderInput => ({ input: 'provider-arn', arn });
    const cnArn = 'arn:aws-cn:iam::123456789012:oidc-provider/oidc.example.cn/c1';
    const cn = arnOf(cnArn);
    const gov = arnOf('arn:aws-us-gov:iam::123456789012:oidc-provider/oidc.example.com/c1');
    // No region set: one of the provider's partition (IAM in another would not know the provider).
    expect(iamRegion({}, cn)).toBe('cn-north-1');
    expect(iamRegion({}, gov)).toBe('us-gov-west-1');
    expect(iamRegion({}, undefined)).toBe('us-east-1');
    expect(iamRegion({ AWS_REGION: 'cn-northwest-1' }, cn)).toBe('cn-northwest-1');
    expect(iamRegion({ AWS_DEFAULT_REGION: 'us-gov-east-1' }, gov)).toBe('us-gov-east-1');
    // The refusal names the variable the region came from.
    expect(() => iamRegion({ AWS_DEFAULT_REGION: 'eu-west-1' }, cn)).toThrow(
      /the region eu-west-1 \(AWS_DEFAULT_REGION\) is in aws,/
    );
    // The isolated and sovereign partitions pair with their own regions, set or defaulted.
    for (const [partition, region] of [
      ['aws-iso', 'us-iso-west-1'],
      ['aws-iso-b', 'us-isob-east-1'],
      ['aws-iso-e', 'eu-isoe-west-1'],
      ['aws-iso-f', 'us-isof-east-1'],
      ['aws-eusc', 'eusc-de-east-1']
    ]) {
      const arn = arnOf(`arn:${partition}:iam::123456789012:oidc-provider/oidc.example/c1`);
      expect(iamRegion({ AWS_REGION: region }, arn)).toBe(region);
      expect(partitionOfRegion(iamRegion({}, arn))).toBe(partition);
    }
    // A partition's global pseudo-region is one of its regions, as the SDK reads it.
    expect(iamRegion({ AWS_REGION: 'aws-us-gov-global' }, gov)).toBe('aws-us-gov-global');
    expect(iamRegion({ AWS_REGION: 'aws-cn-global' }, cn)).toBe('aws-cn-global');
    expect(
      await (
        await createIamClient({ AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:9' }, iamRegion({}, cn))
      ).config.region()
    ).toBe('cn-north-1');

    const role = uniqueName('irsa-bad-partition');
    const { iam: counted, counter } = countedIam();
    const run = await runIrsaRole(
      { ...single(role), 'provider-arn': cnArn },
      { iam: counted, env: { ...process.env, AWS_REGION: 'eu-west-1' } }
    );
    expect(run.error?.message).toBe(
      `Input 'provider-arn': is in the partition aws-cn, but the region eu-west-1 (AWS_REGION) is in aws, whose IAM does not hold it; set the region (configure-aws-credentials' aws-region) to one of aws-cn.`
    );
    expect(counter.readCount + counter.writeCount).toBe(0);
    expect(await rolesNamed(iam, role)).toEqual([]);
  });

  it("signs for IAM, with no region set, in the partition an issuer URL's AWS host shows", () => {
    const issuer = (url: string): ProviderInput => ({ input: 'issuer-url', url });
    // publish-oidc's default issuer, and EKS's, in each partition.
    expect(iamRegion({}, issuer(`${defaultIssuerUrl('oidc-bucket', 'cn-northwest-1')}/c1`))).toBe(
      'cn-north-1'
    );
    expect(iamRegion({}, issuer(defaultIssuerUrl('oidc-bucket', 'us-gov-east-1')))).toBe('us-gov-west-1');
    expect(iamRegion({}, issuer('https://oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC'))).toBe('cn-north-1');
    expect(iamRegion({}, issuer('https://oidc-bucket.s3-us-gov-west-1.amazonaws.com'))).toBe('us-gov-west-1');
    expect(iamRegion({}, issuer(defaultIssuerUrl('oidc-bucket', 'eu-west-1')))).toBe('us-east-1');
    // A host that shows no region of its own suffix's partition: IAM's region stays us-east-1.
    expect(iamRegion({}, issuer('https://oidc.example.com/c1'))).toBe('us-east-1');
    expect(iamRegion({}, issuer('https://us-gov-west-1.s3.amazonaws.com/c1'))).toBe('us-east-1');
    expect(iamRegion({}, issuer('https://oidc.cn-north-1.example.com'))).toBe('us-east-1');
    // A set region wins, and is not refused: an issuer's host is no proof of the account's partition.
    expect(iamRegion({ AWS_REGION: 'eu-west-1' }, issuer(defaultIssuerUrl('b', 'cn-north-1')))).toBe(
      'eu-west-1'
    );
    expect(partitionOfHost('B.S3.CN-NORTH-1.AMAZONAWS.COM.CN.')).toBe('aws-cn');
    expect(partitionOfHost(new URL(defaultIssuerUrl('b', 'us-isob-east-1')).hostname)).toBe('aws-iso-b');
  });

  it('says to set the region when IAM, in a region guessed for an issuer URL, does not know the credentials', async () => {
    const refusing = await startFaultProxy({
      target: process.env.AWS_ENDPOINT_URL ?? '',
      rate: 1,
      faults: ['unknown-credentials']
    });
    try {
      const { AWS_REGION: _region, AWS_DEFAULT_REGION: _default, ...unset } = process.env;
      const env = { ...unset, AWS_ENDPOINT_URL_IAM: refusing.url };
      const inputs = {
        ...single(uniqueName('irsa-bad-credentials')),
        'provider-arn': undefined,
        'issuer-url': provider.issuer
      };
      const guessed = await runIrsaRole(inputs, { env });
      expect(guessed.error).toBeInstanceOf(UserError);
      expect(guessed.error?.message).toBe(
        "IAM in us-east-1 does not know these credentials (InvalidClientTokenId). Neither AWS_REGION nor AWS_DEFAULT_REGION is set, so IAM was called in aws, as issuer-url's host shows no partition; if the credentials are of another partition (aws-cn, aws-us-gov, ...), set the region (configure-aws-credentials' aws-region) to one of it."
      );
      // With the region set, the refusal is about the credentials alone, and said as IAM said it.
      const set = await runIrsaRole(inputs, { env: { ...env, AWS_REGION: 'us-east-1' } });
      expect(set.error).not.toBeInstanceOf(UserError);
      expect(set.error?.name).toBe('InvalidClientTokenId');
    } finally {
      await refusing.stop();
    }
  });

  it("says a provider ARN IAM refuses to describe must be of the credentials' own account", async () => {
    // AWS answers AccessDenied to GetOpenIDConnectProvider on another account's provider (moto,
    // NoSuchEntity), so the proxy refuses it as AWS would; nothing after it is asked.
    const refusing = await startFaultProxy({
      target: process.env.AWS_ENDPOINT_URL ?? '',
      rate: 1,
      faults: ['access-denied'],
      match: (request) => request.action === 'GetOpenIDConnectProvider'
    });
    try {
      const { iam: proxied } = countedIam(refusing.url);
      const role = uniqueName('irsa-foreign-provider');
      const foreign = 'arn:aws:iam::210987654321:oidc-provider/oidc.example.com/c1';
      const run = await runIrsaRole({ ...single(role), 'provider-arn': foreign }, { iam: proxied });
      expect(run.error).toBeInstanceOf(UserError);
      expect(run.error?.message).toBe(
        `Input 'provider-arn': IAM refused GetOpenIDConnectProvider on '${foreign}' (AccessDenied): the provider must be in the credentials' own account (the ARN names 210987654321; a role can trust only an OIDC provider of its own account), or the credentials lack iam:GetOpenIDConnectProvider.`
      );
      expect(refusing.seen.map((request) => request.action)).toEqual(['GetOpenIDConnectProvider']);
      expect(await rolesNamed(iam, role)).toEqual([]);
    } finally {
      await refusing.stop();
    }
  });
});
