// The error line and job summary of a cancelled run (the runner's SIGINT or SIGTERM). Part of the entry's
// chunk, like the failed run's: it imports nothing but the summary's Markdown helpers and redaction.
import { oneLine } from './errors.js';
import { redactSecrets } from './redact.js';
import { code, listItem } from './summary.js';

export interface Cancelled {
  signal: NodeJS.Signals;
  /** The log group open when the signal came (src/io/entry.ts), the run's step as its log shows it. */
  step?: string;
  /** Whether the run had begun to write (ActionContext.writing) when the signal came. */
  wrote: boolean;
  /**
   * What the action's cancel handlers did, each a clause that says what it undid or could not; undefined
   * for an action that has none (src/io/cancel.ts takeCancelCleanup).
   */
  cleanup?: readonly string[];
  /** What the run had written, as its action reports it (ActionContext.written); undefined if it does not. */
  written?: readonly string[];
}

/** A list item of one line, redacted before its line breaks are joined (a masked value may hold some). */
const item = (text: string, secrets: Iterable<string>): string => listItem(redactSecrets(text, secrets));

const where = (run: Cancelled): string =>
  run.step ? `during ${run.step}` : run.wrote ? 'after it began to write' : 'before its first write';

/** The run's one error line: where it was stopped and what its cleanup did, as the summary says. */
export function cancelledLine(action: string, run: Cancelled, secrets: Iterable<string>): string {
  const notes = (run.cleanup ?? []).map((note) => `; ${note}`).join('');
  return redactSecrets(oneLine(`${action} was cancelled (${run.signal}) ${where(run)}${notes}.`), secrets);
}

/**
 * Says the run was cancelled, at which step, whether it had written, and what its cleanup did: only
 * what a handler did and saw (a delete the cluster answered, a directory found gone), never what it
 * meant to do. A run killed before it gets here writes nothing (README, Design notes).
 */
export function cancelledSummary(action: string, run: Cancelled, secrets: Iterable<string>): string {
  const progress = run.wrote ? 'after the step had begun to write' : 'before its first write';
  const at = run.step ? `during ${code(run.step)}, ${progress}` : progress;
  const lines = [`### ${action}: cancelled`, '', `Cancelled by ${run.signal} ${at}.`, ''];
  if (run.written?.length)
    lines.push(
      '**Written before the cancel** (each step AWS or the cluster had answered; a step under way is not listed):',
      '',
      ...run.written.map((change) => item(change, secrets)),
      ''
    );
  if (run.cleanup === undefined) {
    lines.push(
      run.wrote
        ? 'This step undoes nothing when it is cancelled: it stopped at once. What it wrote before the cancel stays, and a write it had sent may or may not have been applied; its next run picks up from what it finds.'
        : 'Nothing was written to AWS or the cluster: the step was cancelled before its first write.'
    );
  } else {
    lines.push('**Cleanup on cancel:**', '');
    if (run.cleanup.length === 0) lines.push('- nothing of this run was left to undo');
    for (const note of run.cleanup) lines.push(item(note, secrets));
    lines.push(
      '',
      run.wrote
        ? 'Anything else it wrote before the cancel stays; its next run picks up from what it finds.'
        : 'Nothing else was written to AWS or the cluster: the step was cancelled before its first write.'
    );
  }
  return redactSecrets(lines.join('\n'), secrets);
}
