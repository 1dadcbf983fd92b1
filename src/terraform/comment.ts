import { redactSecrets } from '../io/redact.js';
import type { PlanCounts } from './plan.js';
import { planSummary, stateOnlyText } from './plan.js';

/** GitHub rejects issue comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
// Measured in UTF-8 bytes, which are never fewer than characters however GitHub counts them, and
// kept well below the limit so the header, note and markup always fit.
const DEFAULT_BUDGET = 60_000;

export type ProvisionCommand = 'plan' | 'apply' | 'destroy' | 'output';

export interface PlanReport {
  clusterName: string;
  command: Exclude<ProvisionCommand, 'output'>;
  counts: PlanCounts;
  hasChanges: boolean;
  /** `terraform show -no-color PLANFILE`: sensitive values already read "(sensitive value)". */
  planText: string;
  /** The workflow run, where the full plan is in the log. */
  logUrl?: string;
}

/** The hidden first line by which the action finds its own comment again on the next run. */
export function commentMarker(clusterName: string): string {
  return `<!-- talos-irsa:provision cluster=${clusterName} -->`;
}

const MARKER = /^(\s*)(-\/\+|\+\/-|<=|[-+~]) (.*)$/;
// GitHub's diff highlighting colours lines by their first character: + added, - removed, ! changed.
const DIFF_MARK: Record<string, string> = { '+': '+', '-': '-', '~': '!', '-/+': '!', '+/-': '!', '<=': '#' };

/** Terraform's plan text with each change marker moved to column 0, keeping the alignment. */
export function planAsDiff(planText: string): string {
  return planText
    .split(/\r?\n/)
    .map((line) => {
      const match = MARKER.exec(line);
      if (!match) return /^[-+!#@]/.test(line) ? ` ${line}` : line;
      const [, indent = '', marker = '', rest = ''] = match;
      return `${DIFF_MARK[marker] ?? ' '}${' '.repeat(indent.length + marker.length)}${rest}`;
    })
    .join('\n')
    .replace(/^\n+/, '')
    .trimEnd();
}

function outcome(report: PlanReport): string {
  // A plan with nothing to do says so as apply does: 'Plan only' would leave the counts to tell it.
  if (!report.hasChanges) return `No changes: nothing to ${report.command === 'destroy' ? 'destroy' : 'apply'}.`;
  if (report.command === 'plan') return 'Plan only: nothing was applied.';
  return report.command === 'destroy' ? 'Destroyed.' : 'Applied.';
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** The longest prefix of `text` (whole lines where possible) that fits in `budget` UTF-8 bytes. */
export function cutToBytes(text: string, budget: number): string {
  if (bytes(text) <= budget) return text;
  let kept = '';
  for (const line of text.split('\n')) {
    const next = kept === '' ? line : `${kept}\n${line}`;
    if (bytes(next) > budget) {
      if (kept !== '') return kept;
      // A single line longer than the budget: cut at a code point's first byte, never inside a character.
      const encoded = Buffer.from(line, 'utf8');
      let end = Math.max(0, budget);
      while (end > 0 && ((encoded[end] ?? 0) & 0xc0) === 0x80) end -= 1;
      return encoded.subarray(0, end).toString('utf8');
    }
    kept = next;
  }
  return kept;
}

function fenceFor(text: string): string {
  // A fence longer than any backtick run inside, so plan text can never close the block early.
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * The PR comment (and job summary): marker, counts, outcome, then the plan collapsed in a diff
 * block, cut at a line with a pointer to the log when it would not fit under GitHub's limit.
 */
export function planReportMarkdown(
  report: PlanReport,
  options: { marker?: boolean; budget?: number; secrets?: Iterable<string> } = {}
): string {
  const budget = Math.min(options.budget ?? DEFAULT_BUDGET, GITHUB_COMMENT_LIMIT);
  const header = [
    ...(options.marker === false ? [] : [commentMarker(report.clusterName)]),
    `### Terraform ${report.command} for cluster \`${report.clusterName}\``,
    '',
    `**${planSummary(report.counts)}${stateOnlyText(report.counts)}.** ${outcome(report)}`,
    ''
  ].join('\n');
  // Redacted before the cut: a secret cut in half would no longer match, and its first half would stay.
  const diff = planAsDiff(redactSecrets(report.planText, options.secrets ?? []));
  const fence = fenceFor(diff);
  const where = report.logUrl ? `the [workflow log](${report.logUrl})` : "this step's log";
  const render = (body: string, note: string): string =>
    `${header}\n<details><summary>Show plan</summary>\n\n${fence}diff\n${body}\n${fence}\n\n</details>\n${note}`;

  const whole = render(diff, '');
  if (bytes(whole) <= budget) return whole;
  const totalLines = diff.split('\n').length;
  // The note's length depends on the kept line count; reserve room for its longest form.
  const longestNote = `\n> The plan was cut at line ${totalLines} of ${totalLines} to fit in a comment; the full plan is in ${where}.\n`;
  const room = budget - bytes(render('', longestNote));
  const kept = cutToBytes(diff, Math.max(0, room));
  const keptLines = kept === '' ? 0 : kept.split('\n').length;
  const note = `\n> The plan was cut at line ${keptLines} of ${totalLines} to fit in a comment; the full plan is in ${where}.\n`;
  return render(kept, note);
}

export interface FailureReport {
  clusterName: string;
  command: Exclude<ProvisionCommand, 'output'>;
  /** The terraform subcommand that failed: init, plan, apply. */
  failedStep: string;
  errors: string[];
  logUrl?: string;
}

/**
 * The PR comment when terraform failed: it replaces the last plan, which no longer describes the
 * pull request, with the errors and a pointer to the log.
 */
export function failureReportMarkdown(
  report: FailureReport,
  options: { budget?: number; secrets?: Iterable<string> } = {}
): string {
  const budget = Math.min(options.budget ?? DEFAULT_BUDGET, GITHUB_COMMENT_LIMIT);
  const where = report.logUrl ? `the [workflow log](${report.logUrl})` : "this step's log";
  const header = [
    commentMarker(report.clusterName),
    `### Terraform ${report.command} for cluster \`${report.clusterName}\``,
    '',
    `**\`terraform ${report.failedStep}\` failed.** The details are in ${where}.`,
    ''
  ].join('\n');
  // In a code block: terraform's errors quote the pull request's code and Go values such as <nil>,
  // which as Markdown would open HTML tags (hiding text) or @-mention people.
  // A terraform stopped by a signal, or that could not start, printed none: no empty block then.
  if (report.errors.length === 0) return header;
  const errors = report.errors
    .map((error) => redactSecrets(error, options.secrets ?? []).replace(/\s+/g, ' '))
    .join('\n');
  const fence = fenceFor(errors);
  const room = budget - bytes(header) - bytes(`\n${fence}text\n\n${fence}\n`);
  return `${header}\n${fence}text\n${cutToBytes(errors, room)}\n${fence}\n`;
}

