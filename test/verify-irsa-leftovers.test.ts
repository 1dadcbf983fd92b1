// What a killed verify-irsa run leaves behind (its runner lost: no signal handler runs) and how
// later runs deal with it: a run that is over for sure (past its expires-at) has its service account
// adopted and its pods removed by the next run; a run that may still be going is left alone.
import { describe, expect, it } from '@jest/globals';
import { kubeCall, loadKubeClient, namespacedPath, type KubeClient } from '../src/kube/client.js';
import { kubeClusterOps, type ClusterOps } from '../src/verify-irsa/cluster.js';
import { CreatedObjects } from '../src/verify-irsa/created-objects.js';
import { EXPIRES_ANNOTATION, MANAGED_BY, verifyPodManifest } from '../src/verify-irsa/verify-pod.js';
import { runBundle } from './harness/run-bundle.js';
import type { Chain } from './fixtures/verify-irsa/chain.js';
import {
  chainFor,
  check,
  destroyChainsAfterEach,
  expectCleanAndSilent,
  verify
} from './fixtures/verify-irsa/harness.js';

destroyChainsAfterEach();

const PAST = (): Date => new Date(Date.now() - 60_000);
const LATER = (): Date => new Date(Date.now() + 3_600_000);

async function clusterOf(chain: Chain): Promise<{ client: KubeClient; cluster: ClusterOps }> {
  const client = await loadKubeClient(
    { input: 'kubeconfig', value: chain.double.kubeconfig() },
    () => undefined
  );
  return { client, cluster: kubeClusterOps(client) };
}

/** A verify pod as an earlier run of `serviceAccount` would have made it. */
async function leftPod(
  chain: Chain,
  cluster: ClusterOps,
  name: string,
  serviceAccount: string,
  expiresAt: Date
) {
  await cluster.createPod(
    verifyPodManifest({
      name,
      namespace: chain.namespace,
      serviceAccount,
      image: 'public.ecr.aws/aws-cli/aws-cli:2.22.35',
      roleArn: chain.roleArn,
      region: 'us-east-1',
      audience: 'sts.amazonaws.com',
      timeoutSeconds: 45,
      expiresAt
    })
  );
}

const podNames = (chain: Chain): string[] =>
  chain.double
    .pods(chain.namespace)
    .map((pod) => pod.metadata.name)
    .sort();

describe('verify-irsa and what earlier runs left', () => {
  it('adopts the service account and deletes the pods of an earlier run that is over', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    const other = chain.roleArn.replace(/:role\/.*$/, ':role/an-older-role');
    await cluster.createServiceAccount(chain.namespace, chain.serviceAccount, other, PAST());
    await leftPod(chain, cluster, 'irsa-verify-0ld001', chain.serviceAccount, PAST());
    // Not this run's to remove: another account's pod, and a pod of this account still in time.
    await cluster.createServiceAccount(chain.namespace, 'someone-else', chain.roleArn, LATER());
    await leftPod(chain, cluster, 'another-accounts-pod', 'someone-else', PAST());
    await leftPod(chain, cluster, 'a-running-runs-pod', chain.serviceAccount, LATER());

    const v = await verify(chain, { mode: 'both' });

    expect(v.result.outputs.verified).toBe('true');
    expect(check(v, 'service-account').detail).toBe(
      `adopted ${chain.namespace}/${chain.serviceAccount}; annotated eks.amazonaws.com/role-arn=${chain.roleArn}`
    );
    const log = v.log.text();
    expect(log).toContain(
      `Adopted ${chain.namespace}/${chain.serviceAccount}, which an earlier verify-irsa run created and did not remove`
    );
    expect(log).toContain(`Deleted the pod ${chain.namespace}/irsa-verify-0ld001, which an earlier run left`);
    expect(log).toContain(
      `Deleted the service account ${chain.namespace}/${chain.serviceAccount} this run adopted.`
    );
    expect(podNames(chain)).toEqual(['a-running-runs-pod', 'another-accounts-pod']);
    expect(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)).toBeUndefined();
  });

  it('leaves alone a service account a run may still be using, one it may not create, and one not its own', async () => {
    const chain = await chainFor();
    const { client, cluster } = await clusterOf(chain);
    const stillGoing = async (): Promise<void> => {
      await cluster.createServiceAccount(chain.namespace, chain.serviceAccount, chain.roleArn, LATER());
      const v = await verify(chain, { mode: 'token' });
      expect(v.result.outputs.verified).toBe('true');
      expect(check(v, 'service-account').detail).toMatch(/^found /);
      expect(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)).toBeDefined();
      await cluster.deleteServiceAccount(chain.namespace, chain.serviceAccount);
    };
    await stillGoing();

    // Over, but the inputs forbid creating (so adopting) an account, or keep what the run makes.
    await cluster.createServiceAccount(chain.namespace, chain.serviceAccount, chain.roleArn, PAST());
    const refusals: Record<string, string>[] = [{ 'create-service-account': 'false' }, { cleanup: 'false' }];
    for (const inputs of refusals) {
      const v = await verify(chain, { mode: 'token', ...inputs });
      expect(check(v, 'service-account').detail).toMatch(/^found /);
      expect(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)).toBeDefined();
    }

    // Expired, but without verify-irsa's label: someone else's account.
    const path = namespacedPath(chain.namespace, `serviceaccounts/${chain.serviceAccount}`);
    const unlabelled = Object.fromEntries(Object.keys(MANAGED_BY).map((key) => [key, null]));
    await kubeCall(client, 'PATCH', path, { metadata: { labels: unlabelled } });
    const v = await verify(chain, { mode: 'token' });
    expect(check(v, 'service-account').detail).toMatch(/^found /);
    expect(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)).toBeDefined();
    expectCleanAndSilent(chain, v, false);
  });

  it('counts an adopted service account among what a cancelled run removes', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    await cluster.createServiceAccount(chain.namespace, chain.serviceAccount, chain.roleArn, PAST());
    const created = new CreatedObjects();
    await created
      .tracking(cluster)
      .adoptServiceAccount(chain.namespace, chain.serviceAccount, chain.roleArn, LATER());
    expect(await created.removeLeftovers(cluster)).toEqual([
      `deleted the service account ${chain.namespace}/${chain.serviceAccount} this run adopted`
    ]);
    expect(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)).toBeUndefined();
  });

  it('a run killed mid-pod (SIGKILL), then run again, converges once the killed run is over', async () => {
    const chain = await chainFor();
    const { client } = await clusterOf(chain);
    const inputs = {
      kubeconfig: chain.double.kubeconfig(),
      'role-arn': chain.roleArn,
      namespace: chain.namespace,
      'service-account': chain.serviceAccount,
      mode: 'pod',
      'timeout-seconds': '30'
    };
    chain.double.holdPods('running');
    const kill = new AbortController();
    const killed = runBundle('verify-irsa', inputs, {
      signal: kill.signal,
      killSignal: 'SIGKILL',
      timeoutMs: 60_000
    });
    while (podNames(chain).length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    kill.abort();
    expect((await killed).status).not.toBe(0);
    const [leftName] = podNames(chain);
    const leftAccount = chain.double.serviceAccount(chain.namespace, chain.serviceAccount);
    expect(leftAccount?.metadata.labels).toMatchObject(MANAGED_BY);
    // The killed run's own deadline: its wait (30 s) and five minutes of margin from its start.
    const expiry = Date.parse(leftAccount?.metadata.annotations?.[EXPIRES_ANNOTATION] ?? '');
    expect(expiry - Date.now()).toBeGreaterThan(300_000);
    expect(expiry - Date.now()).toBeLessThanOrEqual(330_000);

    // Run again at once: it verifies, and keeps what the killed run (for all it knows, still going) made.
    chain.double.holdPods(false);
    const soon = await runBundle('verify-irsa', inputs, { timeoutMs: 60_000 });
    expect(soon.outputs.verified).toBe('true');
    expect(podNames(chain)).toEqual([leftName]);
    expect(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)).toBeDefined();

    // Later, past the killed run's expiry (moved back here rather than waited for): the next run
    // adopts the account and removes the pod, and nothing is left.
    const past = { metadata: { annotations: { [EXPIRES_ANNOTATION]: PAST().toISOString() } } };
    await kubeCall(
      client,
      'PATCH',
      namespacedPath(chain.namespace, `serviceaccounts/${chain.serviceAccount}`),
      past
    );
    await kubeCall(client, 'PATCH', namespacedPath(chain.namespace, `pods/${leftName}`), past);
    const later = await runBundle('verify-irsa', inputs, { timeoutMs: 60_000 });
    expect(later.status).toBe(0);
    expect(later.outputs.verified).toBe('true');
    expect(later.stdout).toContain(
      `Deleted the pod ${chain.namespace}/${leftName}, which an earlier run left`
    );
    expect(podNames(chain)).toEqual([]);
    expect(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)).toBeUndefined();
  }, 180_000);
});
