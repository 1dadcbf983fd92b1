// Runs one job of a workflow on this machine the way a GitHub runner would, as far as the suite's
// own jobs need: `run:` steps in bash with GITHUB_OUTPUT/GITHUB_ENV/GITHUB_STEP_SUMMARY files, and
// `uses: ./actions/X` steps through X's action.yml (defaults applied, INPUT_* variables, its
// `runs.main` under the given node). Expressions are limited to what those jobs use — steps.*
// outputs and outcomes, env.*, the secrets/vars/inputs/matrix/github/needs contexts,
// fromJSON(...).key, 'literals', ==, !=, && and ||, always()/failure()/success() — and anything
// else is an error, never silently empty. jobCondition and jobOutputs evaluate a job's `if` and
// its `outputs`, the latter with GitHub's rule that an output holding a secret's value is dropped. Third-party actions and set-up steps are skipped by the
// caller's choice (`skip`), since the local stack is already up.
//
//   npm run stack   # in another terminal; then, with its environment exported:
//   npx tsx scripts/run-workflow-job.ts .github/workflows/ci.yml local-stack
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { localActionName } from './check-workflows.js';

export interface WorkflowStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, unknown>;
  with?: Record<string, unknown>;
  'continue-on-error'?: boolean;
}

export interface StepResult {
  key: string;
  name: string;
  outcome: 'success' | 'failure' | 'skipped';
  conclusion: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
  log: string;
  /** What the step wrote to GITHUB_STEP_SUMMARY (run: steps and actions alike; none for skipped or stand-in steps). */
  summary?: string;
}

export interface RunOptions {
  root: string;
  workflow: string;
  job: string;
  /** Environment the job starts with (the local stack's, typically). */
  env: Record<string, string | undefined>;
  /** Steps not to run (set-up the caller has already done): returns why, or undefined to run it. */
  skip?: (step: WorkflowStep) => string | undefined;
  /** Node binary for `uses:` steps; default this process's. */
  node?: string;
  /** Values of the contexts (flat: name → value, e.g. needs: { 'targets.outputs.clusters': '[]' }). */
  contexts?: Partial<Record<ContextName, Record<string, string>>>;
  /**
   * A stand-in for a step that cannot run here (a real terraform apply): when it returns a result,
   * the step is not run but ends as that result says, if its condition lets it start at all.
   */
  standIn?: (step: WorkflowStep) => StandIn | undefined;
  /** Outputs of steps that are skipped here but whose outputs later steps read (by step id). */
  seededOutputs?: Record<string, Record<string, string>>;
  /** RUNNER_TEMP for the job; default a new directory under the system's temp. */
  runnerTemp?: string;
  /** Job environment values to use instead of the workflow's (a unique bucket per test run). */
  overrides?: Record<string, string>;
  /** Where the bundle of action X is; default actions/X/dist (what `uses: ./actions/X` runs). */
  distDir?: (action: string) => string;
  timeoutMs?: number;
}

type ContextName = 'secrets' | 'vars' | 'inputs' | 'matrix' | 'github' | 'needs';

export interface StandIn {
  outcome: 'success' | 'failure';
  outputs?: Record<string, string>;
  log?: string;
}

interface Context {
  contexts: NonNullable<RunOptions['contexts']>;
  env: Record<string, string>;
  steps: Map<string, StepResult>;
  failed: boolean;
}

/** GitHub's file command format: `name=value` lines and `name<<DELIM` … `DELIM` blocks. */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter = ''] = heredoc;
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) body.push(lines[i] ?? '');
      values[name] = body.join('\n');
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      values[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return values;
}

function evaluate(expression: string, ctx: Context): string | boolean {
  const expr = expression.trim();
  // Just enough of the operators: a || b (the first truthy value), a && b, x == 'literal', x != 'literal'.
  if (expr.includes('||')) {
    const values = expr.split('||').map((part) => evaluate(part, ctx));
    return values.find((value) => Boolean(value)) ?? values.at(-1) ?? '';
  }
  if (expr.includes('&&')) return expr.split('&&').every((part) => Boolean(evaluate(part, ctx)));
  const literal = /^'([^']*)'$/.exec(expr);
  if (literal) return literal[1] ?? '';
  const comparison = /^(.+?)\s*(==|!=)\s*'([^']*)'$/.exec(expr);
  if (comparison) {
    const equal = String(evaluate(comparison[1] ?? '', ctx)) === comparison[3];
    return comparison[2] === '==' ? equal : !equal;
  }
  if (expr === 'always()') return true;
  if (expr === 'failure()') return ctx.failed;
  if (expr === 'success()') return !ctx.failed;
  let match = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
  if (match) return ctx.steps.get(match[1] ?? '')?.outputs[match[2] ?? ''] ?? '';
  match = /^steps\.([\w-]+)\.(outcome|conclusion)$/.exec(expr);
  if (match) return ctx.steps.get(match[1] ?? '')?.[match[2] as 'outcome' | 'conclusion'] ?? '';
  match = /^(secrets|vars|inputs|matrix|github|needs)\.([\w.-]+)$/.exec(expr);
  if (match) {
    const values = ctx.contexts[match[1] as ContextName];
    if (!values) throw new Error(`run-workflow-job: no ${match[1]} context given for \${{ ${expr} }}`);
    return values[match[2] ?? ''] ?? '';
  }
  match = /^env\.([\w]+)$/.exec(expr);
  if (match) return ctx.env[match[1] ?? ''] ?? '';
  match = /^fromJSON\((.+)\)\.([\w-]+)$/.exec(expr);
  if (match) {
    const inner = evaluate(match[1] ?? '', ctx);
    const value = (JSON.parse(String(inner)) as Record<string, unknown>)[match[2] ?? ''];
    // As GitHub renders them: null and missing properties are empty, objects are JSON.
    if (value === undefined || value === null) return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  throw new Error(`run-workflow-job: unsupported expression \${{ ${expr} }}`);
}

/** A value with embedded `${{ }}` expressions, as GitHub renders it into a string. */
export function interpolate(value: unknown, ctx: Context): string {
  const text = typeof value === 'string' ? value : String(value);
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, expr: string) => String(evaluate(expr, ctx)));
}

function shouldRun(step: WorkflowStep, ctx: Context): boolean {
  if (step.if === undefined) return !ctx.failed;
  const condition = step.if.replace(/^\$\{\{(.*)\}\}$/, '$1');
  const value = evaluate(condition, ctx);
  // A condition without a status function implies success().
  const hasStatus = /\b(always|failure|success|cancelled)\(\)/.test(condition);
  return Boolean(value) && (hasStatus || !ctx.failed);
}

function actionInputsEnv(root: string, name: string, given: Record<string, string>): Record<string, string> {
  const meta = parse(readFileSync(join(root, 'actions', name, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, { default?: unknown }>;
  };
  const env: Record<string, string> = {};
  for (const [input, spec] of Object.entries(meta.inputs ?? {})) {
    const byDefault = spec.default === undefined ? '' : String(spec.default);
    // ${{ github.token }} defaults: there is no token here.
    const value = given[input] ?? (byDefault.includes('${{') ? '' : byDefault);
    env[`INPUT_${input.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

/**
 * What a local run leaves out: third-party actions (checkout, node, terraform set-up) and the
 * steps that install tools or start and stop the local stack, which is already running here.
 */
export function skipLocalSetUp(step: WorkflowStep): string | undefined {
  if (step.uses && !localActionName(step.uses)) return 'third-party action: the machine is set up already';
  const run = step.run ?? '';
  if (/^npm ci\s*$|pipx install|npm run --silent stack|kill -TERM/.test(run)) {
    return 'tool install or stack start/stop: the local stack is already running';
  }
  return undefined;
}

interface Finished {
  status: number | null;
  output: string;
}

/** Asynchronous, so that servers living in this process (the kube double in a test) keep answering. */
function execute(
  command: string[],
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number
): Promise<Finished> {
  return new Promise((resolveRun) => {
    const child = spawn(command[0] ?? 'false', command.slice(1), {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      output += `\n[killed after ${timeoutMs} ms]`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolveRun({ status: null, output: `${output}${String(err)}` });
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolveRun({ status, output });
    });
  });
}

type JobSpec = { if?: string; outputs?: Record<string, unknown> } & Record<string, unknown>;

function jobSpec(root: string, workflow: string, job: string): JobSpec {
  const doc = parse(readFileSync(join(root, workflow), 'utf8')) as { jobs: Record<string, JobSpec> };
  const spec = doc.jobs[job];
  if (!spec) throw new Error(`${workflow} has no job ${job}`);
  return spec;
}

/** Whether the job would start, from its `if` (GitHub's default success() is taken as met). */
export function jobCondition(options: Pick<RunOptions, 'root' | 'workflow' | 'job' | 'contexts'>): boolean {
  const condition = jobSpec(options.root, options.workflow, options.job).if;
  if (condition === undefined) return true;
  const ctx: Context = { contexts: options.contexts ?? {}, env: {}, steps: new Map(), failed: false };
  return Boolean(evaluate(condition.replace(/^\$\{\{(.*)\}\}$/, '$1'), ctx));
}

/**
 * The job's outputs as the jobs that need it see them, after a run's steps. GitHub drops (with
 * only a warning) any output whose value contains the value of a secret the job reads.
 */
export function jobOutputs(
  options: Pick<RunOptions, 'root' | 'workflow' | 'job' | 'contexts'>,
  results: StepResult[]
): Record<string, string> {
  const spec = jobSpec(options.root, options.workflow, options.job);
  const ctx: Context = {
    contexts: options.contexts ?? {},
    env: {},
    steps: new Map(results.map((r) => [r.key, r])),
    failed: false
  };
  const read = [...JSON.stringify(spec).matchAll(/secrets\.([\w-]+)/g)].map((m) => m[1] ?? '');
  const secretValues = read.map((name) => options.contexts?.secrets?.[name] ?? '').filter((v) => v !== '');
  const outputs: Record<string, string> = {};
  for (const [name, value] of Object.entries(spec.outputs ?? {})) {
    const rendered = interpolate(value, ctx);
    outputs[name] = secretValues.some((secret) => rendered.includes(secret)) ? '' : rendered;
  }
  return outputs;
}

export async function runWorkflowJob(options: RunOptions): Promise<StepResult[]> {
  const doc = parse(readFileSync(join(options.root, options.workflow), 'utf8')) as {
    env?: Record<string, unknown>;
    jobs: Record<string, { env?: Record<string, unknown>; steps: WorkflowStep[] }>;
  };
  const job = doc.jobs[options.job];
  if (!job) throw new Error(`${options.workflow} has no job ${options.job}`);
  const temp = options.runnerTemp ?? mkdtempSync(join(tmpdir(), 'workflow-job-'));
  mkdirSync(temp, { recursive: true });
  try {
    return await runSteps(options, { ...(doc.env ?? {}), ...(job.env ?? {}) }, job.steps, temp);
  } finally {
    // A runner empties RUNNER_TEMP at the job's end; provision leaves the kubeconfig and talosconfig
    // there. One the caller gave is the caller's to read and remove.
    if (options.runnerTemp === undefined) rmSync(temp, { recursive: true, force: true });
  }
}

/** The job's steps in order, with the workflow's and the job's env (`jobEnv`), under RUNNER_TEMP `temp`. */
async function runSteps(
  options: RunOptions,
  jobEnv: Record<string, unknown>,
  steps: WorkflowStep[],
  temp: string
): Promise<StepResult[]> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.env)) if (v !== undefined) base[k] = v;
  const ctx: Context = {
    contexts: options.contexts ?? {},
    env: { ...base, RUNNER_TEMP: temp, GITHUB_WORKSPACE: options.root, CI: 'true' },
    steps: new Map(),
    failed: false
  };
  for (const [k, v] of Object.entries(jobEnv)) ctx.env[k] = interpolate(v, ctx);
  Object.assign(ctx.env, options.overrides ?? {});

  const results: StepResult[] = [];
  for (const [index, step] of steps.entries()) {
    const key = step.id ?? `__${index}`;
    const name = step.name ?? step.uses ?? step.run?.split('\n')[0] ?? key;
    const skipped = options.skip?.(step);
    const seeded = step.id ? options.seededOutputs?.[step.id] : undefined;
    if (skipped !== undefined && seeded) {
      const result: StepResult = {
        key,
        name,
        outcome: 'success',
        conclusion: 'success',
        outputs: seeded,
        log: skipped
      };
      ctx.steps.set(key, result);
      results.push(result);
      continue;
    }
    if (skipped !== undefined || !shouldRun(step, ctx)) {
      const result: StepResult = {
        key,
        name,
        outcome: 'skipped',
        conclusion: 'skipped',
        outputs: {},
        log: skipped ?? ''
      };
      ctx.steps.set(key, result);
      results.push(result);
      continue;
    }
    const standIn = options.standIn?.(step);
    if (standIn) {
      const conclusion =
        standIn.outcome === 'success' || step['continue-on-error'] === true ? 'success' : 'failure';
      const result: StepResult = {
        key,
        name,
        outcome: standIn.outcome,
        conclusion,
        outputs: standIn.outputs ?? {},
        log: standIn.log ?? 'stand-in'
      };
      if (conclusion === 'failure') ctx.failed = true;
      ctx.steps.set(key, result);
      results.push(result);
      continue;
    }
    const files = {
      GITHUB_OUTPUT: join(temp, `output-${index}`),
      GITHUB_ENV: join(temp, `env-${index}`),
      GITHUB_STEP_SUMMARY: join(temp, `summary-${index}`),
      GITHUB_STATE: join(temp, `state-${index}`),
      GITHUB_PATH: join(temp, `path-${index}`)
    };
    for (const file of Object.values(files)) writeFileSync(file, '');
    const stepEnv: Record<string, string> = { ...ctx.env, ...files };
    for (const [k, v] of Object.entries(step.env ?? {})) stepEnv[k] = interpolate(v, ctx);

    let command: string[];
    if (step.run !== undefined) {
      const script = join(temp, `step-${index}.sh`);
      writeFileSync(script, step.run);
      command = ['bash', '--noprofile', '--norc', '-eo', 'pipefail', script];
    } else {
      const action = step.uses ? localActionName(step.uses) : undefined;
      if (!action)
        throw new Error(`run-workflow-job: step ${name} uses ${step.uses}; skip it or make it local`);
      const given: Record<string, string> = {};
      for (const [k, v] of Object.entries(step.with ?? {})) given[k] = interpolate(v, ctx);
      Object.assign(stepEnv, actionInputsEnv(options.root, action, given));
      const dist = options.distDir?.(action) ?? join(options.root, 'actions', action, 'dist');
      command = [options.node ?? process.execPath, join(dist, 'index.js')];
    }
    const child = await execute(command, options.root, stepEnv, options.timeoutMs ?? 120_000);
    const ok = child.status === 0;
    const outcome = ok ? 'success' : 'failure';
    const conclusion = ok || step['continue-on-error'] === true ? 'success' : 'failure';
    const result: StepResult = {
      key,
      name,
      outcome,
      conclusion,
      outputs: parseFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
      log: child.output,
      summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')
    };
    Object.assign(ctx.env, parseFileCommands(readFileSync(files.GITHUB_ENV, 'utf8')));
    const added = readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean);
    if (added.length > 0) ctx.env['PATH'] = [...added.reverse(), ctx.env['PATH'] ?? ''].join(':');
    if (conclusion === 'failure') ctx.failed = true;
    ctx.steps.set(key, result);
    results.push(result);
  }
  return results;
}

/** The values a job's steps registered with `::add-mask::`, decoded as the runner decodes command data. */
export function registeredMasks(logs: readonly string[]): string[] {
  const values = logs
    .flatMap((log) => log.split('\n'))
    .flatMap((line) => (line.startsWith('::add-mask::') ? [line.slice('::add-mask::'.length)] : []))
    .map((value) => value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%'))
    // A file's last newline is hidden with it nowhere: the next line stays a line of its own.
    .map((value) => value.replace(/[\r\n]+$/, ''))
    .filter((value) => value.trim() !== '');
  // Longest first, so that a value containing another is hidden whole.
  return [...new Set(values)].sort((a, b) => b.length - a.length);
}

/**
 * A step's log as GitHub shows it: the runner hides every value masked anywhere in the job, and the
 * `::add-mask::` commands themselves, which carry those values in the clear.
 */
export function maskLog(log: string, masks: readonly string[]): string {
  const shown = log
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return masks.reduce((text, value) => text.split(value).join('***'), shown);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [workflow, jobName] = process.argv.slice(2);
  if (!workflow || !jobName) {
    console.error('usage: npx tsx scripts/run-workflow-job.ts <workflow.yml> <job>');
    process.exit(2);
  }
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const node24 = join(root, '.tools', 'node24', 'node_modules', '.bin', 'node');
  const results = await runWorkflowJob({
    root,
    workflow,
    job: jobName,
    env: process.env,
    node: existsSync(node24) ? node24 : undefined,
    // TALOS_IRSA_DIST_DIR=DIR runs DIR/<action>/index.js (from `node scripts/build.mjs --out DIR`).
    distDir: process.env['TALOS_IRSA_DIST_DIR']
      ? (action) => join(process.env['TALOS_IRSA_DIST_DIR'] ?? '', action)
      : undefined,
    skip: skipLocalSetUp
  });
  const masks = registeredMasks(results.map((r) => r.log));
  for (const r of results) {
    console.log(`${r.outcome.padEnd(8)} ${r.name}`);
    if (r.outcome === 'failure') console.log(maskLog(r.log, masks).replace(/^/gm, '    '));
  }
  process.exit(results.some((r) => r.conclusion === 'failure') ? 1 : 0);
}
