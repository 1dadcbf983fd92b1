// irsa-role's second run with inputs that mean the same as the first's but are written otherwise:
// bindings, service accounts, policy ARNs and tags in another order or repeated, the inline policy
// as YAML instead of JSON with its keys and lists reordered, defaults given out loud. IAM holds the
// same roles either way, so the second run must make no write and say that nothing changed.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { GetRoleCommand, UpdateRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { RequestCounter } from '../src/aws/clients.js';
import { countedIam, createProvider, runIrsaRole, uniqueName } from './fixtures/irsa-role/harness.js';

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

/** Runs the inputs with the counted client; the IAM writes the run made, by command. */
async function counted(
  inputs: Record<string, string>
): Promise<{ run: Awaited<ReturnType<typeof runIrsaRole>>; writes: string[] }> {
  const before = new Map(counter.writes);
  const run = await runIrsaRole(inputs, { iam });
  const writes = [...counter.writes].flatMap(([command, n]) =>
    Array.from({ length: n - (before.get(command) ?? 0) }, () => command)
  );
  return { run, writes };
}

function expectNoChange(second: { run: Awaited<ReturnType<typeof runIrsaRole>>; writes: string[] }): void {
  expect(second.run.error).toBeUndefined();
  expect(second.run.result?.failure).toBeUndefined();
  expect(second.writes).toEqual([]);
  expect(second.run.result?.outputs.changed).toBe('false');
  expect(second.run.log.text()).toContain('Nothing to change');
  expect(second.run.result?.summary.split('\n')[0]).toBe('### IRSA roles: nothing to change');
}

describe('a second run with the same meaning, written otherwise', () => {
  it('writes nothing for service accounts listed in another order, or twice', async () => {
    const roleName = uniqueName('irsa-rerun-sa');
    const first = await counted({
      'provider-arn': provider.arn,
      bindings: `- {role-name: ${roleName}, namespace: apps, service-account: [reader, writer]}`
    });
    expect(first.run.result?.outputs.changed).toBe('true');
    expectNoChange(
      await counted({
        'provider-arn': provider.arn,
        bindings: `- {role-name: ${roleName}, namespace: apps, service-account: [writer, reader, writer]}`
      })
    );
  });

  it('writes nothing when the provider is named by its issuer, host in upper case, instead of its ARN', async () => {
    const roleName = uniqueName('irsa-rerun-issuer');
    const binding = { 'role-name': roleName, namespace: 'apps', 'service-account': 'web' };
    expect((await counted({ ...binding, 'provider-arn': provider.arn })).run.result?.outputs.changed).toBe(
      'true'
    );
    const url = new URL(provider.issuer);
    const shouted = `https://${url.host.toUpperCase()}${url.pathname}`;
    expectNoChange(await counted({ ...binding, 'issuer-url': shouted }));
  });

  it('writes nothing for a description an earlier version wrote with the accounts in input order', async () => {
    const roleName = uniqueName('irsa-rerun-desc');
    const inputs = {
      'provider-arn': provider.arn,
      bindings: `- {role-name: ${roleName}, namespace: apps, service-account: [writer, reader]}`
    };
    expect((await counted(inputs)).run.result?.outputs.changed).toBe('true');
    const sorted = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role?.Description;
    expect(sorted).toBe(
      'IRSA role for system:serviceaccount:apps:reader, system:serviceaccount:apps:writer (managed by talos-irsa)'
    );
    await iam.send(
      new UpdateRoleCommand({
        RoleName: roleName,
        Description:
          'IRSA role for system:serviceaccount:apps:writer, system:serviceaccount:apps:reader (managed by talos-irsa)'
      })
    );
    expectNoChange(await counted(inputs));
    // Another account named is a change all the same.
    const widened = await counted({
      'provider-arn': provider.arn,
      bindings: `- {role-name: ${roleName}, namespace: apps, service-account: [writer, reader, admin]}`
    });
    expect(widened.writes.sort()).toEqual(['UpdateAssumeRolePolicy', 'UpdateRole']);
  });

  it('writes nothing for bindings, policy ARNs and tags reordered, and an inline policy rewritten', async () => {
    const [a, b] = [uniqueName('irsa-rerun-a'), uniqueName('irsa-rerun-b')];
    const first = await counted({
      'issuer-url': provider.issuer,
      'policy-arns': `${READ_ONLY}\n${S3_READ}`,
      tags: 'team=platform\ncost-center=42',
      'inline-policy':
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}]}',
      bindings: [
        `- role-name: ${a}`,
        '  namespace: team-a',
        '  service-account: api',
        `  policy-arns: [${SQS_FULL}]`,
        '  tags: {tier: gold, owner: a}',
        `- role-name: ${b}`,
        '  namespace: team-b',
        '  service-account: [web]'
      ].join('\n')
    });
    expect(first.run.error).toBeUndefined();
    expect(first.run.result?.outputs.changed).toBe('true');
    expectNoChange(
      await counted({
        'issuer-url': provider.issuer,
        'policy-arns': `\n${S3_READ}\n${READ_ONLY}\n${S3_READ}\n`,
        tags: 'cost-center = 42\n\nteam=platform',
        // The same document as YAML: keys in another order, the statement as an object, a list reordered.
        'inline-policy':
          'Statement:\n  Resource: ["*"]\n  Action: [s3:PutObject, s3:GetObject]\n  Effect: Allow\nVersion: "2012-10-17"\n',
        'max-session-duration': '3600',
        'role-path': '/',
        audience: 'sts.amazonaws.com',
        bindings: [
          `- role-name: ${b}`,
          '  service-account: web',
          '  namespace: team-b',
          `- namespace: team-a`,
          `  role-name: ${a}`,
          '  service-account: [api]',
          `  policy-arns: [${SQS_FULL}, ${READ_ONLY}]`,
          '  tags: [owner=a, tier=gold]'
        ].join('\n')
      })
    );
  });
});
