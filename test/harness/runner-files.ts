// The runner as an in-process run of the entry (src/io/entry.ts) sees it: every line it writes to
// stdout kept, GITHUB_OUTPUT (and GITHUB_STEP_SUMMARY) files in a directory of the test's own, and the
// environment and exit code put back after each test.
import { afterEach, beforeEach, jest } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stdoutLines } from '../../src/io/workflow-commands.js';

export interface RunnerFiles {
  /** The current test's stdout lines; a test that spies on stdout itself pushes to it. */
  readonly lines: string[];
  /** The current test's directory: `output` is GITHUB_OUTPUT, `summary` GITHUB_STEP_SUMMARY when set. */
  readonly dir: string;
  /** The path of `summary` in `dir`. */
  readonly summaryFile: string;
}

/**
 * Registers the beforeEach/afterEach of a describe whose tests run the entry in process. With
 * `summary: false`, GITHUB_STEP_SUMMARY is left for each test to point where it needs.
 */
export function useRunnerFiles(prefix: string, options: { summary?: boolean } = {}): RunnerFiles {
  const state = { lines: [] as string[], dir: '' };
  const saved = { summary: process.env.GITHUB_STEP_SUMMARY, output: process.env.GITHUB_OUTPUT };
  beforeEach(() => {
    state.lines = [];
    jest.spyOn(stdoutLines, 'write').mockImplementation((line: string) => {
      state.lines.push(line);
    });
    state.dir = mkdtempSync(join(tmpdir(), prefix));
    process.env.GITHUB_OUTPUT = join(state.dir, 'output');
    writeFileSync(process.env.GITHUB_OUTPUT, '');
    if (options.summary !== false) {
      process.env.GITHUB_STEP_SUMMARY = join(state.dir, 'summary');
      writeFileSync(process.env.GITHUB_STEP_SUMMARY, '');
    }
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(state.dir, { recursive: true, force: true });
    for (const [name, value] of [
      ['GITHUB_STEP_SUMMARY', saved.summary],
      ['GITHUB_OUTPUT', saved.output]
    ] as const)
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    process.exitCode = undefined;
  });
  return {
    get lines() {
      return state.lines;
    },
    get dir() {
      return state.dir;
    },
    get summaryFile() {
      return join(state.dir, 'summary');
    }
  };
}
