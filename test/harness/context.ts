// The ActionContext an in-process test gives an action: the entry's masking (src/io/redact.ts
// maskedValues), so that ctx.redact redacts every value the run masked, as the entry's does.
import type { ActionContext } from '../../src/io/action.js';
import { mapInputReader } from '../../src/io/inputs.js';
import { MemoryLogger } from '../../src/io/logger.js';
import { maskedValues } from '../../src/io/redact.js';
import type { Masker } from '../../src/io/secrets.js';

export interface TestContextOptions {
  inputs?: Record<string, string | undefined>;
  env?: NodeJS.ProcessEnv;
  log?: MemoryLogger;
  /** Also told of each value masked (the entry tells the runner). */
  onMask?: Masker;
  writing?: () => void;
}

export interface TestContext {
  ctx: ActionContext;
  log: MemoryLogger;
  /** Every value the run masked, in order. */
  masked: readonly string[];
}

export function testContext(options: TestContextOptions = {}): TestContext {
  const log = options.log ?? new MemoryLogger();
  const { mask, redact, masked } = maskedValues(options.onMask ?? (() => undefined));
  const ctx: ActionContext = {
    read: mapInputReader(options.inputs ?? {}),
    log,
    mask,
    redact,
    env: options.env ?? process.env,
    ...(options.writing ? { writing: options.writing } : {})
  };
  return { ctx, log, masked };
}
