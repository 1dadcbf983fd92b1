// publish-oidc when AWS misbehaves: throttling, 5xx and dropped connections are retried, and a run
// that dies between its two writes leaves a public pair that still verifies tokens.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  IAMClient
} from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { clientConfig, RequestCounter } from '../src/aws/clients.js';
import type { ActionResult } from '../src/io/action.js';
import { mapInputReader } from '../src/io/inputs.js';
import { MemoryLogger } from '../src/io/logger.js';
import { loadKubeClient } from '../src/kube/client.js';
import { readClusterDocuments } from '../src/publish-oidc/cluster-documents.js';
import { parsePublishInputs } from '../src/publish-oidc/inputs.js';
import { callerAccount } from '../src/publish-oidc/caller-account.js';
import { issuerThumbprint } from '../src/publish-oidc/issuer-thumbprint.js';
import { anonymousGet } from '../src/net/anonymous-get.js';
import { run } from '../src/publish-oidc/run.js';
import { startFaultProxy, type FaultProxy, type ProxiedRequest } from './stack/fault-proxy.js';
import { startKubeDouble, type KubeDouble } from './stack/kube-double.js';
import { createTestCa } from './stack/tls.js';

const PUBLIC_URL = process.env.TALOS_IRSA_S3_PUBLIC_URL ?? '';
const MOTO = process.env.AWS_ENDPOINT_URL ?? '';
const REGION = process.env.AWS_REGION ?? 'us-east-1';
const trust = [...rootCertificates, readFileSync(process.env.TALOS_IRSA_TEST_CA ?? '', 'utf8')];
const thumbprintOfFile = (path: string): string =>
  new X509Certificate(readFileSync(path)).fingerprint.replace(/:/g, '').toLowerCase();
// The front sends its own certificate only; the stack's CA, which signed it, is the root it does not
// send, which versions before this one registered.
const frontThumbprint = thumbprintOfFile(join(process.env.TALOS_IRSA_STACK_DIR ?? '', 's3-front.pem'));
const stackCaThumbprint = thumbprintOfFile(process.env.TALOS_IRSA_TEST_CA ?? '');
const iam = new IAMClient(clientConfig('IAM', REGION, process.env));

let double: KubeDouble;
let dir: string;
const proxies: FaultProxy[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'publish-oidc-faults-'));
  double = await startKubeDouble({ ca: createTestCa(join(dir, 'ca')), issuer: `${PUBLIC_URL}/placeholder` });
});
afterAll(async () => {
  for (const proxy of proxies) await proxy.stop();
  await double.stop();
  iam.destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function proxy(options: Parameters<typeof startFaultProxy>[0]): Promise<FaultProxy> {
  const started = await startFaultProxy(options);
  proxies.push(started);
  return started;
}

/** run() with S3 and IAM reached through `endpoint` (moto, or a fault proxy in front of it). */
async function publish(
  inputs: Record<string, string>,
  endpoint = MOTO
): Promise<{ result: ActionResult; counter: RequestCounter; log: MemoryLogger }> {
  const env = { ...process.env, AWS_ENDPOINT_URL: endpoint };
  const parsed = parsePublishInputs(mapInputReader({ kubeconfig: double.kubeconfig(), ...inputs }), env);
  const kube = await loadKubeClient(parsed.kubeconfig, () => undefined);
  const counter = new RequestCounter();
  const log = new MemoryLogger();
  const result = await run(parsed, {
    readCluster: () => readClusterDocuments(kube, 5000),
    s3: counter.attach(new S3Client(clientConfig('S3', parsed.region, env))),
    iam: counter.attach(new IAMClient(clientConfig('IAM', parsed.region, env))),
    callerAccount: () => callerAccount(new STSClient(clientConfig('STS', parsed.region, env))),
    issuerThumbprint: (url) => issuerThumbprint(url, { ca: trust }),
    publicGet: (url) => anonymousGet(url, { ca: trust }),
    log,
    now: () => new Date(),
    sleep: async () => undefined
  });
  return { result, counter, log };
}

async function publicJson(url: string): Promise<{ status: number; json: unknown }> {
  const response = await anonymousGet(url, { ca: trust });
  return {
    status: response.status,
    json: response.status === 200 ? JSON.parse(response.body.toString()) : null
  };
}

function freshIssuer(): { bucket: string; issuer: string } {
  const bucket = `publish-oidc-${randomBytes(5).toString('hex')}`;
  const issuer = `${PUBLIC_URL}/${bucket}`;
  double.setIssuer(issuer);
  return { bucket, issuer };
}

describe('faults', () => {
  it('retries S3 and IAM throttling, 5xx and dropped connections and still publishes', async () => {
    const { bucket, issuer } = freshIssuer();
    const flaky = await proxy({ target: MOTO, rate: 0.25, seed: 7, failFirst: 3 });
    const { result } = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' }, flaky.url);

    expect(result.failure).toBeUndefined();
    expect(result.outputs.changed).toBe('true');
    expect(flaky.injected.length).toBeGreaterThanOrEqual(3);
    expect(new Set(flaky.injected.map((fault) => fault.service))).toContain('s3');
    expect((await publicJson(`${issuer}/openid/v1/jwks`)).json).toEqual(double.jwks());

    const again = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' }, flaky.url);
    expect(again.result.outputs.changed).toBe('false');
    expect(again.counter.writeCount).toBe(0);
  });

  // In a region other than us-east-1, which answers 200 for legacy reasons, S3 refuses to create a
  // bucket its caller already owns (409 BucketAlreadyOwnedByYou); IAM refuses a provider that exists.
  it.each([
    [
      'CreateOpenIDConnectProvider',
      (request: ProxiedRequest) => request.action === 'CreateOpenIDConnectProvider'
    ],
    [
      'CreateBucket',
      (request: ProxiedRequest) => request.service === 's3' && /^PUT \/[^/]+\/?$/.test(request.action)
    ]
  ])(
    'takes a %s whose answer was lost, and met itself when the SDK sent it again, for done',
    async (_name, match) => {
      const { bucket, issuer } = freshIssuer();
      const inputs = { bucket, region: 'eu-west-1', 'issuer-url': issuer, 'manage-bucket': 'true' };
      const lost = await proxy({ target: MOTO, faults: ['drop-response'], failFirst: 1, match });
      const { result } = await publish(inputs, lost.url);
      expect(lost.injected.map((fault) => fault.fault)).toEqual(['drop-response']);
      expect(result.failure).toBeUndefined();
      expect(result.outputs['provider-arn']).toMatch(/:oidc-provider\//);
      // The provider it met is as this run would have made it: the create may have been its own.
      expect(result.summary).toContain(`- create the IAM OIDC provider for ${issuer}\n`);
      expect((await publicJson(`${issuer}/openid/v1/jwks`)).json).toEqual(double.jwks());
      const again = await publish(inputs);
      expect(again.counter.writeCount).toBe(0);
      expect(again.result.outputs['provider-arn']).toBe(result.outputs['provider-arn']);
    }
  );

  // Another run creates the provider between this run's read and its create: an earlier version,
  // which registered the host's root CA, or one whose provider lists five thumbprints. This run then
  // plans against that provider as it would have had it read it: the same drops, warnings and lines.
  it.each([
    [
      "an earlier version's, with the root CA",
      [stackCaThumbprint],
      [frontThumbprint],
      `update the provider's thumbprints from ${stackCaThumbprint} to ${frontThumbprint}: add ${frontThumbprint} ` +
        "(the last certificate the issuer's host sends); drop " +
        `${stackCaThumbprint} (the issuer host's root CA, not sent by the host,`,
      []
    ],
    [
      'one listing five thumbprints',
      ['1', '2', '3', '4', '5'].map((digit) => digit.repeat(40)),
      [frontThumbprint, ...['1', '2', '3', '4'].map((digit) => digit.repeat(40))],
      `drop ${'5'.repeat(40)} (past IAM's 5 per provider)`,
      [
        `::warning::IAM keeps at most 5 thumbprints per OIDC provider: with ${frontThumbprint} added first, ` +
          `${'5'.repeat(40)}, the last listed, is dropped. To keep one, put it back in place of another with ` +
          'aws iam update-open-id-connect-provider-thumbprint.'
      ]
    ]
  ])(
    'plans against a provider another run created first, %s, as if it had read it',
    async (_name, theirs, expected, changeLine, warnings) => {
      const { bucket, issuer } = freshIssuer();
      const inputs = { bucket, 'issuer-url': issuer, 'manage-bucket': 'true' };
      let otherArn: string | undefined;
      const first = await proxy({
        target: MOTO,
        before: async (request) => {
          if (request.action !== 'CreateOpenIDConnectProvider' || otherArn !== undefined) return;
          const created = await iam.send(
            new CreateOpenIDConnectProviderCommand({
              Url: issuer,
              ClientIDList: ['sts.amazonaws.com'],
              ThumbprintList: theirs
            })
          );
          otherArn = created.OpenIDConnectProviderArn;
        }
      });
      const { result, counter, log } = await publish(inputs, first.url);
      expect(result.failure).toBeUndefined();
      expect(otherArn).toMatch(/:oidc-provider\//);
      expect(result.outputs['provider-arn']).toBe(otherArn);
      expect(counter.writes.get('UpdateOpenIDConnectProviderThumbprint')).toBe(1);
      const provider = await iam.send(
        new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: otherArn })
      );
      expect(provider.ThumbprintList).toEqual(expected);
      expect(log.lines.filter((line) => line.startsWith('::warning::'))).toEqual(warnings);
      expect(result.summary).toContain(changeLine);
      expect(result.summary).not.toContain('create the IAM OIDC provider');
      const again = await publish(inputs);
      expect(again.counter.writeCount).toBe(0);
    }
  );

  it('reads an S3 object again when its body breaks off mid-stream, and gives up after three tries', async () => {
    const { bucket, issuer } = freshIssuer();
    await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    // GetObject only: the bucket's own settings (?policy, ...) are parsed inside the SDK's retry.
    const isObjectGet = (request: ProxiedRequest): boolean =>
      request.service === 's3' && request.method === 'GET' && request.path.endsWith('?x-id=GetObject');

    // Two objects are read; each first GET loses half its body.
    const twice = await proxy({ target: MOTO, faults: ['cut-body'], failFirst: 2, match: isObjectGet });
    const { result, counter } = await publish(
      { bucket, 'issuer-url': issuer, 'manage-bucket': 'true' },
      twice.url
    );
    expect(result.failure).toBeUndefined();
    expect(result.outputs.changed).toBe('false');
    expect(counter.writeCount).toBe(0);
    expect(twice.injected.map((fault) => fault.fault)).toEqual(['cut-body', 'cut-body']);
    expect(twice.seen.filter(isObjectGet).length).toBe(4);

    // A connection that breaks every time is reported, not retried for ever.
    const always = await proxy({ target: MOTO, faults: ['cut-body'], rate: 1, match: isObjectGet });
    await expect(
      publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' }, always.url)
    ).rejects.toThrow(new RegExp(`reading s3://${bucket}/\\S+ broke off \\(ECONNRESET`));
    expect(always.seen.filter(isObjectGet).length).toBeLessThanOrEqual(6);
  });

  it('says what a refused provider lookup leaves empty, and which permissions set it, with create-provider false', async () => {
    const { bucket, issuer } = freshIssuer();
    const denied = await proxy({
      target: MOTO,
      rate: 1,
      faults: ['access-denied'],
      match: (request) => request.service === 'iam'
    });
    const { result, log } = await publish(
      { bucket, 'issuer-url': issuer, 'manage-bucket': 'true', 'create-provider': 'false' },
      denied.url
    );
    expect(result.failure).toBeUndefined();
    expect(result.outputs['provider-arn']).toBe('');
    expect(log.lines.filter((line) => line.includes('Could not look up the IAM OIDC provider'))).toEqual([
      expect.stringMatching(
        /^::warning::Could not look up the IAM OIDC provider \(.+\), so provider-arn is empty: allow iam:ListOpenIDConnectProviders and iam:GetOpenIDConnectProvider to have it set, or ignore this if no later step uses it\.$/
      )
    ]);
  });

  it('leaves a consistent public pair when the discovery write fails after the JWKS moved', async () => {
    const { bucket, issuer } = freshIssuer();
    await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    const oldKid = double.signingKid;
    const before = await publicJson(`${issuer}/.well-known/openid-configuration`);

    // A rotation and a new jwks_uri in one change, and S3 refusing every write of the discovery document.
    const newKid = double.addSigningKey();
    double.retireKey(oldKid);
    double.setIssuer(issuer, `${issuer}/keys/v2/jwks.json`);
    const isDiscoveryPut = (request: ProxiedRequest): boolean =>
      request.method === 'PUT' && request.path.includes('.well-known/openid-configuration');
    const broken = await proxy({ target: MOTO, rate: 1, faults: ['server-error'], match: isDiscoveryPut });
    await expect(
      publish(
        { bucket, 'issuer-url': issuer, 'manage-bucket': 'true', 'create-provider': 'false' },
        broken.url
      )
    ).rejects.toThrow();
    expect(broken.injected.length).toBeGreaterThan(1);

    // STS still sees the old discovery document, and the JWKS it points at is public and verifies old tokens.
    const discovery = await publicJson(`${issuer}/.well-known/openid-configuration`);
    expect(discovery).toEqual(before);
    const liveJwks = await publicJson(String((discovery.json as { jwks_uri: string }).jwks_uri));
    expect(liveJwks.status).toBe(200);
    expect((liveJwks.json as { keys: { kid: string }[] }).keys.map((key) => key.kid)).toContain(oldKid);

    // A healthy rerun completes the move: the new JWKS holds both keys, and the old one is private again.
    const healed = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    expect(healed.result.failure).toBeUndefined();
    const moved = await publicJson(`${issuer}/.well-known/openid-configuration`);
    expect((moved.json as { jwks_uri: string }).jwks_uri).toBe(`${issuer}/keys/v2/jwks.json`);
    const newJwks = await publicJson(`${issuer}/keys/v2/jwks.json`);
    expect((newJwks.json as { keys: { kid: string }[] }).keys.map((key) => key.kid)).toEqual(
      expect.arrayContaining([newKid, oldKid])
    );
    expect((await publicJson(`${issuer}/openid/v1/jwks`)).status).toBe(403);
    const s3 = new S3Client(clientConfig('S3', REGION, process.env));
    // HEAD, not GET: destroy() tears down a GET whose body was left unread, and its stream then
    // throws an uncaught `aborted` (ECONNRESET) that fails the test.
    const oldObject = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'openid/v1/jwks' }));
    expect(oldObject.ContentType).toBe('application/json');
    s3.destroy();
    const settled = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    expect(settled.counter.writeCount).toBe(0);
  });
});
