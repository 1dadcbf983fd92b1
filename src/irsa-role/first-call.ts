// What irsa-role does between its inputs and the AWS SDK, in a chunk of its own that loads before the
// SDK's: the issuer check that refuses a provider before any call, and the provider lookup's first
// call, sent early (src/aws/read-ahead.ts) so that its round trip overlaps the SDK's loading.
import { ReadAhead, type QueryCall } from '../aws/read-ahead.js';
import { UserError } from '../io/errors.js';
import { awsOnInternet, unreachableHost } from '../net/aws-reach.js';
import { parseProviderArn } from '../trust/names.js';
import type { ProviderInput } from './inputs.js';

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

/** resolveProvider's first call (provider.ts): the provider by its ARN, or the account's list. */
export function firstProviderCall(provider: ProviderInput): QueryCall {
  const common = { service: 'iam', version: '2010-05-08' } as const;
  return provider.input === 'provider-arn'
    ? { ...common, action: 'GetOpenIDConnectProvider', params: { OpenIDConnectProviderArn: provider.arn } }
    : { ...common, action: 'ListOpenIDConnectProviders', params: {} };
}

export function readAheadProvider(
  provider: ProviderInput,
  env: NodeJS.ProcessEnv,
  region: string
): Promise<ReadAhead | undefined> {
  return ReadAhead.start(firstProviderCall(provider), env, region);
}
