// publish-oidc against the local stack: a kube-apiserver double as the cluster, moto for S3 and IAM,
// and the HTTPS front that answers anonymous GETs as public S3 would. The issuer lives at
// ${TALOS_IRSA_S3_PUBLIC_URL}/<bucket>, a path-style URL on the front.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { STSClient } from '@aws-sdk/client-sts';
import {
  CreateOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand
} from '@aws-sdk/client-iam';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  GetBucketPolicyCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  HeadObjectCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3ServiceException,
  S3Client
} from '@aws-sdk/client-s3';
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { clientConfig, RequestCounter } from '../src/aws/clients.js';
import type { ActionResult } from '../src/io/action.js';
import { isUserError } from '../src/io/errors.js';
import { mapInputReader } from '../src/io/inputs.js';
import { MemoryLogger } from '../src/io/logger.js';
import { loadKubeClient } from '../src/kube/client.js';
import { publishOidcAction } from '../src/publish-oidc/action.js';
import { readClusterDocuments } from '../src/publish-oidc/cluster-documents.js';
import { parsePublishInputs } from '../src/publish-oidc/inputs.js';
import { callerAccount } from '../src/publish-oidc/caller-account.js';
import { issuerThumbprint } from '../src/publish-oidc/issuer-thumbprint.js';
import { SETTLE_DELAYS_MS } from '../src/publish-oidc/public-check.js';
import { anonymousGet } from '../src/net/anonymous-get.js';
import { readPublishedObject } from '../src/publish-oidc/published-objects.js';
import { run, type PublishDeps } from '../src/publish-oidc/run.js';
import { startKubeDouble, type KubeDouble } from './stack/kube-double.js';
import { OTHER_ACCOUNT, otherAccountS3, STACK_ACCOUNT } from './stack/oidc-fixture.js';
import { createTestCa } from './stack/tls.js';
import { testContext } from './harness/context.js';

const env = process.env;
const PUBLIC_URL = env.TALOS_IRSA_S3_PUBLIC_URL ?? '';
const REGION = env.AWS_REGION ?? 'us-east-1';
// Passed explicitly: NODE_EXTRA_CA_CERTS is read at process start, which may precede the stack.
const trust = [...rootCertificates, readFileSync(env.TALOS_IRSA_TEST_CA ?? '', 'utf8')];
const thumbprintOfFile = (path: string): string =>
  new X509Certificate(readFileSync(path)).fingerprint.replace(/:/g, '').toLowerCase();
// The front sends its own certificate only, so that is the last one it sends, which IAM asks for;
// the stack's CA, which signed it, is what versions before this one registered.
const frontThumbprint = thumbprintOfFile(join(env.TALOS_IRSA_STACK_DIR ?? '', 's3-front.pem'));
const stackCaThumbprint = thumbprintOfFile(env.TALOS_IRSA_TEST_CA ?? '');

const s3 = new S3Client(clientConfig('S3', REGION, env));
const iam = new IAMClient(clientConfig('IAM', REGION, env));
const sts = new STSClient(clientConfig('STS', REGION, env));

let double: KubeDouble;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'publish-oidc-stack-'));
  double = await startKubeDouble({ ca: createTestCa(join(dir, 'ca')), issuer: `${PUBLIC_URL}/placeholder` });
});
afterAll(async () => {
  await double.stop();
  rmSync(dir, { recursive: true, force: true });
  s3.destroy();
  iam.destroy();
  sts.destroy();
});
afterEach(() => {
  double.overrideJwks(undefined);
  double.overrideDiscovery(undefined);
});

function uniqueBucket(): string {
  return `publish-oidc-${randomBytes(5).toString('hex')}`;
}

/** A bucket of its own and the double issuing tokens for it. */
function freshIssuer(): { bucket: string; issuer: string } {
  const bucket = uniqueBucket();
  const issuer = `${PUBLIC_URL}/${bucket}`;
  double.setIssuer(issuer);
  return { bucket, issuer };
}

interface Published {
  result: ActionResult;
  log: MemoryLogger;
  counter: RequestCounter;
  /** The pauses the public read check asked for; none are waited. */
  sleeps: number[];
}

/** run() with the action's real adapters, counting every AWS call. */
async function publish(
  inputs: Record<string, string>,
  now = new Date(),
  extra: Partial<PublishDeps> = {}
): Promise<Published> {
  const parsed = parsePublishInputs(mapInputReader({ kubeconfig: double.kubeconfig(), ...inputs }), env);
  const kube = await loadKubeClient(parsed.kubeconfig, () => undefined);
  const counter = new RequestCounter();
  const log = new MemoryLogger();
  const sleeps: number[] = [];
  const deps: PublishDeps = {
    readCluster: () => readClusterDocuments(kube, 5000),
    s3: counter.attach(new S3Client(clientConfig('S3', REGION, env))),
    iam: counter.attach(new IAMClient(clientConfig('IAM', REGION, env))),
    callerAccount: () => callerAccount(sts),
    issuerThumbprint: (url) => issuerThumbprint(url, { ca: trust }),
    publicGet: (url) => anonymousGet(url, { ca: trust }),
    log,
    now: () => now,
    sleep: async (ms) => void sleeps.push(ms),
    ...extra
  };
  const result = await run(parsed, deps);
  return { result, log, counter, sleeps };
}

function keyIds(result: ActionResult): string[] {
  return (result.outputs['key-ids'] ?? '').split(',');
}

async function objectText(bucket: string, key: string): Promise<string> {
  return (await readPublishedObject(s3, bucket, key))?.bytes.toString('utf8') ?? '';
}

async function publicText(url: string): Promise<{ status: number; text: string }> {
  const response = await anonymousGet(url, { ca: trust });
  return { status: response.status, text: response.body.toString('utf8') };
}

/** Only S3's 404 means absent: any other failure (a stack that is down) must not pass as 'nothing written'. */
async function bucketExists(bucket: string): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (error) {
    if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return false;
    throw error;
  }
}

async function providerFor(
  issuer: string
): Promise<{ arn: string; clientIds: string[]; thumbprints: string[] } | undefined> {
  const listed = await iam.send(new ListOpenIDConnectProvidersCommand({}));
  const url = issuer.replace(/^https:\/\//, '');
  // Only this issuer's provider is read: other test files share the stack and delete theirs at any
  // moment, so a provider listed here may be gone by the time it would be read.
  for (const entry of listed.OpenIDConnectProviderList ?? []) {
    if (!entry.Arn?.endsWith(`:oidc-provider/${url}`)) continue;
    const provider = await iam.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: entry.Arn })
    );
    if (provider.Url === url)
      return {
        arn: entry.Arn ?? '',
        clientIds: provider.ClientIDList ?? [],
        thumbprints: provider.ThumbprintList ?? []
      };
  }
  return undefined;
}

describe('first publish', () => {
  it('publishes both documents for anonymous reads, keeps other objects private and creates the provider', async () => {
    const { bucket, issuer } = freshIssuer();
    const published = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    const { result, log, counter } = published;

    expect(result.failure).toBeUndefined();
    expect(result.outputs).toMatchObject({
      'issuer-url': issuer,
      'jwks-url': `${issuer}/openid/v1/jwks`,
      changed: 'true',
      'keys-changed': 'true',
      'key-ids': double.servedKids().join(',')
    });
    expect(counter.writes.get('CreateBucket')).toBe(1);
    expect(counter.writes.get('PutObject')).toBe(2);

    const jwks = await publicText(`${issuer}/openid/v1/jwks`);
    expect(jwks.status).toBe(200);
    expect(JSON.parse(jwks.text)).toEqual(double.jwks());
    const discovery = await publicText(`${issuer}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    expect(JSON.parse(discovery.text)).toEqual(double.discoveryDocument());

    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'private/notes.txt', Body: 'not for the public' })
    );
    expect((await publicText(`${issuer}/private/notes.txt`)).status).toBe(403);
    const policy = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '{}');
    expect(policy.Statement).toHaveLength(1);
    expect([...policy.Statement[0].Resource].sort()).toEqual([
      `arn:aws:s3:::${bucket}/.well-known/openid-configuration`,
      `arn:aws:s3:::${bucket}/openid/v1/jwks`
    ]);

    const provider = await providerFor(issuer);
    expect(provider).toEqual({
      arn: result.outputs['provider-arn'],
      clientIds: ['sts.amazonaws.com'],
      thumbprints: [frontThumbprint]
    });
    expect(log.text()).toContain('read back anonymously');
    expect(log.text()).toContain(`Issuer ${issuer}; the cluster serves 1 key.`);
    expect(published.sleeps).toEqual([]);
    expect(result.summary).toContain(issuer);
    expect(result.summary).toContain(result.outputs['provider-arn']);
    for (const kid of double.servedKids()) expect(result.summary).toContain(`\`${kid}\` | new`);
    // The title says what happened: the list of changes sits below the tables.
    expect(result.summary.split('\n')[0]).toBe(
      `### publish-oidc: ${result.summary.match(/^- /gm)?.length} changes made`
    );

    // The second run against the same cluster writes nothing.
    const again = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    expect(again.counter.writeCount).toBe(0);
    expect(again.counter.readCount).toBeGreaterThan(0);
    expect(again.result.outputs).toEqual({ ...result.outputs, changed: 'false', 'keys-changed': 'false' });
    expect(again.log.text()).toContain('are up to date. Nothing was written.');
    expect(again.result.summary).toContain(
      "Nothing to change: the published documents, the bucket's public read of them and the IAM OIDC provider are up to date."
    );
    expect(again.result.summary.split('\n')[0]).toBe('### publish-oidc: nothing to change');
  });

  it('keeps the cluster bearer token out of the log, the outputs and the summary, and masks it', async () => {
    const { bucket, issuer } = freshIssuer();
    const { ctx, log, masked } = testContext({
      inputs: {
        kubeconfig: double.kubeconfig(),
        bucket,
        'issuer-url': issuer,
        'manage-bucket': 'true',
        // The action's own TLS trust is Node's; NODE_EXTRA_CA_CERTS may postdate this process.
        'create-provider': 'false',
        'verify-public': 'false'
      },
      env
    });
    const result = await publishOidcAction(ctx);
    expect(result.outputs.changed).toBe('true');
    expect(masked).toContain(double.token);
    const everything = [log.text(), JSON.stringify(result.outputs), result.summary].join('\n');
    expect(everything).not.toContain(double.token);
    expect(everything).toContain(issuer);
  });
});

describe('key rotation', () => {
  it('keeps a retired key through the retention window, then drops it', async () => {
    const { bucket, issuer } = freshIssuer();
    const inputs = { bucket, 'issuer-url': issuer, 'manage-bucket': 'true' };
    const start = new Date();
    await publish(inputs, start);
    const oldKid = double.signingKid;

    const newKid = double.addSigningKey();
    double.retireKey(oldKid);
    expect(double.servedKids()).not.toContain(oldKid);

    const rotated = await publish(inputs, start);
    expect(keyIds(rotated.result)).toEqual([...double.servedKids(), oldKid]);
    expect(rotated.result.outputs['keys-changed']).toBe('true');
    const published = JSON.parse((await publicText(`${issuer}/openid/v1/jwks`)).text) as {
      keys: { kid: string }[];
    };
    expect(published.keys.map((key) => key.kid)).toEqual(expect.arrayContaining([newKid, oldKid]));
    expect(rotated.result.summary).toContain(`\`${newKid}\` | new`);
    expect(rotated.result.summary).toMatch(new RegExp(`\`${oldKid}\` \\| retired, kept until`));

    // Within the window, with the retirement already recorded: nothing to write.
    const later = await publish(inputs, new Date(start.getTime() + 23 * 3600 * 1000));
    expect(later.counter.writeCount).toBe(0);
    expect(later.result.outputs['key-ids']).toContain(oldKid);
    expect(later.result.outputs['keys-changed']).toBe('false');

    const after = await publish(inputs, new Date(start.getTime() + 24 * 3600 * 1000 + 1000));
    expect(keyIds(after.result)).toEqual(double.servedKids());
    expect(after.result.summary).toContain(`\`${oldKid}\` | retired, removed`);
    expect(after.result.outputs).toMatchObject({ changed: 'true', 'keys-changed': 'true' });
  });

  // The scheduled resync says "keys changed" from this output: a rewrite that leaves the keys alone
  // (a discovery document edited or lost, say) changes something, but no key.
  it('says the keys did not change when only the discovery document was rewritten', async () => {
    const { bucket, issuer } = freshIssuer();
    const inputs = { bucket, 'issuer-url': issuer, 'manage-bucket': 'true' };
    await publish(inputs);
    const key = '.well-known/openid-configuration';
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: `${await objectText(bucket, key)}\n` })
    );

    const repaired = await publish(inputs);
    expect(repaired.result.outputs).toMatchObject({ changed: 'true', 'keys-changed': 'false' });
    expect([...repaired.counter.writes]).toEqual([['PutObject', 1]]);
    expect(repaired.log.text()).toContain(`Changed: write the discovery document (${key}).`);
  });

  it('drops a retired key at once with key-retention-hours 0', async () => {
    const { bucket, issuer } = freshIssuer();
    await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    const oldKid = double.signingKid;
    double.addSigningKey();
    double.retireKey(oldKid);

    const kept = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    expect(kept.result.outputs['key-ids']).toContain(oldKid);
    const dropped = await publish({ bucket, 'issuer-url': issuer, 'key-retention-hours': '0' });
    expect(keyIds(dropped.result)).toEqual(double.servedKids());
    const published = JSON.parse(await objectText(bucket, 'openid/v1/jwks')) as { keys: { kid: string }[] };
    expect(published.keys.map((key) => key.kid)).toEqual(double.servedKids());
  });
});

// A colleague's edit in the console, or anyone with s3:PutObject on the bucket, must not reach STS
// through the retention of retired keys: only a JWKS this action wrote holds keys it retired.
describe('documents changed by hand', () => {
  /** A public RSA signing key the cluster never served. */
  function strangerKey(kid: string): Record<string, unknown> {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return { ...(publicKey.export({ format: 'jwk' }) as object), kid, use: 'sig', alg: 'RS256' };
  }
  const JWKS_KEY = 'openid/v1/jwks';

  it('removes a key added to the JWKS by hand at once, says so, and then changes nothing', async () => {
    const { bucket, issuer } = freshIssuer();
    const inputs = { bucket, 'issuer-url': issuer, 'manage-bucket': 'true' };
    await publish(inputs);
    const published = JSON.parse(await objectText(bucket, JWKS_KEY)) as { keys: unknown[] };
    // As `aws s3 cp` would put it: the types right, none of the action's metadata.
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: JWKS_KEY,
        Body: JSON.stringify({ keys: [...published.keys, strangerKey('stranger')] }),
        ContentType: 'application/json',
        CacheControl: 'public, max-age=300'
      })
    );

    // A dry run says what the run would do, in the conditional, and writes nothing.
    const dry = await publish({ ...inputs, 'dry-run': 'true' });
    expect(dry.counter.writeCount).toBe(0);
    expect(dry.log.text()).toContain(
      'stranger, which the cluster does not serve, would be removed rather than kept as retired keys, so tokens they signed would stop verifying.'
    );

    const repaired = await publish(inputs);
    expect(keyIds(repaired.result)).toEqual(double.servedKids());
    expect(repaired.log.text()).toContain(
      'stranger, which the cluster does not serve, are removed rather than kept as retired keys, so tokens they signed stop verifying.'
    );
    const jwks = JSON.parse((await publicText(`${issuer}/${JWKS_KEY}`)).text) as { keys: { kid: string }[] };
    expect(jwks.keys.map((key) => key.kid)).toEqual(double.servedKids());
    expect(repaired.result.outputs).toMatchObject({ changed: 'true', 'keys-changed': 'true' });
    expect([...repaired.counter.writes]).toEqual([['PutObject', 1]]);
    const removal = 'remove key(s) stranger from the JWKS, which the cluster does not serve';
    expect(repaired.log.text()).toContain(removal);
    expect(repaired.log.text()).toMatch(/::warning::The published JWKS .* was not written by publish-oidc/);
    expect(repaired.result.summary).toContain(removal);
    expect(repaired.result.summary).not.toContain('`stranger` | retired, kept');

    const again = await publish(inputs);
    expect(again.counter.writeCount).toBe(0);
    expect(again.result.outputs).toMatchObject({ changed: 'false', 'keys-changed': 'false' });
  });

  // Restored from a backup with `aws s3 cp --content-type ... --cache-control ...`: the same bytes, served
  // the same way, without the digest this action records. Left so, the JWKS would pass for one changed by
  // other hands at the next rotation, and the retired key would be dropped rather than kept.
  it('takes back a JWKS restored by hand byte for byte, so that the next rotation keeps the retired key', async () => {
    const { bucket, issuer } = freshIssuer();
    const inputs = { bucket, 'issuer-url': issuer, 'manage-bucket': 'true' };
    await publish(inputs);
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: JWKS_KEY,
        Body: await objectText(bucket, JWKS_KEY),
        ContentType: 'application/json',
        CacheControl: 'public, max-age=300'
      })
    );

    const restored = await publish(inputs);
    expect([...restored.counter.writes]).toEqual([['PutObject', 1]]);
    expect(restored.result.outputs).toMatchObject({ changed: 'true', 'keys-changed': 'false' });
    expect(restored.log.text()).toContain(`Changed: write the JWKS (${JWKS_KEY}).`);

    const oldKid = double.signingKid;
    double.addSigningKey();
    double.retireKey(oldKid);
    const rotated = await publish(inputs);
    expect(keyIds(rotated.result)).toEqual([...double.servedKids(), oldKid]);
    expect(rotated.log.text()).not.toContain('was not written by publish-oidc');
  });

  it('neither follows nor grants public read on a jwks_uri edited into the discovery document by hand', async () => {
    const { bucket, issuer } = freshIssuer();
    const inputs = { bucket, 'issuer-url': issuer, 'manage-bucket': 'true' };
    await publish(inputs);
    const discoveryKey = '.well-known/openid-configuration';
    const discovery = JSON.parse(await objectText(bucket, discoveryKey)) as Record<string, unknown>;
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'private/keys.json',
        Body: JSON.stringify({ keys: [strangerKey('elsewhere')] })
      })
    );
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: discoveryKey,
        Body: JSON.stringify({ ...discovery, jwks_uri: `${issuer}/private/keys.json` }),
        ContentType: 'application/json'
      })
    );

    const repaired = await publish(inputs);
    expect(keyIds(repaired.result)).toEqual(double.servedKids());
    // The discovery document is rewritten; the bucket policy never names the object the edit pointed at.
    expect([...repaired.counter.writes]).toEqual([['PutObject', 1]]);
    expect(repaired.result.outputs).toMatchObject({ changed: 'true', 'keys-changed': 'false' });
    expect((await publicText(`${issuer}/private/keys.json`)).status).toBe(403);

    const again = await publish(inputs);
    expect(again.counter.writeCount).toBe(0);
  });
});

describe('placement and repair', () => {
  it('publishes the JWKS under the issuer and rewrites a jwks_uri that points at the API server', async () => {
    const { bucket, issuer } = freshIssuer();
    double.setIssuer(issuer, 'https://10.5.0.2:6443/openid/v1/jwks');
    const { result, log } = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    expect(log.text()).toContain('--service-account-jwks-uri');
    const discovery = JSON.parse((await publicText(`${issuer}/.well-known/openid-configuration`)).text);
    expect(discovery.jwks_uri).toBe(`${issuer}/openid/v1/jwks`);
    expect(result.outputs['jwks-url']).toBe(`${issuer}/openid/v1/jwks`);
  });

  it('publishes the JWKS at the key the cluster names when that lies under the issuer', async () => {
    const { bucket, issuer } = freshIssuer();
    double.setIssuer(issuer, `${issuer}/keys/jwks.json`);
    const { result } = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    expect(result.failure).toBeUndefined();
    expect(result.outputs['jwks-url']).toBe(`${issuer}/keys/jwks.json`);
    expect(JSON.parse((await publicText(`${issuer}/keys/jwks.json`)).text)).toEqual(double.jwks());
  });

  it('lets two clusters share a bucket under their own prefixes, each keeping the other public', async () => {
    const bucket = uniqueBucket();
    const issuers = ['cluster-a', 'cluster-b'].map((name) => `${PUBLIC_URL}/${bucket}/${name}`);
    const publishAs = async (issuer: string) => {
      double.setIssuer(issuer);
      return publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true', 'create-provider': 'false' });
    };
    for (const issuer of issuers) expect((await publishAs(issuer)).result.failure).toBeUndefined();
    for (const issuer of issuers)
      expect((await publicText(`${issuer}/.well-known/openid-configuration`)).status).toBe(200);
    // Each cluster's resync is then a no-op, so neither undoes the other on a schedule.
    for (const issuer of issuers) {
      const again = await publishAs(issuer);
      expect(again.result.outputs.changed).toBe('false');
      expect(again.counter.writeCount).toBe(0);
    }
    const policy = JSON.parse(
      (await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '{}'
    ) as { Statement: { Sid: string; Resource: string[] }[] };
    expect(policy.Statement.map((statement) => statement.Resource.length)).toEqual([2, 2]);
    expect(new Set(policy.Statement.map((statement) => statement.Sid)).size).toBe(2);
  });

  it('puts its statement back when a run for another cluster sharing the bucket replaced the policy meanwhile', async () => {
    // Three clusters, one bucket: cluster-b's and cluster-c's first runs (or JWKS moves) overlap, each
    // in its own cluster's concurrency group. cluster-c read the policy before cluster-b's put and
    // writes it after, from its stale read: cluster-b's statement is gone, and with it STS's reads.
    const bucket = uniqueBucket();
    const [a, b] = ['cluster-a', 'cluster-b'].map((name) => `${PUBLIC_URL}/${bucket}/${name}`);
    double.setIssuer(a ?? '');
    await publish({ bucket, 'issuer-url': a ?? '', 'manage-bucket': 'true', 'create-provider': 'false' });
    const stale = (await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '{}';
    const staleWithC = JSON.parse(stale) as { Statement: unknown[] };
    staleWithC.Statement.push({
      Sid: 'ClusterC',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: [`arn:aws:s3:::${bucket}/cluster-c/.well-known/openid-configuration`]
    });
    const racing = new S3Client(clientConfig('S3', REGION, env));
    let raced = false;
    racing.middlewareStack.add(
      (next, context) => async (args) => {
        const output = await next(args);
        if (context.commandName === 'PutBucketPolicyCommand' && !raced) {
          raced = true;
          await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(staleWithC) }));
        }
        return output;
      },
      { step: 'initialize', name: 'otherClusterRun' }
    );
    double.setIssuer(b ?? '');
    const run = await publish(
      { bucket, 'issuer-url': b ?? '', 'manage-bucket': 'true', 'create-provider': 'false' },
      new Date(),
      { s3: racing }
    );
    racing.destroy();
    expect(raced).toBe(true);
    expect(run.result.failure).toBeUndefined();
    const policy = JSON.parse(
      (await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '{}'
    ) as { Statement: { Resource: string[] }[] };
    const granted = policy.Statement.flatMap((statement) => statement.Resource);
    for (const prefix of ['cluster-a', 'cluster-b', 'cluster-c'])
      expect(granted).toContain(`arn:aws:s3:::${bucket}/${prefix}/.well-known/openid-configuration`);
    expect((await publicText(`${b}/.well-known/openid-configuration`)).status).toBe(200);
    expect(run.log.text()).toContain('another run wrote the bucket policy at the same time');
  });

  it('never grants a pattern: a jwks_uri whose key decodes to * is published at the default key', async () => {
    const { bucket, issuer } = freshIssuer();
    double.setIssuer(issuer, `${issuer}/%2A`);
    const { result, log } = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    expect(result.failure).toBeUndefined();
    expect(result.outputs['jwks-url']).toBe(`${issuer}/openid/v1/jwks`);
    expect(log.text()).toContain('is not under the issuer');
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'private/state.json', Body: 'secret' }));
    expect((await publicText(`${issuer}/private/state.json`)).status).toBe(403);
    const policy = JSON.parse(
      (await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '{}'
    ) as { Statement: { Resource: string[] }[] };
    expect(policy.Statement.flatMap((statement) => statement.Resource)).toEqual([
      `arn:aws:s3:::${bucket}/.well-known/openid-configuration`,
      `arn:aws:s3:::${bucket}/openid/v1/jwks`
    ]);
  });

  // moto 5.2 does not implement AddClientIDToOpenIDConnectProvider, so adding a client ID is
  // pinned by the provider plan's unit test; here the provider already has the input's client ID.
  it('puts the served thumbprint first on an existing provider, keeping its other thumbprints and client IDs', async () => {
    const { bucket, issuer } = freshIssuer();
    const added = '0'.repeat(40);
    const created = await iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: issuer,
        ClientIDList: ['sts.amazonaws.com', 'other-app'],
        ThumbprintList: [added]
      })
    );
    const { result, counter, log } = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    expect(result.outputs['provider-arn']).toBe(created.OpenIDConnectProviderArn);
    // Left alone, but said: an audience meant to be revoked would otherwise stay accepted unseen.
    expect(log.lines.filter((line) => line.startsWith('::warning::'))).toEqual([
      '::warning::The IAM OIDC provider also accepts client ID(s) other-app, which client-ids does not list: left alone, since roles may trust them: list them in client-ids to keep them, or remove one that is revoked with aws iam remove-client-id-from-open-id-connect-provider.'
    ]);
    const listed = await publish({
      bucket,
      'issuer-url': issuer,
      'manage-bucket': 'true',
      'client-ids': 'sts.amazonaws.com,other-app'
    });
    expect(listed.log.lines.some((line) => line.startsWith('::warning::'))).toBe(false);
    expect(listed.result.outputs.changed).toBe('false');
    expect(listed.counter.writeCount).toBe(0);
    expect([...counter.writes.keys()].filter((name) => name.includes('OpenIDConnect'))).toEqual([
      'UpdateOpenIDConnectProviderThumbprint'
    ]);
    const provider = await providerFor(issuer);
    expect(provider?.clientIds.sort()).toEqual(['other-app', 'sts.amazonaws.com']);
    expect(provider?.thumbprints).toEqual([frontThumbprint, added]);
    expect(result.summary).toContain(
      `update the provider's thumbprints from ${added} to ${frontThumbprint}, ${added}: add ${frontThumbprint} ` +
        `(the last certificate the issuer's host sends); keep ${added}\n`
    );
  });

  it("drops the root CA's thumbprint that earlier versions registered, keeps the user's, and says why", async () => {
    const { bucket, issuer } = freshIssuer();
    const userAdded = 'e'.repeat(40);
    await iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: issuer,
        ClientIDList: ['sts.amazonaws.com'],
        ThumbprintList: [stackCaThumbprint, userAdded]
      })
    );
    const { result, counter } = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    expect(result.failure).toBeUndefined();
    expect(counter.writes.get('UpdateOpenIDConnectProviderThumbprint')).toBe(1);
    expect((await providerFor(issuer))?.thumbprints).toEqual([frontThumbprint, userAdded]);
    expect(result.summary).toContain(
      `update the provider's thumbprints from ${stackCaThumbprint}, ${userAdded} to ${frontThumbprint}, ${userAdded}: ` +
        `add ${frontThumbprint} (the last certificate the issuer's host sends); keep ${userAdded}; ` +
        `drop ${stackCaThumbprint} (the issuer host's root CA`
    );
    const again = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    expect(again.counter.writeCount).toBe(0);
  });

  it("stays within IAM's five thumbprints, dropping the last listed with a warning; a dry run writes nothing", async () => {
    const { bucket, issuer } = freshIssuer();
    const listed = ['1', '2', '3', '4', '5'].map((digit) => digit.repeat(40));
    await iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: issuer,
        ClientIDList: ['sts.amazonaws.com'],
        ThumbprintList: listed
      })
    );
    const dry = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true', 'dry-run': 'true' });
    expect(dry.counter.writeCount).toBe(0);
    expect(dry.log.lines.filter((line) => line.startsWith('::warning::'))).toEqual([
      `::warning::IAM keeps at most 5 thumbprints per OIDC provider: with ${frontThumbprint} added first, ` +
        `${listed[4]}, the last listed, would be dropped. To keep one, put it back in place of another with ` +
        'aws iam update-open-id-connect-provider-thumbprint.'
    ]);
    expect(dry.result.summary).toContain(`drop ${listed[4]} (past IAM's 5 per provider)`);
    expect((await providerFor(issuer))?.thumbprints).toEqual(listed);

    const { result, counter, log } = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    expect(result.failure).toBeUndefined();
    expect(counter.writes.get('UpdateOpenIDConnectProviderThumbprint')).toBe(1);
    expect(log.text()).toContain(`${listed[4]}, the last listed, is dropped`);
    // moto does not hold UpdateOpenIDConnectProviderThumbprint to the cap, so the length is checked here.
    expect((await providerFor(issuer))?.thumbprints).toEqual([frontThumbprint, ...listed.slice(0, 4)]);
    const again = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    expect(again.counter.writeCount).toBe(0);
    expect(again.log.lines.some((line) => line.startsWith('::warning::'))).toBe(false);
  });

  it('reports a bucket that blocks public reads, with the fix, after publishing', async () => {
    const { bucket, issuer } = freshIssuer();
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: bucket,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true
        }
      })
    );
    const { result, sleeps } = await publish({ bucket, 'issuer-url': issuer });
    // Retried while S3 might still be applying a change, then failed with the fix.
    expect(sleeps).toEqual(SETTLE_DELAYS_MS);
    expect(result.failure).toContain('Block Public Access');
    expect(result.failure).toContain('manage-bucket: true');
    expect(result.outputs.changed).toBe('true');
    // The summary opens with the failure, under its title, before where the documents are and what changed.
    const [title, first, ...rest] = (result.summary ?? '').split('\n\n');
    expect(title).toBe('### publish-oidc: the documents are not publicly readable');
    expect(first).toMatch(
      /^\*\*Public read check failed:\*\* Published, but not publicly readable as STS needs: /
    );
    expect(first).toContain('Block Public Access');
    expect(rest.join('\n\n')).toMatch(/^\| What \| Where \|[\s\S]*\nChanged:\n- write the JWKS/);
    expect(rest.join('\n\n')).not.toContain('Public read check failed');
    // manage-bucket then fixes it, relaxing only what a bucket policy needs.
    const fixed = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    expect(fixed.result.failure).toBeUndefined();
    expect(fixed.counter.writes.get('PutPublicAccessBlock')).toBe(1);
    expect(fixed.counter.writes.get('PutObject')).toBeUndefined();
  });
});

describe('a bucket that encrypts with KMS by default', () => {
  // S3 serves an SSE-KMS object only to SigV4-signed requests, so STS could read neither document.
  async function kmsBucket(bucket: string): Promise<void> {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: {
                SSEAlgorithm: 'aws:kms',
                KMSMasterKeyID: `arn:aws:kms:${REGION}:123456789012:key/org-default`
              }
            }
          ]
        }
      })
    );
  }

  async function encryptionOf(bucket: string, key: string): Promise<string | undefined> {
    return (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ServerSideEncryption;
  }

  it('publishes both documents with SSE-S3, so that they stay anonymously readable', async () => {
    const { bucket, issuer } = freshIssuer();
    await kmsBucket(bucket);
    const { result } = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    expect(result.failure).toBeUndefined();
    for (const key of ['.well-known/openid-configuration', 'openid/v1/jwks'])
      expect(await encryptionOf(bucket, key)).toBe('AES256');
    expect((await publicText(`${issuer}/openid/v1/jwks`)).status).toBe(200);
  });

  it('rewrites documents already published with SSE-KMS, though their bytes are current', async () => {
    const { bucket, issuer } = freshIssuer();
    await kmsBucket(bucket);
    const inputs = { bucket, 'issuer-url': issuer, 'manage-bucket': 'true' };
    await publish(inputs);
    // As an earlier version left them: the same bytes and metadata, encrypted by the bucket's default.
    for (const key of ['.well-known/openid-configuration', 'openid/v1/jwks'])
      await s3.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: key,
          CopySource: `${bucket}/${key}`,
          MetadataDirective: 'COPY',
          ServerSideEncryption: 'aws:kms'
        })
      );
    expect(await encryptionOf(bucket, 'openid/v1/jwks')).toBe('aws:kms');

    const { result, counter } = await publish(inputs);
    expect(result.failure).toBeUndefined();
    expect(counter.writes.get('PutObject')).toBe(2);
    expect(result.outputs.changed).toBe('true');
    expect(await encryptionOf(bucket, 'openid/v1/jwks')).toBe('AES256');
    expect((await publish(inputs)).counter.writeCount).toBe(0);
  });
});

describe('a run with nothing to write', () => {
  it('still waits for S3 to apply a change that an earlier run, cut short, made seconds before', async () => {
    const { bucket, issuer } = freshIssuer();
    const first = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    expect(first.result.failure).toBeUndefined();
    // A run killed after its bucket policy write leaves a policy S3 may still be applying: the next
    // run has nothing left to write, yet its first anonymous reads can meet S3's old answer.
    let stale = 2;
    const settling = async (url: string) =>
      stale-- > 0
        ? { status: 403, body: Buffer.from('<Error><Code>AccessDenied</Code></Error>') }
        : anonymousGet(url, { ca: trust });
    const rerun = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' }, new Date(), {
      publicGet: settling
    });
    expect(rerun.counter.writeCount).toBe(0);
    expect(rerun.result.failure).toBeUndefined();
    expect(rerun.result.outputs.changed).toBe('false');
    expect(rerun.sleeps).toEqual([SETTLE_DELAYS_MS[0]]);
    expect(rerun.log.text()).toContain('read back anonymously');
  });
});

// A cluster whose API servers answer the same documents in another order (one node's key files listed
// otherwise, a restart, another release's encoder) has changed nothing STS reads: no write, no claim.
describe('a second run that reads the same documents written otherwise', () => {
  const reversed = <T extends object>(value: T): T =>
    Object.fromEntries(Object.entries(value).reverse()) as T;

  it('writes nothing when the cluster serves its keys, and their members, in another order', async () => {
    const { bucket, issuer } = freshIssuer();
    const inputs = { bucket, 'issuer-url': issuer, 'manage-bucket': 'true' };
    const added = double.addSigningKey();
    const first = await publish(inputs);
    expect(first.result.failure).toBeUndefined();
    expect(first.result.outputs['key-ids']?.split(',')).toContain(added);
    double.overrideJwks({ keys: double.jwks().keys.reverse().map(reversed) });
    const again = await publish(inputs);
    expect(again.result.failure).toBeUndefined();
    expect([...again.counter.writes]).toEqual([]);
    expect(again.result.outputs).toEqual({
      ...first.result.outputs,
      changed: 'false',
      'keys-changed': 'false'
    });
    expect(again.result.summary.split('\n')[0]).toBe('### publish-oidc: nothing to change');
  });

  it('writes nothing for client IDs given in another order, repeated, or with other separators', async () => {
    const { bucket, issuer } = freshIssuer();
    const inputs = { bucket, 'issuer-url': issuer, 'manage-bucket': 'true' };
    const first = await publish({ ...inputs, 'client-ids': 'sts.amazonaws.com,app-audience' });
    expect(first.result.failure).toBeUndefined();
    const again = await publish({
      ...inputs,
      'client-ids': ' app-audience\nsts.amazonaws.com, app-audience '
    });
    expect([...again.counter.writes]).toEqual([]);
    expect(again.log.lines.filter((line) => line.startsWith('::warning::'))).toEqual([]);
    expect(again.result.outputs.changed).toBe('false');
  });

  it('writes nothing when the cluster serves its discovery document with its members in another order', async () => {
    const { bucket, issuer } = freshIssuer();
    const inputs = { bucket, 'issuer-url': issuer, 'manage-bucket': 'true' };
    const first = await publish(inputs);
    expect(first.result.failure).toBeUndefined();
    double.overrideDiscovery(reversed(double.discoveryDocument()));
    const again = await publish(inputs);
    expect(again.result.failure).toBeUndefined();
    expect([...again.counter.writes]).toEqual([]);
    expect(again.result.outputs).toEqual({
      ...first.result.outputs,
      changed: 'false',
      'keys-changed': 'false'
    });
  });
});

describe('a refusal manage-bucket cannot lift', () => {
  it("names what is left when the bucket's own settings allow the read, rather than manage-bucket", async () => {
    const { bucket, issuer } = freshIssuer();
    // S3's answer to every anonymous read under the account's Block Public Access (RestrictPublicBuckets),
    // which the stack does not model: moto keeps no account-level configuration for the front to read.
    const refused = async () => ({
      status: 403,
      body: Buffer.from('<Error><Code>AccessDenied</Code></Error>')
    });
    const managed = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' }, new Date(), {
      publicGet: refused
    });
    expect(managed.result.failure).toContain("though manage-bucket set the bucket's own Block Public Access");
    expect(managed.result.failure).toContain("the account's Block Public Access");
    expect(managed.result.failure).not.toContain('Set manage-bucket: true');
    const unmanaged = await publish({ bucket, 'issuer-url': issuer }, new Date(), { publicGet: refused });
    expect(unmanaged.result.failure).toContain('Set manage-bucket: true');
  });
});

describe('provider inputs', () => {
  it('creates the provider with every client ID given', async () => {
    const { bucket, issuer } = freshIssuer();
    const { result } = await publish({
      bucket,
      'issuer-url': issuer,
      'manage-bucket': 'true',
      'client-ids': 'sts.amazonaws.com, app-audience\nsts.amazonaws.com'
    });
    const provider = await providerFor(issuer);
    expect(provider?.arn).toBe(result.outputs['provider-arn']);
    expect(provider?.clientIds.sort()).toEqual(['app-audience', 'sts.amazonaws.com']);
  });

  it('leaves IAM alone with create-provider false, and outputs an empty provider-arn when there is none', async () => {
    const { bucket, issuer } = freshIssuer();
    const { result, counter } = await publish({
      bucket,
      'issuer-url': issuer,
      'manage-bucket': 'true',
      'create-provider': 'false'
    });
    expect(result.outputs['provider-arn']).toBe('');
    expect([...counter.writes.keys()].filter((name) => name.includes('OpenIDConnect'))).toEqual([]);
    expect(await providerFor(issuer)).toBeUndefined();
    expect(result.summary).toContain('| IAM OIDC provider | none |');
    // A resync then vouches only for what it read: the provider, still missing, was never looked at.
    const again = await publish({ bucket, 'issuer-url': issuer, 'create-provider': 'false' });
    expect(again.result.outputs.changed).toBe('false');
    expect(again.result.summary).toContain(
      'Nothing to change: the published documents are up to date. Not checked: ' +
        "the bucket's settings (manage-bucket: false) and the IAM OIDC provider (create-provider: false)."
    );
  });
});

describe('an issuer name AWS may not reach', () => {
  /** The stack's issuer under the name localhost, which the front's certificate also carries. */
  function namedIssuer(): { bucket: string; issuer: string } {
    const bucket = uniqueBucket();
    const issuer = `${PUBLIC_URL.replace('://127.0.0.1:', '://localhost:')}/${bucket}`;
    double.setIssuer(issuer);
    return { bucket, issuer };
  }

  it('warns, before writing, when the runner resolves it to private addresses, and still publishes', async () => {
    const { bucket, issuer } = namedIssuer();
    const asked: string[] = [];
    const { result, log } = await publish(
      { bucket, 'issuer-url': issuer, 'manage-bucket': 'true' },
      new Date(),
      {
        resolveHost: async (host) => {
          asked.push(host);
          return ['10.20.0.7'];
        }
      }
    );
    expect(asked).toEqual(['localhost']);
    const warning =
      "::warning::issuer-url: localhost resolves, on this runner, only to addresses AWS cannot reach: 10.20.0.7, a private address (RFC 1918, 10.0.0.0/8). STS fetches the issuer's documents from the internet, so it refuses this issuer's tokens unless public DNS gives the host public addresses: serve issuer-url from a public host.";
    const lines = log.text().split('\n');
    expect(lines).toContain(warning);
    expect(lines.indexOf(warning)).toBeLessThan(lines.findIndex((line) => line.startsWith('Changed: ')));
    expect(result.failure).toBeUndefined();
    expect(await providerFor(issuer)).toBeDefined();
  });

  it('does not look the host up when the run never contacts it, nor for public addresses', async () => {
    const { bucket, issuer } = namedIssuer();
    const asked: string[] = [];
    const resolveHost = async (host: string): Promise<string[]> => {
      asked.push(host);
      return ['52.216.0.1'];
    };
    await publish(
      {
        bucket,
        'issuer-url': issuer,
        'manage-bucket': 'true',
        'create-provider': 'false',
        'verify-public': 'false'
      },
      new Date(),
      { resolveHost }
    );
    expect(asked).toEqual([]);
    const { log } = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' }, new Date(), {
      resolveHost
    });
    expect(asked).toEqual(['localhost']);
    expect(log.text()).not.toContain('resolves, on this runner');
  });

  it('leaves no lookup in flight when the plan fails, and does not wait for one that never answers', async () => {
    const { bucket, issuer } = namedIssuer();
    const asked: string[] = [];
    // A resolver that never answers: node's lookup cannot be cancelled, so one in flight would hold
    // the process after a failing run until the resolver gave up.
    const resolveHost = (host: string): Promise<string[]> => {
      asked.push(host);
      return new Promise<string[]>(() => undefined);
    };
    double.setIssuer(`${issuer}-elsewhere`);
    await expect(
      publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' }, new Date(), { resolveHost })
    ).rejects.toThrow(/issuer-url/);
    expect(asked).toEqual([]);

    double.setIssuer(issuer);
    const { result, log } = await publish(
      { bucket, 'issuer-url': issuer, 'manage-bucket': 'true' },
      new Date(),
      {
        resolveHost,
        lookupBoundMs: 1
      }
    );
    expect(asked).toEqual(['localhost']);
    expect(result.failure).toBeUndefined();
    expect(result.outputs.changed).toBe('true');
    expect(log.text()).not.toContain('resolves, on this runner');
  });

  it("warns of a port in the issuer's URL with AWS's own IAM, and not with the stack's", async () => {
    const { bucket, issuer } = freshIssuer();
    const port = new URL(issuer).port;
    const resolveHost = async (): Promise<string[]> => ['52.216.0.1'];
    const aws = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' }, new Date(), {
      resolveHost
    });
    expect(aws.log.text()).toContain(
      `::warning::issuer-url names the port ${port}: IAM's documentation says`
    );
    const stack = await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    expect(stack.log.text()).not.toContain('names the port');
  });
});

describe('dry run', () => {
  it('reports what would change and writes nothing', async () => {
    const { bucket, issuer } = freshIssuer();
    const { result, counter, log } = await publish({
      bucket,
      'issuer-url': issuer,
      'manage-bucket': 'true',
      'dry-run': 'true'
    });
    expect(result.outputs.changed).toBe('true');
    expect(result.outputs['keys-changed']).toBe('true');
    expect(counter.writeCount).toBe(0);
    expect(await bucketExists(bucket)).toBe(false);
    expect(await providerFor(issuer)).toBeUndefined();
    expect(log.text()).toContain(`would create bucket ${bucket}`);
    expect(result.summary.split('\n')[0]).toMatch(
      /^### publish-oidc \(dry run\): \d+ changes to make, nothing written$/
    );
    expect(result.summary).toContain('Would change');
  });
});

describe('bad input and faults write nothing', () => {
  async function failure(inputs: Record<string, string>): Promise<Error> {
    const { ctx } = testContext({ inputs, env });
    try {
      await publishOidcAction(ctx);
    } catch (error) {
      if (error instanceof Error) return error;
    }
    throw new Error('expected publishOidcAction to fail');
  }

  async function expectNothingWritten(bucket: string, issuer: string): Promise<void> {
    expect(await bucketExists(bucket)).toBe(false);
    expect(await providerFor(issuer)).toBeUndefined();
  }

  const cases: Array<[string, (double: KubeDouble, issuer: string) => Record<string, string>, RegExp]> = [
    [
      'an issuer mismatch',
      (d, issuer) => (d.setIssuer(`${issuer}/`), {}),
      /Input 'issuer-url'.*trailing slash.*--service-account-issuer=/
    ],
    [
      'a key with private material',
      (d) => (d.overrideJwks({ keys: [d.privateJwk()] }), {}),
      /carries private key material \(.*d.*\)/
    ],
    [
      'a key without kid',
      (d) => {
        const { kid: _kid, ...key } = d.jwks().keys[0] ?? {};
        d.overrideJwks({ keys: [key] });
        return {};
      },
      /has no kid/
    ],
    [
      'an algorithm AWS does not accept',
      (d) => (d.overrideJwks({ keys: d.jwks().keys.map((key) => ({ ...key, alg: 'PS256' })) }), {}),
      /alg 'PS256'/
    ],
    [
      'an http issuer-url',
      (_d, issuer) => ({ 'issuer-url': issuer.replace('https:', 'http:') }),
      /Input 'issuer-url'.*https/
    ],
    [
      'an invalid bucket name',
      () => ({ bucket: 'Not_A_Bucket' }),
      /Input 'bucket'.*not a valid S3 bucket name/
    ],
    ['a kubeconfig that does not parse', () => ({ kubeconfig: 'clusters: [unclosed' }), /Input 'kubeconfig'/],
    [
      'credentials the cluster rejects (401)',
      (d) => ({ kubeconfig: d.kubeconfig({ token: 'not-a-valid-token' }) }),
      /Input 'kubeconfig'.*rejected its credentials \(HTTP 401\).*give a current kubeconfig\.$/
    ],
    [
      'credentials the cluster forbids (403)',
      (d) => {
        const token = `forbidden-${randomBytes(8).toString('hex')}`;
        d.forbidToken(token);
        return { kubeconfig: d.kubeconfig({ token }) };
      },
      /^Input 'kubeconfig': the cluster forbids its user to read \/\.well-known\/openid-configuration \(HTTP 403\): grant it get on .*system:service-account-issuer-discovery/
    ],
    [
      'a bucket that does not exist without manage-bucket',
      () => ({ 'manage-bucket': 'false' }),
      /Input 'bucket'.*does not exist.*manage-bucket: true/
    ],
    [
      'a cluster whose issuer is not https (no discovery documents served)',
      (d, issuer) => (d.setIssuer(issuer.replace('https:', 'http:')), {}),
      /serves no \/\.well-known\/openid-configuration \(HTTP 404\).*service-account-issuer/
    ],
    [
      'an unreachable cluster',
      (d) => ({ kubeconfig: d.kubeconfig().replace(/server: .*/, 'server: https://127.0.0.1:9') }),
      /Input 'kubeconfig'.*cannot reach the cluster/
    ]
  ];

  it.each(cases)('refuses %s', async (_name, arrange, message) => {
    const { bucket, issuer } = freshIssuer();
    const overrides = arrange(double, issuer);
    const error = await failure({
      kubeconfig: double.kubeconfig(),
      bucket,
      'issuer-url': issuer,
      'manage-bucket': 'true',
      ...overrides
    });
    expect(isUserError(error)).toBe(true);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(double.token);
    await expectNothingWritten(overrides.bucket ?? bucket, issuer);
  });

  it("refuses, with AWS's own IAM, this stack's loopback issuer before reading the cluster or calling AWS", async () => {
    const { bucket, issuer } = freshIssuer();
    // No endpoint override: every AWS call would go to AWS itself, which never reaches 127.0.0.1.
    const awsOwn = Object.fromEntries(
      Object.entries(env).filter(([name]) => !name.startsWith('AWS_ENDPOINT_URL'))
    );
    const seen = double.requests().length;
    const { ctx } = testContext({
      inputs: {
        kubeconfig: double.kubeconfig(),
        bucket,
        'issuer-url': issuer,
        'manage-bucket': 'true'
      },
      env: awsOwn
    });
    const error = await publishOidcAction(ctx).then(
      () => undefined,
      (thrown: unknown) => thrown
    );
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^Input 'issuer-url': 'https:\/\/127\.0\.0\.1:\d+\/publish-oidc-[0-9a-f]+' cannot work with AWS: 127\.0\.0\.1 is a loopback address \(127\.0\.0\.0\/8\), and STS fetches the issuer's documents from the internet\./
    );
    // The cluster read is the action's first request: none was sent.
    expect(double.requests().slice(seen)).toEqual([]);
    await expectNothingWritten(bucket, issuer);
  });

  it('gives up on a cluster that accepts connections but never answers, within the bound', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const kube = await loadKubeClient(
        {
          input: 'kubeconfig',
          value: double.kubeconfig().replace(/server: .*/, `server: https://127.0.0.1:${port}`)
        },
        () => undefined
      );
      const started = Date.now();
      await expect(readClusterDocuments(kube, 500)).rejects.toThrow(
        /did not answer GET \/\.well-known\/openid-configuration within 0\.5 s\.$/
      );
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      silent.close();
    }
  });

  it.each([
    ['us-east-1', 'redirects (301)'],
    ['af-south-1', 'refuses (400, a region launched after March 2019)']
  ])("names the bucket's region when region is %s, where S3 %s", async (region) => {
    const { bucket, issuer } = freshIssuer();
    const home = new S3Client(clientConfig('S3', 'eu-west-1', env));
    try {
      await home.send(
        new CreateBucketCommand({
          Bucket: bucket,
          CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' }
        })
      );
    } finally {
      home.destroy();
    }
    const error = await failure({
      kubeconfig: double.kubeconfig(),
      bucket,
      region,
      'issuer-url': issuer,
      'manage-bucket': 'true'
    });
    expect(isUserError(error)).toBe(true);
    expect(error.message).toBe(
      `Input 'region': the bucket '${bucket}' is in eu-west-1, not ${region}. Set region: eu-west-1.`
    );
    expect(await providerFor(issuer)).toBeUndefined();
  });

  it('refuses a bucket of another account, writing nothing to it and creating no provider', async () => {
    // A name taken by someone else (after this account's bucket was deleted, say): whoever owns the
    // bucket would control the documents of an issuer IAM trusts.
    const { bucket, issuer } = freshIssuer();
    const theirs = await otherAccountS3();
    try {
      await theirs.send(new CreateBucketCommand({ Bucket: bucket }));
      await expect(publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' })).rejects.toThrow(
        new RegExp(
          `^Input 'bucket': '${bucket}' exists but S3 refused it as a bucket of account ${STACK_ACCOUNT}.*bucket-owner`
        )
      );
      expect((await theirs.send(new ListObjectsV2Command({ Bucket: bucket }))).KeyCount ?? 0).toBe(0);
      expect(await providerFor(issuer)).toBeUndefined();

      // Named as the owner, the other account's bucket is used.
      const named = await publish({
        bucket,
        'bucket-owner': OTHER_ACCOUNT,
        'issuer-url': issuer,
        'manage-bucket': 'true',
        'create-provider': 'false'
      });
      expect(named.result.failure).toBeUndefined();
      expect(named.counter.writes.get('PutObject')).toBe(2);
    } finally {
      theirs.destroy();
    }
    // A missing bucket would be made in the credentials' own account, not in the one named.
    const missing = freshIssuer();
    await expect(
      publish({
        bucket: missing.bucket,
        'bucket-owner': OTHER_ACCOUNT,
        'issuer-url': missing.issuer,
        'manage-bucket': 'true'
      })
    ).rejects.toThrow(
      `Input 'bucket-owner': names account ${OTHER_ACCOUNT}, but '${missing.bucket}' does not exist`
    );
    expect(await bucketExists(missing.bucket)).toBe(false);
  });

  it('names bucket-owner when S3 refuses the bucket as one of the account that input names', async () => {
    // This account's own bucket, with bucket-owner set to another account by mistake: the input to
    // change is bucket-owner, not bucket.
    const { bucket, issuer } = freshIssuer();
    await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true', 'create-provider': 'false' });
    const before = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    await expect(
      publish({ bucket, 'bucket-owner': OTHER_ACCOUNT, 'issuer-url': issuer, 'manage-bucket': 'true' })
    ).rejects.toThrow(
      new RegExp(`^Input 'bucket-owner': S3 refused '${bucket}' as a bucket of account ${OTHER_ACCOUNT}`)
    );
    const after = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(after.Contents?.map((o) => [o.Key, o.ETag])).toEqual(before.Contents?.map((o) => [o.Key, o.ETag]));
    expect(await providerFor(issuer)).toBeUndefined();
  });

  it('leaves a published pair untouched when a later run is refused', async () => {
    const { bucket, issuer } = freshIssuer();
    await publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' });
    const before = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    const jwksBefore = await objectText(bucket, 'openid/v1/jwks');
    double.overrideJwks({ keys: [double.privateJwk()] });
    await expect(publish({ bucket, 'issuer-url': issuer, 'manage-bucket': 'true' })).rejects.toThrow(
      /private key material/
    );
    expect(await objectText(bucket, 'openid/v1/jwks')).toBe(jwksBefore);
    const after = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(after.Contents?.map((o) => [o.Key, o.ETag])).toEqual(before.Contents?.map((o) => [o.Key, o.ETag]));
  });
});
