// Checks the repository's workflows against the suite's own rules, beyond what actionlint knows:
// every `uses: ./actions/X` step passes only inputs that actions/X/action.yml declares and all
// the required ones, reads only outputs X declares, and every workflow holds the house rules
// (explicit permissions, timeouts, SHA-pinned third-party actions, no pull_request_target, no
// secret carried between jobs, forks told apart by repository name).
//
// `tsx scripts/check-workflows.ts` runs actionlint (scripts/actionlint.ts) and these checks, prints
// the findings and exits non-zero when there are any; the tests import the functions.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { MAX_DISPATCH_INPUTS, lintFiles } from './actionlint.js';

export interface ActionInput {
  required: boolean;
  hasDefault: boolean;
  description: string;
  default?: string;
}

export interface ActionInterface {
  name: string;
  title: string;
  description: string;
  inputs: Map<string, ActionInput>;
  outputs: Map<string, string>;
}

export type Interfaces = Map<string, ActionInterface>;

type Mapping = Record<string, unknown>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Reads one action.yml into the shape the checks and the README generator need. */
export function parseActionInterface(name: string, source: string): ActionInterface {
  const doc: unknown = parse(source);
  if (!isMapping(doc)) throw new Error(`actions/${name}/action.yml is not a YAML mapping`);
  const inputs = new Map<string, ActionInput>();
  for (const [key, raw] of Object.entries(isMapping(doc['inputs']) ? doc['inputs'] : {})) {
    const spec = isMapping(raw) ? raw : {};
    const input: ActionInput = {
      // GitHub reads `required` loosely; only a literal true makes the input mandatory.
      required: spec['required'] === true || spec['required'] === 'true',
      hasDefault: spec['default'] !== undefined,
      description: text(spec['description']).trim()
    };
    if (spec['default'] !== undefined) input.default = text(spec['default']);
    inputs.set(key, input);
  }
  const outputs = new Map<string, string>();
  for (const [key, raw] of Object.entries(isMapping(doc['outputs']) ? doc['outputs'] : {})) {
    outputs.set(key, text(isMapping(raw) ? raw['description'] : '').trim());
  }
  return {
    name,
    title: text(doc['name']),
    description: text(doc['description']).trim(),
    inputs,
    outputs
  };
}

export function loadActionInterfaces(root: string): Interfaces {
  const interfaces: Interfaces = new Map();
  const dir = join(root, 'actions');
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, 'action.yml');
    if (existsSync(file)) interfaces.set(name, parseActionInterface(name, readFileSync(file, 'utf8')));
  }
  return interfaces;
}

/**
 * The suite action a `uses:` names, if any: `./actions/X` in this repository, or
 * `./<checkout>/actions/X` where a reusable workflow checked the suite out beside the caller's code.
 */
export function localActionName(uses: string): string | undefined {
  const match = /^\.\/(?:[^/]+\/)*?actions\/([a-z0-9-]+)\/?$/.exec(uses.trim());
  return match?.[1];
}

interface Step {
  id?: string;
  uses?: string;
  run?: unknown;
  env?: unknown;
  with?: Mapping;
  name?: string;
}

interface Job {
  id: string;
  body: Mapping;
  steps: Step[];
}

function jobsOf(doc: Mapping): Job[] {
  const jobs = isMapping(doc['jobs']) ? doc['jobs'] : {};
  return Object.entries(jobs).map(([id, raw]) => {
    const body = isMapping(raw) ? raw : {};
    const steps = Array.isArray(body['steps']) ? body['steps'].filter(isMapping).map((s) => s as Step) : [];
    return { id, body, steps };
  });
}

/** Every `steps.<id>.outputs.<name>` (or `['name']`) reference in a job's text. */
function stepOutputReferences(job: Job): Array<{ step: string; output: string }> {
  const source = JSON.stringify(job.body);
  const refs: Array<{ step: string; output: string }> = [];
  const pattern = /steps\.([A-Za-z_][\w-]*)\.outputs(?:\.([A-Za-z_][\w-]*)|\[\\?['"]([\w-]+)\\?['"]\])/g;
  for (const match of source.matchAll(pattern)) {
    refs.push({ step: match[1] ?? '', output: match[2] ?? match[3] ?? '' });
  }
  return refs;
}

export function parseWorkflow(source: string): Mapping {
  const doc: unknown = parse(source);
  if (!isMapping(doc)) throw new Error('workflow is not a YAML mapping');
  return doc;
}

/**
 * Findings for every step that runs a suite action: undeclared inputs, missing required inputs,
 * and reads of outputs the action does not declare.
 */
export function localActionCallFindings(file: string, doc: Mapping, interfaces: Interfaces): string[] {
  const findings: string[] = [];
  for (const job of jobsOf(doc)) {
    const actionOfStep = new Map<string, ActionInterface>();
    job.steps.forEach((step, index) => {
      if (typeof step.uses !== 'string') return;
      const name = localActionName(step.uses);
      if (name === undefined) return;
      const where = `${file}: job '${job.id}' step ${step.id ?? step.name ?? index + 1}`;
      const action = interfaces.get(name);
      if (!action) {
        findings.push(`${where}: uses ${step.uses}, but actions/${name}/action.yml does not exist`);
        return;
      }
      if (step.id) actionOfStep.set(step.id, action);
      const given = isMapping(step.with) ? Object.keys(step.with) : [];
      for (const input of given) {
        const spec = action.inputs.get(input);
        if (!spec) {
          findings.push(`${where}: input '${input}' is not declared by actions/${name}`);
          continue;
        }
        // The actions read booleans as YAML 1.2 does: only true or false, so `yes` or `1` fails at run time.
        const value = text(step.with?.[input]);
        const booleanInput = spec.default === 'true' || spec.default === 'false';
        if (booleanInput && !value.includes('${{') && value !== 'true' && value !== 'false') {
          findings.push(
            `${where}: input '${input}' of actions/${name} is a boolean; '${value}' is neither true nor false`
          );
        }
      }
      for (const [input, spec] of action.inputs) {
        if (spec.required && !spec.hasDefault && !given.includes(input)) {
          findings.push(`${where}: required input '${input}' of actions/${name} is not given`);
        }
      }
    });
    for (const ref of stepOutputReferences(job)) {
      const action = actionOfStep.get(ref.step);
      if (action && !action.outputs.has(ref.output)) {
        findings.push(
          `${file}: job '${job.id}' reads steps.${ref.step}.outputs.${ref.output}, which actions/${action.name} does not declare`
        );
      }
    }
  }
  return findings;
}

const SECRET_OUTPUTS = /outputs\.(?:kubeconfig|talosconfig)\b|secrets\./;
const ROLE_ARN_SECRET = /^[A-Z0-9_]*ROLE_ARN$/;
const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;

function triggersOf(doc: Mapping): string[] {
  const on = doc['on'];
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(text);
  return isMapping(on) ? Object.keys(on) : [];
}

/**
 * What actionlint v1.7.7 cannot check of a concurrency block, since it predates `queue`
 * (scripts/actionlint.ts): `queue` is `single` (GitHub's default) or `max`, and GitHub keeps more
 * than one pending run only when cancel-in-progress is false or not set.
 */
export function concurrencyFindings(where: string, concurrency: unknown): string[] {
  if (!isMapping(concurrency) || concurrency['queue'] === undefined) return [];
  const queue = concurrency['queue'];
  if (queue !== 'single' && queue !== 'max') {
    return [`${where}: concurrency queue is ${text(queue)}; GitHub knows single and max`];
  }
  const cancel = concurrency['cancel-in-progress'];
  if (queue === 'max' && cancel !== undefined && cancel !== false) {
    return [`${where}: concurrency queue: max needs cancel-in-progress false or unset, not ${text(cancel)}`];
  }
  return [];
}

/**
 * Python packages a step installs with pip or pipx, each at an exact version: like an action's
 * commit, an unpinned package makes a run use whatever was released last.
 */
export function unpinnedInstallFindings(where: string, step: Step): string[] {
  const findings: string[] = [];
  for (const match of text(step.run).matchAll(/\bpipx?\s+install\b([^\n;&|]*)/g)) {
    const packages = (match[1] ?? '')
      .trim()
      .split(/\s+/)
      .map((word) => word.replace(/^['"]|['"]$/g, ''))
      .filter((word) => word !== '' && !word.startsWith('-'));
    for (const name of packages.filter((p) => !/==[\w.]+$/.test(p))) {
      findings.push(`${where} installs ${name} without an exact version (==)`);
    }
  }
  return findings;
}

/**
 * An error that quotes a refused input ('$NAME') must show it with its line breaks replaced
 * ('${NAME//[$'\r\n']/\\n}'): the runner reads each line of a step's output as a workflow command
 * of its own, so a newline in a dispatch or workflow_call input would add one.
 */
export function rawInputInErrorFindings(where: string, step: Step): string[] {
  const env = isMapping(step.env) ? step.env : {};
  const fromInputs = Object.entries(env)
    .filter(([, value]) => /\$\{\{\s*(inputs|github\.event)\./.test(text(value)))
    .map(([name]) => name);
  const findings: string[] = [];
  for (const line of text(step.run)
    .split('\n')
    .filter((l) => /::error\b/.test(l))) {
    for (const name of fromInputs) {
      if (line.includes(`'$${name}'`) || line.includes(`'\${${name}}'`))
        findings.push(
          `${where} quotes ${name} raw in an error: show it as '\${${name}//[$'\\r\\n']/\\\\n}', or a line break in it starts a workflow command`
        );
    }
  }
  return findings;
}

/** The house rules every workflow keeps. `source` is the raw text, for the version comments. */
export function policyFindings(file: string, doc: Mapping, source: string): string[] {
  const findings: string[] = [];
  if (triggersOf(doc).includes('pull_request_target')) {
    findings.push(`${file}: uses pull_request_target, which runs fork code with secrets`);
  }
  // actionlint v1.7.7 still counts GitHub's old limit of 10 (scripts/actionlint.ts): this is the current one.
  const on = isMapping(doc['on']) ? doc['on'] : {};
  const dispatch = isMapping(on['workflow_dispatch']) ? on['workflow_dispatch'] : {};
  const inputCount = isMapping(dispatch['inputs']) ? Object.keys(dispatch['inputs']).length : 0;
  if (inputCount > MAX_DISPATCH_INPUTS) {
    findings.push(
      `${file}: workflow_dispatch has ${inputCount} inputs; GitHub allows ${MAX_DISPATCH_INPUTS}`
    );
  }
  // `fork` says whether the head repository is a fork of anything: true for every pull request
  // inside a repository that is itself a fork, whose branches get its secrets like any other.
  if (/\bpull_request\.head\.repo\.fork\b/.test(JSON.stringify(doc))) {
    findings.push(
      `${file}: tells a fork's pull request by head.repo.fork, which is true for every pull request in a repository that is itself a fork; compare head.repo.full_name with github.repository`
    );
  }
  findings.push(...concurrencyFindings(file, doc['concurrency']));
  const topPermissions = doc['permissions'];
  for (const job of jobsOf(doc)) {
    const callsWorkflow = typeof job.body['uses'] === 'string';
    if (topPermissions === undefined && job.body['permissions'] === undefined) {
      findings.push(
        `${file}: job '${job.id}' has no explicit permissions (neither the workflow nor the job sets them)`
      );
    }
    // A job that calls a reusable workflow may not set timeout-minutes; the called jobs do.
    if (!callsWorkflow && job.body['timeout-minutes'] === undefined) {
      findings.push(`${file}: job '${job.id}' has no timeout-minutes`);
    }
    findings.push(...concurrencyFindings(`${file}: job '${job.id}'`, job.body['concurrency']));
    const jobOutputs = isMapping(job.body['outputs']) ? job.body['outputs'] : {};
    for (const [name, value] of Object.entries(jobOutputs)) {
      if (SECRET_OUTPUTS.test(text(value))) {
        findings.push(`${file}: job '${job.id}' output '${name}' carries a secret out of the job`);
      }
    }
    // GitHub drops (with only a warning) a job output that contains the value of any secret the job
    // reads. A role ARN cannot be part of a cluster name or list; a region or a bucket name can,
    // so settings like those are configuration variables (vars), never secrets.
    if (Object.keys(jobOutputs).length > 0) {
      const read = new Set([...JSON.stringify(job.body).matchAll(/secrets\.([\w-]+)/g)].map((m) => m[1]));
      for (const name of [...read].filter((n) => !ROLE_ARN_SECRET.test(n ?? ''))) {
        findings.push(
          `${file}: job '${job.id}' has outputs and reads secrets.${name}: GitHub drops an output that contains a secret's value; make it a configuration variable (vars.${name})`
        );
      }
    }
    for (const step of job.steps) {
      findings.push(...unpinnedInstallFindings(`${file}: job '${job.id}'`, step));
      findings.push(...rawInputInErrorFindings(`${file}: job '${job.id}'`, step));
    }
    const uses = [
      ...(callsWorkflow ? [text(job.body['uses'])] : []),
      ...job.steps.map((s) => s.uses).filter((u): u is string => typeof u === 'string')
    ];
    for (const ref of uses) {
      if (ref.startsWith('./') || ref.startsWith('docker://')) continue;
      if (!PINNED.test(ref))
        findings.push(`${file}: job '${job.id}' uses ${ref}, not pinned to a full commit SHA`);
    }
  }
  source.split('\n').forEach((line, index) => {
    const pinned = /uses:\s*[\w.-]+\/[\w./-]+@[0-9a-f]{40}(.*)$/.exec(line);
    if (pinned && !/#\s*v\d/.test(pinned[1] ?? '')) {
      findings.push(`${file}:${index + 1}: pinned action has no '# vX.Y.Z' comment naming the version`);
    }
  });
  return findings;
}

export function workflowFiles(root: string): string[] {
  const dir = join(root, '.github', 'workflows');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
    .sort()
    .map((f) => join('.github', 'workflows', f));
}

export function allFindings(root: string): string[] {
  const interfaces = loadActionInterfaces(root);
  return workflowFiles(root).flatMap((file) => {
    const source = readFileSync(join(root, file), 'utf8');
    const doc = parseWorkflow(source);
    return [...localActionCallFindings(file, doc, interfaces), ...policyFindings(file, doc, source)];
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const linted = await lintFiles(
    workflowFiles(root).map((file) => ({ file, source: readFileSync(join(root, file), 'utf8') }))
  );
  const findings = [
    ...linted.map((f) => `${f.file}:${f.line}:${f.column}: actionlint (${f.kind}): ${f.message}`),
    ...allFindings(root)
  ];
  for (const finding of findings) console.log(finding);
  if (findings.length > 0) process.exit(1);
  console.log(`${workflowFiles(root).length} workflows: no findings`);
}
