// The job summary of a step that stopped on its inputs. Part of the entry's chunk, which a failing run
// reads alone (test/lazy-loading.test.ts): it imports nothing but the summary's Markdown helpers.
import type { UserError } from './errors.js';
import { oneLine } from './errors.js';
import { code, table } from './summary.js';

/**
 * Every masked value, longest first, becomes `***` as the runner shows it in the log. The summary is
 * a file the runner uploads, not the log: it must not rely on the log's masking.
 */
export function redacted(text: string, secrets: Iterable<string>): string {
  const longestFirst = [...new Set(secrets)].filter((s) => s !== '').sort((a, b) => b.length - a.length);
  return longestFirst.reduce((rest, secret) => rest.split(secret).join('***'), text);
}

export function inputFailureSummary(action: string, error: UserError, secrets: Iterable<string>): string {
  return [
    `### ${action}: stopped on its inputs`,
    '',
    table(['Input', 'Error'], [[error.input ? code(error.input) : '—', redacted(oneLine(error), secrets)]]),
    '',
    'Nothing was written to AWS or the cluster: the step stopped before its first write. Correct the input and run it again.'
  ].join('\n');
}
