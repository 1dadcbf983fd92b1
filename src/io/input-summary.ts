// The job summary of a step that stopped on its inputs. Part of the entry's chunk, which a failing run
// reads alone (test/lazy-loading.test.ts): it imports nothing but the summary's Markdown helpers and redaction.
import type { UserError } from './errors.js';
import { oneLine } from './errors.js';
import { redactSecrets } from './redact.js';
import { code, escapeHtmlOutsideCode, table } from './summary.js';

export function inputFailureSummary(action: string, error: UserError, secrets: Iterable<string>): string {
  const line = redactSecrets(oneLine(error), secrets);
  // A refusal that names no input (an environment variable, what the cluster serves) has no input to
  // show in a table nor to correct: its title and advice say what did stop the step.
  if (!error.input)
    return [
      `### ${action}: stopped before its first write`,
      '',
      `**Error:** ${escapeHtmlOutsideCode(line)}`,
      '',
      'Nothing was written to AWS or the cluster. Correct what the error names and run it again.'
    ].join('\n');
  return [
    `### ${action}: stopped on its inputs`,
    '',
    table(['Input', 'Error'], [[code(error.input), line]]),
    '',
    'Nothing was written to AWS or the cluster: the step stopped before its first write. Correct the input and run it again.'
  ].join('\n');
}

/**
 * The job summary of a step that failed on anything but its inputs, or on an input found once it had
 * begun to write: the error, and whether anything may have been written, which the log tells change by
 * change. Without it a failed scheduled run's summary would say nothing at all.
 */
export function runFailureSummary(
  action: string,
  line: string,
  wrote: boolean,
  secrets: Iterable<string>
): string {
  return [
    `### ${action}: failed`,
    '',
    `**Error:** ${escapeHtmlOutsideCode(redactSecrets(line, secrets))}`,
    '',
    wrote
      ? 'The step failed after it began to write: what it wrote before the error stays. Run it again once the cause is fixed.'
      : 'Nothing was written to AWS or the cluster: the step failed before its first write. Run it again once the cause is fixed.'
  ].join('\n');
}
