import type { WarningOptions } from './warnings.js';

/** What run() needs of the runner's log; the entry backs it with workflow commands, tests with memory. */
export interface Logger {
  info(message: string): void;
  /** A workflow command the action itself issues (terraform's stop-commands window, its annotations), as is. */
  command(line: string): void;
  /** An annotation, and a line of the job summary's Warnings unless `options.inSummary` (src/io/warnings.ts). */
  warning(message: string, options?: WarningOptions): void;
  debug(message: string): void;
  group<T>(name: string, body: () => Promise<T>): Promise<T>;
}

export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  /** The warnings given with `inSummary`, which the entry would leave out of the summary's Warnings list. */
  readonly shownInSummary: string[] = [];
  info(message: string): void {
    this.lines.push(message);
  }
  command(line: string): void {
    this.lines.push(line);
  }
  warning(message: string, options?: WarningOptions): void {
    this.lines.push(`::warning::${message}`);
    if (options?.inSummary) this.shownInSummary.push(message);
  }
  debug(message: string): void {
    this.lines.push(`::debug::${message}`);
  }
  async group<T>(name: string, body: () => Promise<T>): Promise<T> {
    this.lines.push(`::group::${name}`);
    try {
      return await body();
    } finally {
      this.lines.push('::endgroup::');
    }
  }
  text(): string {
    return this.lines.join('\n');
  }
}
