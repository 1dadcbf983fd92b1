// The account's own IAM quotas, from GetAccountSummary: an account may have raised IAM's defaults
// through Service Quotas, and only the account can say how far, so past a default its word decides
// over the ceilings AWS documents. Read at most once per run and only when a role goes past a
// default, since a run within the defaults has no use for it and the permission
// (iam:GetAccountSummary) is optional; without it the documented ceilings stand in.
import type { IAMClient } from '@aws-sdk/client-iam';
import { GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import { isAccessDenied } from './iam-errors.js';

export interface AccountQuotas {
  /** AttachedPoliciesPerRoleQuota; undefined when it could not be read, or the summary lacks it. */
  managedPoliciesPerRole: number | undefined;
  /** AssumeRolePolicySizeQuota: a trust policy's characters, white space not counted. */
  trustPolicySize: number | undefined;
  /** The credentials may not read the summary (AccessDenied). */
  refused: boolean;
}

/** The limit that decides: the account's quota when its summary gave one, else the documented ceiling. */
export function decidingLimit(
  quota: number | undefined,
  ceiling: number
): { limit: number; fromAccount: boolean } {
  return quota === undefined ? { limit: ceiling, fromAccount: false } : { limit: quota, fromAccount: true };
}

/** Every call after the first answers from the first one's request. */
export type AccountQuotaReader = () => Promise<AccountQuotas>;

async function readAccountQuotas(iam: IAMClient): Promise<AccountQuotas> {
  try {
    const summary = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap ?? {};
    return {
      managedPoliciesPerRole: summary.AttachedPoliciesPerRoleQuota,
      trustPolicySize: summary.AssumeRolePolicySizeQuota,
      refused: false
    };
  } catch (error) {
    // Any other failure is IAM's or the network's, and fails the run like any other read.
    if (!isAccessDenied(error)) throw error;
    return { managedPoliciesPerRole: undefined, trustPolicySize: undefined, refused: true };
  }
}

export function accountQuotaReader(iam: IAMClient): AccountQuotaReader {
  let reading: Promise<AccountQuotas> | undefined;
  return () => (reading ??= readAccountQuotas(iam));
}
