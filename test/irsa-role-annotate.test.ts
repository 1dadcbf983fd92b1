// annotate-service-account through the kube-apiserver double: the service account is created or
// merge-patched with eks.amazonaws.com/role-arn, over TLS with the kubeconfig's bearer token.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IAMClient } from '@aws-sdk/client-iam';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startKubeDouble, type KubeDouble } from './stack/kube-double.js';
import { createTestCa } from './stack/tls.js';
import {
  countedIam,
  createProvider,
  rolesNamed,
  runIrsaRole,
  uniqueName
} from './fixtures/irsa-role/harness.js';

const ANNOTATION = 'eks.amazonaws.com/role-arn';

let iam: IAMClient;
let provider: { issuer: string; arn: string };
let double: KubeDouble;
let core: CoreV1Api;
let dir: string;

beforeAll(async () => {
  ({ iam } = countedIam());
  provider = await createProvider(iam);
  dir = mkdtempSync(join(tmpdir(), 'irsa-role-annotate-'));
  double = await startKubeDouble({ ca: createTestCa(join(dir, 'ca')), issuer: provider.issuer });
  const config = new KubeConfig();
  config.loadFromString(double.kubeconfig());
  core = config.makeApiClient(CoreV1Api);
  for (const name of ['team-a', 'team-b']) await core.createNamespace({ body: { metadata: { name } } });
});

afterAll(async () => {
  await double?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function annotationOf(namespace: string, name: string): string | undefined {
  const account = double.serviceAccount(namespace, name);
  return (account?.metadata.annotations ?? {})[ANNOTATION];
}

describe('annotate-service-account', () => {
  it('creates a missing service account and merge-patches an existing one, keeping its other annotations', async () => {
    await core.createNamespacedServiceAccount({
      namespace: 'team-b',
      body: { metadata: { name: 'existing', annotations: { 'example.com/owner': 'team-b' } } }
    });
    const prefix = uniqueName('irsa-annot');
    const inputs = {
      'provider-arn': provider.arn,
      'annotate-service-account': 'true',
      kubeconfig: double.kubeconfig(),
      bindings: [
        `- {role-name: ${prefix}-a, namespace: team-a, service-account: [fresh, other]}`,
        `- {role-name: ${prefix}-b, namespace: team-b, service-account: existing}`
      ].join('\n')
    };
    const run = await runIrsaRole(inputs);
    expect(run.error).toBeUndefined();
    expect(run.result?.failure).toBeUndefined();
    const arns = JSON.parse(run.result?.outputs['role-arns'] ?? '{}') as Record<string, string>;
    expect(annotationOf('team-a', 'fresh')).toBe(arns[`${prefix}-a`]);
    expect(annotationOf('team-a', 'other')).toBe(arns[`${prefix}-a`]);
    expect(annotationOf('team-b', 'existing')).toBe(arns[`${prefix}-b`]);
    expect(double.serviceAccount('team-b', 'existing')?.metadata.annotations?.['example.com/owner']).toBe(
      'team-b'
    );
    expect(run.result?.summary).toContain('created service account team-a/fresh');
    expect(run.result?.summary).toContain('annotated service account team-b/existing');
    // The bearer token was registered as a secret before the client was built.
    expect(run.masked).toContain(double.token);

    const before = double.requests().length;
    const again = await runIrsaRole(inputs);
    expect(again.result?.outputs.changed).toBe('false');
    const methods = double
      .requests()
      .slice(before)
      .map((r) => r.method);
    expect(methods.length).toBeGreaterThan(0);
    expect(methods.every((m) => m === 'GET')).toBe(true);
  });

  it('re-points the annotation when the role changes, and warns that it replaced another role', async () => {
    const first = uniqueName('irsa-annot-1');
    const second = uniqueName('irsa-annot-2');
    const base = {
      'provider-arn': provider.arn,
      'annotate-service-account': 'true',
      kubeconfig: double.kubeconfig(),
      namespace: 'team-a',
      'service-account': 'moving'
    };
    const created = await runIrsaRole({ ...base, 'role-name': first });
    expect(created.log.lines.filter((line) => line.startsWith('::warning::'))).toEqual([]);
    const firstArn = created.result?.outputs['role-arn'] ?? '';
    const run = await runIrsaRole({ ...base, 'role-name': second });
    expect(run.error).toBeUndefined();
    const secondArn = run.result?.outputs['role-arn'] ?? '';
    expect(annotationOf('team-a', 'moving')).toBe(secondArn);
    expect(secondArn).toContain(`:role/${second}`);
    expect(run.log.lines).toContainEqual(
      `::warning::Service account team-a/moving was annotated with role ${firstArn}; this run points it at ${secondArn} instead. If something else set that annotation, bind the service account in one place only.`
    );
    const again = await runIrsaRole({ ...base, 'role-name': second });
    expect(again.log.lines.filter((line) => line.startsWith('::warning::'))).toEqual([]);
  });

  it('refuses a kubeconfig for another cluster than the issuer, before creating any role or annotation', async () => {
    // Three clusters in one account, one role per cluster for the same service account: a run for
    // prod given dev's kubeconfig would point dev's service account at prod's role, which dev's
    // tokens can never assume, replacing dev's own binding with a mere warning.
    const other = await createProvider(iam);
    const roleName = uniqueName('irsa-annot-othercluster');
    const base = {
      'annotate-service-account': 'true',
      namespace: 'team-a',
      'service-account': 'shared-name'
    };
    const own = await runIrsaRole({
      ...base,
      'provider-arn': provider.arn,
      kubeconfig: double.kubeconfig(),
      'role-name': uniqueName('irsa-annot-own')
    });
    expect(own.error).toBeUndefined();
    const ownArn = own.result?.outputs['role-arn'] ?? '';
    const requestsBefore = double.requests().length;
    const run = await runIrsaRole({
      ...base,
      'provider-arn': other.arn,
      kubeconfig: double.kubeconfig(),
      'role-name': roleName
    });
    expect(run.error?.message).toBe(
      `Input 'kubeconfig': the cluster issues its service accounts' tokens as ${provider.issuer}, not as ${other.issuer}, ` +
        `the issuer of the IAM OIDC provider ${other.arn}: give the kubeconfig of that issuer's cluster, or the provider-arn or issuer-url of this cluster's.`
    );
    expect(annotationOf('team-a', 'shared-name')).toBe(ownArn);
    expect(await rolesNamed(iam, roleName)).toEqual([]);
    expect(
      double
        .requests()
        .slice(requestsBefore)
        .every((r) => r.method === 'GET')
    ).toBe(true);
  });

  it('warns, and annotates, when the cluster does not say its issuer', async () => {
    double.overrideDiscovery({});
    try {
      const run = await runIrsaRole({
        'provider-arn': provider.arn,
        'annotate-service-account': 'true',
        kubeconfig: double.kubeconfig(),
        'role-name': uniqueName('irsa-annot-noissuer'),
        namespace: 'team-a',
        'service-account': 'no-issuer'
      });
      expect(run.error).toBeUndefined();
      expect(annotationOf('team-a', 'no-issuer')).toBe(run.result?.outputs['role-arn']);
      expect(run.log.lines).toContainEqual(
        `::warning::Could not read the cluster's issuer (/.well-known/openid-configuration), so the kubeconfig is not known to be that of ${provider.issuer}'s cluster: grant its user the ClusterRole system:service-account-issuer-discovery to have it checked.`
      );
    } finally {
      double.overrideDiscovery(undefined);
    }
  });

  it('refuses a namespace that does not exist before creating any role', async () => {
    const roleName = uniqueName('irsa-annot-nons');
    const run = await runIrsaRole({
      'provider-arn': provider.arn,
      'annotate-service-account': 'true',
      kubeconfig: double.kubeconfig(),
      'role-name': roleName,
      namespace: 'no-such-namespace',
      'service-account': 'x'
    });
    // The namespace input, not annotate-service-account: the mistake is most often a typo there.
    expect(run.error?.message).toMatch(/^Input 'namespace': namespace 'no-such-namespace' does not exist/);
    expect(await rolesNamed(iam, roleName)).toEqual([]);
  });

  it('names the bindings entry whose namespace does not exist, before creating any role', async () => {
    const prefix = uniqueName('irsa-annot-nons-b');
    const run = await runIrsaRole({
      'provider-arn': provider.arn,
      'annotate-service-account': 'true',
      kubeconfig: double.kubeconfig(),
      bindings: [
        `- {role-name: ${prefix}-a, namespace: team-a, service-account: x}`,
        `- {role-name: ${prefix}-b, namespace: team-bb, service-account: y}`
      ].join('\n')
    });
    expect(run.error?.message).toBe(
      `Input 'bindings': item 2 (role '${prefix}-b'): namespace 'team-bb' does not exist in the cluster; ` +
        'create it first (the action creates service accounts, not namespaces), or correct the name.'
    );
    expect(await rolesNamed(iam, prefix)).toEqual([]);
  });

  it('tells credentials the cluster does not accept (401) from missing rights, before creating any role', async () => {
    const roleName = uniqueName('irsa-annot-401');
    const run = await runIrsaRole({
      'provider-arn': provider.arn,
      'annotate-service-account': 'true',
      kubeconfig: double.kubeconfig({ token: 'not-a-valid-token' }),
      'role-name': roleName,
      namespace: 'team-a',
      'service-account': 'x'
    });
    expect(run.error?.message).toBe(
      "Input 'kubeconfig': the cluster rejected its credentials (HTTP 401) when asked to read /.well-known/openid-configuration: they are expired, revoked or for another cluster; give a current kubeconfig."
    );
    expect(await rolesNamed(iam, roleName)).toEqual([]);
  });

  it('names the kubeconfig when the cluster forbids its user, before creating any role', async () => {
    const roleName = uniqueName('irsa-annot-403');
    const token = `forbidden-${uniqueName('t')}`;
    double.forbidToken(token);
    const run = await runIrsaRole({
      'provider-arn': provider.arn,
      'annotate-service-account': 'true',
      kubeconfig: double.kubeconfig({ token, user: 'limited' }),
      'role-name': roleName,
      namespace: 'team-a',
      'service-account': 'x'
    });
    expect(run.error?.message).toMatch(
      /^Input 'kubeconfig': the cluster refused to read service account team-a\/x \(HTTP 403\)/
    );
    expect(run.error?.message).not.toContain(token);
    expect(await rolesNamed(iam, roleName)).toEqual([]);
  });
});
