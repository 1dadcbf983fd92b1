/**
 * The job summary: the IRSA chain as a Mermaid flowchart with each link passed or failed, then
 * the diagnosis as a table. Built only from the diagnosis and non-secret inputs, so it can hold
 * no token.
 */
import { code, escapeHtmlOutsideCode, table } from '../io/summary.js';
import type { Check, LinkState } from './diagnosis.js';
import { linkStates } from './diagnosis.js';
import type { VerifyInputs } from './inputs.js';
import { assumedRoleProblem } from './assumed-role.js';

const MARK: Record<LinkState, string> = {
  passed: '✅ passed',
  failed: '❌ failed',
  'not checked': '⏸ not checked'
};
const CLASS: Record<LinkState, string> = { passed: 'passed', failed: 'failed', 'not checked': 'skipped' };

// Mermaid labels are quoted strings with HTML line breaks; a quote or angle bracket in a value
// would end the label or open a tag.
function label(...parts: string[]): string {
  return parts.map((part) => part.replace(/"/g, '#quot;').replace(/[<>]/g, '')).join('<br/>');
}

export function chainDiagram(inputs: VerifyInputs, checks: readonly Check[]): string {
  const states = linkStates(checks);
  const tokenPath = inputs.mode !== 'pod';
  const podPath = inputs.mode !== 'token';
  // In pod mode alone, the pod's own get-caller-identity is what proves the assumed identity.
  const identityState = tokenPath ? states['assumed-identity'] : states.pod;
  const nodes: Array<[string, LinkState, string]> = [
    [
      'sa',
      states['service-account'],
      label('service account', `${inputs.namespace}/${inputs.serviceAccount}`)
    ]
  ];
  if (tokenPath)
    nodes.push(
      ['token', states.token, label('token', `aud ${inputs.audience}`)],
      ['docs', states['issuer-documents'], label('issuer documents', 'discovery + JWKS')],
      ['provider', states['iam-provider'], 'IAM OIDC provider'],
      ['role', states.role, label('role', inputs.role.name)]
    );
  if (podPath) nodes.push(['pod', states.pod, label('pod', 'aws sts get-caller-identity')]);
  nodes.push(['identity', identityState, 'assumed identity']);
  const lines = ['flowchart LR'];
  for (const [id, state, text] of nodes) lines.push(`  ${id}["${text}<br/>${MARK[state]}"]`);
  if (tokenPath) lines.push('  sa --> token --> docs --> provider --> role --> identity');
  if (podPath) lines.push('  sa --> pod --> identity');
  lines.push(
    '  classDef passed fill:#dafbe1,stroke:#1a7f37',
    '  classDef failed fill:#ffebe9,stroke:#cf222e',
    '  classDef skipped fill:#f6f8fa,stroke:#8c959f'
  );
  for (const [id, state] of nodes) lines.push(`  class ${id} ${CLASS[state]}`);
  return ['```mermaid', ...lines, '```'].join('\n');
}

export function diagnosisTable(checks: readonly Check[]): string {
  // A passed check has no fix: with every check passed the column would be empty from top to bottom.
  if (checks.every((entry) => entry.ok))
    return table(
      ['Check', 'Result', 'Detail'],
      checks.map((entry) => [entry.check, '✅', entry.detail])
    );
  return table(
    ['Check', 'Result', 'Detail', 'Fix'],
    checks.map((entry) => [entry.check, entry.ok ? '✅' : '❌', entry.detail, entry.fix])
  );
}

export function verifySummary(
  inputs: VerifyInputs,
  result: {
    verified: boolean;
    assumedRoleArn: string | undefined;
    checks: readonly Check[];
    notChecked?: readonly string[];
    podOtherRole?: string;
  }
): string {
  const firstFailure = result.checks.find((entry) => !entry.ok);
  const headline = result.verified
    ? `### ✅ IRSA verified: ${inputs.namespace}/${inputs.serviceAccount} assumes ${escapeHtmlOutsideCode(inputs.role.arn)}`
    : `### ❌ IRSA not verified: ${firstFailure ? `the ${firstFailure.check} check failed` : 'nothing was checked'}`;
  const lines = [headline, ''];
  if (result.assumedRoleArn) {
    // The output names whom STS let in, the verified role or not: the summary says which.
    const other = assumedRoleProblem(result.assumedRoleArn, inputs.role);
    lines.push(
      other
        ? `Assumed identity: ${code(result.assumedRoleArn)}, **not the verified role** ${code(inputs.role.arn)}`
        : `Assumed identity: ${code(result.assumedRoleArn)}`,
      ''
    );
  }
  if (result.podOtherRole)
    lines.push(
      `The pod's identity: ${code(result.podOtherRole)}, **not the verified role** ${code(inputs.role.arn)}`,
      ''
    );
  if (firstFailure) lines.push(`**Fix:** ${escapeHtmlOutsideCode(firstFailure.fix)}`, '');
  // The diagram marks such links only as not checked: the reason goes with it, not just to the log.
  for (const why of result.notChecked ?? [])
    lines.push(`${MARK['not checked']}: ${escapeHtmlOutsideCode(why)}`, '');
  lines.push(chainDiagram(inputs, result.checks), '', diagnosisTable(result.checks), '');
  return lines.join('\n');
}
