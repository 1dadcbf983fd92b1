import { randomUUID } from 'node:crypto';
import { settlesWithin } from '../io/cancel.js';
import type { Logger } from '../io/logger.js';
import type { Diagnostic } from './diagnostics.js';
import { describeDiagnostic, errorAnnotation, errorDiagnostics } from './diagnostics.js';

export interface StreamOptions {
  /**
   * Lines from the first one matching this are held back until `release` has run: `apply` prints
   * the outputs last, and any secret among them must be masked before that text reaches the log.
   */
  holdFrom?: RegExp;
  /** Runs after a successful command, with workflow commands enabled (so it may register masks). */
  release?: () => Promise<void>;
  /** Sees each line as it comes, for what deserves more than a log line. */
  watch?: (line: string) => void;
}

/** What run() needs of Terraform: two ways of running one command in the root module. */
export interface TerraformRunner {
  /** Runs a command whose output may be shown: streamed, line by line, into a log group. */
  stream(args: string[], options?: StreamOptions): Promise<void>;
  /** Runs a command whose stdout may hold secrets: captured, never logged, and returned. */
  capture(args: string[]): Promise<string>;
  /**
   * Asks the running command to stop with `signal` (SIGINT), on which terraform finishes what it is
   * writing, saves its state and releases its lock, and waits up to `waitMs` for it to exit. Undefined
   * when nothing was running; else the command (`apply`) and whether it exited in time. Terraform takes
   * SIGTERM as an interrupt too, and a second interrupt as the order to exit at once.
   */
  interrupt(
    waitMs: number,
    signal?: NodeJS.Signals
  ): Promise<{ command: string; stopped: boolean } | undefined>;
}

/** A terraform command that failed; its diagnostics have already been raised as annotations. */
export class TerraformCommandError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | undefined,
    detail: string,
    /** Each error diagnostic as one line, for a PR comment that says why the plan failed. */
    readonly errors: string[] = []
  ) {
    super(`terraform ${command} failed${exitCode === undefined ? '' : ` with exit code ${exitCode}`}: ${detail}`);
    this.name = 'TerraformCommandError';
  }
}

export interface TerraformCliOptions {
  binary: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** Says an error diagnostic in the caller's terms (undefined: as terraform says it). */
  explain?: (diagnostic: Diagnostic) => string | undefined;
}

/**
 * Terraform prints values from the configuration; a line of it that looks like a workflow command
 * (::set-output, ::add-mask::, ::error::) must not be obeyed, so commands are paused around it.
 */
async function verbatim<T>(log: Logger, body: () => Promise<T>): Promise<T> {
  const token = randomUUID();
  log.command(`::stop-commands::${token}`);
  try {
    return await body();
  } finally {
    log.command(`::${token}::`);
  }
}

/**
 * Why a command that printed no error failed. Not execa's message: it quotes the whole command
 * line, and `init`'s -backend-config=KEY=VALUE arguments may hold credentials.
 */
export function silentFailure(result: { signal?: string; cause?: unknown }, binary: string): string {
  if (result.signal) return `it was stopped by ${result.signal}.`;
  const code = (result.cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return `${binary} could not be started (${code}).`;
  return 'it printed no error.';
}

/**
 * Starts a process with umask 077, so that what terraform creates is its owner's alone: a local
 * state (every secret of the cluster), its backup, init's record of the backend settings. Terraform
 * creates them 0666 less the umask (hashicorp/terraform#20410, #34949), 0644 under a runner's 022.
 * The child takes the umask when it is spawned, which execa does before returning.
 */
function ownerOnlyFiles<T>(spawn: () => T): T {
  const previous = process.umask(0o077);
  try {
    return spawn();
  } finally {
    process.umask(previous);
  }
}

export function terraformCli(options: TerraformCliOptions): TerraformRunner {
  // Automation mode drops the "run terraform apply next" hints that make no sense in a workflow.
  const env = { ...options.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  let running: (PromiseLike<unknown> & { kill(signal: NodeJS.Signals): boolean }) | undefined;
  let runningCommand = '';

  const execute = async (args: string[], onLine?: (line: string) => void) => {
    // Loaded lazily so that bad inputs fail before any of the process machinery is touched.
    const { execa } = await import('execa');
    const subprocess = ownerOnlyFiles(() =>
      execa(options.binary, [...args.slice(0, 1), '-no-color', ...args.slice(1)], {
        cwd: options.cwd,
        env,
        extendEnv: false,
        stdin: 'ignore',
        all: true,
        reject: false,
        maxBuffer: 256 * 1024 * 1024
      })
    );
    running = subprocess;
    runningCommand = args[0] ?? '';
    try {
      if (onLine) for await (const line of subprocess.iterable({ from: 'all' })) onLine(line);
      return await subprocess;
    } finally {
      running = undefined;
    }
  };

  const fail = (args: string[], stderr: string, exitCode: number | undefined, fallback: string): never => {
    const command = args[0] ?? '';
    const diagnostics = errorDiagnostics(stderr);
    const errors = diagnostics.map((diagnostic) => options.explain?.(diagnostic) ?? describeDiagnostic(diagnostic));
    for (const error of errors) options.log.command(errorAnnotation(error, `terraform ${command}`));
    const lastLine = stderr.trim().split('\n').pop()?.trim();
    const detail =
      diagnostics.length > 0
        ? `${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'}, annotated above.`
        : lastLine || fallback;
    throw new TerraformCommandError(command, exitCode, detail, errors);
  };

  return {
    async stream(args, streamOptions = {}) {
      await options.log.group(`terraform ${args[0] ?? ''}`, async () => {
        const held: string[] = [];
        const result = await verbatim(options.log, () =>
          execute(args, (line) => {
            streamOptions.watch?.(line);
            if (held.length === 0 && !streamOptions.holdFrom?.test(line)) options.log.info(line);
            else held.push(line);
          })
        );
        if (result.failed) fail(args, String(result.stderr ?? ''), result.exitCode, silentFailure(result, options.binary));
        await streamOptions.release?.();
        if (held.length > 0) await verbatim(options.log, async () => held.forEach((line) => options.log.info(line)));
      });
    },
    async interrupt(waitMs, signal = 'SIGINT') {
      const child = running;
      if (!child) return undefined;
      const command = runningCommand;
      child.kill(signal);
      return { command, stopped: await settlesWithin(child, waitMs) };
    },
    async capture(args) {
      const result = await execute(args);
      if (result.failed) fail(args, String(result.stderr ?? ''), result.exitCode, silentFailure(result, options.binary));
      return String(result.stdout ?? '');
    }
  };
}
