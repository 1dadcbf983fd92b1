import type { IAMClient } from '@aws-sdk/client-iam';
import type { ReadAhead } from '../aws/read-ahead.js';
import type { ActionContext, ActionResult } from '../io/action.js';
import { maskSecret } from '../io/secrets.js';
import { clientConfig, namingFailedCalls } from '../aws/clients.js';
import { defaultRegionOfPartition, partitionOfHost, partitionOfRegion } from '../aws/partitions.js';
import { UserError } from '../io/errors.js';
import { parseProviderArn } from '../trust/names.js';
import { yamlParserFor } from '../io/yaml.js';
import type { ProviderInput } from './inputs.js';
import { IRSA_ROLE_YAML_INPUTS, readIrsaRoleInputs } from './inputs.js';

/**
 * IAM is global within a partition; any region of it signs the requests, so no region input is
 * asked for. IAM answers only for its own partition: with a provider ARN of another partition than
 * the set region's, every call would fail on credentials, so that is refused naming provider-arn.
 * With no region set, the partition is the provider ARN's, or the one an issuer URL's AWS host shows
 * (an S3 or EKS issuer), else aws's.
 */
export function iamRegion(env: NodeJS.ProcessEnv, provider?: ProviderInput): string {
  const partition =
    provider?.input === 'provider-arn'
      ? parseProviderArn(provider.arn)?.partition
      : provider?.input === 'issuer-url'
        ? partitionOfHost(new URL(provider.url).hostname)
        : undefined;
  const variable = env.AWS_REGION ? 'AWS_REGION' : 'AWS_DEFAULT_REGION';
  const region = env[variable];
  if (!region) return defaultRegionOfPartition(partition ?? 'aws');
  // An issuer's host only suggests the partition: any account's IAM may hold a provider for it.
  if (provider?.input === 'provider-arn' && partition && partitionOfRegion(region) !== partition)
    throw new UserError(
      `is in the partition ${partition}, but the region ${region} (${variable}) is in ${partitionOfRegion(region)}, whose IAM does not hold it; set the region (configure-aws-credentials' aws-region) to one of ${partition}.`,
      'provider-arn'
    );
  return region;
}

/**
 * An IAM client for `region` (from iamRegion), with the endpoint variables of `env`; with a read-ahead,
 * its first call is answered by the call sent early where it is the same, on the same connection.
 */
export async function createIamClient(
  env: NodeJS.ProcessEnv,
  region: string,
  readAhead?: ReadAhead
): Promise<IAMClient> {
  // Loaded lazily so that a bad input fails before the SDK is even read from disk.
  const { IAMClient } = await import('@aws-sdk/client-iam');
  const config = clientConfig('IAM', region, env);
  if (!readAhead) return namingFailedCalls(new IAMClient(config), 'IAM');
  return namingFailedCalls(readAhead.attach(new IAMClient(readAhead.withAgent(config))), 'IAM');
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
  const inputs = readIrsaRoleInputs(
    ctx.read,
    await yamlParserFor(ctx.read, IRSA_ROLE_YAML_INPUTS, { exactNumbers: true })
  );
  // Checked even when a test passes its own client: the region decides which IAM answers.
  const region = iamRegion(ctx.env, inputs.provider);
  const guessedFrom =
    inputs.provider.input === 'issuer-url' && !ctx.env.AWS_REGION && !ctx.env.AWS_DEFAULT_REGION
      ? inputs.provider.url
      : undefined;
  const { checkIssuerReach, readAheadProvider } = await import('./first-call.js');
  checkIssuerReach(inputs.provider, region, ctx.env);
  // Sent before the SDK loads, so that the first call's round trip overlaps its loading.
  const readAhead = overrides.iam ? undefined : await readAheadProvider(inputs.provider, ctx.env, region);
  // The AWS SDK and everything that uses it load only once the inputs are known to be good.
  const { run, guessedRegionRefusal, kubeServiceAccounts } = await import('./run.js');
  const iam = overrides.iam ?? (await createIamClient(ctx.env, region, readAhead));
  const kubeconfig = inputs.kubeconfig;
  try {
    return await run(inputs, {
      iam,
      log: ctx.log,
      concurrency: overrides.concurrency,
      writing: ctx.writing,
      written: ctx.written,
      serviceAccounts: async () => {
        if (!kubeconfig) throw new Error('annotate-service-account needs a kubeconfig');
        // Loaded only by a run that annotates service accounts.
        const { loadKubeClient } = await import('../kube/client.js');
        const client = await loadKubeClient(kubeconfig, ctx);
        return kubeServiceAccounts(client);
      }
    });
  } catch (error) {
    throw (guessedFrom && guessedRegionRefusal(error, region, guessedFrom)) || error;
  } finally {
    if (readAhead) ctx.log.debug(`Read-ahead of the first IAM call: ${readAhead.outcome}.`);
  }
}
