// Runs that share the verify service account, and what a killed run (its runner lost: no signal
// handler runs) leaves behind. Each run holds a lease on the account it creates, takes over or joins;
// the last to leave deletes it; leases and pods past their time are a killed run's and are cleared
// by the next run; what a cleanup: false run kept, and what is not verify-irsa's, is left alone.
import { describe, expect, it } from '@jest/globals';
import {
  kubeCall,
  KubeApiError,
  loadKubeClient,
  namespacedPath,
  type KubeClient
} from '../src/kube/client.js';
import {
  holdServiceAccount,
  LEASE_PREFIX,
  leaseKey,
  releaseServiceAccount
} from '../src/verify-irsa/account-lease.js';
import { MemoryLogger } from '../src/io/logger.js';
import { verifyIrsaAction } from '../src/verify-irsa/action.js';
import { kubeClusterOps, parseInstant, type ClusterOps } from '../src/verify-irsa/cluster.js';
import { CreatedObjects } from '../src/verify-irsa/created-objects.js';
import { failed, passed } from '../src/verify-irsa/diagnosis.js';
import { afterSecondRelease } from '../src/verify-irsa/run.js';
import {
  EXPIRES_ANNOTATION,
  KEEP_ANNOTATION,
  MANAGED_BY,
  ROLE_ANNOTATION,
  verifyPodManifest
} from '../src/verify-irsa/verify-pod.js';
import { runBundle } from './harness/run-bundle.js';
import type { Chain } from './fixtures/verify-irsa/chain.js';
import {
  chainFor,
  check,
  contextFor,
  destroyChainsAfterEach,
  expectCleanAndSilent,
  verify,
  verifyWith
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

/** The account as runs with these leases (run id → until) would have left it. */
async function leasedAccount(
  chain: Chain,
  cluster: ClusterOps,
  leases: Record<string, Date>,
  roleArn = chain.roleArn
): Promise<void> {
  const annotations: Record<string, string> = { [ROLE_ANNOTATION]: roleArn };
  for (const [runId, until] of Object.entries(leases)) annotations[leaseKey(runId)] = until.toISOString();
  await cluster.createServiceAccount(chain.namespace, chain.serviceAccount, {
    labels: { ...MANAGED_BY },
    annotations
  });
}

/** A verify pod as an earlier run of `serviceAccount` would have made it. */
async function leftPod(
  chain: Chain,
  cluster: ClusterOps,
  name: string,
  serviceAccount: string,
  expiresAt: Date | undefined
): Promise<void> {
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

const leaseIds = (chain: Chain): string[] =>
  Object.keys(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)?.metadata.annotations ?? {})
    .filter((key) => key.startsWith(LEASE_PREFIX))
    .map((key) => key.slice(LEASE_PREFIX.length));

/**
 * A pod-mode run held just before it creates its pod, until `release()`: a run still going while
 * another one runs.
 */
function heldRun(chain: Chain): { done: ReturnType<typeof verifyWith>; release(): void } {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const done = verifyWith(chain, { mode: 'pod' }, (deps) => ({
    ...deps,
    cluster: {
      ...deps.cluster,
      createPod: async (pod) => {
        await released;
        return deps.cluster.createPod(pod);
      }
    }
  }));
  return { done, release };
}

describe('verify-irsa and the runs around it', () => {
  it('takes over an account whose runs all ended, clears their pods, and leaves nothing', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    const older = chain.roleArn.replace(/:role\/.*$/, ':role/an-older-role');
    await leasedAccount(chain, cluster, { dead01: PAST() }, older);
    await leftPod(chain, cluster, 'irsa-verify-dead01', chain.serviceAccount, PAST());
    // Not this run's to remove: another account's pod, a pod still in time, and a kept one.
    await cluster.createServiceAccount(chain.namespace, 'someone-else', { labels: {}, annotations: {} });
    await leftPod(chain, cluster, 'another-accounts-pod', 'someone-else', PAST());
    await leftPod(chain, cluster, 'a-running-runs-pod', chain.serviceAccount, LATER());
    await leftPod(chain, cluster, 'a-kept-pod', chain.serviceAccount, undefined);

    const v = await verify(chain, { mode: 'both' });

    expect(v.result.outputs.verified).toBe('true');
    expect(check(v, 'service-account').detail).toBe(
      `adopted ${chain.namespace}/${chain.serviceAccount}; annotated ${ROLE_ANNOTATION}=${chain.roleArn}`
    );
    const log = v.log.text();
    expect(log).toContain(
      `Adopted ${chain.namespace}/${chain.serviceAccount}, which earlier verify-irsa runs created`
    );
    expect(log).toContain(`Deleted the pod ${chain.namespace}/irsa-verify-dead01, which an earlier run left`);
    expect(log).toContain(
      `Deleted the service account ${chain.namespace}/${chain.serviceAccount} this run adopted.`
    );
    expect(podNames(chain)).toEqual(['a-kept-pod', 'a-running-runs-pod', 'another-accounts-pod']);
    expect(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)).toBeUndefined();
  });

  it('joins an account another run is using and leaves it to that run, which deletes it last', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    const other = chain.roleArn.replace(/:role\/.*$/, ':role/the-other-runs-role');
    await leasedAccount(chain, cluster, { live01: LATER(), dead01: PAST() }, other);

    const v = await verify(chain, { mode: 'token' });

    expect(v.result.outputs.verified).toBe('true');
    expect(check(v, 'service-account').detail).toMatch(
      new RegExp(`^shared ${chain.namespace}/${chain.serviceAccount}; note: annotated`)
    );
    expect(v.log.text()).toContain(
      `Left the service account ${chain.namespace}/${chain.serviceAccount} to the other runs using it.`
    );
    // The live run's lease and role stay; the ended run's lease and this run's own are gone.
    expect(leaseIds(chain)).toEqual(['live01']);
    expect(
      chain.double.serviceAccount(chain.namespace, chain.serviceAccount)?.metadata.annotations?.[
        ROLE_ANNOTATION
      ]
    ).toBe(other);
  });

  it('two runs at once: the one that finishes first leaves the account to the other (the race of a rerun)', async () => {
    const chain = await chainFor();
    const first = heldRun(chain);
    while (leaseIds(chain).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await verify(chain, { mode: 'token' });
    first.release();
    const firstDone = await first.done;

    expect(second.result.outputs.verified).toBe('true');
    expect(check(second, 'service-account').detail).toMatch(/^shared /);
    expect(firstDone.result.outputs.verified).toBe('true');
    expect(check(firstDone, 'service-account').detail).toMatch(/^created /);
    expect(firstDone.log.text()).toContain(
      `Deleted the service account ${chain.namespace}/${chain.serviceAccount} this run created.`
    );
    expectCleanAndSilent(chain, firstDone);
  });

  it('two runs taking over the same ended account: one adopts, the other joins, and the account goes with the last', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    await leasedAccount(chain, cluster, { dead01: PAST() });
    const slow = heldRun(chain);
    const [held, quick] = await Promise.all([
      slow.done,
      verify(chain, { mode: 'token' }).finally(() => slow.release())
    ]);
    const origins = [held, quick].map((v) => check(v, 'service-account').detail.split(' ')[0]).sort();
    expect(origins).toEqual(['adopted', 'shared']);
    expect([held, quick].map((v) => v.result.outputs.verified)).toEqual(['true', 'true']);
    expect(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)).toBeUndefined();
    expectCleanAndSilent(chain, held);
  });

  it('never takes what a cleanup: false run kept or an account not its own, and leases a killed run’s under any inputs', async () => {
    const chain = await chainFor();
    const { client, cluster } = await clusterOf(chain);
    const kept = await verify(chain, { mode: 'both', cleanup: 'false' });
    expect(kept.result.outputs.verified).toBe('true');
    const account = chain.double.serviceAccount(chain.namespace, chain.serviceAccount);
    expect(account?.metadata.annotations?.[KEEP_ANNOTATION]).toBe('true');
    expect(leaseIds(chain)).toEqual([]);
    const [keptPod] = podNames(chain);
    expect(chain.double.pod(chain.namespace, keptPod ?? '')?.metadata.annotations).toEqual({
      [KEEP_ANNOTATION]: 'true'
    });

    const later = await verify(chain, { mode: 'both' });
    expect(later.result.outputs.verified).toBe('true');
    expect(check(later, 'service-account').detail).toMatch(/^found /);
    expect(podNames(chain)).toEqual([keptPod]);
    expect(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)).toBeDefined();
    await cluster.deletePod(chain.namespace, keptPod ?? '');
    await cluster.deleteServiceAccount(chain.namespace, chain.serviceAccount);

    // A killed run's account, met by a run that keeps what it uses (cleanup: false): taken over and kept,
    // without its lease, for the next run that cleans up.
    await leasedAccount(chain, cluster, { dead01: PAST() });
    const keeping = await verify(chain, { mode: 'token', cleanup: 'false' });
    expect(check(keeping, 'service-account').detail).toMatch(/^adopted /);
    expect(keeping.log.text()).toContain('this run keeps it (cleanup: false) for the next run to remove.');
    expect(keeping.log.text()).toContain(
      `Removed this run's lease from ${chain.namespace}/${chain.serviceAccount} and kept it (cleanup: false).`
    );
    expect(leaseIds(chain)).toEqual([]);
    expect(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)).toBeDefined();
    // create-service-account: false does not stop a run from removing what a killed run left.
    const notCreating = await verify(chain, { mode: 'token', 'create-service-account': 'false' });
    expect(check(notCreating, 'service-account').detail).toMatch(/^adopted /);
    expect(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)).toBeUndefined();
    await leasedAccount(chain, cluster, { dead01: PAST() });
    // Without verify-irsa's label: someone else's account.
    const path = namespacedPath(chain.namespace, `serviceaccounts/${chain.serviceAccount}`);
    const unlabelled = Object.fromEntries(Object.keys(MANAGED_BY).map((key) => [key, null]));
    await kubeCall(client, 'PATCH', path, { metadata: { labels: unlabelled } });
    const v = await verify(chain, { mode: 'token' });
    expect(check(v, 'service-account').detail).toMatch(/^found /);
    expect(leaseIds(chain)).toEqual(['dead01']);
    expectCleanAndSilent(chain, v, false);
  });

  it('uses an account it may not write a lease on as found, and still verifies', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    await leasedAccount(chain, cluster, { dead01: PAST() });
    const v = await verifyWith(chain, { mode: 'token' }, (deps) => ({
      ...deps,
      cluster: {
        ...deps.cluster,
        patchServiceAccount: async () => {
          throw new KubeApiError('PATCH', '/api/v1/namespaces/default/serviceaccounts/x', {
            status: 403,
            contentType: 'application/json',
            body: JSON.stringify({ kind: 'Status', message: 'serviceaccounts is forbidden: cannot patch' })
          });
        }
      }
    }));
    expect(v.result.outputs.verified).toBe('true');
    expect(check(v, 'service-account').detail).toMatch(/^found /);
    expect(v.log.text()).toContain(
      `Could not write this run's lease on ${chain.namespace}/${chain.serviceAccount} (serviceaccounts is forbidden: cannot patch)`
    );
    expect(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)).toBeDefined();
  });

  it('redacts the refusal it quotes when it may not write its lease, of every value the run masked', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    await leasedAccount(chain, cluster, { dead01: PAST() });
    const secret = 's3cr3t-fedcba9876543210';
    const v = await verifyWith(chain, { mode: 'token' }, (deps) => ({
      ...deps,
      redact: (text: string) => deps.redact(text).replaceAll(secret, '***'),
      cluster: {
        ...deps.cluster,
        patchServiceAccount: async () => {
          throw new KubeApiError('PATCH', '/api/v1/namespaces/default/serviceaccounts/x', {
            status: 403,
            contentType: 'application/json',
            body: JSON.stringify({ kind: 'Status', message: `forbidden: webhook said ${secret}` })
          });
        }
      }
    }));
    expect(v.log.text()).toContain(
      `Could not write this run's lease on ${chain.namespace}/${chain.serviceAccount} (forbidden: webhook said ***)`
    );
    expect(v.log.text()).not.toContain('s3cr3t');
  });

  it('clears ended runs’ pods in token mode too', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    await leasedAccount(chain, cluster, { dead01: PAST() });
    await leftPod(chain, cluster, 'irsa-verify-dead01', chain.serviceAccount, PAST());
    const v = await verify(chain, { mode: 'token' });
    expect(v.result.failure).toBeUndefined();
    expectCleanAndSilent(chain, v);
  });

  it('does not say it deleted an ended run’s pod that was gone when it came to delete it', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    await leasedAccount(chain, cluster, { dead01: PAST() });
    await leftPod(chain, cluster, 'irsa-verify-dead01', chain.serviceAccount, PAST());
    // Removed between this run's list and its delete (by another run, or by Kubernetes): a 404.
    chain.double.injectFaults([
      {
        kind: 'status',
        code: 404,
        method: 'DELETE',
        path: `/api/v1/namespaces/${chain.namespace}/pods/irsa-verify-dead01`
      }
    ]);
    const v = await verify(chain, { mode: 'token' });
    expect(v.result.failure).toBeUndefined();
    expect(chain.double.faultsMet()).toEqual({ 'status 404': 1 });
    const log = v.log.text();
    expect(log).not.toContain('Deleted the pod');
    expect(log).not.toContain('Could not delete the pod');
  });

  it('renews its lease and dates its pod from pod mode’s start when token mode outlasted the lease', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    // IAM hanging through the SDK's retries: token mode takes longer than timeout-seconds (45) + 300 s.
    let skewMs = 0;
    const now = (): Date => new Date(Date.now() + skewMs);
    let atPodStart: { joined: string; podExpires: Date | undefined; now: Date } | undefined;
    const v = await verifyWith(chain, { mode: 'both' }, (deps) => ({
      ...deps,
      now,
      workflowAccount: async () => {
        skewMs += 420_000;
        return deps.workflowAccount();
      },
      cluster: {
        ...deps.cluster,
        createPod: async (pod) => {
          // A run starting now, on a clock that agrees: it must join, not take the account over.
          const other = await holdServiceAccount(cluster, {
            namespace: chain.namespace,
            name: chain.serviceAccount,
            roleArn: chain.roleArn,
            runId: 'other01',
            until: new Date(now().getTime() + 345_000),
            now,
            create: true,
            cleanup: true,
            redact: (text) => text
          });
          await releaseServiceAccount(cluster, chain.namespace, chain.serviceAccount, 'other01', now);
          atPodStart = {
            joined: other?.origin ?? 'none',
            podExpires: parseInstant(pod.metadata?.annotations?.[EXPIRES_ANNOTATION]),
            now: now()
          };
          return deps.cluster.createPod(pod);
        }
      }
    }));
    expect(v.result.failure).toBeUndefined();
    expect(atPodStart?.joined).toBe('shared');
    // Another run clears a verify pod once its expires-at has passed: not before this one's watch ends.
    expect(atPodStart?.podExpires?.getTime()).toBeGreaterThan((atPodStart?.now.getTime() ?? 0) + 45_000);
    expectCleanAndSilent(chain, v);
  });

  it('does not run its pod on a lease it could not renew, and still removes the account', async () => {
    const chain = await chainFor();
    // The run creates the account (no patch); its one patch before the release is the renewal.
    let skewMs = 0;
    const v = await verifyWith(chain, { mode: 'both' }, (deps) => ({
      ...deps,
      now: () => new Date(Date.now() + skewMs),
      workflowAccount: async () => {
        skewMs += 420_000;
        return deps.workflowAccount();
      },
      cluster: {
        ...deps.cluster,
        patchServiceAccount: async () => {
          throw new KubeApiError('PATCH', '/api/v1/namespaces/default/serviceaccounts/x', {
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ kind: 'Status', message: 'etcd is unavailable' })
          });
        }
      }
    }));
    expect(v.checks.filter((c) => !c.ok)).toEqual([
      {
        check: 'service-account',
        ok: false,
        detail: `could not renew this run's lease on ${chain.namespace}/${chain.serviceAccount} for pod mode: etcd is unavailable`,
        fix: 'run again'
      }
    ]);
    expect(v.checks.map((c) => c.check)).not.toContain('pod');
    expectCleanAndSilent(chain, v);
  });

  it('renews its lease for pod mode when clearing ended runs’ pods took long, but not a lease just written', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    let skewMs = 0;
    const renewals: string[] = [];
    const run = async (slow: boolean): ReturnType<typeof verifyWith> => {
      await leasedAccount(chain, cluster, { dead01: PAST() });
      await leftPod(chain, cluster, 'irsa-verify-dead01', chain.serviceAccount, PAST());
      return verifyWith(chain, { mode: 'pod' }, (deps) => ({
        ...deps,
        now: () => new Date(Date.now() + skewMs),
        cluster: {
          ...deps.cluster,
          deletePod: async (namespace, name) => {
            // A slow API server, and many pods: the run's 5 minutes are gone.
            if (slow && name === 'irsa-verify-dead01') skewMs += 420_000;
            return deps.cluster.deletePod(namespace, name);
          },
          patchServiceAccount: async (namespace, name, version, annotations) => {
            // Taking the account over writes the role and removes the ended lease too.
            const keys = Object.keys(annotations);
            if (keys.length === 1 && keys[0]?.startsWith(LEASE_PREFIX)) renewals.push(keys[0]);
            return deps.cluster.patchServiceAccount(namespace, name, version, annotations);
          }
        }
      }));
    };
    const slow = await run(true);
    expect(slow.result.failure).toBeUndefined();
    expect(renewals).toHaveLength(1);
    expectCleanAndSilent(chain, slow);
    renewals.length = 0;
    const quick = await run(false);
    expect(quick.result.failure).toBeUndefined();
    expect(renewals).toEqual([]);
    expectCleanAndSilent(chain, quick);
  });

  it('takes the account again for pod mode when another run took it over and deleted it during token mode', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    let skewMs = 0;
    const v = await verifyWith(chain, { mode: 'both' }, (deps) => ({
      ...deps,
      now: () => new Date(Date.now() + skewMs),
      workflowAccount: async () => {
        // This run's lease ran out; the run that adopted the account meanwhile finished and deleted it.
        skewMs += 420_000;
        await cluster.deleteServiceAccount(chain.namespace, chain.serviceAccount);
        return deps.workflowAccount();
      }
    }));
    expect(v.result.failure).toBeUndefined();
    expect(v.log.text()).toContain(
      `::warning::This run's lease on ${chain.namespace}/${chain.serviceAccount} ran out during token mode`
    );
    expect(check(v, 'pod').ok).toBe(true);
    expectCleanAndSilent(chain, v);
  });

  it('reads only the times it writes: anything else is no time at all', () => {
    expect(parseInstant('2026-11-29T12:00:00.000Z')?.toISOString()).toBe('2026-11-29T12:00:00.000Z');
    for (const text of [
      '0',
      '-1',
      '1764417600',
      '2026-11-29 12:00',
      '2026-02-30T00:00:00.000Z',
      '2026-11-29T12:00:00Z',
      'soon',
      ''
    ])
      expect(parseInstant(text)).toBeUndefined();
  });

  it('says a cancelled run deleted the account it created, after renewing its lease on it', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    const created = new CreatedObjects();
    const tracked = created.tracking(cluster);
    const account = await tracked.createServiceAccount(chain.namespace, chain.serviceAccount, {
      labels: { ...MANAGED_BY },
      annotations: { [ROLE_ANNOTATION]: chain.roleArn, [leaseKey('mine01')]: LATER().toISOString() }
    });
    await tracked.patchServiceAccount(chain.namespace, chain.serviceAccount, account.resourceVersion, {
      [leaseKey('mine01')]: new Date(LATER().getTime() + 60_000).toISOString()
    });
    expect(await created.removeLeftovers(cluster, { cleanup: true, redact: (text) => text })).toEqual([
      `deleted the service account ${chain.namespace}/${chain.serviceAccount} this run created`
    ]);
    expect(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)).toBeUndefined();
  });

  it('releases an adopted account among what a cancelled run removes', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    await leasedAccount(chain, cluster, { dead01: PAST() });
    const created = new CreatedObjects();
    const tracked = created.tracking(cluster);
    const account = await tracked.readServiceAccount(chain.namespace, chain.serviceAccount);
    await tracked.patchServiceAccount(chain.namespace, chain.serviceAccount, account?.resourceVersion ?? '', {
      [leaseKey('mine01')]: LATER().toISOString(),
      [leaseKey('dead01')]: null,
      [ROLE_ANNOTATION]: chain.roleArn
    });
    expect(await created.removeLeftovers(cluster, { cleanup: true, redact: (text) => text })).toEqual([
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
    const [killedRun] = leaseIds(chain);
    expect(leftName).toBe(`irsa-verify-${killedRun}`);
    // The killed run's own end: its wait (30 s) and five minutes of margin from its start.
    const until = Date.parse(
      chain.double.serviceAccount(chain.namespace, chain.serviceAccount)?.metadata.annotations?.[
        leaseKey(killedRun ?? '')
      ] ?? ''
    );
    expect(until - Date.now()).toBeGreaterThan(300_000);
    expect(until - Date.now()).toBeLessThanOrEqual(330_000);

    // Run again at once: it verifies, and leaves what the killed run (for all it knows, still going) holds.
    chain.double.holdPods(false);
    const soon = await runBundle('verify-irsa', inputs, { timeoutMs: 60_000 });
    expect(soon.outputs.verified).toBe('true');
    expect(podNames(chain)).toEqual([leftName]);
    expect(leaseIds(chain)).toEqual([killedRun]);

    // Later, past the killed run's end (moved back here rather than waited for): the next run takes
    // the account over and removes the pod, and nothing is left.
    const ended = PAST().toISOString();
    const accountPath = namespacedPath(chain.namespace, `serviceaccounts/${chain.serviceAccount}`);
    await kubeCall(client, 'PATCH', accountPath, {
      metadata: { annotations: { [leaseKey(killedRun ?? '')]: ended } }
    });
    await kubeCall(client, 'PATCH', namespacedPath(chain.namespace, `pods/${leftName}`), {
      metadata: { annotations: { [EXPIRES_ANNOTATION]: ended } }
    });
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

describe('leases under faults and crowds', () => {
  const request = (chain: Chain, runId: string, cleanup = true) => ({
    namespace: chain.namespace,
    name: chain.serviceAccount,
    roleArn: chain.roleArn,
    runId,
    until: new Date(Date.now() + 600_000),
    now: () => new Date(),
    create: true,
    cleanup,
    redact: (text: string) => text
  });

  /** A token-mode run whose first service-account patch goes through `first` (given the real one). */
  function verifyWithFirstPatch(
    chain: Chain,
    first: (patch: ClusterOps['patchServiceAccount']) => ClusterOps['patchServiceAccount']
  ): ReturnType<typeof verifyWith> {
    let used = false;
    return verifyWith(chain, { mode: 'token' }, (deps) => {
      const real = deps.cluster.patchServiceAccount;
      const once = first(real);
      return {
        ...deps,
        cluster: {
          ...deps.cluster,
          patchServiceAccount: (...args) => {
            if (used) return real(...args);
            used = true;
            return once(...args);
          }
        }
      };
    });
  }

  it('creates the account afresh when the one it meant to join was deleted meanwhile', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    await leasedAccount(chain, cluster, { live01: LATER() });
    // The run holding it finishes between this run's read and its write.
    const v = await verifyWithFirstPatch(chain, (patch) => async (namespace, name, version, annotations) => {
      await cluster.deleteServiceAccount(namespace, name);
      return patch(namespace, name, version, annotations);
    });
    expect(v.result.failure).toBeUndefined();
    expect(check(v, 'service-account').detail).toMatch(/^created /);
    expectCleanAndSilent(chain, v);
  });

  it('takes the account over when its write landed but the answer was lost', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    await leasedAccount(chain, cluster, { dead01: PAST() });
    // The client sends the patch again; its precondition makes the repeat a 409, and the account,
    // read again, holds this run's lease.
    chain.double.injectFaults([
      {
        kind: 'reset-after',
        method: 'PATCH',
        path: `/api/v1/namespaces/${chain.namespace}/serviceaccounts/${chain.serviceAccount}`
      }
    ]);
    const v = await verify(chain, { mode: 'token' });
    expect(chain.double.faultsMet()).toEqual({ 'reset-after': 1 });
    expect(v.result.failure).toBeUndefined();
    expect(check(v, 'service-account').detail).toMatch(/^adopted /);
    expectCleanAndSilent(chain, v);
  });

  it('six runs at once all verify, and the account goes with the last', async () => {
    const chain = await chainFor();
    const runs = await Promise.all(Array.from({ length: 6 }, () => verify(chain, { mode: 'token' })));
    expect(runs.map((v) => v.result.failure ?? 'ok')).toEqual(Array(6).fill('ok'));
    expect(runs.map((v) => check(v, 'service-account').detail.split(' ')[0]).sort()).toEqual([
      'created',
      'shared',
      'shared',
      'shared',
      'shared',
      'shared'
    ]);
    expect(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)).toBeUndefined();
  }, 60_000);

  it('a cleanup: false run leases an account a run made, so it is not deleted under it, and keeps it', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    await leasedAccount(chain, cluster, { live01: LATER() });
    const keeper = await holdServiceAccount(cluster, request(chain, 'keep0001', false));
    expect(keeper?.holding).toBe(true);
    // The run that made it finishes first: it leaves the account to the keeper.
    expect(
      await releaseServiceAccount(cluster, chain.namespace, chain.serviceAccount, 'live01', () => new Date())
    ).toBe('released');
    expect(
      await releaseServiceAccount(
        cluster,
        chain.namespace,
        chain.serviceAccount,
        'keep0001',
        () => new Date(),
        false
      )
    ).toBe('released');
    expect(leaseIds(chain)).toEqual([]);
    // No run is on it any more: the next run takes it over and removes it.
    const v = await verify(chain, { mode: 'token' });
    expect(check(v, 'service-account').detail).toMatch(/^adopted /);
    expectCleanAndSilent(chain, v);
  });

  it('never deletes on release what was marked kept or lost its label meanwhile', async () => {
    const chain = await chainFor();
    const { client, cluster } = await clusterOf(chain);
    const path = namespacedPath(chain.namespace, `serviceaccounts/${chain.serviceAccount}`);
    for (const change of [
      { annotations: { [KEEP_ANNOTATION]: 'true' } },
      { labels: Object.fromEntries(Object.keys(MANAGED_BY).map((key) => [key, null])) }
    ]) {
      await holdServiceAccount(cluster, request(chain, 'mine0001'));
      await kubeCall(client, 'PATCH', path, { metadata: change });
      expect(
        await releaseServiceAccount(
          cluster,
          chain.namespace,
          chain.serviceAccount,
          'mine0001',
          () => new Date()
        )
      ).toBe('released');
      expect(leaseIds(chain)).toEqual([]);
      await cluster.deleteServiceAccount(chain.namespace, chain.serviceAccount);
    }
  });

  it('counts a lease no run could have written (ending past the longest run) as ended', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    await leasedAccount(chain, cluster, { forever: new Date('9999-12-31T23:59:59.999Z') });
    const v = await verify(chain, { mode: 'token' });
    expect(check(v, 'service-account').detail).toMatch(/^adopted /);
    expectCleanAndSilent(chain, v);
  });

  it('holds a lease ending at the longest a run can write as live, and one a millisecond past it as ended', async () => {
    // timeout-seconds at most 3600, the 300 s margin, a minute for clocks: 3960 s from now.
    const now = new Date();
    const longest = new Date(now.getTime() + 3_960_000);
    const past = new Date(longest.getTime() + 1);
    for (const [until, origin, left] of [
      [longest, 'shared', ['at000001', 'ceil0001']],
      [past, 'adopted', ['ceil0002']]
    ] as const) {
      const chain = await chainFor();
      const { cluster } = await clusterOf(chain);
      await leasedAccount(chain, cluster, { at000001: until });
      const runId = left.at(-1) ?? '';
      const held = await holdServiceAccount(cluster, { ...request(chain, runId), now: () => now });
      expect(held?.origin).toBe(origin);
      expect(leaseIds(chain).sort()).toEqual([...left]);
      await cluster.deleteServiceAccount(chain.namespace, chain.serviceAccount);
    }
  });

  it('keeps its own lease when an ended lease carries the same run id', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    await leasedAccount(chain, cluster, { same0001: PAST() });
    const held = await holdServiceAccount(cluster, request(chain, 'same0001'));
    expect(held?.origin).toBe('adopted');
    expect(leaseIds(chain)).toEqual(['same0001']);
    expect(
      await releaseServiceAccount(
        cluster,
        chain.namespace,
        chain.serviceAccount,
        'same0001',
        () => new Date()
      )
    ).toBe('deleted');
  });

  it('undoes on cancel a create that was applied, its answer lost, and refused as existing when sent again', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    const created = new CreatedObjects();
    const tracked = created.tracking(cluster);
    chain.double.injectFaults([
      { kind: 'reset-after', method: 'POST', path: `/api/v1/namespaces/${chain.namespace}/serviceaccounts` }
    ]);
    const refused = await tracked
      .createServiceAccount(chain.namespace, chain.serviceAccount, {
        labels: { ...MANAGED_BY },
        annotations: { [leaseKey('lost0001')]: LATER().toISOString() }
      })
      .catch((e: unknown) => e);
    // The 409 of the repeat names the first attempt's account: this run's, still to undo.
    expect(refused).toMatchObject({ code: 409, attempts: 2 });
    expect(created.heldAccount()).toBe(`the service account ${chain.namespace}/${chain.serviceAccount}`);
    expect(await created.removeLeftovers(cluster, { cleanup: true, redact: (text) => text })).toEqual([
      `deleted the service account ${chain.namespace}/${chain.serviceAccount} this run created`
    ]);
    expect(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)).toBeUndefined();
  });

  // The connection drops on every attempt at the pod's create: the pod may or may not exist.
  const podCreateLost = (chain: Chain): void =>
    chain.double.injectFaults([
      { kind: 'reset-before', method: 'POST', path: `/api/v1/namespaces/${chain.namespace}/pods`, times: 4 }
    ]);

  it('says nothing of a pod whose create got no answer when its delete finds none (404)', async () => {
    const chain = await chainFor();
    podCreateLost(chain);
    const v = await verify(chain, { mode: 'pod' });
    expect(chain.double.faultsMet()).toEqual({ 'reset-before': 4 });
    expect(check(v, 'pod').detail).toMatch(/^cannot create the pod /);
    expect(v.log.text()).not.toMatch(/Cleanup: .*pod/);
    expect(podNames(chain)).toEqual([]);
  });

  it('says a pod whose create got no answer may not exist when its delete cannot be made', async () => {
    const chain = await chainFor();
    podCreateLost(chain);
    chain.double.injectFaults([
      {
        kind: 'reset-before',
        method: 'DELETE',
        path: `/api/v1/namespaces/${chain.namespace}/pods/`,
        times: 4
      }
    ]);
    const v = await verify(chain, { mode: 'pod' });
    expect(chain.double.faultsMet()).toEqual({ 'reset-before': 8 });
    expect(v.log.text()).toMatch(
      new RegExp(
        `::warning::Cleanup: could not delete the pod ${chain.namespace}/irsa-verify-[0-9a-f]+ \\(.*\\), which may not exist \\(no answer confirmed its create\\): if it does, delete it by hand\\.`
      )
    );
  });

  it("quotes the API server's message in its notes, as the checks do, not the request it answered", async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    const created = new CreatedObjects();
    const tracked = created.tracking(cluster);
    await tracked.createServiceAccount(chain.namespace, chain.serviceAccount, {
      labels: { ...MANAGED_BY },
      annotations: { [leaseKey('note0001')]: LATER().toISOString() }
    });
    await leftPod(chain, tracked, 'irsa-verify-noted', chain.serviceAccount, LATER());
    // The pod's delete, then the account's (this run holds its only lease), are refused.
    chain.double.injectFaults([{ kind: 'status', code: 403, method: 'DELETE', times: 2 }]);
    expect(await created.removeLeftovers(cluster, { cleanup: true, redact: (text) => text })).toEqual([
      `could not delete the pod ${chain.namespace}/irsa-verify-noted (the double's injected HTTP 403): delete it by hand`,
      `could not give up the service account ${chain.namespace}/${chain.serviceAccount} (the double's injected HTTP 403): remove this run's lease by hand (kubectl -n ${chain.namespace} annotate serviceaccount ${chain.serviceAccount} ${leaseKey('note0001')}-)`
    ]);
    expect(chain.double.faultsMet()).toEqual({ 'status 403': 2 });
  });

  it('redacts what a failed removal quotes of every value the run masked, before cutting it', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    const created = new CreatedObjects();
    const tracked = created.tracking(cluster);
    await cluster.createServiceAccount(chain.namespace, chain.serviceAccount, {
      labels: {},
      annotations: {}
    });
    await leftPod(chain, tracked, 'irsa-verify-redacted', chain.serviceAccount, LATER());
    // A masked value across the quote's cut (500 characters): cut first, a part of it would be shown.
    const secret = 's3cr3t-0123456789abcdef0123456789abcdef';
    const failing: ClusterOps = {
      ...cluster,
      deletePod: async () => {
        throw new Error(`connection refused, sent with ${'p'.repeat(460)}${secret}`);
      }
    };
    const options = { cleanup: true, redact: (text: string) => text.replaceAll(secret, '***') };
    const notes = await created.removeLeftovers(failing, options);
    expect(notes).toEqual([
      `could not delete the pod ${chain.namespace}/irsa-verify-redacted (connection refused, sent with ${'p'.repeat(460)}***): delete it by hand`
    ]);
    expect(await cluster.deletePod(chain.namespace, 'irsa-verify-redacted')).toBe(true);
    await cluster.deleteServiceAccount(chain.namespace, chain.serviceAccount);
  });

  it('waits for a write still in flight before undoing it on cancel', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    const created = new CreatedObjects();
    const slow = created.tracking({
      ...cluster,
      createServiceAccount: async (namespace, name, metadata) => {
        await new Promise((resolve) => setTimeout(resolve, 500));
        return cluster.createServiceAccount(namespace, name, metadata);
      }
    });
    const write = slow.createServiceAccount(chain.namespace, chain.serviceAccount, {
      labels: { ...MANAGED_BY },
      annotations: { [leaseKey('slow0001')]: LATER().toISOString() }
    });
    // The cancel arrives while the create is on its way.
    expect(await created.removeLeftovers(cluster, { cleanup: true, redact: (text) => text })).toEqual([
      `deleted the service account ${chain.namespace}/${chain.serviceAccount} this run created`
    ]);
    await write;
    expect(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)).toBeUndefined();
  });
});

/** A log that breaks on a line matching `line`: a fault of the run's own, not the cluster's. */
class BreakingLog extends MemoryLogger {
  constructor(
    private readonly line: RegExp,
    private readonly first: () => void = () => undefined
  ) {
    super();
  }
  override info(message: string): void {
    if (!this.line.test(message)) return super.info(message);
    this.first();
    throw new Error('the log broke');
  }
}

describe('a run that throws instead of returning', () => {
  it('still removes the account it created and its lease, and fails on its own error', async () => {
    const chain = await chainFor();
    // Thrown after the lease was written, before token mode: run()'s own release never comes.
    const log = new BreakingLog(/^ok {3}service-account: created /);
    const { ctx } = contextFor(chain, { mode: 'both' });
    await expect(verifyIrsaAction({ ...ctx, log })).rejects.toThrow(/^the log broke$/);
    expect(chain.double.serviceAccount(chain.namespace, chain.serviceAccount)).toBeUndefined();
    expect(log.text()).toContain(
      `::warning::Cleanup: deleted the service account ${chain.namespace}/${chain.serviceAccount} this run created.`
    );
  });

  it('keeps its own error when the cleanup fails too, and warns of what is left', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    await leasedAccount(chain, cluster, { live01: LATER() });
    // Joined a live run's account; then the log breaks, and the cluster refuses the release.
    const log = new BreakingLog(/^ok {3}service-account: shared /, () =>
      chain.double.injectFaults([{ kind: 'status', code: 403, method: 'PATCH' }])
    );
    const { ctx } = contextFor(chain, { mode: 'token' });
    await expect(verifyIrsaAction({ ...ctx, log })).rejects.toThrow(/^the log broke$/);
    expect(chain.double.faultsMet()).toEqual({ 'status 403': 1 });
    // Not to be deleted: the other run is still using it.
    const [mine] = leaseIds(chain).filter((id) => id !== 'live01');
    expect(log.lines.filter((line) => line.startsWith('::warning::Cleanup:'))).toEqual([
      `::warning::Cleanup: could not give up the service account ${chain.namespace}/${chain.serviceAccount} (the double's injected HTTP 403): remove this run's lease by hand (kubectl -n ${chain.namespace} annotate serviceaccount ${chain.serviceAccount} ${leaseKey(mine ?? '')}-).`
    ]);
  });
});

describe('a release the closing cleanup completes', () => {
  it('is reported as done on a second try, and the verdict is taken again', () => {
    const failure = failed(
      'service-account',
      'could not give up default/app, which this run created: 503',
      'remove it'
    );
    const other = passed('assume-role', 'STS issued credentials');
    const after = afterSecondRelease(
      {
        verified: false,
        assumedRoleArn: 'arn:aws:sts::1:assumed-role/r/s',
        checks: [other, failure],
        releaseFailure: failure,
        notChecked: ['IAM was not read'],
        podOtherRole: 'arn:aws:sts::1:assumed-role/other/s'
      },
      'gave up the service account default/app'
    );
    expect(after).toEqual({
      verified: true,
      assumedRoleArn: 'arn:aws:sts::1:assumed-role/r/s',
      checks: [
        other,
        passed(
          'service-account',
          'gave up the service account default/app on a second try, after: could not give up default/app, which this run created: 503'
        )
      ],
      notChecked: ['IAM was not read'],
      podOtherRole: 'arn:aws:sts::1:assumed-role/other/s'
    });
    // Another failure still fails the run.
    const broken = failed('pod', 'the pod failed', 'look at it');
    expect(
      afterSecondRelease(
        { verified: false, assumedRoleArn: undefined, checks: [broken, failure], releaseFailure: failure },
        'gave up the service account default/app'
      ).verified
    ).toBe(false);
  });

  it('is seen through what the run still holds, before and after the cleanup', async () => {
    const chain = await chainFor();
    const { cluster } = await clusterOf(chain);
    const created = new CreatedObjects();
    const failing = created.tracking({
      ...cluster,
      deleteServiceAccount: async () => {
        throw new Error('etcd is read-only');
      }
    });
    await failing.createServiceAccount(chain.namespace, chain.serviceAccount, {
      labels: { ...MANAGED_BY },
      annotations: { [leaseKey('mine0001')]: LATER().toISOString() }
    });
    await expect(
      releaseServiceAccount(failing, chain.namespace, chain.serviceAccount, 'mine0001', () => new Date())
    ).rejects.toThrow('etcd is read-only');
    expect(created.heldAccount()).toBe(`the service account ${chain.namespace}/${chain.serviceAccount}`);
    expect(await created.removeLeftovers(cluster, { cleanup: true, redact: (text) => text })).toEqual([
      `deleted the service account ${chain.namespace}/${chain.serviceAccount} this run created`
    ]);
    expect(created.heldAccount()).toBeUndefined();
  });
});
