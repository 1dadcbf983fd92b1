// Runs a bundle as the runner does (INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files),
// from whichever bundle set the bench measures; the test harness's runBundle always runs the
// working tree's dist/, which other engineers rebuild while the bench runs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOutputFile } from '../test/harness/run-bundle.js';

export interface BundleOutcome {
  status: number;
  outputs: Record<string, string>;
  errors: string[];
  /** The last lines of stdout and stderr, to explain a failure. */
  tail: string;
  elapsedMs: number;
}

/** The bench process's environment without runner variables, which each run sets for itself. */
export function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env))
    if (
      value !== undefined &&
      !key.startsWith('INPUT_') &&
      !key.startsWith('GITHUB_') &&
      key !== 'NODE_OPTIONS'
    )
      env[key] = value;
  return env;
}

export async function runBundleAt(
  entry: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
  node = process.execPath
): Promise<BundleOutcome> {
  const work = mkdtempSync(join(tmpdir(), 'talos-irsa-bench-'));
  const outputFile = join(work, 'output');
  writeFileSync(outputFile, '');
  writeFileSync(join(work, 'summary'), '');
  const childEnv: Record<string, string> = {
    ...env,
    RUNNER_TEMP: work,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: join(work, 'summary')
  };
  for (const [name, value] of Object.entries(inputs))
    childEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const started = performance.now();
  const child = spawn(node, [entry], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const status = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  const elapsedMs = performance.now() - started;
  const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
  rmSync(work, { recursive: true, force: true });
  return {
    status,
    outputs,
    errors: stdout
      .split('\n')
      .filter((line) => line.startsWith('::error'))
      .map((line) => line.replace(/^::error[^:]*::/, '')),
    tail: `${stdout.split('\n').slice(-15).join('\n')}\n${stderr.split('\n').slice(-10).join('\n')}`.trim(),
    elapsedMs
  };
}

/** A run the bench depends on must succeed; a failure stops the bench with the bundle's own words. */
export function mustSucceed(what: string, run: BundleOutcome): BundleOutcome {
  if (run.status !== 0)
    throw new Error(`${what} failed (exit ${run.status}): ${run.errors.join(' | ') || run.tail}`);
  return run;
}
