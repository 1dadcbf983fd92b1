// Transient Kubernetes API failures, injected by the kube-apiserver double inside TLS
// (test/stack/kube-faults.ts): a 429 from API Priority and Fairness, a 500 or 503, a connection
// dropped before the request is read or after it was applied. Each action's calls are sent again
// while a repeat is safe (src/kube/retry.ts), a permanent refusal is not, and once the attempts are
// spent the error names the call.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { V1Pod } from '@kubernetes/client-node';
import {
  callDeadlineMs,
  KubeApiError,
  kubeJson,
  kubeRequest,
  loadKubeClient,
  type KubeClient
} from '../src/kube/client.js';
import { pauseMs, RETRY_AFTER_CAP_MS, retriesConnection, retriesStatus } from '../src/kube/retry.js';
import { readClusterDocuments } from '../src/publish-oidc/cluster-documents.js';
import { holdServiceAccount, leaseKey, type LeaseRequest } from '../src/verify-irsa/account-lease.js';
import { kubeClusterOps } from '../src/verify-irsa/cluster.js';
import { MANAGED_BY } from '../src/verify-irsa/verify-pod.js';
import { UserError } from '../src/io/errors.js';
import { startKubeDouble, type KubeDouble } from './stack/kube-double.js';
import { createTestCa } from './stack/tls.js';
import { countedIam, createProvider, runIrsaRole, uniqueName } from './fixtures/irsa-role/harness.js';
import {
  chainFor,
  check,
  destroyChainsAfterEach,
  expectCleanAndSilent,
  verify
} from './fixtures/verify-irsa/harness.js';

const ANNOTATION = 'eks.amazonaws.com/role-arn';

let iam: IAMClient;
let provider: { issuer: string; arn: string };
let double: KubeDouble;
let client: KubeClient;
let dir: string;

beforeAll(async () => {
  ({ iam } = countedIam());
  provider = await createProvider(iam);
  dir = mkdtempSync(join(tmpdir(), 'kube-retry-'));
  double = await startKubeDouble({ ca: createTestCa(join(dir, 'ca')), issuer: provider.issuer });
  client = await loadKubeClient({ input: 'kubeconfig', value: double.kubeconfig() }, () => undefined);
});

afterEach(() => double.clearFaults());
destroyChainsAfterEach();

afterAll(async () => {
  await double?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The requests the double saw from `from` on, as "METHOD path fault". */
function seen(from: number): string[] {
  return double
    .requests()
    .slice(from)
    .map((r) => `${r.method} ${r.path.split('?')[0] ?? ''}${r.fault ? ` ${r.fault}` : ''}`);
}

const NS_PATH = '/api/v1/namespaces/default';

describe('the Kubernetes client', () => {
  it('sends a GET again after a 429 with Retry-After, a 503 and a dropped connection', async () => {
    double.injectFaults([
      { kind: 'throttle', method: 'GET', path: NS_PATH },
      { kind: 'status', code: 503, method: 'GET', path: NS_PATH },
      { kind: 'reset-before', method: 'GET', path: NS_PATH }
    ]);
    const from = double.requests().length;
    const namespace = await kubeJson<{ metadata: { name: string } }>(client, 'GET', NS_PATH);
    expect(namespace.metadata.name).toBe('default');
    expect(seen(from)).toEqual([
      `GET ${NS_PATH} throttle`,
      `GET ${NS_PATH} status 503`,
      `GET ${NS_PATH} reset-before`,
      `GET ${NS_PATH}`
    ]);
  });

  it('gives up after four attempts with an error naming the call', async () => {
    double.injectFaults([{ kind: 'status', code: 500, method: 'GET', path: NS_PATH, times: 10 }]);
    const from = double.requests().length;
    const error = await kubeJson(client, 'GET', NS_PATH).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KubeApiError);
    expect((error as Error).message).toBe(`GET ${NS_PATH} answered HTTP 500 (sent 4 times)`);
    expect(seen(from)).toHaveLength(4);

    double.clearFaults();
    double.injectFaults([{ kind: 'reset-before', method: 'GET', path: NS_PATH, times: 10 }]);
    const dropped = await kubeJson(client, 'GET', NS_PATH).catch((e: unknown) => e);
    expect(dropped).toBeInstanceOf(UserError);
    expect((dropped as Error).message).toMatch(
      new RegExp(
        `^Input 'kubeconfig': cannot reach the cluster at ${client.server.replace(/\./g, '\\.')} \\(.+\\); GET ${NS_PATH} was sent 4 times\\.$`
      )
    );
  });

  it('holds a call whose server fails slowly on every attempt to its deadline, naming the call', async () => {
    // Each 503 comes well before the attempt's timeout (1.5 s to spare on a loaded machine), but
    // four attempts would hold the call for four delays and their pauses. The deadline
    // (callDeadlineMs) cuts the second attempt short: its 503 could come at 9 s at the earliest.
    double.injectFaults([
      { kind: 'status', code: 503, method: 'GET', path: NS_PATH, times: 10, delayMs: 4500 }
    ]);
    const from = double.requests().length;
    const error = await kubeRequest(client, 'GET', NS_PATH, { timeoutMs: 6000 }).catch((e: unknown) => e);
    expect(callDeadlineMs(6000)).toBe(8000);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `Input 'kubeconfig': the cluster at ${client.server} did not complete GET ${NS_PATH} within 8 s: sent 2 times, retried after HTTP 503.`
    );
    expect(seen(from)).toEqual([`GET ${NS_PATH} status 503`, `GET ${NS_PATH} status 503`]);
    // The default timeout's call is bounded alike: 15 s per attempt, 20 s in all.
    expect(callDeadlineMs(15000)).toBe(20000);
  });

  it('names the call when its first attempt times out, which is not sent again', async () => {
    double.injectFaults([{ kind: 'status', code: 503, method: 'GET', path: NS_PATH, delayMs: 1500 }]);
    const from = double.requests().length;
    const error = await kubeRequest(client, 'GET', NS_PATH, { timeoutMs: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `Input 'kubeconfig': the cluster at ${client.server} did not answer GET ${NS_PATH} within 0.5 s.`
    );
    expect(seen(from)).toEqual([`GET ${NS_PATH} status 503`]);
  });

  it.each([401, 403, 404, 422])('does not send a request again after a permanent %i', async (code) => {
    double.injectFaults([{ kind: 'status', code, method: 'GET', path: NS_PATH, times: 5 }]);
    const from = double.requests().length;
    const error = await kubeJson(client, 'GET', NS_PATH).catch((e: unknown) => e);
    expect((error as KubeApiError).code).toBe(code);
    expect(seen(from)).toEqual([`GET ${NS_PATH} status ${code}`]);
  });

  it('sends a write not declared safe again only after a 429, which the server did not apply', async () => {
    const path = `${NS_PATH}/serviceaccounts`;
    const body = (name: string): unknown => ({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name }
    });
    double.injectFaults([{ kind: 'throttle', method: 'POST', path }]);
    let from = double.requests().length;
    await kubeJson(client, 'POST', path, body('retry-throttled'));
    expect(seen(from)).toEqual([`POST ${path} throttle`, `POST ${path}`]);

    double.injectFaults([{ kind: 'status', code: 503, method: 'POST', path }]);
    from = double.requests().length;
    const refused = await kubeJson(client, 'POST', path, body('retry-unavailable')).catch((e: unknown) => e);
    expect((refused as KubeApiError).code).toBe(503);
    expect(seen(from)).toEqual([`POST ${path} status 503`]);

    double.injectFaults([{ kind: 'reset-after', method: 'POST', path }]);
    from = double.requests().length;
    const lost = await kubeJson(client, 'POST', path, body('retry-lost')).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(UserError);
    expect(seen(from)).toEqual([`POST ${path} reset-after`]);
    // Applied, answer lost: not sent again, since a repeat would not be the same request.
    expect(double.serviceAccount('default', 'retry-lost')).toBeDefined();
  });
});

describe('the retry policy', () => {
  it('repeats a 429 for any request, a 5xx only for one safe to repeat, and no permanent refusal', () => {
    expect(retriesStatus(429, 'unsafe')).toBe(true);
    for (const code of [500, 502, 503, 504]) {
      expect(retriesStatus(code, 'safe')).toBe(true);
      expect(retriesStatus(code, 'unsafe')).toBe(false);
    }
    for (const code of [400, 401, 403, 404, 409, 410, 422, 501, 505])
      expect(retriesStatus(code, 'safe')).toBe(false);
    expect(retriesConnection('ECONNREFUSED', 'unsafe')).toBe(true);
    expect(retriesConnection('ECONNRESET', 'safe')).toBe(true);
    expect(retriesConnection('ECONNRESET', 'unsafe')).toBe(false);
    for (const code of ['CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ENOTFOUND', undefined])
      expect(retriesConnection(code, 'safe')).toBe(false);
  });

  it("waits the server's Retry-After, cut to the cap, else a short backoff", () => {
    expect(pauseMs(1, '2')).toBe(2000);
    expect(pauseMs(1, '0')).toBe(0);
    expect(pauseMs(1, '3600')).toBe(RETRY_AFTER_CAP_MS);
    expect(RETRY_AFTER_CAP_MS).toBeLessThanOrEqual(5000);
    // An HTTP date is not honoured: the backoff stands in.
    expect(pauseMs(3, 'Wed, 21 Oct 2026 07:28:00 GMT')).toBeLessThanOrEqual(1000);
    for (const attempt of [1, 2, 3])
      expect(pauseMs(attempt, undefined)).toBeLessThanOrEqual(250 * 2 ** (attempt - 1));
  });

  it('sends even a write again when the connection was refused, since nothing was sent', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await loadKubeClient(
      { input: 'kubeconfig', value: double.kubeconfig().replace(double.url, `https://127.0.0.1:${port}`) },
      () => undefined
    );
    await expect(kubeJson(refused, 'POST', `${NS_PATH}/serviceaccounts`, {})).rejects.toThrow(
      `; POST ${NS_PATH}/serviceaccounts was sent 4 times.`
    );
  });
});

describe('publish-oidc', () => {
  it('reads the discovery document and the JWKS through a 429 and a dropped connection', async () => {
    double.injectFaults([
      { kind: 'throttle', path: '/.well-known/openid-configuration' },
      { kind: 'reset-before', path: '/openid/v1/jwks' },
      { kind: 'status', code: 503, path: '/openid/v1/jwks' }
    ]);
    const documents = await readClusterDocuments(client, 15000);
    expect(documents.discovery).toEqual(double.discoveryDocument());
    expect(documents.jwks).toEqual(double.jwks());
    expect(double.faultsMet()).toMatchObject({ throttle: 1, 'reset-before': 1, 'status 503': 1 });
  });

  it('names the document and the attempts when the API server fails every one', async () => {
    double.injectFaults([{ kind: 'status', code: 503, path: '/openid/v1/jwks', times: 10 }]);
    await expect(readClusterDocuments(client, 15000)).rejects.toThrow(
      new RegExp(
        `^GET /openid/v1/jwks on the cluster at ${client.server.replace(/\./g, '\\.')} answered HTTP 503 to the last of 4 attempts: .*the double's injected HTTP 503.*; run again once the API server is back\\.$`
      )
    );
  });
});

describe('irsa-role', () => {
  const bindingInputs = (role: string, namespace: string, account: string): Record<string, string> => ({
    'provider-arn': provider.arn,
    'annotate-service-account': 'true',
    kubeconfig: double.kubeconfig(),
    'role-name': role,
    namespace,
    'service-account': account
  });

  it('creates the service account when the create was applied and its answer lost', async () => {
    const account = uniqueName('sa-lost').toLowerCase();
    double.injectFaults([
      { kind: 'throttle', method: 'GET', path: '/api/v1/namespaces/default' },
      { kind: 'reset-after', method: 'POST', path: '/api/v1/namespaces/default/serviceaccounts' }
    ]);
    const run = await runIrsaRole(bindingInputs(uniqueName('irsa-kretry-c'), 'default', account));
    expect(run.error).toBeUndefined();
    expect(run.result?.failure).toBeUndefined();
    const arn = run.result?.outputs['role-arn'] ?? '';
    expect(double.serviceAccount('default', account)?.metadata.annotations?.[ANNOTATION]).toBe(arn);
    expect(run.result?.summary).toContain(`created service account default/${account}`);
    expect(double.faultsMet()).toMatchObject({ throttle: 1, 'reset-after': 1 });
  });

  it('annotates the service account through a 503 and a patch whose answer was lost', async () => {
    const account = uniqueName('sa-patch').toLowerCase();
    const first = await runIrsaRole(bindingInputs(uniqueName('irsa-kretry-1'), 'default', account));
    expect(first.result?.failure).toBeUndefined();
    const path = `/api/v1/namespaces/default/serviceaccounts/${account}`;
    double.injectFaults([
      { kind: 'status', code: 503, method: 'PATCH', path },
      { kind: 'reset-after', method: 'PATCH', path }
    ]);
    const run = await runIrsaRole(bindingInputs(uniqueName('irsa-kretry-2'), 'default', account));
    expect(run.error).toBeUndefined();
    expect(run.result?.failure).toBeUndefined();
    const arn = run.result?.outputs['role-arn'] ?? '';
    expect(double.serviceAccount('default', account)?.metadata.annotations?.[ANNOTATION]).toBe(arn);
    expect(run.result?.summary).toContain(`annotated service account default/${account}`);
  });

  it('fails naming the annotation once every attempt failed, and does not repeat a 403', async () => {
    const account = uniqueName('sa-down').toLowerCase();
    const path = '/api/v1/namespaces/default/serviceaccounts';
    double.injectFaults([{ kind: 'status', code: 503, method: 'POST', path, times: 10 }]);
    const from = double.requests().length;
    const run = await runIrsaRole(bindingInputs(uniqueName('irsa-kretry-d'), 'default', account));
    const message = run.result?.failure ?? run.error?.message ?? '';
    expect(message).toContain(
      `could not create service account default/${account}: the cluster at ${double.url} answered HTTP 503 to the last of 4 attempts`
    );
    expect(message).toContain('run again once the API server is back');
    expect(seen(from).filter((line) => line.startsWith('POST'))).toHaveLength(4);

    double.clearFaults();
    double.injectFaults([{ kind: 'status', code: 403, method: 'POST', path, times: 10 }]);
    const before = double.requests().length;
    const refused = await runIrsaRole(bindingInputs(uniqueName('irsa-kretry-f'), 'default', account));
    expect(refused.result?.failure ?? refused.error?.message).toContain('(HTTP 403)');
    expect(seen(before).filter((line) => line.startsWith('POST'))).toHaveLength(1);
  });
});

describe('verify-irsa', () => {
  const ops = (): ReturnType<typeof kubeClusterOps> => kubeClusterOps(client);

  it('gets its token, pod, logs and deletions through lost answers and a failing server', async () => {
    const account = uniqueName('sa-verify').toLowerCase();
    // The pod is only created and deleted: no kubelet run.
    double.holdPods('pending');
    await ops().createServiceAccount('default', account, { labels: {}, annotations: {} });
    const saPath = `/api/v1/namespaces/default/serviceaccounts/${account}`;
    double.injectFaults([
      { kind: 'status', code: 503, method: 'GET', path: saPath },
      { kind: 'reset-after', method: 'POST', path: `${saPath}/token` },
      { kind: 'status', code: 500, method: 'POST', path: '/api/v1/namespaces/default/pods', times: 1 },
      { kind: 'reset-after', method: 'POST', path: '/api/v1/namespaces/default/pods' },
      { kind: 'throttle', method: 'GET', path: '/api/v1/namespaces/default/events' }
    ]);
    expect(await ops().readServiceAccount('default', account)).toBeDefined();
    const token = await ops().requestToken('default', account, 'sts.amazonaws.com');
    expect(token.split('.')).toHaveLength(3);

    const name = `irsa-verify-${uniqueName('k').toLowerCase().slice(-8)}`;
    const pod: V1Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default' },
      spec: { serviceAccountName: account, containers: [{ name: 'c', image: 'amazon/aws-cli' }] }
    };
    // Refused by a 500 (not applied: the dry run), then applied with its answer lost: the 409 of
    // the repeat is this call's own pod.
    const created = await ops().createPod(pod);
    expect(created.metadata?.name).toBe(name);
    expect(created.metadata?.uid).toBe(double.pod('default', name)?.metadata.uid);
    expect(await ops().podEvents('default', name)).toEqual(expect.any(Array));

    double.injectFaults([
      { kind: 'reset-after', method: 'DELETE', path: `/api/v1/namespaces/default/pods/${name}` },
      { kind: 'reset-after', method: 'DELETE', path: saPath }
    ]);
    await ops().deletePod('default', name);
    await ops().deleteServiceAccount('default', account);
    expect(double.serviceAccount('default', account)).toBeUndefined();
    expect(double.faultsMet()).toMatchObject({
      'reset-after': 4,
      'status 503': 1,
      'status 500': 1,
      throttle: 1
    });
  });
});

describe("verify-irsa's lease on the service account", () => {
  it('is written at most four times in all when the server refuses every write, and found after a lost answer', async () => {
    const cluster = kubeClusterOps(client);
    const account = uniqueName('sa-lease').toLowerCase();
    // Made and leased by a run that ended: this run takes it over with one patch.
    await cluster.createServiceAccount('default', account, {
      labels: { ...MANAGED_BY },
      annotations: { [leaseKey('dead01')]: new Date(Date.now() - 60_000).toISOString() }
    });
    const request: LeaseRequest = {
      namespace: 'default',
      name: account,
      roleArn: 'arn:aws:iam::123456789012:role/lease-test',
      runId: 'run01',
      until: new Date(Date.now() + 600_000),
      now: () => new Date(),
      create: true,
      cleanup: true,
      redact: (text) => text
    };
    const path = `/api/v1/namespaces/default/serviceaccounts/${account}`;
    double.injectFaults([{ kind: 'throttle', retryAfter: 0, method: 'PATCH', path, times: 20 }]);
    let from = double.requests().length;
    const refused = await holdServiceAccount(cluster, request).catch((e: unknown) => e);
    expect((refused as KubeApiError).code).toBe(429);
    // The client's attempts, not the lease's retries times the client's.
    expect(seen(from).filter((line) => line.startsWith('PATCH'))).toHaveLength(4);

    // Applied, its answer lost: sent again and refused as moved on (409), read again and found.
    double.clearFaults();
    double.injectFaults([{ kind: 'reset-after', method: 'PATCH', path }]);
    from = double.requests().length;
    const held = await holdServiceAccount(cluster, request);
    expect(held).toMatchObject({ origin: 'adopted', holding: true });
    expect(double.serviceAccount('default', account)?.metadata.annotations?.[leaseKey('run01')]).toBe(
      request.until.toISOString()
    );
    expect(seen(from).filter((line) => line.startsWith('PATCH'))[0]).toBe(`PATCH ${path} reset-after`);
    await cluster.deleteServiceAccount('default', account);
  });
});

describe('with a seeded share of every Kubernetes request faulted', () => {
  it('irsa-role annotates every account and publish-oidc reads its documents, run after run', async () => {
    const prefix = uniqueName('irsa-kretry-r');
    const accounts = ['r-a', 'r-b', 'r-c', 'r-d'].map((name) => `${name}-${prefix.slice(-8)}`.toLowerCase());
    const met = new Map<string, number>();
    for (const seed of [1, 2, 3, 4]) {
      double.clearFaults();
      double.randomFaults({ seed, rate: 0.2 });
      const run = await runIrsaRole({
        'provider-arn': provider.arn,
        'annotate-service-account': 'true',
        kubeconfig: double.kubeconfig(),
        bindings: [
          `- {role-name: ${prefix}-${seed}, namespace: default, service-account: [${accounts.join(', ')}]}`
        ].join('\n')
      });
      expect(run.error).toBeUndefined();
      expect(run.result?.failure).toBeUndefined();
      const arn = JSON.parse(run.result?.outputs['role-arns'] ?? '{}')[`${prefix}-${seed}`] as string;
      for (const account of accounts)
        expect(double.serviceAccount('default', account)?.metadata.annotations?.[ANNOTATION]).toBe(arn);
      const documents = await readClusterDocuments(client, 15000);
      expect(documents.jwks).toEqual(double.jwks());
      for (const [kind, count] of Object.entries(double.faultsMet()))
        met.set(kind, (met.get(kind) ?? 0) + count);
    }
    // The runs met every kind of fault, so that each way of failing was gone through.
    expect([...met.keys()].sort()).toEqual([
      'reset-after',
      'reset-before',
      'status 500',
      'status 503',
      'throttle'
    ]);
  });
});

describe('verify-irsa with a seeded share of its Kubernetes requests faulted', () => {
  it.each([11, 12])('verifies, and leaves nothing behind (seed %i)', async (seed) => {
    const chain = await chainFor();
    chain.double.randomFaults({ seed, rate: 0.2 });
    const v = await verify(chain);
    const met = chain.double.faultsMet();
    chain.double.randomFaults(undefined);
    expect(v.result.failure).toBeUndefined();
    expect(v.result.outputs.verified).toBe('true');
    expectCleanAndSilent(chain, v);
    expect(Object.values(met).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
  });
});

describe('verify-irsa when the API server fails a call on every attempt', () => {
  it('says to run again, not to grant rights, and leaves nothing behind', async () => {
    const chain = await chainFor();
    chain.double.injectFaults([{ kind: 'status', code: 503, method: 'POST', path: /\/token$/, times: 10 }]);
    const token = await verify(chain, { mode: 'token' });
    expect(token.result.outputs.verified).toBe('false');
    expect(check(token, 'token').detail).toContain(
      `TokenRequest for ${chain.namespace}/${chain.serviceAccount} failed`
    );
    expect(check(token, 'token').fix).toBe(
      'the API server failed the request (HTTP 503) on every attempt, overloaded or restarting: run again once it is back'
    );
    expectCleanAndSilent(chain, token);
    expect(chain.double.requests().filter((r) => r.fault === 'status 503')).toHaveLength(4);

    chain.double.clearFaults();
    chain.double.injectFaults([
      {
        kind: 'throttle',
        retryAfter: 0,
        method: 'POST',
        path: `/api/v1/namespaces/${chain.namespace}/pods`,
        times: 10
      }
    ]);
    const pod = await verify(chain, { mode: 'pod' });
    expect(check(pod, 'pod').detail).toMatch(/^cannot create the pod /);
    expect(check(pod, 'pod').fix).toBe(
      'the API server failed the request (HTTP 429) on every attempt, overloaded or restarting: run again once it is back'
    );
    expectCleanAndSilent(chain, pod);
  });
});
