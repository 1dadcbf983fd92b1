// publish-oidc against the manual method, on the same stack and cluster double. Each side gets its
// own bucket, prepared alike before the clock starts (public access block off, anonymous GET on the
// two documents), and its own issuer URL, so neither finds the other's provider. The manual method
// is the five commands a runbook gives, run one after the other as a shell script would.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  PutBucketPolicyCommand,
  PutPublicAccessBlockCommand,
  S3Client
} from '@aws-sdk/client-s3';
import { clientConfig } from '../src/aws/clients.js';
import { mustSucceed, runBundleAt } from './bundle-run.js';
import { command } from './command.js';
import type { StackParts } from './stack-parts.js';
import type { RequestTally } from './request-kinds.js';
import { verdictAtLeast, type Row } from './report.js';
import { formatMs, formatRatio, median, ratio } from './stats.js';

const DISCOVERY_KEY = '.well-known/openid-configuration';
const JWKS_KEY = 'openid/v1/jwks';

export interface PublishOidcContext extends StackParts {
  entry: string;
  dir: string;
  reps: number;
}

export interface PublishOidcFigures {
  manualMs: number[];
  firstMs: number[];
  noChangeMs: number[];
  manualRequests: RequestTally;
  firstRequests: RequestTally;
  noChangeRequests: RequestTally;
  /** The no-change run's `changed` output, which must be 'false'. */
  noChangeChanged: string;
  /** The provider of the last publish, for irsa-role and verify-irsa to build on. */
  providerArn: string;
}

async function prepareBucket(s3: S3Client, bucket: string): Promise<void> {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: bucket,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: false,
        IgnorePublicAcls: false,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: false
      }
    })
  );
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'TalosIrsaPublicOidcDocuments',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: [JWKS_KEY, DISCOVERY_KEY].map((key) => `arn:aws:s3:::${bucket}/${key}`)
      }
    ]
  };
  await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) }));
}

/** The manual method; returns its wall time from the first command's start to the last one's end. */
async function manualPublish(
  ctx: PublishOidcContext,
  bucket: string,
  issuer: string,
  work: string
): Promise<number> {
  const endpoint = ctx.counter.env.AWS_ENDPOINT_URL;
  // Endpoints are given with --endpoint-url, as the runbook would; no variable may redirect them.
  const env = Object.fromEntries(
    Object.entries(ctx.stackEnv).filter(([key]) => !key.startsWith('AWS_ENDPOINT_URL'))
  );
  const shellEnv = { ...env, PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? work };
  const kubectlEnv = { ...shellEnv, KUBECONFIG: ctx.kubeconfigPath };
  const discoveryFile = join(work, 'openid-configuration');
  const jwksFile = join(work, 'jwks');
  const started = performance.now();
  writeFileSync(discoveryFile, await command('kubectl', ['get', '--raw', `/${DISCOVERY_KEY}`], kubectlEnv));
  writeFileSync(jwksFile, await command('kubectl', ['get', '--raw', `/${JWKS_KEY}`], kubectlEnv));
  for (const [file, key] of [
    [discoveryFile, DISCOVERY_KEY],
    [jwksFile, JWKS_KEY]
  ] as const)
    await command(
      'aws',
      [
        's3',
        'cp',
        file,
        `s3://${bucket}/${key}`,
        '--content-type',
        'application/json',
        '--endpoint-url',
        endpoint
      ],
      shellEnv
    );
  await command(
    'aws',
    [
      'iam',
      'create-open-id-connect-provider',
      '--url',
      issuer,
      '--client-id-list',
      'sts.amazonaws.com',
      '--endpoint-url',
      endpoint
    ],
    shellEnv
  );
  return performance.now() - started;
}

export async function benchPublishOidc(ctx: PublishOidcContext): Promise<PublishOidcFigures> {
  const s3 = new S3Client({
    ...clientConfig('S3', ctx.stackEnv.AWS_REGION ?? 'us-east-1', ctx.stackEnv),
    credentials: {
      accessKeyId: ctx.stackEnv.AWS_ACCESS_KEY_ID ?? 'testing',
      secretAccessKey: ctx.stackEnv.AWS_SECRET_ACCESS_KEY ?? 'testing'
    }
  });
  const tag = randomBytes(3).toString('hex');
  const figures: PublishOidcFigures = {
    manualMs: [],
    firstMs: [],
    noChangeMs: [],
    manualRequests: { reads: 0, writes: 0, calls: new Map() },
    firstRequests: { reads: 0, writes: 0, calls: new Map() },
    noChangeRequests: { reads: 0, writes: 0, calls: new Map() },
    noChangeChanged: '',
    providerArn: ''
  };
  try {
    for (let rep = 0; rep < ctx.reps; rep++) {
      const manualBucket = `bench-oidc-manual-${tag}-${rep}`;
      const toolBucket = `bench-oidc-tool-${tag}-${rep}`;
      await prepareBucket(s3, manualBucket);
      await prepareBucket(s3, toolBucket);

      const manualIssuer = `${ctx.publicUrl}/${manualBucket}`;
      ctx.double.setIssuer(manualIssuer);
      const manualWindow = ctx.counter.window();
      figures.manualMs.push(await manualPublish(ctx, manualBucket, manualIssuer, ctx.dir));
      figures.manualRequests = manualWindow();

      const toolIssuer = `${ctx.publicUrl}/${toolBucket}`;
      ctx.double.setIssuer(toolIssuer);
      const inputs = {
        'kubeconfig-path': ctx.kubeconfigPath,
        bucket: toolBucket,
        'issuer-url': toolIssuer,
        'manage-bucket': 'false'
      };
      const firstWindow = ctx.counter.window();
      const first = mustSucceed(
        'publish-oidc (first)',
        await runBundleAt(ctx.entry, inputs, ctx.bundleEnv, ctx.node)
      );
      figures.firstRequests = firstWindow();
      figures.firstMs.push(first.elapsedMs);
      const againWindow = ctx.counter.window();
      const again = mustSucceed(
        'publish-oidc (no change)',
        await runBundleAt(ctx.entry, inputs, ctx.bundleEnv, ctx.node)
      );
      figures.noChangeRequests = againWindow();
      figures.noChangeMs.push(again.elapsedMs);
      figures.noChangeChanged = again.outputs.changed ?? '(no output)';
      figures.providerArn = first.outputs['provider-arn'] ?? '';
    }
  } finally {
    s3.destroy();
  }
  return figures;
}

export const medians = (f: PublishOidcFigures): { manual: number; first: number; noChange: number } => ({
  manual: median(f.manualMs),
  first: median(f.firstMs),
  noChange: median(f.noChangeMs)
});

export const SPEEDUP_TARGET = 5;

export function publishOidcRows(f: PublishOidcFigures): Row[] {
  const m = medians(f);
  const section = 'publish-oidc vs manual';
  const runs = `median of ${f.manualMs.length}`;
  return [
    {
      section,
      figure: 'manual: kubectl get --raw ×2, aws s3 cp ×2, aws iam create-open-id-connect-provider',
      measured: `${formatMs(m.manual)} (${runs})`,
      target: '',
      verdict: ''
    },
    {
      section,
      figure: 'first publish',
      measured: `${formatMs(m.first)} = ${formatRatio(ratio(m.manual, m.first))} faster`,
      target: `≥ ${formatRatio(SPEEDUP_TARGET)} faster`,
      verdict: verdictAtLeast(ratio(m.manual, m.first), SPEEDUP_TARGET)
    },
    {
      section,
      figure: `no-change resync (changed=${f.noChangeChanged})`,
      measured: `${formatMs(m.noChange)} = ${formatRatio(ratio(m.manual, m.noChange))} faster`,
      target: `≥ ${formatRatio(SPEEDUP_TARGET)} faster`,
      verdict: verdictAtLeast(ratio(m.manual, m.noChange), SPEEDUP_TARGET)
    }
  ];
}
