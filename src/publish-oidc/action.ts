import { setTimeout as sleep } from 'node:timers/promises';
import type { ActionContext, ActionResult } from '../io/action.js';
import { afterPendingConnects, loadKubeClient } from '../kube/client.js';
import { awsOnInternet, lookupAll } from '../net/aws-reach.js';
import { parseInputs, type RemoveInputs } from './inputs.js';

// Bounded, so that an unreachable API server fails the step instead of hanging the job.
const CLUSTER_TIMEOUT_MS = 15000;

/** remove: true. No cluster is read; the SDKs and the removal load only once the inputs are known good. */
async function removeAction(ctx: ActionContext, inputs: RemoveInputs): Promise<ActionResult> {
  const [
    { S3Client },
    { IAMClient },
    { STSClient },
    { clientConfig, namingFailedCalls },
    { removeIssuer },
    { callerAccount }
  ] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('@aws-sdk/client-iam'),
    import('@aws-sdk/client-sts'),
    import('../aws/clients.js'),
    import('./remove.js'),
    import('./caller-account.js')
  ]);
  const sts = namingFailedCalls(new STSClient(clientConfig('STS', inputs.region, ctx.env)), 'STS');
  return removeIssuer(inputs, {
    s3: namingFailedCalls(new S3Client(clientConfig('S3', inputs.region, ctx.env)), 'S3'),
    iam: namingFailedCalls(new IAMClient(clientConfig('IAM', inputs.region, ctx.env)), 'IAM'),
    callerAccount: () => callerAccount(sts),
    log: ctx.log,
    redact: ctx.redact,
    writing: ctx.writing,
    written: ctx.written
  });
}

export async function publishOidcAction(ctx: ActionContext): Promise<ActionResult> {
  const parsed = parseInputs(ctx.read, ctx.env);
  if (parsed.remove) return removeAction(ctx, parsed.inputs);
  const { inputs } = parsed;
  // Masks the kubeconfig's secrets before anything else can print them.
  const kube = await loadKubeClient(inputs.kubeconfig, ctx);

  // The cluster read starts before the SDKs load, so the two overlap; run() awaits it. The catch only
  // keeps an early failure from counting as unhandled while the imports finish.
  const { readClusterDocuments } = await import('./cluster-documents.js');
  const clusterRead = readClusterDocuments(kube, CLUSTER_TIMEOUT_MS);
  clusterRead.catch(() => undefined);
  await afterPendingConnects();

  // The SDKs and the run are loaded only once the inputs are known good, so a bad input fails fast.
  const [
    { S3Client },
    { IAMClient },
    { STSClient },
    { clientConfig, namingFailedCalls },
    { run, retryingTransient },
    tlsAdapters
  ] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('@aws-sdk/client-iam'),
    import('@aws-sdk/client-sts'),
    import('../aws/clients.js'),
    import('./run.js'),
    Promise.all([
      import('./issuer-thumbprint.js'),
      import('../net/anonymous-get.js'),
      import('./caller-account.js')
    ])
  ]);
  const [{ issuerThumbprint }, { anonymousGet }, { callerAccount }] = tlsAdapters;
  const sts = namingFailedCalls(new STSClient(clientConfig('STS', inputs.region, ctx.env)), 'STS');
  let account: Promise<string> | undefined;
  const accountOnce = (): Promise<string> => (account ??= callerAccount(sts));
  // Asked while the cluster's documents are read, when the bucket's owner is not given; the catch only
  // keeps an early failure from counting as unhandled until run() awaits it.
  if (inputs.bucketOwner === undefined) accountOnce().catch(() => undefined);
  return run(inputs, {
    readCluster: () => clusterRead,
    s3: namingFailedCalls(new S3Client(clientConfig('S3', inputs.region, ctx.env)), 'S3'),
    iam: namingFailedCalls(new IAMClient(clientConfig('IAM', inputs.region, ctx.env)), 'IAM'),
    callerAccount: accountOnce,
    issuerThumbprint: (url) => issuerThumbprint(url),
    publicGet: retryingTransient((url) => anonymousGet(url), sleep),
    ...(awsOnInternet('IAM', inputs.region, ctx.env) ? { resolveHost: lookupAll } : {}),
    log: ctx.log,
    writing: ctx.writing,
    written: ctx.written,
    now: () => new Date(),
    sleep
  });
}
