// destroy-cluster.yml's clean-up around terraform destroy — the two discovery documents
// publish-oidc wrote (taken out by publish-oidc's remove: true, through its action.yml and bundle),
// and the IRSA probe role create-cluster.yml made outside Terraform (the real aws CLI) — run as the
// runner would run it (scripts/run-workflow-job.ts) against the local stack's S3 and IAM (moto).
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  GetRoleCommand,
  IAMClient,
  PutRolePolicyCommand
} from '@aws-sdk/client-iam';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { clientConfig } from '../src/aws/clients.js';
import { runWorkflowJob, type StandIn, type StepResult } from '../scripts/run-workflow-job.js';
import { startFaultProxy } from './stack/fault-proxy.js';
import { node24 } from './harness/node24.js';

const root = resolve(import.meta.dirname, '..');
// Each aws CLI (v1, Python) start costs seconds on a loaded machine; the steps make several calls.
const AWS_CLI_TIMEOUT_MS = 120_000;
const iam = new IAMClient(clientConfig('IAM', 'us-east-1', process.env));
const s3 = new S3Client(clientConfig('S3', 'us-east-1', process.env));
const STEP = 'Delete the IRSA probe role';
let dir: string;

async function deleteProbeRole(
  cluster: string,
  overrides: Record<string, string> = {}
): Promise<StepResult | undefined> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  const results = await runWorkflowJob({
    overrides,
    root,
    workflow: '.github/workflows/destroy-cluster.yml',
    job: 'destroy',
    env,
    contexts: { inputs: { 'cluster-name': cluster } },
    runnerTemp: mkdtempSync(join(dir, 'runner-')),
    skip: (step) => (step.name === STEP ? undefined : 'not under test')
  });
  return results.find((r) => r.name === STEP);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wf-destroy-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  iam.destroy();
  s3.destroy();
});

function stackEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return env;
}

describe("destroy-cluster.yml's removal of the published documents (publish-oidc remove)", () => {
  const REMOVE = 'Remove the published discovery documents';
  const region = 'us-east-1';
  // The bundled module's issuer: its bucket's virtual-hosted S3 URL, documents at the bucket's root.
  const issuerOf = (bucket: string): string => `https://${bucket}.s3.${region}.amazonaws.com`;
  const discoveryDocument = (issuer: string, jwksKey = 'openid/v1/jwks'): string =>
    JSON.stringify({
      issuer,
      jwks_uri: `${issuer}/${jwksKey}`,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256']
    });
  const keys = async (bucket: string): Promise<string[]> =>
    ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key ?? '');
  const newBucket = async (name: string, objects: Record<string, string>): Promise<string> => {
    const bucket = `wf-${name}-${Date.now().toString(36)}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    for (const [key, body] of Object.entries(objects))
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    return bucket;
  };
  // The job with what the skipped provision `output` and variables steps would have said; with
  // destroyOutcome, terraform destroy (standing in) and the Summary run after the removal too.
  const runJob = async (
    outputsJson: string,
    issuerUrl: string,
    destroyOutcome?: 'success' | 'failure'
  ): Promise<StepResult[]> =>
    runWorkflowJob({
      root,
      workflow: '.github/workflows/destroy-cluster.yml',
      job: 'destroy',
      env: stackEnv(),
      contexts: { inputs: { 'cluster-name': 'c' } },
      seededOutputs: {
        current: { 'outputs-json': outputsJson, 'issuer-url': issuerUrl },
        variables: { region }
      },
      runnerTemp: mkdtempSync(join(dir, 'runner-')),
      skip: (step) =>
        step.name === REMOVE || (destroyOutcome && (step.id === 'provision' || step.name === 'Summary'))
          ? undefined
          : 'not under test',
      standIn: (step) =>
        destroyOutcome && step.id === 'provision' ? { outcome: destroyOutcome } : undefined,
      node: node24
    });
  const removeDocuments = async (outputsJson: string, issuerUrl: string): Promise<StepResult | undefined> =>
    (await runJob(outputsJson, issuerUrl)).find((r) => r.name === REMOVE);

  it(
    "deletes exactly the issuer's two documents, so that terraform can delete the bucket; a second run finds nothing and passes",
    async () => {
      const bucket = await newBucket('discovery', { 'unrelated.txt': '{}' });
      const own = issuerOf(bucket);
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: '.well-known/openid-configuration',
          Body: discoveryDocument(own, 'keys/jwks.json')
        })
      );
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'keys/jwks.json', Body: '{"keys":[]}' }));
      const outputsJson = JSON.stringify({ discovery_bucket: bucket, jwks_object_key: 'keys/jwks.json' });

      const first = await removeDocuments(outputsJson, own);
      expect(first?.outcome).toBe('success');
      expect(first?.outputs['changed']).toBe('true');
      expect(await keys(bucket)).toEqual(['unrelated.txt']);

      const second = await removeDocuments(outputsJson, own);
      expect(second?.outcome).toBe('success');
      expect(second?.outputs['changed']).toBe('false');
      expect(second?.log).toContain(`Nothing to remove: ${own} left nothing here.`);
      expect(await keys(bucket)).toEqual(['unrelated.txt']);
    },
    AWS_CLI_TIMEOUT_MS
  );

  it(
    'refuses a bucket whose discovery document names another issuer (a bucket shared by mistake) and deletes nothing',
    async () => {
      const other = 'https://other-cluster.example.com/prod';
      const bucket = await newBucket('shared', {
        '.well-known/openid-configuration': discoveryDocument(other),
        'openid/v1/jwks': '{"keys":[]}'
      });
      const results = await runJob(
        JSON.stringify({ discovery_bucket: bucket, jwks_object_key: 'openid/v1/jwks' }),
        issuerOf(bucket),
        'success'
      );
      const step = results.find((r) => r.name === REMOVE);
      expect(step?.outcome).toBe('failure');
      expect(step?.log).toContain(`is the discovery document of "${other}", not of '${issuerOf(bucket)}'`);
      expect(step?.log).toContain('nothing was removed');
      expect(step?.outputs['changed']).toBeUndefined();
      expect((await keys(bucket)).sort()).toEqual(['.well-known/openid-configuration', 'openid/v1/jwks']);
      // Nor does terraform destroy run, and the Summary says so.
      expect(results.find((r) => r.key === 'provision')?.outcome).toBe('skipped');
      expect(results.find((r) => r.name === 'Summary')?.summary).toContain(
        '## Cluster c: terraform destroy did not run'
      );
    },
    AWS_CLI_TIMEOUT_MS
  );

  it(
    "wires publish-oidc's outputs into the Summary: a destroy that fails after the removal says IRSA is broken; run again, the removal finds nothing and passes",
    async () => {
      const bucket = await newBucket('chain', {});
      const own = issuerOf(bucket);
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: '.well-known/openid-configuration',
          Body: discoveryDocument(own)
        })
      );
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'openid/v1/jwks', Body: '{"keys":[]}' }));
      const outputsJson = JSON.stringify({ discovery_bucket: bucket, jwks_object_key: 'openid/v1/jwks' });
      const step = (results: StepResult[], name: string) => results.find((r) => r.name === name);

      const failed = await runJob(outputsJson, own, 'failure');
      expect(step(failed, REMOVE)?.outcome).toBe('success');
      expect(await keys(bucket)).toEqual([]);
      expect(step(failed, 'Summary')?.log).toContain(
        '::error title=IRSA broken on c::The OIDC discovery documents of c were removed'
      );

      const finished = await runJob(outputsJson, own, 'success');
      expect(step(finished, REMOVE)?.outcome).toBe('success');
      expect(step(finished, REMOVE)?.outputs['changed']).toBe('false');
      expect(step(finished, 'Provision (terraform destroy)')?.outcome).toBe('success');
      expect(step(finished, 'Summary')?.log).not.toContain('IRSA');
      expect(step(finished, 'Summary')?.summary).toContain('## Cluster c destroyed');
    },
    AWS_CLI_TIMEOUT_MS
  );

  // A first publish cut short between its two writes leaves a JWKS and no discovery document. The one
  // publish-oidc wrote carries its issuer and its digest in metadata, as put here.
  const jwksBody = '{"keys":[]}';
  const orphanBucket = async (name: string, metadata: Record<string, string>): Promise<string> => {
    const bucket = await newBucket(name, {});
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'openid/v1/jwks', Body: jwksBody, Metadata: metadata })
    );
    return bucket;
  };

  it(
    "deletes the JWKS a first publish cut short left, which publish-oidc marked as this issuer's, so that terraform can delete the bucket; a second run finds nothing",
    async () => {
      const bucket = await newBucket('orphan', {});
      const own = issuerOf(bucket);
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: 'openid/v1/jwks',
          Body: jwksBody,
          Metadata: { sha256: createHash('sha256').update(jwksBody).digest('hex'), issuer: own }
        })
      );
      const outputsJson = JSON.stringify({ discovery_bucket: bucket, jwks_object_key: 'openid/v1/jwks' });
      const results = await runJob(outputsJson, own, 'success');
      const step = results.find((r) => r.name === REMOVE);
      expect(step?.outcome).toBe('success');
      expect(step?.outputs['changed']).toBe('true');
      expect(step?.summary).toContain(
        `- delete s3://${bucket}/openid/v1/jwks: a JWKS that no discovery document names (what a first publish cut short between its two writes leaves), provably this issuer's: publish-oidc marked it issuer=${own}`
      );
      expect(step?.log).not.toContain('::warning::');
      expect(await keys(bucket)).toEqual([]);
      expect(results.find((r) => r.name === 'Summary')?.summary).toContain('## Cluster c destroyed');

      const again = await removeDocuments(outputsJson, own);
      expect(again?.outcome).toBe('success');
      expect(again?.outputs['changed']).toBe('false');
    },
    AWS_CLI_TIMEOUT_MS
  );

  it(
    "leaves a JWKS without publish-oidc's mark of this issuer, and its summary, before terraform destroy runs, says so and how to delete it",
    async () => {
      const other = 'https://other-cluster.example.com';
      // Unmarked (by hand, another tool, a publish-oidc before the mark), and another issuer's.
      const marks: Record<string, string>[] = [
        {},
        { sha256: createHash('sha256').update(jwksBody).digest('hex'), issuer: other }
      ];
      for (const metadata of marks) {
        const bucket = await orphanBucket('unmarked', metadata);
        const own = issuerOf(bucket);
        const results = await runJob(
          JSON.stringify({ discovery_bucket: bucket, jwks_object_key: 'openid/v1/jwks' }),
          own,
          // terraform destroy fails on the bucket that still holds it.
          'failure'
        );
        const step = results.find((r) => r.name === REMOVE);
        expect(step?.outcome).toBe('success');
        expect(step?.outputs['changed']).toBe('false');
        const howTo = `Delete it by hand if it is this issuer's: aws s3 rm s3://${bucket}/openid/v1/jwks`;
        expect(step?.log).toContain(
          `::warning::s3://${bucket}/openid/v1/jwks is left: no discovery document of this issuer names it`
        );
        expect(step?.summary).toContain('Left in place:');
        expect(step?.summary).toContain(howTo);
        expect(await keys(bucket)).toEqual(['openid/v1/jwks']);
        // Nothing was removed, so nothing is said of IRSA.
        expect(results.find((r) => r.name === 'Summary')?.log).not.toContain('IRSA');
      }
    },
    AWS_CLI_TIMEOUT_MS
  );

  it('does not run when the state names no bucket (a cluster that never got that far)', async () => {
    const step = await removeDocuments('{}', '');
    expect(step?.outcome).toBe('skipped');
  });
});

describe("destroy-cluster.yml's summary when terraform destroy fails after the documents went", () => {
  const summaryAfter = async (
    // publish-oidc's `changed`: true when this run deleted the documents.
    changed: string,
    destroyOutcome: 'success' | 'failure',
    removeOutcome: 'success' | 'failure' = 'success'
  ): Promise<StepResult | undefined> => {
    const results = await runWorkflowJob({
      root,
      workflow: '.github/workflows/destroy-cluster.yml',
      job: 'destroy',
      env: stackEnv(),
      contexts: { inputs: { 'cluster-name': 'c' } },
      // The removal step runs only when the state names a discovery bucket.
      seededOutputs: { current: { 'outputs-json': '{"discovery_bucket":"b"}' } },
      runnerTemp: mkdtempSync(join(dir, 'runner-')),
      skip: (step) =>
        step.name === 'Summary' || step.id === 'remove-documents' || step.id === 'provision'
          ? undefined
          : 'not under test',
      standIn: (step): StandIn | undefined => {
        const outputs: Record<string, string> = changed ? { changed } : {};
        if (step.id === 'remove-documents') return { outcome: removeOutcome, outputs };
        if (step.id === 'provision') return { outcome: destroyOutcome };
        return undefined;
      }
    });
    return results.find((r) => r.name === 'Summary');
  };

  it('says that IRSA is broken and how to recover, in an error and in the summary', async () => {
    const step = await summaryAfter('true', 'failure');
    expect(step?.outcome).toBe('success');
    expect(step?.log).toContain(
      '::error title=IRSA broken on c::The OIDC discovery documents of c were removed'
    );
    expect(step?.summary).toContain('## Cluster c: terraform destroy did not finish');
    expect(step?.summary).toContain('> [!CAUTION]');
    expect(step?.summary).toContain('run oidc-resync.yml with cluster-name c to publish the documents again');
  });

  it('says nothing of IRSA when no document was removed, or when destroy finished', async () => {
    const kept = await summaryAfter('', 'failure');
    expect(kept?.log).not.toContain('IRSA');
    expect(kept?.summary).toBe('## Cluster c: terraform destroy did not finish\n');
    // A second run: publish-oidc found nothing left to remove.
    const again = await summaryAfter('false', 'failure');
    expect(again?.log).not.toContain('IRSA');
    expect(again?.summary).toBe('## Cluster c: terraform destroy did not finish\n');
    const done = await summaryAfter('true', 'success');
    expect(done?.log).not.toContain('IRSA');
    expect(done?.summary).toContain('## Cluster c destroyed');
  });

  it("says that destroy did not run when the removal failed (another issuer's documents), and nothing of IRSA", async () => {
    const step = await summaryAfter('', 'success', 'failure');
    expect(step?.outcome).toBe('success');
    expect(step?.log).not.toContain('IRSA');
    expect(step?.summary).toBe(
      '## Cluster c: terraform destroy did not run\n\n' +
        "Removing the published discovery documents failed (that step's error says why), so terraform destroy did not run.\n"
    );
  });
});

describe("destroy-cluster.yml's probe role clean-up", () => {
  const cluster = `wfp-${Date.now().toString(36)}`;
  const role = `${cluster}-irsa-probe`;

  it(
    'detaches and deletes what the role holds, then the role; a second run finds nothing to do',
    async () => {
      await iam.send(
        new CreateRoleCommand({
          RoleName: role,
          AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}'
        })
      );
      await iam.send(
        new AttachRolePolicyCommand({ RoleName: role, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })
      );
      await iam.send(
        new PutRolePolicyCommand({
          RoleName: role,
          PolicyName: 'inline',
          PolicyDocument:
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}'
        })
      );
      const first = await deleteProbeRole(cluster);
      expect(first?.outcome).toBe('success');
      expect(first?.log).toContain(`Deleted role ${role}.`);
      await expect(iam.send(new GetRoleCommand({ RoleName: role }))).rejects.toMatchObject({
        name: expect.stringMatching(/^NoSuchEntity/)
      });

      const second = await deleteProbeRole(cluster);
      expect(second?.outcome).toBe('success');
      expect(second?.log).toContain(`Role ${role} does not exist; nothing to delete.`);
    },
    AWS_CLI_TIMEOUT_MS
  );

  it(
    'does not take an IAM error for a missing role: a throttled get-role fails the step and leaves the role',
    async () => {
      const throttled = `wfp-t-${Date.now().toString(36)}`;
      const throttledRole = `${throttled}-irsa-probe`;
      await iam.send(
        new CreateRoleCommand({
          RoleName: throttledRole,
          AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}'
        })
      );
      const proxy = await startFaultProxy({
        target: process.env['AWS_ENDPOINT_URL'] ?? '',
        rate: 1,
        faults: ['throttle'],
        match: (request) => request.service === 'iam' && request.action === 'GetRole'
      });
      try {
        const step = await deleteProbeRole(throttled, { AWS_ENDPOINT_URL: proxy.url, AWS_MAX_ATTEMPTS: '1' });
        expect(step?.outcome).toBe('failure');
        expect(step?.log).toContain(
          `::error::Could not tell whether the IRSA probe role ${throttledRole} exists`
        );
        expect(step?.log).toContain('Throttling');
        expect(step?.log).not.toContain('does not exist; nothing to delete');
        expect(proxy.injected.length).toBeGreaterThan(0);
      } finally {
        await proxy.stop();
      }
      // Nothing was deleted on a guess.
      await expect(iam.send(new GetRoleCommand({ RoleName: throttledRole }))).resolves.toBeDefined();
      expect((await deleteProbeRole(throttled))?.log).toContain(`Deleted role ${throttledRole}.`);
    },
    AWS_CLI_TIMEOUT_MS
  );
});
