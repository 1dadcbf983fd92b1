// The description irsa-role gives each role: who may assume it. Compared as the set of service
// accounts it names, since the order a binding lists them in means nothing to the trust policy.
import { subjectOf, type ServiceAccountRef } from '../trust/trust-policy.js';

const PREFIX = 'IRSA role for ';
const SUFFIX = ' (managed by talos-irsa)';
const DESCRIPTION_LIMIT = 1000;

/** Sorted, so that a binding's accounts listed in another order give the same text. */
export function roleDescription(accounts: readonly ServiceAccountRef[]): string {
  const subjects = [...new Set(accounts.map(subjectOf))].sort().join(', ');
  const text = `${PREFIX}${subjects}${SUFFIX}`;
  // IAM descriptions allow only Latin-1 characters, so the cut is marked with '...', not '…'.
  return text.length <= DESCRIPTION_LIMIT ? text : `${text.slice(0, DESCRIPTION_LIMIT - 3)}...`;
}

/** The subjects a whole (uncut) description of this action names, as a set; undefined for any other text. */
function namedSubjects(description: string): string | undefined {
  if (!description.startsWith(PREFIX) || !description.endsWith(SUFFIX)) return undefined;
  return description.slice(PREFIX.length, -SUFFIX.length).split(', ').sort().join(', ');
}

/**
 * Whether a role's description already says what `desired` says: the same text, or the same
 * service accounts in another order (as versions before the sort wrote them, in input order).
 */
export function sameDescription(current: string, desired: string): boolean {
  if (current === desired) return true;
  const named = namedSubjects(current);
  return named !== undefined && named === namedSubjects(desired);
}
