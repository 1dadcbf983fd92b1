// The checks of an issuer and of IAM's region that need the run's modules (the reach classifier, IAM's
// error codes): kept out of the action's main chunk, which a run failing on a missing input loads,
// and re-exported by run.ts, whose chunk the action loads anyway before it calls them.
import { partitionOfHost, partitionOfRegion } from '../aws/partitions.js';
import { UserError } from '../io/errors.js';
import { awsOnInternet, unreachableHost } from '../net/aws-reach.js';
import { parseProviderArn } from '../trust/names.js';
import { isUnknownCredentials } from './iam-errors.js';
import type { ProviderInput } from './inputs.js';

/**
 * A guessed region's partition may not be the credentials': then IAM does not know them
 * (InvalidClientTokenId), and the error says where IAM was called, why, and to set the region.
 */
export function guessedRegionRefusal(
  error: unknown,
  region: string,
  issuerUrl: string
): UserError | undefined {
  if (!isUnknownCredentials(error)) return undefined;
  const why = partitionOfHost(new URL(issuerUrl).hostname)
    ? "the partition issuer-url's host shows"
    : "as issuer-url's host shows no partition";
  return new UserError(
    `IAM in ${region} does not know these credentials (InvalidClientTokenId). Neither AWS_REGION nor AWS_DEFAULT_REGION is set, so IAM was called in ${partitionOfRegion(region)}, ${why}; if the credentials are of another partition (aws-cn, aws-us-gov, ...), set the region (configure-aws-credentials' aws-region) to one of it.`
  );
}

/**
 * With AWS's own IAM, a provider whose issuer STS can never reach is refused before any call: no
 * role trusting it could ever be assumed. The issuer is the issuer-url input or, for provider-arn,
 * the URL the ARN ends with.
 */
export function checkIssuerReach(provider: ProviderInput, region: string, env: NodeJS.ProcessEnv): void {
  if (!awsOnInternet('IAM', region, env)) return;
  const issuer =
    provider.input === 'issuer-url'
      ? provider.url
      : `https://${parseProviderArn(provider.arn)?.hostPath ?? ''}`;
  const problem = unreachableHost(issuer);
  if (!problem) return;
  const named =
    provider.input === 'issuer-url' ? `'${issuer}'` : `'${provider.arn}' is the provider of ${issuer}, which`;
  throw new UserError(
    `${named} cannot work with AWS: ${problem}, and STS fetches the issuer's documents from the internet, so no role trusting it could be assumed. Publish the issuer on a public host (publish-oidc does).`,
    provider.input
  );
}
