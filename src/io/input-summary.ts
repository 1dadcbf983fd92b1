// The job summary of a step that stopped on its inputs. Part of the entry's chunk, which a failing run
// reads alone (test/lazy-loading.test.ts): it imports nothing but the summary's Markdown helpers and redaction.
import type { UserError } from './errors.js';
import { oneLine } from './errors.js';
import { redactSecrets } from './redact.js';
import { code, table } from './summary.js';

export function inputFailureSummary(action: string, error: UserError, secrets: Iterable<string>): string {
  return [
    `### ${action}: stopped on its inputs`,
    '',
    table(
      ['Input', 'Error'],
      [[error.input ? code(error.input) : '—', redactSecrets(oneLine(error), secrets)]]
    ),
    '',
    'Nothing was written to AWS or the cluster: the step stopped before its first write. Correct the input and run it again.'
  ].join('\n');
}
