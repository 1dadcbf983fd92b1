import type { InputReader } from './inputs.js';
import type { Logger } from './logger.js';
import type { Masker } from './secrets.js';

/** What every action's run() receives from its entry: the runner, behind small interfaces. */
export interface ActionContext {
  read: InputReader;
  log: Logger;
  mask: Masker;
  /**
   * The text with every value masked so far in the run, by any module through `mask`, replaced by
   * `***` as the entry redacts the outputs and summary (src/io/redact.ts): for text from a cluster or
   * AWS, before it is cut short to be quoted, since a cut may split a value that no later redaction,
   * nor the runner's masking, recognises in part.
   */
  redact(text: string): string;
  env: NodeJS.ProcessEnv;
  /**
   * Called before the run's first write to AWS, the cluster or Terraform. A bad input found before it
   * changed nothing, and the entry's summary says so; one found after it gets no such summary.
   * Absent where a test calls an action itself.
   */
  writing?: () => void;
  /**
   * Gives the entry a reader of what the run has written so far, each change AWS or the cluster has
   * answered, which a cancelled run's summary lists. Absent where a test calls an action itself.
   */
  written?: (read: () => readonly string[]) => void;
}

export interface ActionResult {
  outputs: Record<string, string>;
  /**
   * The outputs the entry writes as they are: a secret on purpose (provision's kubeconfig), or a value
   * the action built only from what cannot hold one. The entry redacts every other output, and the
   * summary, of what the run masked.
   */
  verbatimOutputs?: readonly string[];
  /** Markdown for the job summary. Redacted by the entry of what the run masked, as a safeguard. */
  summary: string;
  /** Set when the step must fail after its outputs were set (e.g. verify-irsa's verified=false). */
  failure?: string;
}
