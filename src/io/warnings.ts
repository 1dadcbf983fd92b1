// Every warning a run gives, for its job summary. The runner shows a warning as an annotation on the
// run's page, but whoever reads a scheduled run reads its summary: one shared list, not each action's.
import { listItem } from './summary.js';

export interface WarningOptions {
  /**
   * The action's own summary shows this warning already (a failed check's row, a "Left in place" line),
   * so it is not listed again. Only when that summary is written: a run that throws lists it all the same.
   */
  inSummary?: boolean;
}

/** The warnings of one run, in the order given, each once. */
export class RunWarnings {
  // Each message, and whether the action's own summary shows it.
  private readonly seen = new Map<string, boolean>();

  add(message: string, options: WarningOptions = {}): void {
    const shown = this.seen.get(message) ?? true;
    this.seen.set(message, shown && options.inSummary === true);
  }

  /**
   * `summary` with the list appended, after a blank line (a table or paragraph that ends the summary must
   * end before the heading); as it is when there is nothing to list. `actionSummary`: whether `summary`
   * is the action's own, which shows the warnings it said it shows.
   */
  appendTo(summary: string, actionSummary: boolean): string {
    const listed = [...this.seen].filter(([, shown]) => !actionSummary || !shown).map(([message]) => message);
    if (listed.length === 0) return summary;
    const items = listed.map(listItem);
    return [summary.replace(/\n*$/, ''), '', `#### Warnings (${listed.length})`, '', ...items, ''].join('\n');
  }
}
