/**
 * Checks 4 and 5: the IAM OIDC provider for the token's issuer, listing its audience, and the
 * role whose trust policy must let the token's subject in through that provider. Reads only.
 */
import type { IAMClient } from '@aws-sdk/client-iam';
import {
  GetOpenIDConnectProviderCommand,
  GetRoleCommand,
  ListOpenIDConnectProvidersCommand
} from '@aws-sdk/client-iam';
import type { Check } from './diagnosis.js';
import { failed, passed } from './diagnosis.js';
import type { RoleRef } from './inputs.js';
import type { TokenView } from './token-claims.js';
import { issuerHostPath } from './token-claims.js';
import { evaluateTrust, parsePolicyDocument } from './trust-evaluation.js';

export interface ProviderResult {
  checks: Check[];
  providerArn?: string;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

const READ_FIX =
  "give the workflow's AWS credentials iam:ListOpenIDConnectProviders, iam:GetOpenIDConnectProvider and iam:GetRole";

/**
 * A read that failed as the SDK retries (throttling, a server error, a broken or timed-out connection)
 * failed on every attempt: IAM's trouble, which no permission mends.
 */
function readFix(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  const transient =
    /^Throttling/.test(name) || name === 'TimeoutError' || status === undefined || status >= 500;
  return transient
    ? 'IAM or the network failed the read on every retry (throttling, a server error, a broken connection): run again'
    : READ_FIX;
}

/** The provider whose URL is the issuer, found as STS finds it: by URL, among the account's providers. */
export async function checkProvider(
  iam: IAMClient,
  issuer: string,
  view: TokenView
): Promise<ProviderResult> {
  const hostPath = issuerHostPath(issuer);
  let arns: string[];
  try {
    const listed = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    arns = (listed.OpenIDConnectProviderList ?? []).flatMap((p) => (p.Arn ? [p.Arn] : []));
  } catch (error) {
    return {
      checks: [failed('iam-provider', `cannot list IAM OIDC providers (${errorText(error)})`, readFix(error))]
    };
  }
  // A provider's ARN ends in its URL without the scheme, so one Get suffices for the likely match.
  const candidates = arns.filter((arn) =>
    arn.toLowerCase().endsWith(`:oidc-provider/${hostPath.toLowerCase()}`)
  );
  for (const arn of candidates) {
    let provider;
    try {
      provider = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    } catch (error) {
      return { checks: [failed('iam-provider', `cannot read ${arn} (${errorText(error)})`, readFix(error))] };
    }
    if (issuerHostPath(provider.Url ?? '') !== hostPath) continue;
    const clientIds = provider.ClientIDList ?? [];
    const checks = [passed('iam-provider', `${arn} is the IAM OIDC provider for ${issuer}`)];
    const accepted = view.aud.filter((aud) => clientIds.includes(aud));
    checks.push(
      accepted.length > 0
        ? passed('provider-audience', `the provider lists the token's audience ${accepted.join(', ')}`)
        : failed(
            'provider-audience',
            `the provider lists client IDs ${clientIds.join(', ') || '(none)'}, not the token's audience ${view.aud.join(', ') || '(none)'}`,
            `add ${view.aud[0] ?? 'the audience'} to the provider's client IDs (publish-oidc), or set audience to one it lists`
          )
    );
    return { checks, providerArn: arn };
  }
  const others = arns.map((arn) => arn.replace(/^.*:oidc-provider\//, '')).slice(0, 5);
  return {
    checks: [
      failed(
        'iam-provider',
        `no IAM OIDC provider in the account has the URL ${issuer}` +
          (others.length > 0 ? ` (the account has ${others.join(', ')})` : ' (the account has none)'),
        'create the IAM OIDC provider for the issuer: run publish-oidc (or provision)'
      )
    ]
  };
}

export interface RoleCheckContext {
  role: RoleRef;
  issuer: string;
  view: TokenView;
  /** The provider found for the issuer; undefined when check 4 failed. */
  providerArn: string | undefined;
  namespace: string;
  serviceAccount: string;
  audience: string;
}

export interface RoleResult {
  checks: Check[];
  /** The issuers the role trusts instead of the token's, when that is why its trust refuses. */
  otherIssuers?: string[];
}

/**
 * What to say when the role trusts only other issuers than the one that signed this cluster's
 * tokens: most often the kubeconfig is another cluster's than the one the role was made for, and
 * pointing the role at this issuer (irsa-role) would take it from that cluster.
 */
export function otherClusterHint(issuer: string, otherIssuers: readonly string[]): string {
  return `the role trusts only ${otherIssuers.join(', ')}, not ${issuer}, which issued this cluster's token: if the kubeconfig is for another cluster than the role's, give that cluster's kubeconfig`;
}

export async function checkRole(iam: IAMClient, context: RoleCheckContext): Promise<RoleResult> {
  const { role } = context;
  let document: string | undefined;
  try {
    const answer = await iam.send(new GetRoleCommand({ RoleName: role.name }));
    if (answer.Role?.Arn !== role.arn)
      return {
        checks: [
          failed(
            'role',
            `the account's role ${role.name} has the ARN ${answer.Role?.Arn ?? '(none)'}, not ${role.arn}`,
            'set role-arn to the role ARN exactly as IAM shows it (with its path)'
          )
        ]
      };
    document = answer.Role.AssumeRolePolicyDocument;
  } catch (error) {
    if (error instanceof Error && error.name === 'NoSuchEntityException')
      return {
        checks: [failed('role', `the role ${role.arn} does not exist`, 'create the role: run irsa-role')]
      };
    return {
      checks: [failed('role', `cannot read the role ${role.name} (${errorText(error)})`, readFix(error))]
    };
  }
  const checks = [passed('role', `the role ${role.arn} exists`)];
  const providerArn =
    context.providerArn ??
    `arn:${role.partition}:iam::${role.accountId}:oidc-provider/${issuerHostPath(context.issuer)}`;
  const verdict = evaluateTrust(parsePolicyDocument(document), {
    providerArn,
    issuerHostPath: issuerHostPath(context.issuer),
    token: context.view
  });
  const subject = `system:serviceaccount:${context.namespace}:${context.serviceAccount}`;
  const retrust = `let the role trust ${subject} with aud ${context.audience} through ${providerArn}: run irsa-role for this service account`;
  const { otherIssuers, trustedSubjects } = verdict;
  // Re-binding the role to this account (irsa-role with these inputs) would drop the ones it trusts.
  const otherSubjects = trustedSubjects
    ? `the role trusts ${trustedSubjects.join(', ')}, not ${subject}: if the role is for that service account, set namespace and service-account to it; else add ${context.namespace}/${context.serviceAccount} to the role's service accounts (irsa-role's bindings take a list), which keeps the others`
    : undefined;
  // An undecided verdict passes with its reason: the assume-role check, STS's own answer, follows.
  checks.push(
    verdict.allowed !== false
      ? passed('role-trust', verdict.reason)
      : failed(
          'role-trust',
          verdict.reason,
          otherIssuers
            ? `${otherClusterHint(context.issuer, otherIssuers)}; else ${retrust} (the role then no longer trusts ${otherIssuers.join(', ')})`
            : (otherSubjects ?? retrust)
        )
  );
  return otherIssuers && verdict.allowed === false ? { checks, otherIssuers } : { checks };
}
