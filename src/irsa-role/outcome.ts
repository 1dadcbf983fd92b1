// What became of one binding in a run: its role's report, its annotations, or what failed, and
// what had been written before a failure. The outputs and the summary both read it.
import type { RoleReport } from './converge-role.js';

export interface RoleOutcome {
  /** Also set when the role converged but annotating its service accounts then failed. */
  report: RoleReport | undefined;
  /** Service-account annotation results, in words. */
  annotations: string[];
  error: string | undefined;
  /** When the role's convergence failed part-way: the writes that had landed, and the role's ARN. */
  written?: { arn: string; changes: string[] };
}

/** The role's ARN, also from a convergence that failed after creating it; '' when unknown. */
export function outcomeArn(outcome: RoleOutcome): string {
  return outcome.report?.arn ?? outcome.written?.arn ?? '';
}

/** Everything this run wrote for the role, whether or not it then failed. */
export function outcomeChanges(outcome: RoleOutcome): string[] {
  return [...(outcome.report?.changes ?? outcome.written?.changes ?? []), ...outcome.annotations];
}
