// Finds the IAM OIDC provider the trust policies name: from its ARN, or from the issuer URL.
import type { IAMClient } from '@aws-sdk/client-iam';
import { GetOpenIDConnectProviderCommand, ListOpenIDConnectProvidersCommand } from '@aws-sdk/client-iam';
import { UserError } from '../io/errors.js';
import { accountOf } from '../trust/names.js';
import { conditionKeyPrefix } from '../trust/trust-policy.js';
import type { ProviderInput } from './inputs.js';
import { isAccessDenied, isNoSuchEntity } from './iam-errors.js';

export interface OidcProvider {
  arn: string;
  /** The provider URL without https://, the prefix of the trust condition keys. */
  hostPath: string;
  clientIds: string[];
}

/** The same issuer, with or without https:// and a trailing slash. */
export function sameIssuer(a: string, b: string): boolean {
  // Host names are case-insensitive; paths are not.
  const split = (value: string): [string, string] => {
    const bare = conditionKeyPrefix(value);
    const slash = bare.indexOf('/');
    return slash < 0 ? [bare.toLowerCase(), ''] : [bare.slice(0, slash).toLowerCase(), bare.slice(slash)];
  };
  const [hostA, pathA] = split(a);
  const [hostB, pathB] = split(b);
  return hostA === hostB && pathA === pathB;
}

async function describe(iam: IAMClient, arn: string): Promise<OidcProvider | undefined> {
  try {
    const found = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    return { arn, hostPath: conditionKeyPrefix(found.Url ?? ''), clientIds: found.ClientIDList ?? [] };
  } catch (error) {
    if (isNoSuchEntity(error)) return undefined;
    throw error;
  }
}

export async function resolveProvider(iam: IAMClient, given: ProviderInput): Promise<OidcProvider> {
  if (given.input === 'provider-arn') {
    const provider = await describe(iam, given.arn).catch((error: unknown) => {
      // IAM answers AccessDenied, not NoSuchEntity, for another account's provider; and a role can
      // trust only a provider of its own account, so that ARN is a bad input either way.
      if (!isAccessDenied(error)) throw error;
      throw new UserError(
        `IAM refused GetOpenIDConnectProvider on '${given.arn}' (AccessDenied): the provider must be in the credentials' own account (the ARN names ${accountOf(given.arn)}; a role can trust only an OIDC provider of its own account), or the credentials lack iam:GetOpenIDConnectProvider.`,
        'provider-arn'
      );
    });
    if (!provider)
      throw new UserError(
        `no IAM OIDC provider '${given.arn}' exists in this account; create it first (publish-oidc does).`,
        'provider-arn'
      );
    return provider;
  }
  const listed = await iam.send(new ListOpenIDConnectProvidersCommand({}));
  const arns = (listed.OpenIDConnectProviderList ?? []).flatMap((entry) => (entry.Arn ? [entry.Arn] : []));
  // A provider's ARN ends with its URL, so only likely matches need a GetOpenIDConnectProvider.
  const wanted = conditionKeyPrefix(given.url);
  const candidates = arns.filter((arn) => sameIssuer(arn.replace(/^.*?:oidc-provider\//, ''), wanted));
  for (const arn of candidates) {
    const provider = await describe(iam, arn);
    if (provider && sameIssuer(provider.hostPath, wanted)) return provider;
  }
  throw new UserError(
    `no IAM OIDC provider has the URL '${given.url}'; create it first (publish-oidc does) or give provider-arn.`,
    'issuer-url'
  );
}

/**
 * Whether an IAM OIDC provider for an issuer exists in the account, from one listing per run (the
 * ARN ends with the provider's URL); undefined when the listing is refused or fails.
 */
export function liveIssuerReader(iam: IAMClient): (issuer: string) => Promise<boolean | undefined> {
  let listed: Promise<string[] | undefined> | undefined;
  return async (issuer) => {
    listed ??= iam.send(new ListOpenIDConnectProvidersCommand({})).then(
      (page) => (page.OpenIDConnectProviderList ?? []).flatMap((entry) => (entry.Arn ? [entry.Arn] : [])),
      () => undefined
    );
    const arns = await listed;
    if (!arns) return undefined;
    const wanted = conditionKeyPrefix(issuer);
    return arns.some((arn) => sameIssuer(arn.replace(/^.*?:oidc-provider\//, ''), wanted));
  };
}
