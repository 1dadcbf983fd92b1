// The kube-apiserver double, exercised with the clients the suite uses against real clusters:
// @kubernetes/client-node, kubectl, jose, and the machine's aws CLI inside simulated pods.
import { execFile } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { request, type RequestOptions } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  ApiException,
  BatchV1Api,
  CoreV1Api,
  EventsV1Api,
  KubeConfig,
  PatchStrategy,
  makeInformer,
  Watch,
  setHeaderOptions,
  type V1JobSpec
} from '@kubernetes/client-node';
import { createLocalJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { loadKubeClient } from '../src/kube/client.js';
import { readClusterDocuments } from '../src/publish-oidc/cluster-documents.js';
import { kubeServiceAccounts } from '../src/irsa-role/service-account-annotation.js';
import { startKubeDouble, type KubeDouble, type KubeObject } from './stack/kube-double.js';
import { podEnvFromStack, startKubeForStack } from './stack/kube-stack.js';
import { createTestCa, type TestCa } from './stack/tls.js';

const run = promisify(execFile);
const ISSUER = 'https://oidc.double.test/talos-irsa-demo';

let dir: string;
let ca: TestCa;
let double: KubeDouble;
let kc: KubeConfig;
let core: CoreV1Api;
let batch: BatchV1Api;
let seq = 0;

function client(config: string): KubeConfig {
  const k = new KubeConfig();
  k.loadFromString(config);
  return k;
}

async function namespace(): Promise<string> {
  const name = `t${++seq}-${process.pid}`;
  await core.createNamespace({ body: { metadata: { name } } });
  await waitFor(() => double.serviceAccount(name, 'default'));
  return name;
}

async function waitFor<T>(fn: () => T | undefined | false, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A GET with the kubeconfig's TLS settings and (unless told otherwise) its bearer token. */
async function rawGet(k: KubeConfig, path: string, withAuth = true): Promise<RawResponse> {
  const url = new URL((k.getCurrentCluster()?.server ?? '') + path);
  const opts: RequestOptions = {
    method: 'GET',
    hostname: url.hostname,
    port: url.port,
    path: url.pathname,
    headers: {}
  };
  await k.applyToHTTPSOptions(opts);
  if (!withAuth && opts.headers) delete (opts.headers as Record<string, unknown>).Authorization;
  return new Promise((resolve, reject) => {
    const req = request(opts, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function statusOf(e: unknown): Record<string, unknown> {
  if (!(e instanceof ApiException)) throw e;
  const body: unknown = e.body;
  return typeof body === 'string'
    ? (JSON.parse(body) as Record<string, unknown>)
    : (body as Record<string, unknown>);
}

async function expectStatus(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return statusOf(e);
  }
  throw new Error('expected the request to fail');
}

function phase(o: KubeObject | undefined): string | undefined {
  return (o?.status as { phase?: string } | undefined)?.phase;
}

async function kubectl(args: string[], kubeconfigPath: string): Promise<string> {
  const { stdout } = await run('kubectl', [
    '--kubeconfig',
    kubeconfigPath,
    '--cache-dir',
    join(dir, 'kubectl-cache'),
    ...args
  ]);
  return stdout;
}

function awsPod(name: string, env: Record<string, string>, sa = 'irsa'): Record<string, unknown> {
  return {
    metadata: { name },
    spec: {
      serviceAccountName: sa,
      restartPolicy: 'Never',
      containers: [
        {
          name: 'aws',
          image: 'amazon/aws-cli:2.15.0',
          command: ['aws', 'sts', 'get-caller-identity'],
          env: [
            ...Object.entries(env).map(([k, v]) => ({ name: k, value: v })),
            { name: 'AWS_ROLE_ARN', value: 'arn:aws:iam::123456789012:role/irsa-demo' },
            {
              name: 'AWS_WEB_IDENTITY_TOKEN_FILE',
              value: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token'
            }
          ],
          volumeMounts: [
            {
              name: 'aws-iam-token',
              mountPath: '/var/run/secrets/eks.amazonaws.com/serviceaccount',
              readOnly: true
            }
          ]
        }
      ],
      volumes: [
        {
          name: 'aws-iam-token',
          projected: {
            sources: [
              {
                serviceAccountToken: {
                  audience: 'sts.amazonaws.com',
                  expirationSeconds: 86400,
                  path: 'token'
                }
              }
            ]
          }
        }
      ]
    }
  };
}

function shPod(name: string, script: string, restartPolicy = 'Never'): Record<string, unknown> {
  return {
    metadata: { name, labels: { app: 'sh' } },
    spec: {
      restartPolicy,
      containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', script] }]
    }
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kube-double-test-'));
  ca = createTestCa(join(dir, 'ca'));
  double = await startKubeDouble({ ca, issuer: ISSUER, backoffSeconds: 1 });
  kc = client(double.kubeconfig());
  core = kc.makeApiClient(CoreV1Api);
  batch = kc.makeApiClient(BatchV1Api);
});

afterAll(async () => {
  await double.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('issuer discovery', () => {
  test('serves the discovery document byte for byte as kube-apiserver does', async () => {
    const res = await rawGet(kc, '/.well-known/openid-configuration');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.body).toBe(
      `{"issuer":"${ISSUER}","jwks_uri":"${ISSUER}/openid/v1/jwks","response_types_supported":["id_token"],"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}`
    );
  });

  test('serves the JWKS as application/jwk-set+json with kid = base64url(SHA-256(DER public key))', async () => {
    const res = await rawGet(kc, '/openid/v1/jwks');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/jwk-set+json');
    const jwks = JSON.parse(res.body) as { keys: Record<string, string>[] };
    expect(jwks.keys).toHaveLength(1);
    const key = jwks.keys[0] ?? {};
    expect(Object.keys(key)).toEqual(['use', 'kty', 'kid', 'alg', 'n', 'e']);
    expect(key).toMatchObject({ use: 'sig', kty: 'RSA', alg: 'RS256', e: 'AQAB' });
    const pub = createPublicKey({ key: { kty: 'RSA', n: key.n ?? '', e: key.e ?? '' }, format: 'jwk' });
    expect(pub.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const der = pub.export({ type: 'spki', format: 'der' });
    expect(key.kid).toBe(createHash('sha256').update(der).digest('base64url'));
    expect(key.kid).toBe(double.signingKid);
  });

  test('rotation: a new key signs, the old one stays served until retired; unpublished keys sign unseen', async () => {
    const first = double.signingKid;
    const second = double.addSigningKey();
    expect(double.signingKid).toBe(second);
    expect(double.servedKids()).toEqual([first, second]);
    const served = JSON.parse((await rawGet(kc, '/openid/v1/jwks')).body) as { keys: { kid: string }[] };
    expect(served.keys.map((k) => k.kid)).toEqual([first, second]);

    double.retireKey(first);
    expect(double.servedKids()).toEqual([second]);

    const hidden = double.addUnpublishedSigningKey();
    expect(double.signingKid).toBe(hidden);
    expect(double.servedKids()).toEqual([second]);
    const token = double.mintToken({
      namespace: 'default',
      serviceAccount: 'default',
      audience: 'sts.amazonaws.com'
    });
    expect(decodeProtectedHeader(token).kid).toBe(hidden);
    const jwks = createLocalJWKSet(double.jwks());
    await expect(jwtVerify(token, jwks)).rejects.toBeInstanceOf(joseErrors.JWKSNoMatchingKey);

    // back to a published signer for the tests that follow
    const again = double.addSigningKey();
    expect(double.servedKids()).toEqual([second, again]);
  });

  test('issuer changes and raw overrides are served as set, including bad documents', async () => {
    double.setIssuer('https://elsewhere.test/x');
    let doc = JSON.parse((await rawGet(kc, '/.well-known/openid-configuration')).body) as Record<
      string,
      string
    >;
    expect(doc.issuer).toBe('https://elsewhere.test/x');
    expect(doc.jwks_uri).toBe('https://elsewhere.test/x/openid/v1/jwks');
    double.setIssuer(ISSUER);

    const leaked = { keys: [double.privateJwk()] };
    expect(leaked.keys[0]).toHaveProperty('d');
    double.overrideJwks(leaked);
    expect(JSON.parse((await rawGet(kc, '/openid/v1/jwks')).body)).toEqual(leaked);
    const { kid: _kid, ...noKid } = double.jwks().keys[0] ?? {};
    double.overrideJwks({ keys: [noKid] });
    expect(JSON.parse((await rawGet(kc, '/openid/v1/jwks')).body).keys[0]).not.toHaveProperty('kid');
    double.overrideDiscovery('not json');
    expect((await rawGet(kc, '/.well-known/openid-configuration')).body).toBe('not json');
    double.overrideJwks(undefined);
    double.overrideDiscovery(undefined);
    doc = JSON.parse((await rawGet(kc, '/.well-known/openid-configuration')).body) as Record<string, string>;
    expect(doc.issuer).toBe(ISSUER);
  });
});

describe('authentication and errors', () => {
  test('401 Unauthorized Status without a token and with a wrong token', async () => {
    const none = await rawGet(kc, '/api/v1/namespaces', false);
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401
    });
    expect((await rawGet(kc, '/openid/v1/jwks', false)).status).toBe(401);

    const wrongClient = client(double.kubeconfig({ token: 'not-the-token' }));
    // the generated client drops the body of a 401 (its spec declares none), so check the code, then the body raw
    const err: unknown = await wrongClient
      .makeApiClient(CoreV1Api)
      .listNamespace()
      .then(
        () => undefined,
        (e: unknown) => e
      );
    expect(err).toBeInstanceOf(ApiException);
    expect((err as ApiException<unknown>).code).toBe(401);
    const wrong = await rawGet(wrongClient, '/api/v1/namespaces');
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toMatchObject({ reason: 'Unauthorized', code: 401 });
  });

  test('service-account tokens authenticate: issuer discovery allowed, resources forbidden', async () => {
    const ns = await namespace();
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'reader' } } });
    // audiences left empty: the API audiences (the issuer), as `kubectl create token` does
    const tr = await core.createNamespacedServiceAccountToken({
      name: 'reader',
      namespace: ns,
      body: { spec: { audiences: [] } }
    });
    const saClient = client(double.kubeconfig({ user: 'reader', token: tr.status?.token ?? '' }));
    expect((await rawGet(saClient, '/openid/v1/jwks')).status).toBe(200);
    const status = await expectStatus(saClient.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: ns }));
    expect(status.message).toBe(
      `pods is forbidden: User "system:serviceaccount:${ns}:reader" cannot list resource "pods" in API group "" in the namespace "${ns}"`
    );
    // a token for another audience does not authenticate to the API server
    const sts = await core.createNamespacedServiceAccountToken({
      name: 'reader',
      namespace: ns,
      body: { spec: { audiences: ['sts.amazonaws.com'] } }
    });
    const other = client(double.kubeconfig({ user: 'sts', token: sts.status?.token ?? '' }));
    expect((await rawGet(other, '/openid/v1/jwks')).status).toBe(401);
    // deleting the service account invalidates its tokens
    await core.deleteNamespacedServiceAccount({ name: 'reader', namespace: ns });
    expect((await rawGet(saClient, '/openid/v1/jwks')).status).toBe(401);
  });

  test('403 Forbidden for a token that authenticates but is authorized for nothing', async () => {
    double.forbidToken('restricted-token');
    const restricted = client(double.kubeconfig({ user: 'restricted', token: 'restricted-token' }));
    const status = await expectStatus(
      restricted
        .makeApiClient(CoreV1Api)
        .readNamespacedServiceAccount({ name: 'default', namespace: 'default' })
    );
    expect(status).toMatchObject({ reason: 'Forbidden', code: 403 });
    expect(status.message).toBe(
      'serviceaccounts "default" is forbidden: User "double-restricted" cannot get resource "serviceaccounts" in API group "" in the namespace "default"'
    );
    // default RBAC still lets any authenticated user read /version
    expect((await rawGet(restricted, '/version')).status).toBe(200);
  });

  test('404 NotFound for TokenRequest on a missing service account, and for a missing namespace', async () => {
    const status = await expectStatus(
      core.createNamespacedServiceAccountToken({
        name: 'nope',
        namespace: 'default',
        body: { spec: { audiences: ['x'] } }
      })
    );
    expect(status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'serviceaccounts "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', kind: 'serviceaccounts' },
      code: 404
    });
    const nsStatus = await expectStatus(
      core.createNamespacedServiceAccount({ namespace: 'missing-ns', body: { metadata: { name: 'a' } } })
    );
    expect(nsStatus).toMatchObject({
      reason: 'NotFound',
      message: 'namespaces "missing-ns" not found',
      code: 404
    });
  });

  test('422 Invalid for a bad name and 409 AlreadyExists for a duplicate', async () => {
    const ns = await namespace();
    const bad = await expectStatus(
      core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'Bad_Name' } } })
    );
    expect(bad).toMatchObject({
      reason: 'Invalid',
      code: 422,
      details: { name: 'Bad_Name', kind: 'ServiceAccount' }
    });
    expect(String(bad.message)).toContain(
      'ServiceAccount "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name"'
    );

    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'dup' } } });
    const dup = await expectStatus(
      core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'dup' } } })
    );
    expect(dup).toMatchObject({
      reason: 'AlreadyExists',
      message: 'serviceaccounts "dup" already exists',
      code: 409
    });
  });
});

describe('service accounts and tokens', () => {
  test('creates a namespace and service account, and patches annotations with each patch type', async () => {
    const ns = await namespace();
    const created = await core.createNamespacedServiceAccount({
      namespace: ns,
      body: { metadata: { name: 'irsa' } }
    });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.resourceVersion).toBeTruthy();
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);

    const role = 'eks.amazonaws.com/role-arn';
    await core.patchNamespacedServiceAccount(
      {
        name: 'irsa',
        namespace: ns,
        body: { metadata: { annotations: { [role]: 'arn:aws:iam::1:role/a' } } }
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch)
    );
    expect(double.serviceAccount(ns, 'irsa')?.metadata.annotations).toEqual({
      [role]: 'arn:aws:iam::1:role/a'
    });

    await core.patchNamespacedServiceAccount(
      { name: 'irsa', namespace: ns, body: { metadata: { annotations: { other: 'x' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch)
    );
    // the client's default patch type is a JSON patch
    await core.patchNamespacedServiceAccount({
      name: 'irsa',
      namespace: ns,
      body: [
        {
          op: 'replace',
          path: '/metadata/annotations/eks.amazonaws.com~1role-arn',
          value: 'arn:aws:iam::1:role/b'
        }
      ]
    });
    const sa = double.serviceAccount(ns, 'irsa');
    expect(sa?.metadata.annotations).toEqual({ [role]: 'arn:aws:iam::1:role/b', other: 'x' });
    expect(Number(sa?.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata?.resourceVersion));

    // a JSON patch adding under a missing map fails as in kube-apiserver (the classic trap)
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'bare' } } });
    const failed = await expectStatus(
      core.patchNamespacedServiceAccount({
        name: 'bare',
        namespace: ns,
        body: [{ op: 'add', path: '/metadata/annotations/a', value: 'b' }]
      })
    );
    expect(failed).toMatchObject({ code: 422, reason: 'Invalid' });

    const list = await core.listNamespacedServiceAccount({ namespace: ns });
    expect(list.items.map((i) => i.metadata?.name)).toEqual(['bare', 'default', 'irsa']);
    await core.deleteNamespacedServiceAccount({ name: 'bare', namespace: ns });
    expect(double.serviceAccount(ns, 'bare')).toBeUndefined();
  });

  test('TokenRequest returns an RS256 token with kube claims that verifies against the served JWKS', async () => {
    const ns = await namespace();
    const sa = await core.createNamespacedServiceAccount({
      namespace: ns,
      body: { metadata: { name: 'irsa' } }
    });
    const tr = await core.createNamespacedServiceAccountToken({
      name: 'irsa',
      namespace: ns,
      body: { spec: { audiences: ['sts.amazonaws.com'], expirationSeconds: 3600 } }
    });
    const token = tr.status?.token ?? '';
    expect(tr.status?.expirationTimestamp).toBeInstanceOf(Date);

    const jwks = JSON.parse((await rawGet(kc, '/openid/v1/jwks')).body) as { keys: { kid: string }[] };
    const header = decodeProtectedHeader(token);
    expect(header).toEqual({ alg: 'RS256', kid: double.signingKid });
    expect(jwks.keys.map((k) => k.kid)).toContain(header.kid);
    const { payload } = await jwtVerify(
      token,
      createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]),
      {
        issuer: ISSUER,
        audience: 'sts.amazonaws.com',
        algorithms: ['RS256']
      }
    );
    expect(payload.sub).toBe(`system:serviceaccount:${ns}:irsa`);
    expect(payload.aud).toEqual(['sts.amazonaws.com']);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);
    expect(payload.nbf).toBe(payload.iat);
    expect(payload['kubernetes.io']).toEqual({
      namespace: ns,
      serviceaccount: { name: 'irsa', uid: sa.metadata?.uid }
    });
    expect(
      Math.abs((tr.status?.expirationTimestamp?.getTime() ?? 0) / 1000 - (payload.exp ?? 0))
    ).toBeLessThanOrEqual(1);

    const short = await expectStatus(
      core.createNamespacedServiceAccountToken({
        name: 'irsa',
        namespace: ns,
        body: { spec: { audiences: [], expirationSeconds: 60 } }
      })
    );
    expect(short).toMatchObject({ code: 422, reason: 'Invalid' });
    expect(String(short.message)).toContain('may not specify a duration less than 10 minutes');
  });

  test('mintToken can produce an already-expired token that jose rejects as expired', async () => {
    const token = double.mintToken({
      namespace: 'default',
      serviceAccount: 'default',
      audience: 'sts.amazonaws.com',
      expiresInSeconds: -60
    });
    await expect(
      jwtVerify(token, createLocalJWKSet(double.jwks()), { issuer: ISSUER })
    ).rejects.toBeInstanceOf(joseErrors.JWTExpired);
  });
});

describe('pods, jobs, watches and events', () => {
  test('Watch sees a pod go Pending → Running → Succeeded', async () => {
    const ns = await namespace();
    const phases: string[] = [];
    const types: string[] = [];
    let resolveDone: () => void = () => undefined;
    const succeeded = new Promise<void>((r) => (resolveDone = r));
    const controller = await new Watch(kc).watch(
      `/api/v1/namespaces/${ns}/pods`,
      { fieldSelector: 'metadata.name=ok' },
      (type: string, obj: { status?: { phase?: string } }) => {
        types.push(type);
        const p = obj.status?.phase ?? '';
        if (phases[phases.length - 1] !== p) phases.push(p);
        if (p === 'Succeeded') resolveDone();
      },
      () => undefined
    );
    await core.createNamespacedPod({ namespace: ns, body: shPod('ok', 'exit 0') });
    await succeeded;
    controller.abort();
    expect(types[0]).toBe('ADDED');
    expect(phases).toEqual(['Pending', 'Running', 'Succeeded']);
    const pod = await core.readNamespacedPod({ name: 'ok', namespace: ns });
    expect(pod.spec?.nodeName).toBeTruthy();
    expect(pod.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed'
    });
  });

  test('deleting a namespace terminates it and everything in it', async () => {
    const ns = await namespace();
    double.holdPods('running');
    try {
      await core.createNamespacedPod({ namespace: ns, body: shPod('busy', 'exit 0') });
      await waitFor(() => phase(double.pod(ns, 'busy')) === 'Running');
    } finally {
      double.holdPods(false);
    }
    // kube-apiserver answers with the Namespace, now Terminating (the client's type says V1Status)
    const deleted: unknown = await core.deleteNamespace({ name: ns });
    expect((deleted as { status?: unknown }).status).toEqual({ phase: 'Terminating' });
    await waitFor(() => !double.namespace(ns));
    expect(double.pods(ns)).toHaveLength(0);
    expect(double.serviceAccount(ns, 'default')).toBeUndefined();
    const gone = await expectStatus(core.readNamespace({ name: ns }));
    expect(gone).toMatchObject({ code: 404, message: `namespaces "${ns}" not found` });
  });

  test('an informer (list, then watch from its resourceVersion) sees adds, updates and deletes', async () => {
    const ns = await namespace();
    const informer = makeInformer(kc, `/api/v1/namespaces/${ns}/serviceaccounts`, () =>
      core.listNamespacedServiceAccount({ namespace: ns })
    );
    const seen: string[] = [];
    informer.on('add', (o) => seen.push(`add ${o.metadata?.name ?? ''}`));
    informer.on('update', (o) => seen.push(`update ${o.metadata?.name ?? ''}`));
    informer.on('delete', (o) => seen.push(`delete ${o.metadata?.name ?? ''}`));
    await informer.start();
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'watched' } } });
    await core.patchNamespacedServiceAccount(
      { name: 'watched', namespace: ns, body: { metadata: { labels: { a: 'b' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch)
    );
    await core.deleteNamespacedServiceAccount({ name: 'watched', namespace: ns });
    await waitFor(() => seen.includes('delete watched'));
    await informer.stop();
    expect(seen).toEqual(['add default', 'add watched', 'update watched', 'delete watched']);
  });

  test('sh -c "exit 3" fails deterministically; an unknown binary is a StartError (128)', async () => {
    const ns = await namespace();
    await core.createNamespacedPod({ namespace: ns, body: shPod('three', 'exit 3') });
    await core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name: 'nobin' },
        spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'x', command: ['curl'] }] }
      }
    });
    const three = await waitFor(() =>
      phase(double.pod(ns, 'three')) === 'Failed' ? double.pod(ns, 'three') : undefined
    );
    expect(JSON.stringify(three.status)).toContain('"exitCode":3');
    const nobin = await waitFor(() =>
      phase(double.pod(ns, 'nobin')) === 'Failed' ? double.pod(ns, 'nobin') : undefined
    );
    expect(JSON.stringify(nobin.status)).toContain('"exitCode":128');
    expect(JSON.stringify(nobin.status)).toContain('"reason":"StartError"');
    const failedEvents = double.events(ns).filter((e) => e.reason === 'Failed' && e.type === 'Warning');
    expect(failedEvents.length).toBe(1);
  });

  test('a pod naming a missing service account is refused by admission (403)', async () => {
    const ns = await namespace();
    const status = await expectStatus(
      core.createNamespacedPod({ namespace: ns, body: awsPod('p', {}, 'ghost') })
    );
    expect(status).toMatchObject({ code: 403, reason: 'Forbidden' });
    expect(status.message).toBe(
      `pods "p" is forbidden: error looking up service account ${ns}/ghost: serviceaccount "ghost" not found`
    );
  });

  test('the real aws CLI runs in a pod, fails against an unreachable endpoint, and its output is the log', async () => {
    const ns = await namespace();
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'irsa' } } });
    await core.createNamespacedPod({
      namespace: ns,
      body: awsPod('whoami', {
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
        AWS_MAX_ATTEMPTS: '1'
      })
    });
    const pod = await waitFor(() =>
      phase(double.pod(ns, 'whoami')) === 'Failed' ? double.pod(ns, 'whoami') : undefined
    );
    expect(JSON.stringify(pod.status)).toContain('"exitCode":255');
    const logs = await core.readNamespacedPodLog({ name: 'whoami', namespace: ns });
    expect(logs).toContain('Could not connect to the endpoint URL: "http://127.0.0.1:9/"');

    const events = await core.listNamespacedEvent({
      namespace: ns,
      fieldSelector: 'involvedObject.name=whoami'
    });
    expect(events.items.map((e) => e.reason)).toEqual(['Scheduled', 'Pulled', 'Created', 'Started']);
    const v1 = await kc
      .makeApiClient(EventsV1Api)
      .listNamespacedEvent({ namespace: ns, fieldSelector: 'regarding.name=whoami' });
    expect(v1.items.map((e) => e.reason)).toEqual(['Scheduled', 'Pulled', 'Created', 'Started']);
  });

  test('the CLI reads the projected token: a pod-bound token with the projected audience, file mode 0600', async () => {
    const ns = await namespace();
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'irsa' } } });
    // a stand-in STS endpoint that records what the CLI sends and refuses it
    const bodies: string[] = [];
    const sts: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(400, { 'Content-Type': 'text/xml' });
        res.end(
          '<ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code><Message>refused by test</Message></Error><RequestId>1</RequestId></ErrorResponse>'
        );
      });
    });
    await new Promise<void>((r) => sts.listen(0, '127.0.0.1', () => r()));
    try {
      const endpoint = `http://127.0.0.1:${(sts.address() as AddressInfo).port}`;
      await core.createNamespacedPod({
        namespace: ns,
        body: awsPod('reader', { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: endpoint, AWS_MAX_ATTEMPTS: '1' })
      });
      const running = await waitFor(() => double.volumePath(ns, 'reader', 'aws-iam-token'));
      const file = join(running, 'token');
      await waitFor(() => {
        try {
          return statSync(file);
        } catch {
          return undefined;
        }
      });
      expect(statSync(file).mode & 0o777).toBe(0o600);
      await waitFor(() => phase(double.pod(ns, 'reader')) === 'Failed');
      expect(readFileSync(file, 'utf8')).toMatch(/^ey/);

      const form = new URLSearchParams(bodies[0] ?? '');
      expect(form.get('Action')).toBe('AssumeRoleWithWebIdentity');
      expect(form.get('RoleArn')).toBe('arn:aws:iam::123456789012:role/irsa-demo');
      const token = form.get('WebIdentityToken') ?? '';
      const { payload } = await jwtVerify(token, createLocalJWKSet(double.jwks()), {
        issuer: ISSUER,
        audience: 'sts.amazonaws.com'
      });
      const pod = double.pod(ns, 'reader');
      expect(payload.sub).toBe(`system:serviceaccount:${ns}:irsa`);
      expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(86400);
      expect(payload['kubernetes.io']).toMatchObject({ pod: { name: 'reader', uid: pod?.metadata.uid } });
      expect(double.podLogs(ns, 'reader')).toContain('InvalidIdentityToken');

      // no token, bearer or service-account, is ever written to the double's logs
      const trail = JSON.stringify(double.requests()) + double.podLogs(ns, 'reader');
      expect(trail).not.toContain(double.token);
      expect(trail).not.toContain(token);
      expect(trail).not.toContain(token.split('.')[1] ?? 'x');
    } finally {
      await new Promise<void>((r) => sts.close(() => r()));
    }
  });

  test('a Job makes a job-name labelled pod and completes; a failing one hits its backoff limit', async () => {
    const ns = await namespace();
    const job = (name: string, script: string): Record<string, unknown> => ({
      metadata: { name },
      spec: {
        backoffLimit: 0,
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', script] }]
          }
        }
      }
    });
    await batch.createNamespacedJob({ namespace: ns, body: job('good', 'exit 0') });
    await batch.createNamespacedJob({ namespace: ns, body: job('bad', 'exit 1') });
    const condition = (name: string): string | undefined => {
      const j = double.jobs(ns).find((x) => x.metadata.name === name);
      const conds = (
        (j?.status as { conditions?: { type: string; status: string }[] })?.conditions ?? []
      ).filter((c) => c.status === 'True');
      return conds.find((c) => c.type === 'Complete' || c.type === 'Failed')?.type;
    };
    await waitFor(() => condition('good') && condition('bad'));
    expect(condition('good')).toBe('Complete');
    expect(condition('bad')).toBe('Failed');

    const good = await batch.readNamespacedJobStatus({ name: 'good', namespace: ns });
    expect(good.status?.succeeded).toBe(1);
    const bad = await batch.readNamespacedJob({ name: 'bad', namespace: ns });
    expect(bad.status?.failed).toBe(1);
    expect(bad.status?.conditions?.find((c) => c.type === 'Failed')?.reason).toBe('BackoffLimitExceeded');

    const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: 'job-name=good' });
    expect(pods.items).toHaveLength(1);
    expect(pods.items[0]?.metadata?.name).toMatch(/^good-[a-z0-9]{5}$/);
    expect(pods.items[0]?.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'Job',
      name: 'good',
      controller: true
    });

    // deleting with Background propagation takes the pods along
    await batch.deleteNamespacedJob({ name: 'good', namespace: ns, propagationPolicy: 'Background' });
    await waitFor(() => double.pods(ns).every((p) => p.metadata.labels?.['job-name'] !== 'good'));
  });

  test('a Job whose service account is missing records FailedCreate; activeDeadlineSeconds fails a hung Job', async () => {
    const ns = await namespace();
    const spec = (extra: Partial<V1JobSpec>, sa?: string): V1JobSpec => ({
      ...extra,
      template: {
        spec: {
          restartPolicy: 'Never',
          ...(sa ? { serviceAccountName: sa } : {}),
          containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'exit 0'] }]
        }
      }
    });
    await batch.createNamespacedJob({
      namespace: ns,
      body: { metadata: { name: 'orphan' }, spec: spec({}, 'ghost') }
    });
    const failedCreate = await waitFor(() => double.events(ns).find((e) => e.reason === 'FailedCreate'));
    expect(failedCreate.type).toBe('Warning');
    expect(failedCreate.message).toMatch(
      /^Error creating: pods "orphan-[a-z0-9]{5}" is forbidden: error looking up service account/
    );
    expect(double.pods(ns)).toHaveLength(0);

    // The hold stays on until the Job has failed: released early, the pod could finish before its
    // deadline on a slow machine and the Job would complete instead.
    double.holdPods('running');
    try {
      await batch.createNamespacedJob({
        namespace: ns,
        body: { metadata: { name: 'slow' }, spec: spec({ activeDeadlineSeconds: 1, backoffLimit: 0 }) }
      });
      const job = await waitFor(() => {
        const j = double.jobs(ns).find((x) => x.metadata.name === 'slow');
        const conds =
          (j?.status as { conditions?: { type: string; reason?: string }[] } | undefined)?.conditions ?? [];
        return conds.find((c) => c.type === 'Failed');
      });
      expect(job.reason).toBe('DeadlineExceeded');
    } finally {
      double.holdPods(false);
    }
    await waitFor(() => double.pods(ns).length === 0);
  });

  test('the kubelet enforces a pod activeDeadlineSeconds: Failed with reason DeadlineExceeded', async () => {
    const ns = await namespace();
    let pod: KubeObject;
    double.holdPods('running');
    try {
      const body = shPod('late', 'exit 0');
      (body.spec as Record<string, unknown>).activeDeadlineSeconds = 1;
      await core.createNamespacedPod({ namespace: ns, body });
      // Held until it has failed: released early, it could finish before its deadline.
      pod = await waitFor(() =>
        phase(double.pod(ns, 'late')) === 'Failed' ? double.pod(ns, 'late') : undefined
      );
    } finally {
      double.holdPods(false);
    }
    expect(pod.status).toMatchObject({
      reason: 'DeadlineExceeded',
      message: 'Pod was active on the node longer than the specified deadline'
    });
    expect(double.events(ns).map((e) => e.reason)).toContain('DeadlineExceeded');
  });

  test('held pods: pending stays unschedulable, running never finishes until deleted', async () => {
    const ns = await namespace();
    double.holdPods('pending');
    await core.createNamespacedPod({ namespace: ns, body: shPod('stuck', 'exit 0') });
    await waitFor(() => double.events(ns).find((e) => e.reason === 'FailedScheduling'));
    double.holdPods('running');
    await core.createNamespacedPod({ namespace: ns, body: shPod('forever', 'exit 0') });
    await waitFor(() => phase(double.pod(ns, 'forever')) === 'Running');
    await new Promise((r) => setTimeout(r, 300));
    expect(phase(double.pod(ns, 'forever'))).toBe('Running');
    expect(phase(double.pod(ns, 'stuck'))).toBe('Pending');
    double.holdPods(false);
    await core.deleteNamespacedPod({ name: 'forever', namespace: ns });
    await core.deleteNamespacedPod({ name: 'stuck', namespace: ns });
    await waitFor(() => double.pods(ns).length === 0);
  });
});

describe('kubectl', () => {
  test('get --raw, get sa, get pods and logs work with the generated kubeconfig', async () => {
    const ns = await namespace();
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'irsa' } } });
    await core.createNamespacedPod({ namespace: ns, body: shPod('hello', 'exit 0') });
    await waitFor(() => phase(double.pod(ns, 'hello')) === 'Succeeded');
    const path = double.writeKubeconfig(join(dir, 'kubeconfig'));
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const raw = await kubectl(['get', '--raw', '/openid/v1/jwks'], path);
    expect(JSON.parse(raw)).toEqual(double.jwks());
    const discovery = await kubectl(['get', '--raw', '/.well-known/openid-configuration'], path);
    expect(JSON.parse(discovery)).toEqual(double.discoveryDocument());

    const sas = await kubectl(['get', 'sa', '-n', ns], path);
    expect(sas).toMatch(/^NAME\s+SECRETS\s+AGE\n/);
    expect(sas).toMatch(/\nirsa\s+0\s+/);
    expect(sas).toMatch(/\ndefault\s+0\s+/);

    const pods = await kubectl(['get', 'pods', '-n', ns], path);
    expect(pods).toMatch(/\nhello\s+0\/1\s+Completed\s+0\s+/);
    expect(await kubectl(['logs', '-n', ns, 'hello'], path)).toBe('');
    const names = await kubectl(['get', 'sa', '-n', ns, '-o', 'jsonpath={.items[*].metadata.name}'], path);
    expect(names).toBe('default irsa');
    const used = double.requests().map((r) => `${r.method} ${r.path.split('?')[0] ?? ''}`);
    expect(used).toContain('GET /api/v1');
  });

  test('typed create commands (protobuf bodies): create namespace, serviceaccount and token', async () => {
    const path = double.writeKubeconfig(join(dir, 'kubeconfig-create'));
    const ns = `kubectl-${process.pid}`;
    await kubectl(['create', 'namespace', ns], path);
    await kubectl(['create', 'serviceaccount', 'irsa', '-n', ns], path);
    expect(double.serviceAccount(ns, 'irsa')).toBeDefined();
    const token = (
      await kubectl(
        ['create', 'token', 'irsa', '-n', ns, '--audience', 'sts.amazonaws.com', '--duration', '15m'],
        path
      )
    ).trim();
    const { payload } = await jwtVerify(token, createLocalJWKSet(double.jwks()), {
      issuer: ISSUER,
      audience: 'sts.amazonaws.com'
    });
    expect(payload.sub).toBe(`system:serviceaccount:${ns}:irsa`);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(900);
    await expect(kubectl(['create', 'token', 'ghost', '-n', ns], path)).rejects.toThrow(
      /serviceaccounts "ghost" not found/
    );
  });
});

describe('stack integration', () => {
  test('startKubeForStack writes a 0600 kubeconfig and keeps AWS credentials out of pods', async () => {
    const stackDir = mkdtempSync(join(dir, 'stack-'));
    const env = {
      TALOS_IRSA_S3_PUBLIC_URL: 'https://127.0.0.1:4443',
      TALOS_IRSA_STACK_DIR: stackDir,
      AWS_ENDPOINT_URL: 'http://127.0.0.1:5000',
      AWS_ENDPOINT_URL_STS: 'https://127.0.0.1:5001',
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
      AWS_CA_BUNDLE: '/tmp/ca.pem',
      NODE_EXTRA_CA_CERTS: '/tmp/ca.pem',
      HOME: '/root'
    };
    expect(podEnvFromStack(env)).toEqual({
      AWS_ENDPOINT_URL: 'http://127.0.0.1:5000',
      AWS_ENDPOINT_URL_STS: 'https://127.0.0.1:5001',
      AWS_REGION: 'us-east-1',
      AWS_CA_BUNDLE: '/tmp/ca.pem',
      NODE_EXTRA_CA_CERTS: '/tmp/ca.pem'
    });
    const part = await startKubeForStack(ca, env);
    try {
      const path = part.env.KUBECONFIG_PATH_DOUBLE ?? '';
      expect(path).toBe(join(stackDir, 'kubeconfig'));
      expect(statSync(path).mode & 0o777).toBe(0o600);
      const stackClient = client(readFileSync(path, 'utf8'));
      const doc = JSON.parse((await rawGet(stackClient, '/.well-known/openid-configuration')).body) as Record<
        string,
        string
      >;
      expect(doc.issuer).toBe('https://127.0.0.1:4443/talos-irsa-demo');
    } finally {
      await part.stop();
    }
  });
});

/** One request as the product's plain REST client sends it: admin token, raw body and Content-Type. */
async function rawCall(
  method: string,
  path: string,
  options: { body?: string; contentType?: string | null; authorization?: string } = {}
): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(double.url + path);
  const headers: Record<string, string> = {
    Authorization: options.authorization ?? `Bearer ${double.token}`
  };
  if (options.body !== undefined) {
    headers['Content-Length'] = String(Buffer.byteLength(options.body));
    if (options.contentType !== null) headers['Content-Type'] = options.contentType ?? 'application/json';
  }
  return new Promise((resolve, reject) => {
    const req = request(
      {
        method,
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        headers,
        ca: double.caPem
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let body: Record<string, unknown> = {};
          try {
            const parsed: unknown = JSON.parse(text);
            if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
          } catch {
            body = { text };
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      }
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

describe('as strict as kube-apiserver', () => {
  test('labels and annotations are validated on create and on patch (422), as ValidateObjectMeta does', async () => {
    const ns = await namespace();
    const sa = (metadata: Record<string, unknown>): string =>
      JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata });
    const post = (metadata: Record<string, unknown>): ReturnType<typeof rawCall> =>
      rawCall('POST', `/api/v1/namespaces/${ns}/serviceaccounts`, { body: sa(metadata) });

    const badValue = await post({ name: 'a', labels: { app: 'has space' } });
    expect(badValue.status).toBe(422);
    expect(badValue.body).toMatchObject({ kind: 'Status', reason: 'Invalid', code: 422 });
    expect(String(badValue.body.message)).toContain(
      'ServiceAccount "a" is invalid: metadata.labels: Invalid value: "has space": a valid label must be an empty string'
    );
    const longValue = await post({ name: 'a', labels: { app: 'x'.repeat(64) } });
    expect(longValue.status).toBe(422);
    expect(String(longValue.body.message)).toContain('must be no more than 63 characters');
    // a label key's prefix is a lower-case DNS subdomain; an annotation key is checked lower-cased
    expect((await post({ name: 'a', labels: { 'Example.com/app': 'x' } })).status).toBe(422);
    expect((await post({ name: 'a', annotations: { 'a/b/c': 'x' } })).status).toBe(422);
    expect(
      (await post({ name: 'a', annotations: { ['talos-irsa/lease.' + 'f'.repeat(60)]: 'x' } })).status
    ).toBe(422);
    expect((await post({ name: 'a', annotations: { big: 'x'.repeat(256 * 1024) } })).status).toBe(422);
    expect(double.serviceAccount(ns, 'a')).toBeUndefined();

    // what the product writes is valid
    const ok = await post({
      name: 'a',
      labels: { 'app.kubernetes.io/managed-by': 'talos-irsa-verify' },
      annotations: {
        'Example.com/Name': 'x',
        'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/r',
        'talos-irsa/lease.0123abcd': '2026-11-29T12:00:00.000Z'
      }
    });
    expect(ok.status).toBe(201);

    // a merge patch may not bring in what a create may not
    const before = double.serviceAccount(ns, 'a')?.metadata.resourceVersion;
    const patched = await rawCall('PATCH', `/api/v1/namespaces/${ns}/serviceaccounts/a`, {
      contentType: 'application/merge-patch+json',
      body: JSON.stringify({ metadata: { annotations: { 'bad key': 'x' } } })
    });
    expect(patched.status).toBe(422);
    expect(String(patched.body.message)).toContain('metadata.annotations: Invalid value: "bad key"');
    expect(double.serviceAccount(ns, 'a')?.metadata.resourceVersion).toBe(before);
  });
});

describe('as strict as kube-apiserver: request options, media types, TokenRequest metadata', () => {
  const account = JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'opts' } });

  test('dryRun takes only "All": any other value is a 422 on the options, and nothing is written', async () => {
    const ns = await namespace();
    const path = `/api/v1/namespaces/${ns}/serviceaccounts`;
    const create = await rawCall('POST', `${path}?dryRun=true`, { body: account });
    expect(create.status).toBe(422);
    expect(create.body).toMatchObject({
      kind: 'Status',
      reason: 'Invalid',
      code: 422,
      message:
        'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"true"}: supported values: "All"',
      details: { group: 'meta.k8s.io', kind: 'CreateOptions' }
    });
    expect(double.serviceAccount(ns, 'opts')).toBeUndefined();

    // dryRun=All admits and stores nothing; a real create then stores
    expect((await rawCall('POST', `${path}?dryRun=All`, { body: account })).status).toBe(201);
    expect(double.serviceAccount(ns, 'opts')).toBeUndefined();
    expect((await rawCall('POST', path, { body: account })).status).toBe(201);

    const patch = await rawCall('PATCH', `${path}/opts?dryRun=server`, {
      contentType: 'application/merge-patch+json',
      body: JSON.stringify({ metadata: { annotations: { a: 'b' } } })
    });
    expect(patch.status).toBe(422);
    expect(String(patch.body.message)).toMatch(/^PatchOptions\.meta\.k8s\.io "" is invalid: dryRun/);
    expect(double.serviceAccount(ns, 'opts')?.metadata.annotations).toBeUndefined();

    const del = await rawCall('DELETE', `${path}/opts?dryRun=1`);
    expect(del.status).toBe(422);
    expect(String(del.body.message)).toMatch(/^DeleteOptions\.meta\.k8s\.io "" is invalid: dryRun/);
    expect(double.serviceAccount(ns, 'opts')).toBeDefined();
  });

  test('a body in a media type the server does not decode is a 415; none at all is read as JSON', async () => {
    const ns = await namespace();
    const path = `/api/v1/namespaces/${ns}/serviceaccounts`;
    for (const contentType of [
      'text/plain',
      'application/merge-patch+json',
      'application/x-www-form-urlencoded'
    ]) {
      const refused = await rawCall('POST', path, { body: account, contentType });
      expect(refused.status).toBe(415);
      expect(refused.body).toMatchObject({ kind: 'Status', reason: 'UnsupportedMediaType', code: 415 });
    }
    expect(double.serviceAccount(ns, 'opts')).toBeUndefined();
    expect((await rawCall('POST', path, { body: account, contentType: null })).status).toBe(201);
    const yaml = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: from-yaml\n';
    expect((await rawCall('POST', path, { body: yaml, contentType: 'application/yaml' })).status).toBe(201);
    expect(
      (
        await rawCall('POST', path, {
          body: account.replace('opts', 'utf8'),
          contentType: 'application/json; charset=utf-8'
        })
      ).status
    ).toBe(201);

    // a DELETE's options are negotiated the same way, when it has a body
    const options = JSON.stringify({ apiVersion: 'v1', kind: 'DeleteOptions' });
    const del = await rawCall('DELETE', `${path}/opts`, { body: options, contentType: 'text/plain' });
    expect(del.status).toBe(415);
    expect(double.serviceAccount(ns, 'opts')).toBeDefined();
    expect((await rawCall('DELETE', `${path}/opts`, { body: options })).status).toBe(200);

    // there is no apply-patch+json
    const apply = await rawCall('PATCH', `${path}/utf8?fieldManager=t`, {
      contentType: 'application/apply-patch+json',
      body: account.replace('opts', 'utf8')
    });
    expect(apply.status).toBe(415);
  });

  test('a TokenRequest whose metadata names another account or namespace is a 422', async () => {
    const ns = await namespace();
    const path = `/api/v1/namespaces/${ns}/serviceaccounts/default/token`;
    const request = (metadata: Record<string, string>): string =>
      JSON.stringify({
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        metadata,
        spec: { audiences: ['sts.amazonaws.com'], expirationSeconds: 600 }
      });
    const otherName = await rawCall('POST', path, { body: request({ name: 'other' }) });
    expect(otherName.status).toBe(422);
    expect(otherName.body.message).toBe(
      'TokenRequest.authentication.k8s.io "default" is invalid: metadata.name: Invalid value: "other": must match the service account name if specified'
    );
    const otherNs = await rawCall('POST', path, { body: request({ namespace: 'kube-system' }) });
    expect(otherNs.status).toBe(422);
    expect(String(otherNs.body.message)).toContain('must match the service account namespace if specified');
    const same = await rawCall('POST', path, { body: request({ name: 'default', namespace: ns }) });
    expect(same.status).toBe(201);
  });
});

describe('as strict as kube-apiserver: bearer header and expired watches', () => {
  test('only "Bearer <token>" with one space carries a token; anything else is anonymous (or 401)', async () => {
    const path = '/api/v1/namespaces/default';
    expect((await rawCall('GET', path, { authorization: `bearer ${double.token}` })).status).toBe(200);
    expect((await rawCall('GET', path, { authorization: `Bearer  ${double.token}` })).status).toBe(401);
    expect((await rawCall('GET', path, { authorization: `Bearer\t${double.token}` })).status).toBe(401);

    const anonymous = await startKubeDouble({ ca, issuer: ISSUER, anonymousAuth: true });
    try {
      const asAnonymous = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const url = new URL(anonymous.url + path);
        const req = request(
          {
            hostname: url.hostname,
            port: url.port,
            path,
            ca: anonymous.caPem,
            headers: { Authorization: `Basic ${Buffer.from('u:p').toString('base64')}` }
          },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          }
        );
        req.on('error', reject);
        req.end();
      });
      // not a bearer token at all: system:anonymous, authorized for nothing here
      expect(asAnonymous.status).toBe(403);
      expect(asAnonymous.body).toContain('User \\"system:anonymous\\"');
    } finally {
      await anonymous.stop();
    }
  });

  test('a watch resuming from a compacted resourceVersion gets one ERROR event with a 410 Expired Status', async () => {
    const ns = await namespace();
    const list = await core.listNamespacedServiceAccount({ namespace: ns });
    const rv = list.metadata?.resourceVersion ?? '';
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'later' } } });
    double.compactHistory();
    const watched = await new Promise<{ status: number; lines: string[] }>((resolve, reject) => {
      const url = new URL(
        `${double.url}/api/v1/namespaces/${ns}/serviceaccounts?watch=true&resourceVersion=${rv}`
      );
      const req = request(
        {
          hostname: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          ca: double.caPem,
          headers: { Authorization: `Bearer ${double.token}` }
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, lines: body.split('\n').filter(Boolean) })
          );
        }
      );
      req.on('error', reject);
      req.end();
    });
    expect(watched.status).toBe(200);
    expect(watched.lines).toHaveLength(1);
    expect(JSON.parse(watched.lines[0] ?? '{}')).toEqual({
      type: 'ERROR',
      object: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: expect.stringMatching(new RegExp(`^too old resource version: ${rv} \\(\\d+\\)$`)) as unknown,
        reason: 'Expired',
        code: 410
      }
    });
    // a watch from now on (no resourceVersion) still starts with the current state
    const fresh = await core.listNamespacedServiceAccount({ namespace: ns });
    expect(fresh.items.map((i) => i.metadata?.name)).toEqual(['default', 'later']);
  });
});

describe('as strict as kube-apiserver: pod log options', () => {
  test('a bad tailLines, limitBytes or sinceSeconds is refused (400 unparsable, 422 invalid) before the pod is read', async () => {
    const ns = await namespace();
    // the simulated sh knows no echo: it fails with sh's one-line "not found", which is the log
    await core.createNamespacedPod({ namespace: ns, body: shPod('talk', 'echo one') });
    await waitFor(() => phase(double.pod(ns, 'talk')) === 'Failed');
    const logs = `/api/v1/namespaces/${ns}/pods/talk/log`;
    const ok = await rawCall('GET', `${logs}?tailLines=1`);
    expect(ok.status).toBe(200);
    expect(String(ok.body.text)).toContain('not found');

    const negative = await rawCall('GET', `${logs}?tailLines=-1`);
    expect(negative.status).toBe(422);
    expect(negative.body).toMatchObject({
      reason: 'Invalid',
      code: 422,
      message:
        'PodLogOptions "talk" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0',
      details: { name: 'talk', kind: 'PodLogOptions' }
    });
    expect((await rawCall('GET', `${logs}?limitBytes=0`)).status).toBe(422);
    expect((await rawCall('GET', `${logs}?sinceSeconds=0`)).status).toBe(422);
    expect((await rawCall('GET', `${logs}?sinceSeconds=5&sinceTime=2026-01-01T00:00:00Z`)).status).toBe(422);
    expect((await rawCall('GET', `${logs}?tailLines=fifty`)).status).toBe(400);
    // the options are checked before the pod is looked up
    expect((await rawCall('GET', `/api/v1/namespaces/${ns}/pods/missing/log?tailLines=-5`)).status).toBe(422);
    expect((await rawCall('GET', `/api/v1/namespaces/${ns}/pods/missing/log?tailLines=5`)).status).toBe(404);
  });
});

describe('as kube-apiserver: generateName', () => {
  test('a long generateName is cut to 58 characters before the 5-character suffix', async () => {
    const created = await rawCall('POST', '/api/v1/namespaces', {
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { generateName: `${'g'.repeat(70)}-` }
      })
    });
    expect(created.status).toBe(201);
    const name = String((created.body.metadata as Record<string, unknown>).name);
    expect(name).toMatch(/^g{58}[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});

describe('as kube-apiserver: delete preconditions', () => {
  test('a stale resourceVersion precondition is a 409 naming both versions, and nothing is deleted', async () => {
    const ns = await namespace();
    const path = `/api/v1/namespaces/${ns}/serviceaccounts`;
    const created = await rawCall('POST', path, {
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'pre' } })
    });
    const rv = String((created.body.metadata as Record<string, unknown>).resourceVersion);
    await rawCall('PATCH', `${path}/pre`, {
      contentType: 'application/merge-patch+json',
      body: JSON.stringify({ metadata: { annotations: { moved: 'on' } } })
    });
    const now = double.serviceAccount(ns, 'pre')?.metadata.resourceVersion;
    const stale = await rawCall('DELETE', `${path}/pre`, {
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        preconditions: { resourceVersion: rv }
      })
    });
    expect(stale).toEqual({
      status: 409,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `Operation cannot be fulfilled on serviceaccounts "pre": Precondition failed: ResourceVersion in precondition: ${rv}, ResourceVersion in object meta: ${now}`,
        reason: 'Conflict',
        details: { name: 'pre', kind: 'serviceaccounts' },
        code: 409
      }
    });
    expect(double.serviceAccount(ns, 'pre')).toBeDefined();
  });
});

describe('as kube-apiserver: create with a resourceVersion', () => {
  test('an object posted back as it was read (resourceVersion set) is refused by the store (500); a dry run is not', async () => {
    const ns = await namespace();
    const path = `/api/v1/namespaces/${ns}/serviceaccounts`;
    const read = await rawCall('GET', `${path}/default`);
    const copy = {
      ...read.body,
      metadata: { ...(read.body.metadata as Record<string, unknown>), name: 'copy' }
    };
    const refused = await rawCall('POST', path, { body: JSON.stringify(copy) });
    expect(refused).toEqual({
      status: 500,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'resourceVersion should not be set on objects to be created',
        code: 500
      }
    });
    expect(double.serviceAccount(ns, 'copy')).toBeUndefined();
    expect((await rawCall('POST', `${path}?dryRun=All`, { body: JSON.stringify(copy) })).status).toBe(201);
    // validation still comes first
    const badName = { ...copy, metadata: { ...copy.metadata, name: 'Bad_Name' } };
    expect((await rawCall('POST', path, { body: JSON.stringify(badName) })).status).toBe(422);
  });
});

describe('as strict as kube-apiserver: fieldManager and fieldValidation', () => {
  test('a fieldManager over 128 characters or with control characters, or an unknown fieldValidation, is a 422', async () => {
    const ns = await namespace();
    const path = `/api/v1/namespaces/${ns}/serviceaccounts`;
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'fm' } });
    const long = await rawCall('POST', `${path}?fieldManager=${'m'.repeat(129)}`, { body });
    expect(long.status).toBe(422);
    expect(long.body).toMatchObject({ details: { group: 'meta.k8s.io', kind: 'CreateOptions' } });
    const tab = await rawCall('POST', `${path}?fieldManager=a%09b`, { body });
    expect(tab.status).toBe(422);
    expect(String(tab.body.message)).toContain('invalid character U+0009 (at position 1)');
    const validation = await rawCall('POST', `${path}?fieldValidation=strict`, { body });
    expect(validation.status).toBe(422);
    expect(String(validation.body.message)).toContain('fieldValidation: Unsupported value: "strict"');
    expect(double.serviceAccount(ns, 'fm')).toBeUndefined();
    expect(
      (await rawCall('POST', `${path}?fieldManager=talos-irsa&fieldValidation=Strict`, { body })).status
    ).toBe(201);
  });
});

describe('as strict as kube-apiserver: events.k8s.io field selectors', () => {
  test('events.k8s.io/v1 takes regarding.* and reportingController, not the core names (400)', async () => {
    const ns = await namespace();
    const v1 = `/apis/events.k8s.io/v1/namespaces/${ns}/events`;
    for (const label of ['involvedObject.name', 'reportingComponent']) {
      const refused = await rawCall('GET', `${v1}?fieldSelector=${encodeURIComponent(`${label}=x`)}`);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        reason: 'BadRequest',
        message: `field label not supported: ${label}`
      });
    }
    for (const label of [
      'regarding.name',
      'reportingController',
      'reason',
      'type',
      'source',
      'metadata.name'
    ]) {
      expect((await rawCall('GET', `${v1}?fieldSelector=${encodeURIComponent(`${label}=x`)}`)).status).toBe(
        200
      );
    }
    // core/v1 is the other way round
    const core1 = `/api/v1/namespaces/${ns}/events`;
    expect((await rawCall('GET', `${core1}?fieldSelector=involvedObject.name%3Dx`)).status).toBe(200);
    expect((await rawCall('GET', `${core1}?fieldSelector=regarding.name%3Dx`)).status).toBe(400);
  });
});

describe('as strict as kube-apiserver: pod spec', () => {
  test('activeDeadlineSeconds out of range, an image with white space and a projected path that climbs out are 422', async () => {
    const ns = await namespace();
    const base = shPod('spec', 'exit 0') as {
      metadata: Record<string, unknown>;
      spec: Record<string, unknown>;
    };
    const withSpec = (extra: Record<string, unknown>): Record<string, unknown> => ({
      ...base,
      spec: { ...base.spec, ...extra }
    });
    const refuse = async (pod: Record<string, unknown>, text: string): Promise<void> => {
      const status = await expectStatus(core.createNamespacedPod({ namespace: ns, body: pod }));
      expect(status).toMatchObject({ reason: 'Invalid', code: 422 });
      expect(String(status.message)).toContain(text);
    };
    await refuse(
      withSpec({ activeDeadlineSeconds: 0 }),
      'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive'
    );
    await refuse(withSpec({ activeDeadlineSeconds: 2 ** 31 }), 'spec.activeDeadlineSeconds');
    await refuse(
      withSpec({ containers: [{ name: 'main', image: 'busybox:1.36 ', command: ['sh', '-c', 'exit 0'] }] }),
      'spec.containers[0].image: Invalid value: "busybox:1.36 ": must not have leading or trailing whitespace'
    );
    for (const [path, text] of [
      ['/token', 'must be a relative path'],
      ['../token', "must not contain '..'"],
      ['..token', "must not start with '..'"]
    ]) {
      await refuse(
        withSpec({
          volumes: [{ name: 't', projected: { sources: [{ serviceAccountToken: { audience: 'a', path } }] } }]
        }),
        `spec.volumes[0].projected.sources[0].serviceAccountToken.path: Invalid value: ${JSON.stringify(path)}: ${text}`
      );
    }
    expect(double.pod(ns, 'spec')).toBeUndefined();
    await core.createNamespacedPod({ namespace: ns, body: withSpec({ activeDeadlineSeconds: 3660 }) });
    expect(double.pod(ns, 'spec')).toBeDefined();
  });
});

describe('as kube-apiserver: admission before validation', () => {
  test('a pod that is invalid and names a missing service account gets the admission 403, not the 422', async () => {
    const ns = await namespace();
    const pod = {
      metadata: { name: 'both' },
      spec: { serviceAccountName: 'missing', containers: [{ name: 'main', image: '' }] }
    };
    const status = await expectStatus(core.createNamespacedPod({ namespace: ns, body: pod }));
    expect(status).toMatchObject({ reason: 'Forbidden', code: 403 });
    expect(String(status.message)).toContain('serviceaccount "missing" not found');
    // with the account in place, the same pod is the 422
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'missing' } } });
    const invalidPod = await expectStatus(core.createNamespacedPod({ namespace: ns, body: pod }));
    expect(invalidPod).toMatchObject({ reason: 'Invalid', code: 422 });
  });
});

describe('as kube-apiserver: client certificates (how a Talos admin kubeconfig authenticates)', () => {
  const clientOf = (config: string): ReturnType<typeof loadKubeClient> =>
    loadKubeClient({ input: 'kubeconfig', value: config }, () => undefined);

  test('a certificate from the client CA is its CN in its O groups: system:masters may do anything', async () => {
    const ns = await namespace();
    const admin = await clientOf(
      double.kubeconfig({
        user: 'talos-admin',
        clientCertificate: { user: 'admin', groups: ['system:masters'] }
      })
    );
    const accounts = kubeServiceAccounts(admin);
    expect(await accounts.namespaceExists(ns)).toBe(true);
    await accounts.create({ namespace: ns, name: 'by-cert' }, 'arn:aws:iam::123456789012:role/r');
    expect(await accounts.roleArnOf({ namespace: ns, name: 'by-cert' })).toBe(
      'arn:aws:iam::123456789012:role/r'
    );
    const docs = await readClusterDocuments(admin, 5000);
    expect(docs.discovery).toEqual(double.discoveryDocument());
    expect(double.requests().filter((r) => r.user === 'admin').length).toBeGreaterThanOrEqual(4);
    // client-node (kubectl's path) authenticates the same way
    const viaClientNode = client(
      double.kubeconfig({ clientCertificate: { user: 'admin', groups: ['system:masters'] } })
    );
    const sa = await viaClientNode
      .makeApiClient(CoreV1Api)
      .readNamespacedServiceAccount({ name: 'by-cert', namespace: ns });
    expect(sa.metadata?.name).toBe('by-cert');
  });

  test('a certificate outside system:masters is authenticated but forbidden; one from another CA is a 401', async () => {
    const ns = await namespace();
    const viewer = await clientOf(
      double.kubeconfig({ clientCertificate: { user: 'viewer', groups: ['developers'] } })
    );
    // 403: authenticated as viewer, with no RBAC here; namespaces unreadable is "undefined", not "missing"
    expect(await kubeServiceAccounts(viewer).namespaceExists(ns)).toBeUndefined();
    const forbidden = double.requests().filter((r) => r.user === 'viewer');
    expect(forbidden.map((r) => r.status)).toEqual([403]);

    const otherCa = createTestCa(join(dir, 'other-ca'));
    const stranger = otherCa.issueClient('admin', ['system:masters']);
    const refused = await clientOf(double.kubeconfig({ clientCertificate: { pem: stranger } }));
    await expect(kubeServiceAccounts(refused).namespaceExists(ns)).rejects.toThrow(/HTTP 401/);
    // a good token still authenticates next to a bad certificate, as in kube's union of authenticators
    const both = await clientOf(
      double.kubeconfig({ clientCertificate: { pem: stranger }, token: double.token })
    );
    expect(await kubeServiceAccounts(both).namespaceExists(ns)).toBe(true);
  });
});

describe('as kube-apiserver: a patch that names another namespace', () => {
  test('is a 400 and changes nothing', async () => {
    const ns = await namespace();
    const moved = await rawCall('PATCH', `/api/v1/namespaces/${ns}/serviceaccounts/default`, {
      contentType: 'application/merge-patch+json',
      body: JSON.stringify({ metadata: { namespace: 'kube-system', annotations: { a: 'b' } } })
    });
    expect(moved.status).toBe(400);
    expect(moved.body.message).toBe(
      `the namespace of the object (kube-system) does not match the namespace on the request (${ns})`
    );
    expect(double.serviceAccount(ns, 'default')?.metadata.annotations).toBeUndefined();
  });
});
