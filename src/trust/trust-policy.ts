// The trust policy of an IRSA role: who may assume it. Written in one place because hand-written
// trust policies are where IRSA most often breaks — a wildcard under StringEquals matches nothing,
// the provider ARN used as the condition key matches nothing, and `aud` and `sub` get swapped.
import { hasWildcard } from './names.js';
import type { PolicyDocument } from './policy-document.js';

export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

export interface TrustInputs {
  providerArn: string;
  /** The issuer URL, with or without https:// (IAM returns the provider URL without it). */
  issuer: string;
  serviceAccounts: readonly ServiceAccountRef[];
  audience: string;
}

/** The condition key prefix STS uses: the provider URL without its scheme, never the ARN. */
export function conditionKeyPrefix(issuer: string): string {
  return issuer.replace(/^https:\/\//i, '').replace(/\/+$/, '');
}

export function subjectOf(account: ServiceAccountRef): string {
  return `system:serviceaccount:${account.namespace}:${account.name}`;
}

/**
 * One statement: the provider may assume the role for tokens whose `sub` is one of the service
 * accounts and whose `aud` is the audience. `sub` moves to StringLike only when a pattern needs it
 * (names were checked against allow-wildcards before); `aud` always stays StringEquals.
 */
export function trustPolicyFor(inputs: TrustInputs): PolicyDocument {
  const prefix = conditionKeyPrefix(inputs.issuer);
  const subjects = [...new Set(inputs.serviceAccounts.map(subjectOf))];
  if (subjects.length === 0) throw new Error('a trust policy needs at least one service account');
  const sub = subjects.length === 1 ? (subjects[0] as string) : subjects;
  const aud = inputs.audience;
  const condition: Record<string, Record<string, string | string[]>> = subjects.some(hasWildcard)
    ? { StringEquals: { [`${prefix}:aud`]: aud }, StringLike: { [`${prefix}:sub`]: sub } }
    : { StringEquals: { [`${prefix}:sub`]: sub, [`${prefix}:aud`]: aud } };
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: inputs.providerArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: condition
      }
    ]
  };
}

/** Who may assume a role, as the summary shows it: `ns/sa` per service account. */
export function assumedBy(accounts: readonly ServiceAccountRef[]): string[] {
  return accounts.map((account) => `${account.namespace}/${account.name}`);
}

/**
 * IAM's default quota for a trust policy (ACLSizePerRole), and the ceiling taken for a raised one
 * when the account's own quota (its summary's AssumeRolePolicySizeQuota) cannot be read.
 */
export const TRUST_POLICY_DEFAULT_LIMIT = 2048;
export const TRUST_POLICY_MAX_LIMIT = 4096;

/** IAM counts a policy's size without whitespace, which is how policyJson writes it. */
export function trustPolicySize(policy: PolicyDocument): number {
  return JSON.stringify(policy).length;
}
