// Cold start of each bundle, as the runner starts it: `node dist/index.js` with INPUT_* variables.
// Two moments are timed from spawn: the exit after a validation error (no inputs at all), and the
// first network connection when every input is valid. Both are compared with a bare `node -e 0`
// started with the same environment, so what remains is the bundle's own cost.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionName, BundleSet } from './bundles.js';
import type { FirstContactRecorder } from './first-contact.js';
import type { ReferenceProgram } from './reference.js';
import { verdictAtMost, type Row } from './report.js';
import { formatMs, formatRatio, median, ratio } from './stats.js';

export interface Exit {
  ms: number;
  status: number;
  stdout: string;
}

function inputEnv(inputs: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  return env;
}

/** Spawn to exit, in ms. stdout is kept to check that the run took the path being timed. */
export function timeToExit(node: string, args: string[], env: Record<string, string>): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(node, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.resume();
    child.on('error', reject);
    child.on('exit', (code) => resolve({ ms: performance.now() - started, status: code ?? -1, stdout }));
  });
}

/** Why a run does not count as failing on a missing input: it must exit ≠ 0 with exactly one ::error::. */
export function failedInputProblem(exit: Exit): string | undefined {
  const errors = exit.stdout.split('\n').filter((line) => line.startsWith('::error'));
  if (exit.status !== 0 && errors.length === 1) return undefined;
  return `expected exit ≠ 0 with one ::error::, got exit ${exit.status} and ${errors.length}`;
}

export type Contact = { ms: number } | { problem: string };

/** Spawn to the first connection the recorder sees; the process is then killed. */
export async function timeToFirstContact(
  node: string,
  entry: string,
  env: Record<string, string>,
  recorder: FirstContactRecorder
): Promise<Contact> {
  const contact = recorder.nextContact();
  const started = performance.now();
  const child = spawn(node, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-2000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  const first = await Promise.race([contact.then((at) => ({ at })), exited.then((status) => ({ status }))]);
  if ('status' in first) {
    const error = output.split('\n').find((line) => line.startsWith('::error'));
    return { problem: `exited ${first.status} before any request: ${error ?? output.trim().slice(-300)}` };
  }
  child.kill('SIGKILL');
  await exited;
  return { ms: first.at - started };
}

export function writeEmptyEsm(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'empty.mjs');
  writeFileSync(path, 'export {};\n');
  return path;
}

/** A fake `terraform` that only connects to the recorder, so provision's first spawn is timed too. */
export function writeFakeTerraform(dir: string, port: number): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'terraform');
  writeFileSync(
    path,
    `#!/bin/bash\n# bench: marks the moment provision first runs terraform, then fails.\nexec 3<>/dev/tcp/127.0.0.1/${port}\nprintf terraform >&3\nexit 1\n`
  );
  chmodSync(path, 0o755);
  return dir;
}

/** A kubeconfig whose API server is the recorder: the first Kubernetes request is the first contact. */
export function recorderKubeconfig(server: string, caPem: string): string {
  const ca = Buffer.from(caPem).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: bench\n  cluster:\n    server: ${server}\n    certificate-authority-data: ${ca}`,
    'users:',
    '- name: bench\n  user:\n    token: bench-cold-start-token',
    'contexts:',
    '- name: bench\n  context:\n    cluster: bench\n    user: bench',
    'current-context: bench',
    ''
  ].join('\n');
}

export interface ColdStartCase {
  action: ActionName;
  /** Valid inputs that lead to a first request. */
  inputs: Record<string, string>;
  env?: Record<string, string>;
}

export interface ColdStartResult {
  node: string;
  bare: number[];
  /** An empty ES module: the floor for any ESM bundle, since loading one starts Node's ESM loader. */
  emptyEsm: number[];
  validation: Map<ActionName, number[]>;
  firstContact: Map<ActionName, number[]>;
  /** Spawn to exit, or to first connection, of each reference program, by name. */
  references: Map<string, number[]>;
  /** Why a measurement could not be taken (wrong exit, no request); shown instead of a figure. */
  problems: Map<string, string>;
}

export interface ColdStartOptions {
  node: string;
  bundles: BundleSet;
  cases: ColdStartCase[];
  baseEnv: Record<string, string>;
  recorder: FirstContactRecorder;
  runs: number;
  /** Path of an empty .mjs file. */
  emptyEsm: string;
  /** Timed to their first connection in every round, beside the bundles. */
  references?: ReferenceProgram[];
}

/**
 * Rounds interleave every measurement (bare, then each bundle), so a burst of load on a shared
 * machine lands on all of them alike rather than on whichever ran during it. One round is a
 * warm-up that fills the page cache and is not counted; a runner has just downloaded the action too.
 */
export async function measureColdStarts(options: ColdStartOptions): Promise<ColdStartResult> {
  const { node, bundles, cases, baseEnv, recorder, runs } = options;
  const result: ColdStartResult = {
    node,
    bare: [],
    emptyEsm: [],
    validation: new Map(),
    firstContact: new Map(),
    references: new Map(),
    problems: new Map()
  };
  const push = (map: Map<ActionName, number[]>, action: ActionName, ms: number): void => {
    map.set(action, [...(map.get(action) ?? []), ms]);
  };
  for (let round = 0; round <= runs; round++) {
    const counted = round > 0;
    const bare = await timeToExit(node, ['-e', '0'], baseEnv);
    if (counted) result.bare.push(bare.ms);
    const empty = await timeToExit(node, [options.emptyEsm], baseEnv);
    if (counted) result.emptyEsm.push(empty.ms);
    for (const reference of options.references ?? []) {
      const env = { ...baseEnv, ...reference.env };
      const note = (ms: number): void => {
        if (counted)
          result.references.set(reference.name, [...(result.references.get(reference.name) ?? []), ms]);
      };
      if (reference.moment === 'exit') {
        const exit = await timeToExit(node, [reference.entry], env);
        const problem = failedInputProblem(exit);
        if (problem) result.problems.set(`reference:${reference.name}`, problem);
        else note(exit.ms);
        continue;
      }
      const contact = await timeToFirstContact(node, reference.entry, env, recorder);
      if ('problem' in contact) result.problems.set(`reference:${reference.name}`, contact.problem);
      else note(contact.ms);
    }
    for (const { action, inputs, env } of cases) {
      const invalid = await timeToExit(node, [bundles.entry(action)], baseEnv);
      const problem = failedInputProblem(invalid);
      if (problem) result.problems.set(`validation:${action}`, problem);
      else if (counted) push(result.validation, action, invalid.ms);
      const contact = await timeToFirstContact(
        node,
        bundles.entry(action),
        { ...baseEnv, ...env, ...inputEnv(inputs) },
        recorder
      );
      if ('problem' in contact) result.problems.set(`first-contact:${action}`, contact.problem);
      else if (counted) push(result.firstContact, action, contact.ms);
    }
  }
  return result;
}

export const VALIDATION_TARGET = 1.5;
export const FIRST_REQUEST_TARGET = 3;

/** One row per bundle and moment: the median against bare node's median, as a ratio. */
export function coldStartRows(result: ColdStartResult, label: string, actions: readonly ActionName[]): Row[] {
  const bare = median(result.bare);
  const rows: Row[] = [
    {
      section: `cold start (${label})`,
      figure: 'bare `node -e 0`',
      measured: `${formatMs(bare)} (median of ${result.bare.length})`,
      target: '',
      verdict: ''
    },
    {
      section: `cold start (${label})`,
      figure: 'empty ES module (floor for any ESM bundle)',
      measured: `${formatMs(median(result.emptyEsm))} = ${formatRatio(ratio(median(result.emptyEsm), bare))}`,
      target: '',
      verdict: ''
    }
  ];
  for (const [name, runs] of result.references)
    rows.push({
      section: `cold start (${label})`,
      figure: `reference: ${name}`,
      measured: `${formatMs(median(runs))} = ${formatRatio(ratio(median(runs), bare))}`,
      target: '',
      verdict: ''
    });
  for (const [key, problem] of result.problems)
    if (key.startsWith('reference:'))
      rows.push({
        section: `cold start (${label})`,
        figure: `reference: ${key.slice('reference:'.length)}`,
        measured: `not measured: ${problem}`,
        target: '',
        verdict: ''
      });
  const moments = [
    { key: 'validation', name: 'missing input → exit 1', runs: result.validation, limit: VALIDATION_TARGET },
    { key: 'first-contact', name: 'first request', runs: result.firstContact, limit: FIRST_REQUEST_TARGET }
  ] as const;
  for (const action of actions)
    for (const moment of moments) {
      const runs = moment.runs.get(action);
      const problem = result.problems.get(`${moment.key}:${action}`);
      const base = { section: `cold start (${label})`, figure: `${action}: ${moment.name}` };
      const target = `≤ ${formatRatio(moment.limit)} bare`;
      if (!runs || runs.length === 0) {
        rows.push({ ...base, measured: `not measured: ${problem ?? 'no runs'}`, target, verdict: 'MISS' });
        continue;
      }
      const value = ratio(median(runs), bare);
      rows.push({
        ...base,
        measured: `${formatMs(median(runs))} = ${formatRatio(value)}`,
        target,
        verdict: verdictAtMost(value, moment.limit)
      });
    }
  return rows;
}

/** The spread behind each median, so a reader can see how much the machine's load moved them. */
export function coldStartSpread(
  result: ColdStartResult,
  label: string,
  actions: readonly ActionName[]
): string {
  const range = (runs: number[] | undefined): string =>
    runs && runs.length > 0 ? `${Math.round(Math.min(...runs))}–${Math.round(Math.max(...runs))}` : '–';
  const parts = [`bare ${range(result.bare)}`, `empty ESM ${range(result.emptyEsm)}`];
  for (const [name, runs] of result.references) parts.push(`${name} ${range(runs)}`);
  for (const action of actions)
    parts.push(
      `${action} ${range(result.validation.get(action))} / ${range(result.firstContact.get(action))}`
    );
  return `cold start (${label}), min–max ms (exit 1 / first request): ${parts.join('; ')}`;
}
