import type { IAMClient } from '@aws-sdk/client-iam';
import type { ActionContext, ActionResult } from '../io/action.js';
import { maskSecret } from '../io/secrets.js';
import { clientConfig, namingFailedCalls } from '../aws/clients.js';
import { loadKubeClient } from '../kube/client.js';
import { yamlParserFor } from '../io/yaml.js';
import { IRSA_ROLE_YAML_INPUTS, readIrsaRoleInputs } from './inputs.js';

/** IAM is global; any region signs its requests, so no region input is asked for. */
function iamRegion(env: NodeJS.ProcessEnv): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
}

export async function createIamClient(env: NodeJS.ProcessEnv): Promise<IAMClient> {
  // Loaded lazily so that a bad input fails before the SDK is even read from disk.
  const { IAMClient } = await import('@aws-sdk/client-iam');
  return namingFailedCalls(new IAMClient(clientConfig('IAM', iamRegion(env), env)), 'IAM');
}

export interface IrsaRoleOverrides {
  /** Tests pass an IAM client with a request counter attached. */
  iam?: IAMClient;
  concurrency?: number;
}

export async function irsaRoleAction(
  ctx: ActionContext,
  overrides: IrsaRoleOverrides = {}
): Promise<ActionResult> {
  // Masked before anything else reads it, so no later error can print it.
  maskSecret(ctx.read('kubeconfig'), ctx.mask);
  const inputs = readIrsaRoleInputs(ctx.read, await yamlParserFor(ctx.read, IRSA_ROLE_YAML_INPUTS));
  // The AWS SDK and everything that uses it load only once the inputs are known to be good.
  const { run } = await import('./run.js');
  const iam = overrides.iam ?? (await createIamClient(ctx.env));
  const kubeconfig = inputs.kubeconfig;
  return run(inputs, {
    iam,
    log: ctx.log,
    concurrency: overrides.concurrency,
    serviceAccounts: async () => {
      if (!kubeconfig) throw new Error('annotate-service-account needs a kubeconfig');
      const client = await loadKubeClient(kubeconfig, ctx.mask);
      const { kubeServiceAccounts } = await import('./service-account-annotation.js');
      return kubeServiceAccounts(client);
    }
  });
}
