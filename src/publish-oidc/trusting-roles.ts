// The roles whose trust policy names an IAM OIDC provider as its Federated principal: what a removal
// of the provider leaves without a way in. Read, never changed.
import { ListRolesCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { Logger } from '../io/logger.js';
import { isRecord, oneOrMany } from '../json/shape.js';

export interface TrustingRoles {
  names: string[];
}

/** Whether a trust policy (as IAM returns it, URL-encoded) lets the provider's tokens in. */
export function trustsProvider(document: string | undefined, providerArn: string): boolean {
  if (!document) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeURIComponent(document));
  } catch {
    return false;
  }
  if (!isRecord(parsed)) return false;
  const statements = oneOrMany(parsed.Statement);
  return statements.some((statement) => {
    if (!isRecord(statement) || !isRecord(statement.Principal)) return false;
    const federated = statement.Principal.Federated;
    return oneOrMany(federated).includes(providerArn);
  });
}

/**
 * Every role of the account is listed (ListRoles pages), since IAM has no lookup by principal.
 * Without iam:ListRoles, or on any other failure, the run warns that it cannot tell and goes on:
 * the roles only say what else the removal affects, they decide nothing.
 */
export async function trustingRoles(
  iam: IAMClient,
  providerArn: string,
  log: Logger
): Promise<TrustingRoles | undefined> {
  const names: string[] = [];
  try {
    let marker: string | undefined;
    do {
      const page = await iam.send(new ListRolesCommand({ Marker: marker, MaxItems: 1000 }));
      for (const role of page.Roles ?? [])
        if (role.RoleName && trustsProvider(role.AssumeRolePolicyDocument, providerArn))
          names.push(role.RoleName);
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
  } catch (error) {
    log.warning(
      `Could not list the roles that trust ${providerArn} (${error instanceof Error ? error.message : String(error)}): ` +
        'allow iam:ListRoles to have them named; the provider is removed either way.'
    );
    return undefined;
  }
  return { names: names.sort() };
}
