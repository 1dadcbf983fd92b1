// Only the input parser is imported up front: the SDKs, jose and the Kubernetes client load
// after every input has been accepted, so a bad input fails at once.
import { readFile } from 'node:fs/promises';
import { clientConfig } from '../aws/clients.js';
import type { ActionContext, ActionResult } from '../io/action.js';
import { loadKubeClient } from '../kube/client.js';
import { anonymousGet } from './anonymous-https.js';
import { verifySummary } from './chain-summary.js';
import type { VerifyInputs } from './inputs.js';
import { parseVerifyInputs } from './inputs.js';
import type { VerifyDeps, VerifyOutcome } from './run.js';

/** Reads a CA bundle named by NODE_EXTRA_CA_CERTS, for callers that set it after start-up. */
async function extraCa(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const path = env.NODE_EXTRA_CA_CERTS;
  if (!path) return undefined;
  return readFile(path, 'utf8').catch(() => undefined);
}

/** The real collaborators of run(): the cluster from the kubeconfig, IAM and STS, anonymous https. */
export async function verifyDeps(
  inputs: VerifyInputs,
  ctx: ActionContext
): Promise<{ deps: VerifyDeps; close(): void }> {
  const kube = await loadKubeClient(inputs.kubeconfig, ctx.mask);
  const [{ IAMClient }, { STSClient }, { kubeClusterOps }] = await Promise.all([
    import('@aws-sdk/client-iam'),
    import('@aws-sdk/client-sts'),
    import('./cluster.js')
  ]);
  const iam = new IAMClient(clientConfig('IAM', inputs.region, ctx.env));
  const sts = new STSClient(clientConfig('STS', inputs.region, ctx.env));
  const extraCaPem = await extraCa(ctx.env);
  const deps: VerifyDeps = {
    cluster: await kubeClusterOps(kube),
    iam,
    sts: {
      sts,
      stsWithCredentials: (credentials) =>
        new STSClient({ ...clientConfig('STS', inputs.region, ctx.env), credentials }),
      mask: ctx.mask
    },
    get: anonymousGet(extraCaPem ? { extraCaPem } : {}),
    log: ctx.log,
    mask: ctx.mask,
    now: () => new Date()
  };
  return {
    deps,
    close: () => {
      iam.destroy();
      sts.destroy();
    }
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

export async function verifyIrsaAction(ctx: ActionContext): Promise<ActionResult> {
  // Every input is checked before the cluster or AWS is touched.
  const inputs = parseVerifyInputs(ctx.read, ctx.env);
  const { deps, close } = await verifyDeps(inputs, ctx);
  const { run } = await import('./run.js');
  try {
    return verifyResult(inputs, await run(inputs, deps));
  } finally {
    close();
  }
}
