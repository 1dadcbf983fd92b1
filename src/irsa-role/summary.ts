// The job summary: each role, who may assume it, its policies, and what this run changed.
import { code, table } from '../io/summary.js';
import { assumedBy } from '../trust/trust-policy.js';
import type { RoleBinding } from './inputs.js';
import type { RoleOutcome } from './outcome.js';
import { outcomeArn, outcomeChanges } from './outcome.js';

function policiesCell(outcome: RoleOutcome): string {
  if (!outcome.report) return '';
  const unlisted = new Set(outcome.report.unlisted);
  // A policy kept only because prune-policies is off is marked, so the table does not pass it off as asked for.
  const mark = (key: string): string => (unlisted.has(key) ? ' (not in the inputs)' : '');
  const managed = outcome.report.policyArns.map((arn) => `${code(arn)}${mark(arn)}`);
  const inline = outcome.report.inlinePolicies.map(
    (name) => `${code(name)} (inline)${mark(`${name} (inline)`)}`
  );
  const all = [...managed, ...inline];
  return all.length ? all.join('\n') : '—';
}

function changesCell(outcome: RoleOutcome): string {
  const changes = outcomeChanges(outcome);
  // What was written before a failure is shown with it: it is in IAM (or the cluster) all the same.
  if (outcome.error) return [...changes, `**failed:** ${outcome.error}`].join('\n');
  return changes.length ? changes.join('\n') : 'no change';
}

export function irsaRoleSummary(params: {
  providerArn: string;
  audience: string;
  bindings: RoleBinding[];
  outcomes: RoleOutcome[];
}): string {
  const changed = params.outcomes.filter((o) => !o.error && outcomeChanges(o).length > 0);
  const failed = params.outcomes.filter((o) => o.error).length;
  const rows = params.outcomes.map((outcome, index) => {
    const binding = params.bindings[index] as RoleBinding;
    // The ARN ends with the role's name: a column for each would say it twice.
    return [
      code(outcomeArn(outcome) || binding.roleName),
      assumedBy(binding.serviceAccounts).map(code).join('\n'),
      policiesCell(outcome),
      changesCell(outcome)
    ];
  });
  const roles = (count: number): string => (count === 1 ? '1 role' : `${count} roles`);
  const counts = `${roles(params.outcomes.length)}: ${changed.length} changed, ${
    params.outcomes.length - changed.length - failed
  } unchanged${failed ? `, ${failed} failed` : ''}.`;
  // The title says what happened; a failure outranks a change, which outranks nothing to do.
  const outcome = failed
    ? `${roles(failed)} failed`
    : changed.length
      ? `${roles(changed.length)} changed`
      : 'nothing to change';
  return [
    `### IRSA roles: ${outcome}`,
    '',
    `Trusted provider ${code(params.providerArn)}, audience ${code(params.audience)}. ${counts}`,
    '',
    table(['Role', 'Assumable by (namespace/service account)', 'Policies', 'This run'], rows),
    ''
  ].join('\n');
}
