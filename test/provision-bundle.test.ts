// The committed bundle, run as the runner runs it: `node actions/provision/dist/index.js` with
// INPUT_* variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and RUNNER_TEMP, on Node 20 and Node 24.
import { describe, expect, test } from '@jest/globals';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { secretFragments } from '../src/io/secrets.js';
import type { Sandbox } from './fixtures/provision/harness.js';
import { sandbox } from './fixtures/provision/harness.js';
import { node24 } from './harness/node24.js';

const root = join(import.meta.dirname, '..');
const bundle = join(root, 'actions', 'provision', 'dist', 'index.js');

interface BundleRun {
  status: number | null;
  stdout: string[];
  outputs: Record<string, string>;
  summary: string;
}

function runBundle(box: Sandbox, inputs: Record<string, string>, node = process.execPath): BundleRun {
  const outputFile = join(box.dir, `output-${Math.random().toString(36).slice(2)}`);
  const summaryFile = `${outputFile}.summary`;
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: NodeJS.ProcessEnv = { ...box.env, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile };
  delete env.NODE_OPTIONS;
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const result = spawnSync(node, [bundle], { env, encoding: 'utf8', timeout: 50_000 });
  return {
    status: result.status,
    stdout: result.stdout.split('\n'),
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8')
  };
}

/** GITHUB_OUTPUT as @actions/core writes it: NAME<<DELIMITER, the value's lines, DELIMITER. */
function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const header = /^([\w-]+)<<(\S+)$/.exec(lines[i] ?? '');
    if (!header) continue;
    const end = lines.indexOf(header[2] ?? '', i + 1);
    outputs[header[1] ?? ''] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}

const unescapeCommand = (data: string): string =>
  data.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');

/**
 * Every fragment is registered with ::add-mask:: before any other stdout line holds it: the
 * runner masks only what it was told about, and only from then on.
 */
function expectMaskedBeforePrinted(stdout: string[], fragments: string[]): void {
  // No fragments would check nothing: an output that went missing must fail here, not pass.
  expect(fragments.length).toBeGreaterThan(0);
  for (const fragment of fragments) {
    const maskLine = stdout.findIndex(
      (line) => line.startsWith('::add-mask::') && unescapeCommand(line.slice(12)) === fragment
    );
    expect(maskLine).toBeGreaterThanOrEqual(0);
    const firstPrint = stdout.findIndex(
      (line) => !line.startsWith('::add-mask::') && line.includes(fragment)
    );
    if (firstPrint >= 0) expect(firstPrint).toBeGreaterThan(maskLine);
  }
}

const base = (box: Sandbox, cluster: string): Record<string, string> => ({
  'cluster-name': cluster,
  'working-directory': box.module,
  'backend-config': `path=${box.statePath}`
});

describe('the provision bundle', () => {
  const box = sandbox();
  const cluster = `bundle-${process.pid}`;

  test('apply: outputs in GITHUB_OUTPUT, secrets masked before anything prints them, 0600 files', () => {
    const run = runBundle(box, { ...base(box, cluster), command: 'apply' });
    expect(run.status).toBe(0);
    expect(run.outputs['has-changes']).toBe('true');
    expect(run.outputs['plan-summary']).toBe('2 to add, 0 to change, 0 to destroy');
    expect(run.outputs['api-endpoint']).toBe(`https://${cluster}.cluster.example.test:6443`);
    const kubeconfig = run.outputs.kubeconfig ?? '';
    const talosconfig = run.outputs.talosconfig ?? '';
    expect(kubeconfig).toContain('client-key-data');
    expect(talosconfig).toContain('"key":');

    const fragments = [...secretFragments(kubeconfig), ...secretFragments(talosconfig)];
    // Whole values, and the token, key, certificate and CA lines and values of both files.
    expect(fragments.length).toBeGreaterThanOrEqual(16);
    expectMaskedBeforePrinted(run.stdout, fragments);
    for (const fragment of fragments) {
      expect(run.summary).not.toContain(fragment);
      expect(run.outputs['outputs-json']).not.toContain(fragment);
    }
    for (const name of ['kubeconfig', 'talosconfig']) {
      const path = run.outputs[`${name}-path`] ?? '';
      expect(path.startsWith(box.runnerTemp)).toBe(true);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(readFileSync(path, 'utf8')).toBe(run.outputs[name]);
    }
    expect(run.stdout).toContain('::group::terraform apply');
    expect(run.summary).toContain(`### Terraform apply for cluster \`${cluster}\``);
    expect(run.summary).toContain('```diff');
  });

  test('a second apply writes nothing and says has-changes=false', () => {
    const state = readFileSync(box.statePath, 'utf8');
    const run = runBundle(box, { ...base(box, cluster), command: 'apply' });
    expect(run.status).toBe(0);
    expect(run.outputs['has-changes']).toBe('false');
    expect(run.stdout).toContain('No changes: nothing to apply.');
    expect(run.stdout).not.toContain('::group::terraform apply');
    expect(readFileSync(box.statePath, 'utf8')).toBe(state);
  });

  test('on Node 24, output reads the state and masks before printing', () => {
    const run = runBundle(box, { ...base(box, cluster), command: 'output' }, node24);
    expect(run.status).toBe(0);
    expect(run.outputs['plan-summary']).toBe('');
    expect(JSON.parse(run.outputs['outputs-json'] ?? '')).toEqual(
      expect.objectContaining({ api_endpoint: `https://${cluster}.cluster.example.test:6443` })
    );
    const kubeconfig = run.outputs.kubeconfig ?? '';
    expect(kubeconfig).toContain('client-key-data');
    const fragments = secretFragments(kubeconfig);
    // The whole value, and the token, key, certificate and CA lines and values.
    expect(fragments.length).toBeGreaterThanOrEqual(8);
    expectMaskedBeforePrinted(run.stdout, fragments);
  });

  test('a kubeconfig that apply prints in full is masked before its lines', () => {
    const unmarked = sandbox('unmarked');
    const run = runBundle(unmarked, { ...base(unmarked, 'bundle-unmarked'), command: 'apply' });
    expect(run.status).toBe(0);
    const token = /token: ([0-9a-f]{64})/.exec(run.outputs.kubeconfig ?? '')?.[1] ?? 'missing';
    expect(run.stdout.some((line) => !line.startsWith('::add-mask::') && line.includes(token))).toBe(true);
    expectMaskedBeforePrinted(run.stdout, [token, `token: ${token}`]);
  });

  test('destroy removes everything, and says so', () => {
    const run = runBundle(box, { ...base(box, cluster), command: 'destroy' });
    expect(run.status).toBe(0);
    expect(run.outputs['plan-summary']).toBe('0 to add, 0 to change, 2 to destroy');
    expect(run.outputs.kubeconfig).toBe('');
  });

  test.each([
    [
      'command',
      { command: 'deploy' },
      "Input 'command': 'deploy' is not one of plan, apply, destroy, output."
    ],
    [
      'cluster-name',
      { 'cluster-name': 'Not_A_Label' },
      "Input 'cluster-name': 'Not_A_Label' is not a DNS label"
    ],
    ['working-directory', { 'working-directory': join(box.dir, 'nope') }, "Input 'working-directory': '"],
    ['variables', { variables: '{"node_count": ' }, "Input 'variables': does not parse as YAML or JSON"]
  ])(
    'bad %s: one ::error:: naming it, exit 1, terraform not run, nothing written',
    (_name, override, message) => {
      const fresh = sandbox();
      const run = runBundle(fresh, { ...base(fresh, 'bad-input'), ...override });
      expect(run.status).toBe(1);
      const errors = run.stdout.filter((line) => line.startsWith('::error'));
      expect(errors).toHaveLength(1);
      expect(errors[0]?.startsWith(`::error::${message}`)).toBe(true);
      expect(existsSync(join(fresh.module, '.terraform'))).toBe(false);
      expect(existsSync(fresh.statePath)).toBe(false);
      expect(run.outputs).toEqual({});
    }
  );

  test('on Node 24 a bad input fails the same way', () => {
    const fresh = sandbox();
    const run = runBundle(fresh, { ...base(fresh, 'bad-input'), command: 'nuke' }, node24);
    expect(run.status).toBe(1);
    expect(run.stdout.filter((line) => line.startsWith('::error'))).toEqual([
      "::error::Input 'command': 'nuke' is not one of plan, apply, destroy, output."
    ]);
  });

  test('a failing plan: its error as an annotation, then the failure', () => {
    const fresh = sandbox();
    const run = runBundle(fresh, { ...base(fresh, 'failing'), variables: 'node_count: 0' });
    expect(run.status).toBe(1);
    expect(run.stdout.filter((line) => line.startsWith('::error'))).toEqual([
      expect.stringMatching(
        /^::error title=terraform plan::Invalid value for variable \(variables-input\.tfvars\.json line \d+\): node_count must be between 1 and 500\./
      ),
      '::error::terraform plan failed with exit code 1: 1 error, annotated above.'
    ]);
  });

  test("without working-directory the bundle runs the suite's terraform/ next to it", () => {
    const fresh = sandbox();
    // A stand-in terraform that records where it was started, then fails.
    const bin = join(fresh.dir, 'bin');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'terraform'),
      `#!/bin/sh\npwd > '${join(fresh.dir, 'cwd')}'\necho "Error: stand-in" >&2\nexit 1\n`
    );
    chmodSync(join(bin, 'terraform'), 0o755);
    fresh.env.PATH = `${bin}:${fresh.env.PATH ?? ''}`;
    const run = runBundle(fresh, { 'cluster-name': 'default-root' });
    expect(run.status).toBe(1);
    expect(readFileSync(join(fresh.dir, 'cwd'), 'utf8').trim()).toBe(join(root, 'terraform'));
  });
});

describe('a cancelled job', () => {
  test('tells terraform to stop, which saves its state and releases its lock, and leaves no files behind', async () => {
    const box = sandbox('slow-apply');
    const env: NodeJS.ProcessEnv = {
      ...box.env,
      GITHUB_OUTPUT: join(box.dir, 'output'),
      GITHUB_STEP_SUMMARY: join(box.dir, 'summary')
    };
    writeFileSync(join(box.dir, 'output'), '');
    writeFileSync(join(box.dir, 'summary'), '');
    delete env.NODE_OPTIONS;
    for (const [name, value] of Object.entries({ ...base(box, 'cancelled'), command: 'apply' }))
      env[`INPUT_${name.toUpperCase()}`] = value;
    const child = spawn(node24, [bundle], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // The provisioner has started: terraform is in the middle of the apply.
    for (let i = 0; i < 120 && !stdout.includes('Executing: ["/bin/sh"'); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 250));
    const terraformPid = execFileSync('sh', [
      '-c',
      `ps -eo pid,ppid,args | awk '$2==${child.pid} && $0 ~ / apply / {print $1}'`
    ])
      .toString()
      .trim();
    expect(terraformPid).toMatch(/^\d+$/);
    const signalled = Date.now();
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(Date.now() - signalled).toBeLessThan(7500);
    // terraform ended before the step did, and let go of the state.
    expect(
      execFileSync('sh', ['-c', `ps -o pid= -p ${terraformPid} || true`])
        .toString()
        .trim()
    ).toBe('');
    expect(existsSync(join(box.dir, '.terraform.tfstate.lock.info'))).toBe(false);
    expect(readdirSync(box.runnerTemp).filter((name) => name.startsWith('talos-irsa-provision-'))).toEqual(
      []
    );
    // Written while terraform's output is open (its commands stopped), and still obeyed as a warning.
    expect(obeyed(stdout, 'warning')).toContainEqual(
      expect.stringMatching(/^::warning::provision was cancelled \(SIGINT\): terraform is told to stop/)
    );
    const state = JSON.parse(readFileSync(box.statePath, 'utf8')) as { resources: { name: string }[] };
    expect(state.resources.map((resource) => resource.name)).toContain('first');
    // One error line and one summary, each saying what the cancel found and what its cleanup did.
    const errors = stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors).toEqual([
      expect.stringMatching(
        /^::error::provision was cancelled \(SIGINT\) during terraform apply; terraform apply stopped/
      )
    ]);
    const summary = readFileSync(join(box.dir, 'summary'), 'utf8');
    expect(summary.split('### provision: cancelled')).toHaveLength(2);
    expect(summary).toContain(
      'Cancelled by SIGINT during `terraform apply`, after the step had begun to write.'
    );
    expect(summary).toMatch(/- terraform apply stopped within \d+(\.\d)? s of the interrupt/);
    expect(summary).toContain('- removed its private directory (the plan file and the generated variables)');
    // The warning the handler gave is in the summary's list.
    expect(summary).toMatch(
      /#### Warnings \(\d+\)\n\n(- .*\n)*- provision was cancelled \(SIGINT\): terraform is told to stop/
    );
  }, 60_000);

  test('between terraform commands (the plan comment under way) removes its plan and variables before it ends', async () => {
    // A GitHub API that takes the request and never answers: the run is past its plan, in the comment.
    let asked = false;
    const github = createServer(() => {
      asked = true;
    });
    await new Promise<void>((resolve) => github.listen(0, '127.0.0.1', resolve));
    try {
      const box = sandbox();
      const event = join(box.dir, 'event.json');
      writeFileSync(event, JSON.stringify({ number: 9, pull_request: { number: 9 } }));
      const env: NodeJS.ProcessEnv = {
        ...box.env,
        GITHUB_OUTPUT: join(box.dir, 'output'),
        GITHUB_STEP_SUMMARY: join(box.dir, 'summary'),
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event,
        GITHUB_REPOSITORY: 'o/r',
        GITHUB_API_URL: `http://127.0.0.1:${(github.address() as AddressInfo).port}`
      };
      writeFileSync(join(box.dir, 'output'), '');
      writeFileSync(join(box.dir, 'summary'), '');
      delete env.NODE_OPTIONS;
      const inputs = {
        ...base(box, 'cancelled-comment'),
        command: 'plan',
        'github-token': 'ghs_cancel_test_token'
      };
      for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
      const child = spawn(node24, [bundle], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      for (let i = 0; i < 240 && !asked; i += 1) await new Promise((resolve) => setTimeout(resolve, 250));
      expect(asked).toBe(true);
      const scratch = (): string[] =>
        readdirSync(box.runnerTemp).filter((name) => name.startsWith('talos-irsa-provision-'));
      // The plan file (every sensitive value of the plan, in clear) and the generated variables are there now.
      expect(scratch()).toHaveLength(1);
      child.kill('SIGINT');
      expect(await exited).toBe(1);
      expect(scratch()).toEqual([]);
      const summary = readFileSync(join(box.dir, 'summary'), 'utf8');
      expect(summary.split('### provision: cancelled')).toHaveLength(2);
      expect(summary).toContain('- no terraform command was running');
      expect(summary).toContain(
        '- removed its private directory (the plan file and the generated variables)'
      );
      expect(summary).not.toContain('ghs_cancel_test_token');
    } finally {
      github.closeAllConnections();
      await new Promise((resolve) => github.close(resolve));
    }
  }, 90_000);
});

interface StuckRun {
  child: ChildProcess;
  /** What the step has printed so far. */
  output: () => string;
  exited: Promise<number | null>;
  /** Where the stand-in terraform writes its pid once its plan runs. */
  pidFile: string;
}

/**
 * The bundle on Node 24 with a stand-in terraform whose plan writes its plan file, prints
 * "planning", then ignores `ignored` while it sleeps, as one stuck in a provider call would.
 */
function startWithStuckTerraform(box: Sandbox, cluster: string, ignored: 'INT' | 'INT TERM'): StuckRun {
  const bin = join(box.dir, 'bin');
  mkdirSync(bin);
  const pidFile = join(box.dir, 'terraform.pid');
  writeFileSync(
    join(bin, 'terraform'),
    [
      '#!/bin/sh',
      'case "$1" in',
      "  output) echo '{}' ;;",
      '  plan)',
      '    for arg in "$@"; do case "$arg" in -out=*) printf plan > "${arg#-out=}" ;; esac; done',
      `    echo $$ > '${pidFile}'`,
      `    trap '' ${ignored}`,
      '    echo planning',
      '    exec sleep 30 ;;',
      'esac',
      ''
    ].join('\n')
  );
  chmodSync(join(bin, 'terraform'), 0o755);
  const env: NodeJS.ProcessEnv = {
    ...box.env,
    PATH: `${bin}:${box.env.PATH ?? ''}`,
    GITHUB_OUTPUT: join(box.dir, 'output'),
    GITHUB_STEP_SUMMARY: join(box.dir, 'summary')
  };
  writeFileSync(join(box.dir, 'output'), '');
  writeFileSync(join(box.dir, 'summary'), '');
  delete env.NODE_OPTIONS;
  for (const [name, value] of Object.entries(base(box, cluster))) env[`INPUT_${name.toUpperCase()}`] = value;
  const child = spawn(node24, [bundle], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => stdout, exited, pidFile };
}

describe('a cancelled job whose terraform does not stop', () => {
  test('still removes its private directory, with the plan file in it, before the step ends', async () => {
    const box = sandbox();
    // A stand-in terraform whose plan writes its plan file, then ignores SIGINT, as one stuck in a
    // provider call would, for longer than the step waits for it.
    const { child, output, exited, pidFile } = startWithStuckTerraform(box, 'stuck', 'INT');
    try {
      for (let i = 0; i < 120 && !output().includes('planning'); i += 1)
        await new Promise((resolve) => setTimeout(resolve, 250));
      const scratch = readdirSync(box.runnerTemp).filter((name) => name.startsWith('talos-irsa-provision-'));
      expect(scratch).toHaveLength(1);
      expect(existsSync(join(box.runnerTemp, scratch[0] ?? '', 'tfplan'))).toBe(true);
      const signalled = Date.now();
      child.kill('SIGINT');
      expect(await exited).toBe(1);
      // Its 6 s wait for terraform, then the summary: before the runner's SIGTERM, 7.5 s after its SIGINT.
      expect(Date.now() - signalled).toBeLessThan(7500);
      expect(
        output()
          .split('\n')
          .filter((line) => line.startsWith('::error::'))
      ).toEqual([
        expect.stringMatching(
          /^::error::provision was cancelled \(SIGINT\) during terraform plan; terraform plan did not stop within 6 s/
        )
      ]);
      const summary = readFileSync(join(box.dir, 'summary'), 'utf8');
      expect(summary.split('### provision: cancelled')).toHaveLength(2);
      // Not claimed to have stopped: it may still hold the state's lock, and the summary says how to free it.
      expect(summary).toContain('- terraform plan did not stop within 6 s');
      expect(summary).toContain('terraform force-unlock');
      expect(summary).toContain(
        '- removed its private directory (the plan file and the generated variables)'
      );
      expect(readdirSync(box.runnerTemp).filter((name) => name.startsWith('talos-irsa-provision-'))).toEqual(
        []
      );
    } finally {
      child.kill('SIGKILL');
      // The stand-in outlives the step, as a stuck terraform would: not the test.
      if (existsSync(pidFile)) spawnSync('kill', ['-9', readFileSync(pidFile, 'utf8').trim()]);
    }
  }, 60_000);
});

/**
 * The `::error::` lines the runner obeys: not those between a `::stop-commands::TOKEN` and its `::TOKEN::`,
 * which it shows as text.
 */
/** The lines of one workflow command (error, warning) the runner obeys: none inside a stop-commands window. */
function obeyed(stdout: string, command: string): string[] {
  let stoppedBy: string | undefined;
  const lines: string[] = [];
  for (const line of stdout.split('\n')) {
    if (stoppedBy !== undefined) {
      if (line === `::${stoppedBy}::`) stoppedBy = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) stoppedBy = stop[1];
    else if (line.startsWith(`::${command}::`)) lines.push(line);
  }
  return lines;
}

const obeyedErrors = (stdout: string): string[] => obeyed(stdout, 'error');

describe('a cancelled job given a second signal while its cleanup runs', () => {
  // The runner sends SIGINT, then SIGTERM 7.5 s later, then kills the step's process 2.5 s after that
  // (actions/runner src/Runner.Sdk/ProcessInvoker.cs, CancelAndKillProcessTree). The SIGTERM here
  // comes early, 1 s in, while the step still waits for a terraform that ignores its interrupt.
  test('writes its summary and error line at once, passes the signal on to terraform, and exits', async () => {
    const box = sandbox();
    const { child, output, exited, pidFile } = startWithStuckTerraform(box, 'second-signal', 'INT');
    const alive = (pid: string): boolean =>
      execFileSync('sh', ['-c', `ps -o pid= -p ${pid} || true`])
        .toString()
        .trim() !== '';
    try {
      for (let i = 0; i < 120 && !output().includes('planning'); i += 1)
        await new Promise((resolve) => setTimeout(resolve, 250));
      const terraformPid = readFileSync(pidFile, 'utf8').trim();
      child.kill('SIGINT');
      for (let i = 0; i < 40 && !output().includes('terraform is told to stop'); i += 1)
        await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(output()).not.toContain('::error::');
      const second = Date.now();
      child.kill('SIGTERM');
      expect(await exited).toBe(1);
      // Well before the runner's kill, 2.5 s after its SIGTERM.
      expect(Date.now() - second).toBeLessThan(1500);
      // terraform had the SIGTERM too (its second interrupt), and stopped on it.
      expect(alive(terraformPid)).toBe(false);
      const errors = output()
        .split('\n')
        .filter((line) => line.startsWith('::error::'));
      expect(errors).toEqual([
        expect.stringMatching(
          /^::error::provision was cancelled \(SIGINT\) during terraform plan; terraform plan had not stopped \d+(\.\d)? s after the interrupt when a second signal \(SIGTERM\) came: .*; a second signal \(SIGTERM\) came \d+(\.\d)? s after the first, while its cleanup was still running/
        )
      ]);
      const summary = readFileSync(join(box.dir, 'summary'), 'utf8');
      expect(summary.split('### provision: cancelled')).toHaveLength(2);
      expect(summary).toMatch(
        /- terraform plan had not stopped \d+(\.\d)? s after the interrupt when a second signal \(SIGTERM\) came: it was sent SIGTERM too, on which terraform stops at once \(its second interrupt\), without finishing what it was doing: it may not have saved its state or released the state lock, and it exited within \d+(\.\d)? s of it\. If the next run says the state is locked, run terraform force-unlock/
      );
      expect(summary).toContain(
        '- removed its private directory (the plan file and the generated variables)'
      );
      expect(summary).toMatch(
        /- a second signal \(SIGTERM\) came \d+(\.\d)? s after the first, while its cleanup was still running: the step ended then, without waiting for the rest of it; what it did not report is unknown, so check what the run made\n/
      );
      expect(readdirSync(box.runnerTemp).filter((name) => name.startsWith('talos-irsa-provision-'))).toEqual(
        []
      );
    } finally {
      child.kill('SIGKILL');
      if (existsSync(pidFile)) spawnSync('kill', ['-9', readFileSync(pidFile, 'utf8').trim()]);
    }
  }, 60_000);

  test('with a terraform that ignores SIGTERM too: says it may still be running, in an error line the runner obeys', async () => {
    const box = sandbox();
    const { child, output, exited, pidFile } = startWithStuckTerraform(
      box,
      'second-signal-stuck',
      'INT TERM'
    );
    try {
      for (let i = 0; i < 120 && !output().includes('planning'); i += 1)
        await new Promise((resolve) => setTimeout(resolve, 250));
      child.kill('SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const second = Date.now();
      child.kill('SIGTERM');
      expect(await exited).toBe(1);
      expect(Date.now() - second).toBeLessThan(1500);
      // Written while terraform's output is still open (commands stopped around it): resumed first.
      expect(obeyedErrors(output())).toEqual([
        expect.stringMatching(
          /^::error::provision was cancelled \(SIGINT\) during terraform plan; terraform plan had not stopped .* it had not exited 0\.5 s after it, and may still be running\. If the next run says the state is locked, run terraform force-unlock/
        )
      ]);
      const summary = readFileSync(join(box.dir, 'summary'), 'utf8');
      expect(summary).toContain(
        '- removed its private directory (the plan file and the generated variables)'
      );
    } finally {
      child.kill('SIGKILL');
      if (existsSync(pidFile)) spawnSync('kill', ['-9', readFileSync(pidFile, 'utf8').trim()]);
    }
  }, 60_000);
});
