import { code, escapeHtmlOutsideCode, table } from '../io/summary.js';
import type { DocumentLocations } from '../oidc/document-locations.js';
import type { RetentionPlan } from '../oidc/key-retention.js';
import type { PublishInputs } from './inputs.js';

export interface SummaryFacts {
  inputs: PublishInputs;
  locations: DocumentLocations;
  retention: RetentionPlan;
  providerArn: string;
  changes: string[];
  failure: string | undefined;
}

function isoTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

/** What a run with nothing to change can vouch for: only what its inputs had it read. */
export function nothingToChange(inputs: PublishInputs): string {
  const checked = [
    'the published documents',
    ...(inputs.manageBucket ? ["the bucket's public read of them"] : []),
    ...(inputs.createProvider ? ['the IAM OIDC provider'] : [])
  ];
  // The documents come first and are plural, so the list always takes 'are'.
  const list = checked.length > 1 ? `${checked.slice(0, -1).join(', ')} and ${checked.at(-1)}` : checked[0];
  const unchecked = [
    ...(inputs.manageBucket ? [] : ["the bucket's settings (manage-bucket: false)"]),
    ...(inputs.createProvider ? [] : ['the IAM OIDC provider (create-provider: false)'])
  ];
  return (
    `Nothing to change: ${list} are up to date.` +
    (unchecked.length > 0 ? ` Not checked: ${unchecked.join(' and ')}.` : '')
  );
}

/** The title says what the run did, so a reader of the job page need not scroll to the list. */
function headline(facts: SummaryFacts): string {
  const count = facts.changes.length;
  const changes = count === 1 ? '1 change' : `${count} changes`;
  if (facts.inputs.dryRun)
    return `publish-oidc (dry run): ${count > 0 ? `${changes} to make, nothing written` : 'nothing to change'}`;
  if (facts.failure) return 'publish-oidc: the documents are not publicly readable';
  return `publish-oidc: ${count > 0 ? `${changes} made` : 'nothing to change'}`;
}

/**
 * The job summary: a failed public read check first, then where the documents are, which keys they
 * hold and why, and what this run changed.
 */
export function publishSummary(facts: SummaryFacts): string {
  const { inputs, locations, retention } = facts;
  const title = `### ${headline(facts)}`;
  // GitHub renders a table's first row as its header: an empty one shows as a blank bar.
  const where = table(
    ['What', 'Where'],
    [
      ['Issuer', code(locations.issuer)],
      ['Discovery document', locations.discoveryUrl],
      ['JWKS', locations.jwksUrl + (locations.jwksUriRewritten ? ' (jwks_uri rewritten)' : '')],
      [
        'IAM OIDC provider',
        facts.providerArn
          ? code(facts.providerArn)
          : inputs.dryRun && inputs.createProvider
            ? '(would be created)'
            : 'none'
      ]
    ]
  );
  const keyRows = [
    ...retention.newKids.map((kid) => [code(kid), 'new']),
    ...retention.currentKids.map((kid) => [code(kid), 'kept (served by the cluster)']),
    ...retention.retained.map((entry) => [
      code(entry.key.kid),
      `retired, kept until ${isoTime(entry.until)}`
    ]),
    ...retention.droppedKids.map((kid) => [code(kid), 'retired, removed'])
  ];
  const verb = inputs.dryRun ? 'Would change' : 'Changed';
  const changes =
    facts.changes.length > 0
      ? `${verb}:\n${facts.changes.map((change) => `- ${change}`).join('\n')}`
      : nothingToChange(inputs);
  // A failure comes first, under the title, as the other actions' summaries put theirs: it is what
  // the reader has to act on, and it would otherwise sit below the list of changes.
  const failure = facts.failure
    ? [`**Public read check failed:** ${escapeHtmlOutsideCode(facts.failure)}`]
    : [];
  return [title, ...failure, where, table(['Key ID', 'Status'], keyRows), changes].join('\n\n') + '\n';
}
