// Runs an action's committed bundle the way the runner does: inputs as INPUT_<NAME>, outputs and the
// step summary through the files named by GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..');

export interface BundleRun {
  status: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The `::error::` lines, without the prefix. */
  errors: string[];
  /** Values registered with `::add-mask::`. */
  masks: string[];
  /** Milliseconds from spawn to exit. */
  elapsedMs: number;
}

export interface BundleOptions {
  env?: Record<string, string | undefined>;
  node?: string;
  timeoutMs?: number;
  /** Kills the bundle when aborted: a runner cancelled or a machine lost mid-run. */
  signal?: AbortSignal;
  /** What the abort sends: SIGKILL (a lost machine, the default) or SIGINT (a cancelled job). */
  killSignal?: NodeJS.Signals;
  /** The tree whose actions/<action>/dist/index.js runs; default this checkout (another release's, extracted). */
  root?: string;
  /** Sees the bundle's process once spawned: a test that sends it more than one signal. */
  onSpawn?: (child: ChildProcess) => void;
}

/** Parses the GITHUB_OUTPUT file format that @actions/core writes (name<<DELIMITER ... DELIMITER). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      outputs[name as string] = value.join('\n');
      continue;
    }
    const plain = /^([^=]+)=(.*)$/.exec(lines[i] ?? '');
    if (plain) outputs[plain[1] as string] = plain[2] ?? '';
  }
  return outputs;
}

function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('INPUT_') && !key.startsWith('GITHUB_') && key !== 'NODE_OPTIONS') env[key] = value;
  }
  return env;
}

export async function runBundle(
  action: string,
  inputs: Record<string, string>,
  options: BundleOptions = {}
): Promise<BundleRun> {
  const work = mkdtempSync(join(tmpdir(), `talos-irsa-${action}-`));
  const outputFile = join(work, 'output');
  const summaryFile = join(work, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    RUNNER_TEMP: work,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...options.env
  };
  for (const [name, value] of Object.entries(inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const started = performance.now();
  const child = spawn(
    options.node ?? process.execPath,
    [join(options.root ?? repoRoot, 'actions', action, 'dist', 'index.js')],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    }
  );
  options.onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300000);
  options.signal?.addEventListener('abort', () => child.kill(options.killSignal ?? 'SIGKILL'), {
    once: true
  });
  const status = await new Promise<number>((done) => child.on('close', (code) => done(code ?? -1)));
  clearTimeout(timer);
  const elapsedMs = performance.now() - started;
  const result: BundleRun = {
    status,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    errors: stdout
      .split('\n')
      .filter((line) => line.startsWith('::error'))
      .map((line) => line.replace(/^::error[^:]*::/, '')),
    masks: stdout
      .split('\n')
      .filter((line) => line.startsWith('::add-mask::'))
      .map((line) => line.slice('::add-mask::'.length)),
    elapsedMs
  };
  rmSync(work, { recursive: true, force: true });
  return result;
}
