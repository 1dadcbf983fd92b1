// The real collaborators of run(), loaded by the action once every input has been accepted.
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { boundingCalls } from '../aws/call-deadline.js';
import { clientConfig, namingFailedCalls } from '../aws/clients.js';
import type { ActionContext, ActionResult } from '../io/action.js';
import { afterPendingConnects, loadKubeClient } from '../kube/client.js';
import { awsOnInternet, lookupAll } from '../net/aws-reach.js';
import { retryingTransient } from '../net/public-read.js';
import { anonymousGet } from './anonymous-https.js';
import { verifySummary } from './chain-summary.js';
import type { ClusterOps, PodWatchTiming, ServiceAccountView } from './cluster.js';
import { kubeClusterOps } from './cluster.js';
import { CreatedObjects } from './created-objects.js';
import type { VerifyInputs } from './inputs.js';
import type { VerifyDeps, VerifyOutcome } from './run.js';

const WORKFLOW_ACCOUNT_MS = 10_000;

/** Reads a CA bundle named by NODE_EXTRA_CA_CERTS, for callers that set it after start-up. */
async function extraCa(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const path = env.NODE_EXTRA_CA_CERTS;
  if (!path) return undefined;
  return readFile(path, 'utf8').catch(() => undefined);
}

/** The cluster ops, with run()'s first call (reading the service account) answered by `first`. */
function withFirstRead(
  cluster: ClusterOps,
  inputs: VerifyInputs,
  first: Promise<ServiceAccountView | undefined>
): ClusterOps {
  let pending: Promise<ServiceAccountView | undefined> | undefined = first;
  return {
    ...cluster,
    readServiceAccount(namespace, name) {
      const answer = pending;
      pending = undefined;
      if (answer && namespace === inputs.namespace && name === inputs.serviceAccount) return answer;
      return cluster.readServiceAccount(namespace, name);
    }
  };
}

/** The cluster ops, telling `writing` before each call that is not a read (a TokenRequest too, which stores nothing). */
function tellingWrites(cluster: ClusterOps, writing: (() => void) | undefined): ClusterOps {
  if (!writing) return cluster;
  const told =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      writing();
      return write(...args);
    };
  return {
    ...cluster,
    createServiceAccount: told(cluster.createServiceAccount.bind(cluster)),
    patchServiceAccount: told(cluster.patchServiceAccount.bind(cluster)),
    deleteServiceAccount: told(cluster.deleteServiceAccount.bind(cluster)),
    requestToken: told(cluster.requestToken.bind(cluster)),
    createPod: told(cluster.createPod.bind(cluster)),
    deletePod: told(cluster.deletePod.bind(cluster))
  };
}

/**
 * What only tests set: shorter pod-watch timings, so that a test of a stalled watch does not wait
 * out the production window. The action's entry never passes it, and no input or variable reaches it.
 */
export interface VerifyTuning {
  podWatch?: Readonly<PodWatchTiming>;
}

/** The real collaborators of run(): the cluster from the kubeconfig, IAM and STS, anonymous https. */
export async function verifyDeps(
  inputs: VerifyInputs,
  ctx: ActionContext,
  tuning: VerifyTuning = {}
): Promise<{
  deps: VerifyDeps;
  close(): void;
  /** `progress` hears each clause as soon as it is done (a cancel's summary may be written before the end). */
  removeLeftovers(progress?: (clause: string) => void): Promise<string[]>;
  /** What a removal cut short (a second signal) leaves to do by hand, a clause each. */
  notRemoved(): string[];
  /** The service account this run still holds, if it has not given it up. */
  heldAccount(): string | undefined;
}> {
  // Every value the run masks (here or elsewhere) is redacted by ctx.redact from what it quotes of the cluster.
  const { mask, redact } = ctx;
  const kube = await loadKubeClient(inputs.kubeconfig, ctx);
  const cluster = tellingWrites(kubeClusterOps(kube, tuning.podWatch), ctx.writing);
  const created = new CreatedObjects();
  // run() starts by reading the service account. That request goes out now, and the AWS SDKs (most
  // of the start-up) load while it travels; the catch only keeps an early failure from counting as
  // unhandled before run() awaits it.
  const firstRead = cluster.readServiceAccount(inputs.namespace, inputs.serviceAccount);
  firstRead.catch(() => undefined);
  await afterPendingConnects();
  const [{ IAMClient }, { GetCallerIdentityCommand, STSClient }] = await Promise.all([
    import('@aws-sdk/client-iam'),
    import('@aws-sdk/client-sts')
  ]);
  // Each call bounded as a whole: token mode's reads and STS's answer are waited for, not every retry.
  const iam = boundingCalls(
    namingFailedCalls(new IAMClient(clientConfig('IAM', inputs.region, ctx.env)), 'IAM'),
    'IAM'
  );
  const sts = boundingCalls(
    namingFailedCalls(new STSClient(clientConfig('STS', inputs.region, ctx.env)), 'STS'),
    'STS'
  );
  const extraCaPem = await extraCa(ctx.env);
  const deps: VerifyDeps = {
    cluster: created.tracking(withFirstRead(cluster, inputs, firstRead)),
    iam,
    sts: {
      sts,
      stsWithCredentials: (credentials) =>
        boundingCalls(
          namingFailedCalls(
            new STSClient({ ...clientConfig('STS', inputs.region, ctx.env), credentials }),
            'STS'
          ),
          'STS'
        ),
      mask,
      sleep
    },
    get: retryingTransient(anonymousGet(extraCaPem ? { extraCaPem } : {}), sleep),
    ...(awsOnInternet('STS', inputs.region, ctx.env) ? { publicReach: { resolve: lookupAll } } : {}),
    // Without credentials (or with any other failure), the IAM checks run and say what they lack.
    // Only a hint: a slow STS is not waited for through all of the SDK's retries.
    workflowAccount: () =>
      sts
        .send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(WORKFLOW_ACCOUNT_MS) })
        .then(
          (identity) => identity.Account,
          () => undefined
        ),
    log: ctx.log,
    mask,
    redact,
    now: () => new Date()
  };
  return {
    deps,
    close: () => {
      iam.destroy();
      sts.destroy();
    },
    removeLeftovers: (progress) =>
      created.removeLeftovers(cluster, {
        cleanup: inputs.cleanup,
        redact,
        ...(progress ? { progress } : {})
      }),
    notRemoved: () => created.notRemoved(inputs.cleanup),
    heldAccount: () => created.heldAccount()
  };
}

export function verifyResult(inputs: VerifyInputs, result: VerifyOutcome): ActionResult {
  const firstFailure = result.checks.find((entry) => !entry.ok);
  return {
    outputs: {
      verified: String(result.verified),
      'assumed-role-arn': result.assumedRoleArn ?? '',
      diagnosis: JSON.stringify(result.checks)
    },
    summary: verifySummary(inputs, result),
    ...(firstFailure
      ? {
          failure: `IRSA is not verified: ${firstFailure.check}: ${firstFailure.detail} Fix: ${firstFailure.fix}`
        }
      : {})
  };
}
