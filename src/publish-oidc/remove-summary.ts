import { code, escapeHtmlOutsideCode } from '../io/summary.js';
import type { RemoveInputs } from './inputs.js';
import type { Removal } from './remove.js';

export interface RemovalFacts {
  inputs: RemoveInputs;
  removal: Removal;
  /** The warning about roles that still trust the provider, if any. */
  rolesLine: string | undefined;
}

function headline(inputs: RemoveInputs, count: number): string {
  const things = count === 1 ? '1 thing' : `${count} things`;
  if (inputs.dryRun)
    return `publish-oidc remove (dry run): ${count > 0 ? `${things} to remove, nothing written` : 'nothing to remove'}`;
  return `publish-oidc remove: ${count > 0 ? `${things} removed` : 'nothing to remove'}`;
}

/** The job summary of a removal: what went (or would), then what stays and why. */
export function removalSummary(facts: RemovalFacts): string {
  const { inputs, removal } = facts;
  const lines = [`### ${headline(inputs, removal.changes.length)}`, `Issuer ${code(inputs.issuerUrl)}`];
  if (removal.changes.length > 0)
    lines.push(
      `${inputs.dryRun ? 'Would remove' : 'Removed'}:\n${removal.changes.map((change) => `- ${escapeHtmlOutsideCode(change)}`).join('\n')}`
    );
  else
    lines.push(
      `Nothing to remove: no discovery document of this issuer in ${code(inputs.bucket)}` +
        (inputs.manageBucket ? ', no statement of it in the bucket policy' : '') +
        (inputs.createProvider ? ' and no IAM OIDC provider of its own.' : '.') +
        (inputs.dryRun ? '' : ' Nothing was written.')
    );
  const left = [...removal.left, ...(facts.rolesLine ? [facts.rolesLine] : []), ...removal.notes];
  if (left.length > 0)
    lines.push(`Left in place:\n${left.map((line) => `- ${escapeHtmlOutsideCode(line)}`).join('\n')}`);
  return lines.join('\n\n') + '\n';
}
