// publish-oidc's remove: true against the local stack: one cluster of several sharing a bucket is
// taken back out (its two objects, its own bucket-policy statement, the IAM OIDC provider it made),
// and nothing of the others'; a second run finds nothing and writes nothing; a dry run writes
// nothing; another issuer's documents at the key are refused; and 20% of AWS requests faulted
// change none of this.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  GetOpenIDConnectProviderCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand
} from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import {
  GetBucketPolicyCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
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
import { parseInputs, parsePublishInputs } from '../src/publish-oidc/inputs.js';
import { callerAccount } from '../src/publish-oidc/caller-account.js';
import { issuerThumbprint } from '../src/publish-oidc/issuer-thumbprint.js';
import { readPublishedObject } from '../src/publish-oidc/published-objects.js';
import { anonymousGet } from '../src/net/anonymous-get.js';
import { run } from '../src/publish-oidc/run.js';
import { removeIssuer } from '../src/publish-oidc/remove.js';
import { startFaultProxy, type Fault, type FaultProxy } from './stack/fault-proxy.js';
import { startKubeDouble, type KubeDouble } from './stack/kube-double.js';
import { createTestCa } from './stack/tls.js';

const PUBLIC_URL = process.env.TALOS_IRSA_S3_PUBLIC_URL ?? '';
const MOTO = process.env.AWS_ENDPOINT_URL ?? '';
const REGION = process.env.AWS_REGION ?? 'us-east-1';
const trust = [...rootCertificates, readFileSync(process.env.TALOS_IRSA_TEST_CA ?? '', 'utf8')];
const iam = new IAMClient(clientConfig('IAM', REGION, process.env));
const s3 = new S3Client(clientConfig('S3', REGION, process.env));
const FAULTS: Fault[] = ['throttle', 'server-error', 'reset', 'drop-response', 'cut-body'];

let double: KubeDouble;
let dir: string;
const proxies: FaultProxy[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'publish-oidc-remove-'));
  double = await startKubeDouble({ ca: createTestCa(join(dir, 'ca')), issuer: `${PUBLIC_URL}/placeholder` });
});
afterAll(async () => {
  for (const proxy of proxies) await proxy.stop();
  await double.stop();
  iam.destroy();
  s3.destroy();
  rmSync(dir, { recursive: true, force: true });
});

interface Ran {
  result: ActionResult;
  counter: RequestCounter;
  log: MemoryLogger;
}

/** A publish run of the double's cluster, as issuer `issuer`. */
async function publish(inputs: Record<string, string>, endpoint = MOTO): Promise<Ran> {
  double.setIssuer(inputs['issuer-url'] ?? '');
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

/** What a removal run is given beyond its inputs: the run's redact, the entry's `written`, a hook on each client. */
interface RemoveExtras {
  redact?: (text: string) => string;
  written?: (read: () => readonly string[]) => void;
  watch?: <C extends S3Client | IAMClient>(client: C) => C;
}

/** A removal run, through `endpoint` (moto, or a fault proxy in front of it). */
async function remove(
  inputs: Record<string, string>,
  endpoint = MOTO,
  extras: RemoveExtras = {}
): Promise<Ran> {
  const { redact = (text: string): string => text, written, watch = <C>(client: C): C => client } = extras;
  const env = { ...process.env, AWS_ENDPOINT_URL: endpoint };
  const parsed = parseInputs(mapInputReader({ remove: 'true', ...inputs }), env);
  if (!parsed.remove) throw new Error('expected removal inputs');
  const counter = new RequestCounter();
  const log = new MemoryLogger();
  let wrote = false;
  const deps = {
    s3: watch(counter.attach(new S3Client(clientConfig('S3', parsed.inputs.region, env)))),
    iam: watch(counter.attach(new IAMClient(clientConfig('IAM', parsed.inputs.region, env)))),
    callerAccount: () => callerAccount(new STSClient(clientConfig('STS', parsed.inputs.region, env))),
    log,
    redact,
    ...(written ? { written } : {}),
    writing: () => {
      wrote = true;
    }
  };
  const result = await removeIssuer(parsed.inputs, deps);
  // The entry's promise: nothing is written before writing() is told.
  if (counter.writeCount > 0) expect(wrote).toBe(true);
  return { result, counter, log };
}

async function proxy(options: Parameters<typeof startFaultProxy>[0]): Promise<FaultProxy> {
  const started = await startFaultProxy(options);
  proxies.push(started);
  return started;
}

/** Two clusters under their own paths of one bucket, and a statement of the user's in its policy. */
async function sharedBucket(): Promise<{ bucket: string; a: string; b: string; arnA: string; arnB: string }> {
  const bucket = `remove-${randomBytes(5).toString('hex')}`;
  const a = `${PUBLIC_URL}/${bucket}/cluster-a`;
  const b = `${PUBLIC_URL}/${bucket}/cluster-b`;
  const first = await publish({ bucket, 'issuer-url': a, 'manage-bucket': 'true' });
  const second = await publish({ bucket, 'issuer-url': b, 'manage-bucket': 'true' });
  const policy = JSON.parse(
    (await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '{}'
  ) as {
    Statement: unknown[];
  };
  policy.Statement.push(userStatement(bucket));
  await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) }));
  return {
    bucket,
    a,
    b,
    arnA: first.result.outputs['provider-arn'] ?? '',
    arnB: second.result.outputs['provider-arn'] ?? ''
  };
}

function userStatement(bucket: string): Record<string, unknown> {
  return {
    Sid: 'UsersOwnReadOfLogos',
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: `arn:aws:s3:::${bucket}/logos/*`
  };
}

async function policySids(bucket: string): Promise<string[] | undefined> {
  try {
    const { Policy } = await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }));
    return (JSON.parse(Policy ?? '{}') as { Statement: { Sid: string }[] }).Statement.map(
      (s) => s.Sid
    ).sort();
  } catch (error) {
    if ((error as Error).name === 'NoSuchBucketPolicy') return undefined;
    throw error;
  }
}

async function objectExists(bucket: string, key: string): Promise<boolean> {
  return (await readPublishedObject(s3, bucket, key)) !== undefined;
}

async function providerExists(arn: string): Promise<boolean> {
  const listed = await iam.send(new ListOpenIDConnectProvidersCommand({}));
  return (listed.OpenIDConnectProviderList ?? []).some((entry) => entry.Arn === arn);
}

const warnings = (log: MemoryLogger): string[] => log.lines.filter((line) => line.startsWith('::warning::'));

describe('publish-oidc remove: true', () => {
  it('tags the provider it creates as its own for the issuer', async () => {
    const bucket = `remove-${randomBytes(5).toString('hex')}`;
    const issuer = `${PUBLIC_URL}/${bucket}`;
    const { result } = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    const provider = await iam.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: result.outputs['provider-arn'] })
    );
    expect(provider.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'managed-by', Value: 'talos-irsa' },
        { Key: 'talos-irsa/issuer', Value: issuer }
      ])
    );
  });

  it('takes one cluster out of a shared bucket and leaves the other and the user their own', async () => {
    const { bucket, a, b, arnA, arnB } = await sharedBucket();
    const sidsBefore = await policySids(bucket);
    expect(sidsBefore).toHaveLength(3);

    const { result, log } = await remove({ bucket, 'issuer-url': a, 'manage-bucket': 'true' });
    expect(result.failure).toBeUndefined();
    expect(result.outputs).toEqual({
      'issuer-url': a,
      'jwks-url': `${a}/openid/v1/jwks`,
      'provider-arn': '',
      changed: 'true',
      'keys-changed': 'true',
      'key-ids': ''
    });
    expect(await objectExists(bucket, 'cluster-a/openid/v1/jwks')).toBe(false);
    expect(await objectExists(bucket, 'cluster-a/.well-known/openid-configuration')).toBe(false);
    expect(await providerExists(arnA)).toBe(false);
    // The other cluster's documents, statement and provider, and the user's statement, stay.
    expect(await objectExists(bucket, 'cluster-b/openid/v1/jwks')).toBe(true);
    expect(await providerExists(arnB)).toBe(true);
    const sidsAfter = await policySids(bucket);
    expect(sidsAfter).toHaveLength(2);
    expect(sidsAfter).toContain('UsersOwnReadOfLogos');
    expect((await anonymousGet(`${b}/openid/v1/jwks`, { ca: trust })).status).toBe(200);
    expect(result.summary.split('\n')[0]).toBe('### publish-oidc remove: 4 things removed');
    expect(result.summary).toContain(`- delete the IAM OIDC provider ${arnA}`);
    expect(result.summary).toContain('keeping 2 other statement(s)');
    expect(warnings(log)).toEqual([]);

    // A second run finds nothing, writes nothing, and says so.
    const again = await remove({ bucket, 'issuer-url': a, 'manage-bucket': 'true' });
    expect(again.counter.writeCount).toBe(0);
    expect(again.result.outputs.changed).toBe('false');
    expect(again.result.outputs['keys-changed']).toBe('false');
    expect(again.result.summary.split('\n')[0]).toBe('### publish-oidc remove: nothing to remove');
    expect(again.result.summary).toContain('Nothing was written.');
    expect(again.log.lines).toContain(`Nothing to remove: ${a} left nothing here. Nothing was written.`);
  });

  it('deletes the bucket policy when this issuer held its only statement', async () => {
    const bucket = `remove-${randomBytes(5).toString('hex')}`;
    const issuer = `${PUBLIC_URL}/${bucket}/only`;
    await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    expect(await policySids(bucket)).toHaveLength(1);
    const { result, counter } = await remove({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    expect(result.summary).toContain(
      `- delete the bucket policy of ${bucket}, which held only this issuer's statement`
    );
    expect(counter.writes.get('DeleteBucketPolicy')).toBe(1);
    expect(await policySids(bucket)).toBeUndefined();
  });

  it("tells the entry each deletion as AWS answers it, for a cancelled run's summary", async () => {
    const { bucket, a, arnA } = await sharedBucket();
    let read: (() => readonly string[]) | undefined;
    // What the run had reported as written when it sent each write.
    const sent: string[] = [];
    const watch = <C extends S3Client | IAMClient>(client: C): C => {
      (client as S3Client).middlewareStack.add(
        (next, context) => async (args) => {
          const name = String(context.commandName).replace(/Command$/, '');
          if (/^(Delete|Put)/.test(name)) sent.push(`${name} after [${(read?.() ?? []).join(' | ')}]`);
          return next(args);
        },
        { step: 'initialize' }
      );
      return client;
    };
    const { result } = await remove({ bucket, 'issuer-url': a, 'manage-bucket': 'true' }, MOTO, {
      watch,
      written: (reader) => (read = reader)
    });
    expect(result.outputs.changed).toBe('true');
    const steps = [
      `deleted s3://${bucket}/cluster-a/openid/v1/jwks`,
      `deleted s3://${bucket}/cluster-a/.well-known/openid-configuration`,
      `removed this issuer's statement from the bucket policy of ${bucket}`,
      `deleted the IAM OIDC provider ${arnA}`
    ];
    expect(sent).toEqual([
      'DeleteObject after []',
      `DeleteObject after [${steps[0]}]`,
      `PutBucketPolicy after [${steps.slice(0, 2).join(' | ')}]`,
      `DeleteOpenIDConnectProvider after [${steps.slice(0, 3).join(' | ')}]`
    ]);
    expect(read?.()).toEqual(steps);
  });

  it('leaves the bucket policy alone with manage-bucket false, and says so', async () => {
    const { bucket, a } = await sharedBucket();
    const { result, counter, log } = await remove({ bucket, 'issuer-url': a });
    expect(result.outputs.changed).toBe('true');
    expect(counter.writes.get('PutBucketPolicy')).toBeUndefined();
    expect(counter.reads.get('GetBucketPolicy')).toBeUndefined();
    expect(await policySids(bucket)).toHaveLength(3);
    expect(await objectExists(bucket, 'cluster-a/.well-known/openid-configuration')).toBe(false);
    // Said, not warned of: the inputs keep the policy out of this action's hands on purpose.
    expect(warnings(log)).toEqual([]);
    expect(log.lines).toContain(`The bucket policy of ${bucket} is not looked at: manage-bucket is false.`);
    expect(result.summary).toContain(
      `The bucket policy of ${bucket} is not looked at: manage-bucket is false.`
    );
    const again = await remove({ bucket, 'issuer-url': a });
    expect(again.counter.writeCount).toBe(0);
    expect(again.result.outputs.changed).toBe('false');
    expect(warnings(again.log)).toEqual([]);
  });

  it("refuses, naming issuer-url, when the key holds another issuer's documents, and removes nothing", async () => {
    const { bucket, a, arnA } = await sharedBucket();
    // Another host, the same path: the same key prefix in this bucket.
    const other = a.replace(/^https:\/\/[^/]+/, 'https://cdn.example.com');
    const sids = await policySids(bucket);
    await expect(remove({ bucket, 'issuer-url': other, 'manage-bucket': 'true' })).rejects.toThrow(
      `Input 'issuer-url': s3://${bucket}/cluster-a/.well-known/openid-configuration is the discovery document of "${a}", not of '${other}': nothing was removed.`
    );
    expect(await objectExists(bucket, 'cluster-a/.well-known/openid-configuration')).toBe(true);
    expect(await objectExists(bucket, 'cluster-a/openid/v1/jwks')).toBe(true);
    expect(await policySids(bucket)).toEqual(sids);
    expect(await providerExists(arnA)).toBe(true);
  });

  it('leaves and reports a provider it did not make, and one with create-provider false', async () => {
    const bucket = `remove-${randomBytes(5).toString('hex')}`;
    const issuer = `${PUBLIC_URL}/${bucket}/by-hand`;
    const byHand = await iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: issuer,
        ClientIDList: ['sts.amazonaws.com'],
        ThumbprintList: []
      })
    );
    const arn = byHand.OpenIDConnectProviderArn ?? '';
    await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    const { result, log } = await remove({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    expect(await providerExists(arn)).toBe(true);
    expect(result.outputs['provider-arn']).toBe(arn);
    expect(result.summary).not.toContain('delete the IAM OIDC provider');
    expect(warnings(log)).toEqual([
      expect.stringContaining(
        `::warning::The IAM OIDC provider ${arn} is left: it does not carry publish-oidc's tags for this issuer`
      )
    ]);
    expect(result.summary).toContain('Left in place:');

    const tagged = `${PUBLIC_URL}/${bucket}/kept`;
    const published = await publish({ bucket, 'issuer-url': tagged, 'manage-bucket': 'true' });
    const keptArn = published.result.outputs['provider-arn'] ?? '';
    const kept = await remove({
      bucket,
      'issuer-url': tagged,
      'manage-bucket': 'true',
      'create-provider': 'false'
    });
    expect(await providerExists(keptArn)).toBe(true);
    expect(kept.result.outputs['provider-arn']).toBe(keptArn);
    expect(warnings(kept.log)).toEqual([]);
    expect(kept.log.lines).toContain(
      `The IAM OIDC provider ${keptArn} is left: create-provider is false, so it is not this action's to delete.`
    );
    expect(kept.result.summary).toContain(`The IAM OIDC provider ${keptArn} is left`);
  });

  it('names the roles that still trust the provider, and removes it (a warning, not a refusal)', async () => {
    const bucket = `remove-${randomBytes(5).toString('hex')}`;
    const issuer = `${PUBLIC_URL}/${bucket}`;
    const { result: published } = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    const arn = published.outputs['provider-arn'] ?? '';
    const roleName = `remove-trusting-${randomBytes(3).toString('hex')}`;
    await iam.send(
      new CreateRoleCommand({
        RoleName: roleName,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Federated: arn }, Action: 'sts:AssumeRoleWithWebIdentity' }
          ]
        })
      })
    );
    const { result, log } = await remove({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    expect(await providerExists(arn)).toBe(false);
    expect(warnings(log)).toEqual([
      `::warning::1 IAM role(s) still trust the provider ${arn}: ${roleName}. They are left, and no token can assume them once it is gone: run irsa-role for a rebuilt cluster's issuer to move them to it, or delete the roles no longer needed.`
    ]);
    expect(result.summary).toContain(roleName);
    expect(log.shownInSummary).toEqual(warnings(log).map((line) => line.replace(/^::warning::/, '')));
  });

  it('reports in a dry run what it would remove, and writes nothing', async () => {
    const { bucket, a, arnA } = await sharedBucket();
    const dry = await remove({ bucket, 'issuer-url': a, 'manage-bucket': 'true', 'dry-run': 'true' });
    expect(dry.counter.writeCount).toBe(0);
    expect(dry.result.outputs.changed).toBe('true');
    expect(dry.result.summary.split('\n')[0]).toBe(
      '### publish-oidc remove (dry run): 4 things to remove, nothing written'
    );
    expect(dry.result.summary).toContain('Would remove:');
    expect(dry.log.lines.some((line) => line.startsWith('Dry run; would delete s3://'))).toBe(true);
    expect(await objectExists(bucket, 'cluster-a/.well-known/openid-configuration')).toBe(true);
    expect(await providerExists(arnA)).toBe(true);
    expect(await policySids(bucket)).toHaveLength(3);
  });

  it("takes a provider delete IAM answers NoSuchEntity (a lost answer's retry) for done", async () => {
    const bucket = `remove-${randomBytes(5).toString('hex')}`;
    const issuer = `${PUBLIC_URL}/${bucket}`;
    const { result: published } = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    const gone = await proxy({
      target: MOTO,
      faults: ['not-found'],
      failFirst: 1,
      match: (request) => request.action === 'DeleteOpenIDConnectProvider'
    });
    const { result } = await remove({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' }, gone.url);
    expect(gone.injected.map((fault) => fault.fault)).toEqual(['not-found']);
    expect(result.outputs.changed).toBe('true');
    expect(result.summary).toContain(`- delete the IAM OIDC provider ${published.outputs['provider-arn']}`);
  });

  it('creates the provider untagged, with a warning, when IAM refuses its tags', async () => {
    const bucket = `remove-${randomBytes(5).toString('hex')}`;
    const issuer = `${PUBLIC_URL}/${bucket}`;
    const denied = await proxy({
      target: MOTO,
      faults: ['access-denied'],
      failFirst: 1,
      match: (request) => request.action === 'CreateOpenIDConnectProvider'
    });
    const { result, log } = await publish(
      { bucket, 'issuer-url': issuer, 'manage-bucket': 'true' },
      denied.url
    );
    expect(denied.injected).toHaveLength(1);
    expect(result.failure).toBeUndefined();
    const provider = await iam.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: result.outputs['provider-arn'] })
    );
    expect(provider.Tags ?? []).toEqual([]);
    expect(warnings(log)).toEqual([
      expect.stringMatching(
        /^::warning::IAM refused the IAM OIDC provider's tags \(.+\), so it was created untagged, and publish-oidc's remove: true will leave it: allow iam:TagOpenIDConnectProvider/
      )
    ]);
  });

  it('with 20% of AWS requests faulted, removes exactly one cluster, and a second run writes nothing', async () => {
    const { bucket, a, b, arnA, arnB } = await sharedBucket();
    const flaky = await proxy({ target: MOTO, rate: 0.2, seed: 18, faults: FAULTS, failFirst: 2 });
    const { result } = await remove({ bucket, 'issuer-url': a, 'manage-bucket': 'true' }, flaky.url);
    expect(result.outputs.changed).toBe('true');
    expect(flaky.injected.length).toBeGreaterThanOrEqual(2);
    expect(new Set(flaky.injected.map((fault) => fault.service))).toContain('s3');
    expect(await objectExists(bucket, 'cluster-a/.well-known/openid-configuration')).toBe(false);
    expect(await objectExists(bucket, 'cluster-a/openid/v1/jwks')).toBe(false);
    expect(await providerExists(arnA)).toBe(false);
    expect(await providerExists(arnB)).toBe(true);
    expect(await policySids(bucket)).toHaveLength(2);
    expect((await anonymousGet(`${b}/.well-known/openid-configuration`, { ca: trust })).status).toBe(200);

    for (let i = 0; i < 3; i++) {
      const again = await remove({ bucket, 'issuer-url': a, 'manage-bucket': 'true' }, flaky.url);
      expect(again.result.outputs.changed).toBe('false');
      expect(again.counter.writeCount).toBe(0);
    }
    // Its own removal through the faults too: the shared bucket ends with the user's statement alone.
    const last = await remove({ bucket, 'issuer-url': b, 'manage-bucket': 'true' }, flaky.url);
    expect(last.result.outputs.changed).toBe('true');
    expect(await policySids(bucket)).toEqual(['UsersOwnReadOfLogos']);
    expect(await providerExists(arnB)).toBe(false);
  });
});

// A first publish cut short between its two writes leaves a JWKS that no discovery document names.
// publish-oidc marks the JWKS it writes with the issuer it published it for (metadata `issuer`, beside
// the `sha256` of its bytes): with both fitting, it is provably this issuer's, and remove deletes it;
// any other JWKS at that key is left, with a warning that says how to delete it by hand.
describe('publish-oidc remove: true, after a first publish cut short between its two writes', () => {
  const DISCOVERY = '.well-known/openid-configuration';
  const JWKS = 'openid/v1/jwks';

  /** A first publish whose discovery-document PUT S3 fails every time: it wrote the JWKS, then stopped. */
  async function cutShort(bucket: string, issuer: string, extra: Record<string, string> = {}): Promise<void> {
    const failing = await proxy({
      target: MOTO,
      rate: 1,
      faults: ['server-error'],
      match: (request) =>
        request.method === 'PUT' && (request.path.split('?')[0] ?? '').endsWith(`/${DISCOVERY}`)
    });
    await expect(publish({ bucket, 'issuer-url': issuer, ...extra }, failing.url)).rejects.toThrow();
    expect(failing.injected.length).toBeGreaterThan(0);
  }

  it('marks the JWKS it publishes with its issuer, and does not rewrite an unmarked one only to mark it', async () => {
    const bucket = `orphan-${randomBytes(5).toString('hex')}`;
    const issuer = `${PUBLIC_URL}/${bucket}`;
    await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true', 'create-provider': 'false' });
    const jwks = await readPublishedObject(s3, bucket, JWKS);
    expect(jwks?.metadata['issuer']).toBe(issuer);
    // The discovery document names its issuer in its body: it needs no mark.
    expect((await readPublishedObject(s3, bucket, DISCOVERY))?.metadata['issuer']).toBeUndefined();

    // A JWKS an earlier version wrote: the same bytes and record, no mark. Left as it is.
    const unmarked = { ...jwks?.metadata };
    delete unmarked['issuer'];
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: JWKS,
        Body: jwks?.bytes,
        ContentType: 'application/json',
        CacheControl: 'public, max-age=300',
        Metadata: unmarked
      })
    );
    const again = await publish({
      bucket,
      'issuer-url': issuer,
      'manage-bucket': 'true',
      'create-provider': 'false'
    });
    expect(again.result.outputs.changed).toBe('false');
    expect(again.counter.writeCount).toBe(0);
  });

  it('deletes the JWKS it provably wrote for this issuer (dry run first), leaving the bucket empty; a second run finds nothing', async () => {
    const bucket = `orphan-${randomBytes(5).toString('hex')}`;
    const issuer = `${PUBLIC_URL}/${bucket}/prod`;
    await cutShort(bucket, issuer, { 'manage-bucket': 'true' });
    expect(await objectExists(bucket, `prod/${JWKS}`)).toBe(true);
    expect(await objectExists(bucket, `prod/${DISCOVERY}`)).toBe(false);
    const inputs = { bucket, 'issuer-url': issuer, 'manage-bucket': 'true' };

    const dry = await remove({ ...inputs, 'dry-run': 'true' });
    expect(dry.counter.writeCount).toBe(0);
    expect(dry.result.outputs.changed).toBe('true');
    expect(dry.result.summary).toContain(
      `- delete s3://${bucket}/prod/${JWKS}: a JWKS that no discovery document names (what a first publish cut short between its two writes leaves), provably this issuer's: publish-oidc marked it issuer=${issuer}, and its sha256 fits its bytes`
    );
    expect(await objectExists(bucket, `prod/${JWKS}`)).toBe(true);

    const { result, log } = await remove(inputs);
    expect(result.outputs.changed).toBe('true');
    expect(result.outputs['keys-changed']).toBe('true');
    expect(result.summary.split('\n')[0]).toBe('### publish-oidc remove: 2 things removed');
    expect(result.summary).toContain(
      `- delete s3://${bucket}/prod/${JWKS}: a JWKS that no discovery document names`
    );
    expect(warnings(log)).toEqual([]);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(listed.Contents ?? []).toEqual([]);
    expect(await policySids(bucket)).toBeUndefined();

    const again = await remove(inputs);
    expect(again.counter.writeCount).toBe(0);
    expect(again.result.outputs.changed).toBe('false');
    expect(again.log.lines).toContain(`Nothing to remove: ${issuer} left nothing here. Nothing was written.`);
    expect(warnings(again.log)).toEqual([]);
  });

  it('redacts an issuer it quotes from the bucket of every value the run masked, before cutting it', async () => {
    const { bucket, a } = await sharedBucket();
    // A masked value past the quote's cut (117 characters): cut first, a part of it would be shown.
    const secret = `s3cr3t-${randomBytes(12).toString('hex')}`;
    const foreign = `https://cdn.example.com/${'p'.repeat(80)}${secret}`;
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'cluster-a/.well-known/openid-configuration',
        Body: JSON.stringify({ issuer: foreign, jwks_uri: `${foreign}/keys.json` }),
        ContentType: 'application/json'
      })
    );
    const redact = (text: string): string => text.replaceAll(secret, '***');
    const refused = await remove({ bucket, 'issuer-url': a }, MOTO, { redact }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Error);
    const message = (refused as Error).message;
    expect(message).toContain(`is the discovery document of "https://cdn.example.com/${'p'.repeat(80)}***"`);
    expect(message).not.toContain('s3cr3t');
  });

  it('never deletes a JWKS at that key marked for another issuer, unmarked, or changed since, and says how to delete it', async () => {
    const bucket = `orphan-${randomBytes(5).toString('hex')}`;
    const issuer = `${PUBLIC_URL}/${bucket}/prod`;
    // Another host, the same path: the same key prefix. Its first publish was cut short.
    const other = issuer.replace(/^https:\/\/[^/]+/, 'https://cdn.example.com');
    // That host serves nothing here: its documents are not read back.
    await cutShort(bucket, other, {
      'manage-bucket': 'true',
      'create-provider': 'false',
      'verify-public': 'false'
    });
    const stored = await readPublishedObject(s3, bucket, `prod/${JWKS}`);
    expect(stored?.metadata['issuer']).toBe(other);
    const howTo = `Delete it by hand if it is this issuer's: aws s3 rm s3://${bucket}/prod/${JWKS}`;
    const leaves = async (why: string): Promise<void> => {
      for (const dryRun of ['true', 'false']) {
        const { result, log, counter } = await remove({ bucket, 'issuer-url': issuer, 'dry-run': dryRun });
        expect(counter.writeCount).toBe(0);
        expect(result.outputs.changed).toBe('false');
        expect(warnings(log)).toEqual([
          `::warning::s3://${bucket}/prod/${JWKS} is left: no discovery document of this issuer names it, and ${why}. ${howTo}`
        ]);
        expect(result.summary).toContain('Left in place:');
        expect(result.summary).toContain(howTo);
      }
      expect(await objectExists(bucket, `prod/${JWKS}`)).toBe(true);
    };
    await leaves(`publish-oidc marked it as the JWKS of "${other}"`);

    const put = (metadata: Record<string, string>, body = stored?.bytes) =>
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: `prod/${JWKS}`, Body: body, Metadata: metadata }));
    // Marked for this issuer, but its bytes changed by other hands since.
    await put({ ...stored?.metadata, issuer }, Buffer.from('{"keys":[]}'));
    await leaves('its bytes changed since publish-oidc wrote it (its sha256 no longer fits)');
    // No mark: by hand, by another tool, or by a version of publish-oidc before the mark.
    await put({});
    await leaves(
      "nothing shows it is this issuer's: it carries no issuer mark (written by hand, by another tool, or by a publish-oidc before the mark)"
    );
  });
});
