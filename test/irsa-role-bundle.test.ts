// The committed bundle, run as the runner runs it (INPUT_* variables, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files) against moto, on Node 20 and on the runner's Node 24.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKubeDouble, type KubeDouble } from './stack/kube-double.js';
import { createTestCa } from './stack/tls.js';
import { CreateRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import { runBundle } from './harness/run-bundle.js';
import { countedIam, createProvider, rolesNamed, trustOf, uniqueName } from './fixtures/irsa-role/harness.js';
import { node24 } from './harness/node24.js';

const runtimes: Array<[string, string]> = [
  ['node20', process.execPath],
  ['node24', node24]
];

let iam: IAMClient;
let provider: { issuer: string; arn: string; hostPath: string };
let double: KubeDouble;
let dir: string;

beforeAll(async () => {
  ({ iam } = countedIam());
  provider = await createProvider(iam);
  dir = mkdtempSync(join(tmpdir(), 'irsa-role-bundle-'));
  double = await startKubeDouble({ ca: createTestCa(join(dir, 'ca')), issuer: provider.issuer });
});

afterAll(async () => {
  await double?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(runtimes)('irsa-role bundle on %s', (_runtime, node) => {
  it('creates the role, writes outputs and the summary, and changes nothing on a rerun', async () => {
    const roleName = uniqueName('irsa-bundle');
    const inputs = {
      'issuer-url': provider.issuer,
      'role-name': roleName,
      namespace: 'apps',
      'service-account': 'api',
      'policy-arns': 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'max-session-duration': '3600',
      'role-path': '/',
      audience: 'sts.amazonaws.com',
      'prune-policies': 'false',
      'allow-wildcards': 'false',
      'annotate-service-account': 'false'
    };
    const first = await runBundle('irsa-role', inputs, { node, timeoutMs: 60_000 });
    expect(first.errors).toEqual([]);
    expect(first.status).toBe(0);
    expect(first.outputs.changed).toBe('true');
    expect(first.outputs['role-arn']).toBe(`arn:aws:iam::123456789012:role/${roleName}`);
    expect(JSON.parse(first.outputs['role-arns'] ?? '{}')).toEqual({ [roleName]: first.outputs['role-arn'] });
    expect(first.summary).toContain('### IRSA roles');
    expect(first.summary).toContain('`apps/api`');
    expect(await trustOf(iam, roleName)).toMatchObject({
      Statement: [
        { Condition: { StringEquals: { [`${provider.hostPath}:sub`]: 'system:serviceaccount:apps:api' } } }
      ]
    });

    const second = await runBundle('irsa-role', inputs, { node, timeoutMs: 60_000 });
    expect(second.status).toBe(0);
    expect(second.outputs.changed).toBe('false');
    expect(second.stdout).toContain('Nothing to change');
  });

  it("lists the run's warnings in its job summary, once, as well as annotating them", async () => {
    const roleName = uniqueName('irsa-bundle-warn');
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
    const run = await runBundle(
      'irsa-role',
      { 'provider-arn': provider.arn, 'role-name': roleName, namespace: 'apps', 'service-account': 'api' },
      { node, timeoutMs: 60_000 }
    );
    expect(run.errors).toEqual([]);
    const takeover = `role ${roleName} was not made by talos-irsa (it has no managed-by=talos-irsa tag): this run takes it over, replacing its trust policy, which let in Service ec2.amazonaws.com, with the one these inputs describe.`;
    expect(run.stdout).toContain(`::warning::${takeover}`);
    expect(run.summary).toMatch(/^### IRSA roles: 1 role changed/);
    expect(run.summary).toContain(`#### Warnings (1)\n\n- ${takeover}`);
    expect(run.summary.split(takeover)).toHaveLength(2);
  });

  it('fails a bad input with exactly one ::error:: line naming it, creating nothing', async () => {
    const roleName = uniqueName('irsa-bundle-bad');
    const run = await runBundle(
      'irsa-role',
      { 'provider-arn': provider.arn, 'role-name': roleName, namespace: 'Not_DNS', 'service-account': 'api' },
      { node, timeoutMs: 60_000 }
    );
    expect(run.status).toBe(1);
    expect(run.errors).toEqual([
      expect.stringMatching(/^Input 'namespace': namespace 'Not_DNS' is not a DNS-1123 label/)
    ]);
    expect(run.outputs).toEqual({});
    expect(await rolesNamed(iam, roleName)).toEqual([]);
  });

  it('annotates the service account from a kubeconfig file, masking its token', async () => {
    const roleName = uniqueName('irsa-bundle-annot');
    const kubeconfigPath = double.writeKubeconfig(join(dir, `kubeconfig-${roleName}`));
    expect(statSync(kubeconfigPath).mode & 0o777).toBe(0o600);
    const run = await runBundle(
      'irsa-role',
      {
        'provider-arn': provider.arn,
        'role-name': roleName,
        namespace: 'default',
        'service-account': roleName,
        'annotate-service-account': 'true',
        'kubeconfig-path': kubeconfigPath
      },
      { node, timeoutMs: 60_000 }
    );
    expect(run.errors).toEqual([]);
    expect(run.status).toBe(0);
    expect(run.masks).toContain(double.token);
    expect(
      double.serviceAccount('default', roleName)?.metadata.annotations?.['eks.amazonaws.com/role-arn']
    ).toBe(run.outputs['role-arn']);
  });
});
