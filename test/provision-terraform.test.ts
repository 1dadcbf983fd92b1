// The provision action end to end in-process, against the real terraform binary on fixture modules
// of built-in resources: plan, apply, a no-op apply, output, destroy, and how secrets are handled.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { parse as parseYaml } from 'yaml';
import { redactSecrets } from '../src/io/redact.js';
import { secretFragments } from '../src/io/secrets.js';
import type { ProvisionRun } from './fixtures/provision/harness.js';
import { fixtureInputs, runProvision, sandbox } from './fixtures/provision/harness.js';

interface Kubeconfig {
  clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
  users: { user: { token: string; 'client-key-data': string; 'client-certificate-data': string } }[];
}

function ok(run: ProvisionRun): Record<string, string> {
  if (run.error) throw new Error(`provision failed: ${run.error.message}\n${run.log.text()}`);
  return run.result?.outputs ?? {};
}

/** Fails if any log line holds a fragment before ctx.mask was called with that fragment. */
function expectMaskedBeforePrinted(run: ProvisionRun, fragments: string[]): void {
  for (const fragment of fragments) {
    const masked = run.masks.find((mask) => mask.value === fragment);
    expect(masked).toBeDefined();
    run.log.lines.forEach((line, index) => {
      if (line.includes(fragment)) expect(index).toBeGreaterThanOrEqual(masked?.logLength ?? Infinity);
    });
  }
}

const groups = (run: ProvisionRun): string[] =>
  run.log.lines.filter((line) => line.startsWith('::group::')).map((line) => line.slice(9));

describe('a cluster through its whole life', () => {
  // The runner's umask, under which terraform would write its files 0644.
  let umask = 0;
  beforeAll(() => {
    umask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(umask);
  });
  const box = sandbox();
  const cluster = `life-${process.pid}`;
  const varFile = join(box.dir, 'nodes.tfvars');
  writeFileSync(varFile, 'node_count = 2\n');
  const inputs = (command: string, extra: Record<string, string> = {}) =>
    fixtureInputs(box, cluster, { command, 'var-files': 'nodes.tfvars', ...extra });
  let kubeconfig = '';

  test('plan counts the changes from the plan JSON and writes nothing', async () => {
    const run = await runProvision(inputs('plan'), box.env);
    const outputs = ok(run);
    expect(outputs['has-changes']).toBe('true');
    expect(outputs['plan-summary']).toBe('3 to add, 0 to change, 0 to destroy');
    expect(outputs.kubeconfig).toBe('');
    expect(outputs['kubeconfig-path']).toBe('');
    expect(groups(run)).toEqual(['terraform init', 'terraform plan']);
    expect(existsSync(box.statePath)).toBe(false);
    expect(run.result?.summary).toContain('Plan only: nothing was applied.');
    expect(run.result?.summary).toContain(`+   resource "terraform_data" "cluster"`);
  });

  test('apply applies the plan and hands over the credentials masked and in 0600 files', async () => {
    const run = await runProvision(inputs('apply'), box.env);
    const outputs = ok(run);
    expect(outputs['has-changes']).toBe('true');
    expect(outputs['plan-summary']).toBe('3 to add, 0 to change, 0 to destroy');
    expect(groups(run)).toEqual(['terraform init', 'terraform plan', 'terraform apply']);

    kubeconfig = outputs.kubeconfig ?? '';
    const parsed = parseYaml(kubeconfig) as Kubeconfig;
    expect(parsed.clusters[0]?.cluster.server).toBe(`https://${cluster}.cluster.example.test:6443`);
    expect(outputs['api-endpoint']).toBe(`https://${cluster}.cluster.example.test:6443`);
    expect(outputs['issuer-url']).toBe(`https://${cluster}-irsa.s3.us-east-1.amazonaws.com`);
    expect(outputs['oidc-provider-arn']).toMatch(new RegExp(`:oidc-provider/${cluster}-irsa\\.s3\\.`));

    for (const [name, path] of [
      ['kubeconfig', outputs['kubeconfig-path'] ?? ''],
      ['talosconfig', outputs['talosconfig-path'] ?? '']
    ] as const) {
      expect(path.startsWith(box.runnerTemp)).toBe(true);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
      expect(readFileSync(path, 'utf8')).toBe(outputs[name]);
    }

    // Whole values and each secret-bearing line and value: the token, the key, the certificates.
    const user = parsed.users[0]?.user;
    const talos = outputs.talosconfig ?? '';
    const expected = [
      kubeconfig.trim(),
      talos.trim(),
      user?.token ?? '',
      user?.['client-key-data'] ?? '',
      user?.['client-certificate-data'] ?? '',
      parsed.clusters[0]?.cluster['certificate-authority-data'] ?? '',
      ...secretFragments(talos)
    ];
    expect(new Set(expected).size).toBeGreaterThanOrEqual(9);
    const maskedValues = run.masks.map((mask) => mask.value);
    for (const fragment of expected) expect(maskedValues).toContain(fragment);
    expectMaskedBeforePrinted(run, expected);

    const publicOutputs = JSON.parse(outputs['outputs-json'] ?? '') as Record<string, unknown>;
    expect(Object.keys(publicOutputs).sort()).toEqual([
      'api_endpoint',
      'issuer_url',
      'node_names',
      'oidc_provider_arn'
    ]);
    const summary = run.result?.summary ?? '';
    expect(summary).toContain(outputs['kubeconfig-path']);
    for (const fragment of expected) {
      expect(summary).not.toContain(fragment);
      expect(outputs['outputs-json']).not.toContain(fragment);
    }
  });

  test("what terraform wrote is the owner's alone: the local state, its record of the backend", () => {
    // The runner's umask (022) would make them 0644; the state holds every secret of the cluster.
    expect(statSync(box.statePath).mode & 0o777).toBe(0o600);
    expect(statSync(join(box.module, '.terraform', 'terraform.tfstate')).mode & 0o777).toBe(0o600);
    expect(statSync(join(box.module, '.terraform')).mode & 0o777).toBe(0o700);
    // Only terraform's: the action's own process keeps the umask it had.
    expect(process.umask(0o022)).toBe(0o022);
  });

  test('a second apply with the same inputs changes nothing and says so', async () => {
    const stateBefore = readFileSync(box.statePath, 'utf8');
    const run = await runProvision(inputs('apply'), box.env);
    const outputs = ok(run);
    expect(outputs['has-changes']).toBe('false');
    expect(outputs['plan-summary']).toBe('0 to add, 0 to change, 0 to destroy');
    expect(groups(run)).not.toContain('terraform apply');
    expect(run.log.lines).toContain('No changes: nothing to apply.');
    // Said once: no second line of zero counts ahead of it.
    expect(run.log.lines.filter((line) => /^(Plan: |No changes:)/.test(line))).toEqual([
      'No changes: nothing to apply.'
    ]);
    expect(readFileSync(box.statePath, 'utf8')).toBe(stateBefore);
    expect(outputs.kubeconfig).toBe(kubeconfig);
    expect(run.result?.summary).toContain(
      '**0 to add, 0 to change, 0 to destroy.** No changes: nothing to apply.'
    );

    // A plan now has nothing to do either, and its summary says so rather than 'Plan only'.
    const plan = await runProvision(inputs('plan'), box.env);
    expect(ok(plan)['has-changes']).toBe('false');
    expect(plan.result?.summary).toContain(
      '**0 to add, 0 to change, 0 to destroy.** No changes: nothing to apply.'
    );
    expect(plan.result?.summary).not.toContain('Plan only');
  });

  test('the variables input reaches terraform and wins over var-files', async () => {
    const run = await runProvision(inputs('plan', { variables: 'node_label: gpu' }), box.env);
    expect(ok(run)['plan-summary']).toBe('0 to add, 2 to change, 0 to destroy');
    const json = await runProvision(inputs('plan', { variables: '{"node_count": 3}' }), box.env);
    expect(ok(json)['plan-summary']).toBe('1 to add, 0 to change, 0 to destroy');
  });

  test('output reads the state without planning', async () => {
    const run = await runProvision(inputs('output'), box.env);
    const outputs = ok(run);
    expect(groups(run)).toEqual(['terraform init']);
    expect(outputs.kubeconfig).toBe(kubeconfig);
    expect(outputs['has-changes']).toBe('false');
    expect(outputs['plan-summary']).toBe('');
    expect(statSync(outputs['kubeconfig-path'] ?? '').mode & 0o777).toBe(0o600);
    expect(run.masks.map((mask) => mask.value)).toContain(kubeconfig.trim());
    // Headers capitalised as the other actions' summary tables are.
    expect(run.result?.summary).toContain('| Output | Value |\n| --- | --- |\n| api_endpoint |');
  });

  test('destroy plans -destroy and applies it; a second destroy has nothing to do', async () => {
    const run = await runProvision(inputs('destroy'), box.env);
    const outputs = ok(run);
    expect(outputs['plan-summary']).toBe('0 to add, 0 to change, 3 to destroy');
    expect(outputs['has-changes']).toBe('true');
    expect(outputs.kubeconfig).toBe('');
    expect(outputs['outputs-json']).toBe('{}');
    // Secrets still in the state are masked before the destroy plan is printed.
    expect(run.masks[0]?.value).toBe(kubeconfig.trim());
    expect(run.masks[0]?.logLength).toBeLessThanOrEqual(run.log.lines.indexOf('::group::terraform plan'));
    const state = JSON.parse(readFileSync(box.statePath, 'utf8')) as { resources: unknown[] };
    expect(state.resources).toEqual([]);

    const again = await runProvision(inputs('destroy'), box.env);
    expect(ok(again)['has-changes']).toBe('false');
    expect(again.log.lines).toContain('No changes: nothing to destroy.');
  });
});

describe('output before any apply', () => {
  test('sets empty outputs and warns that the state holds none', async () => {
    const box = sandbox();
    const run = await runProvision(fixtureInputs(box, 'never-applied', { command: 'output' }), box.env);
    const outputs = ok(run);
    expect(outputs.kubeconfig).toBe('');
    expect(outputs['kubeconfig-path']).toBe('');
    expect(outputs['outputs-json']).toBe('{}');
    // The summary says so too, rather than standing as a bare title.
    expect(run.result?.summary).toBe(
      "### Terraform outputs for cluster `never-applied`\n\nNo outputs: the state holds none (apply first, or check that backend-config names this cluster's state)."
    );
    expect(run.log.lines).toContain(
      "::warning::The state holds no outputs for cluster never-applied: run provision with command: apply first, or check that backend-config names this cluster's state."
    );
  });
});

describe('one root module, two clusters', () => {
  test('each run uses the state its backend-config names, whatever ran before in the directory', async () => {
    const box = sandbox();
    const first = await runProvision(fixtureInputs(box, 'first', { command: 'apply' }), box.env);
    expect(ok(first)['has-changes']).toBe('true');
    const secondState = join(box.dir, 'second.tfstate');
    const second = await runProvision(
      fixtureInputs(box, 'second', { command: 'plan', 'backend-config': `path=${secondState}` }),
      box.env
    );
    expect(ok(second)['plan-summary']).toBe('2 to add, 0 to change, 0 to destroy');
    const again = await runProvision(fixtureInputs(box, 'first', { command: 'apply' }), box.env);
    expect(ok(again)['has-changes']).toBe('false');
  });
});

describe("the local backend's state path", () => {
  test('is read by terraform relative to the module, where the action judges it too', async () => {
    const box = sandbox();
    // box.module is box.dir/module: ../relative.tfstate is in the workspace, beside it.
    const run = await runProvision(
      fixtureInputs(box, 'relative', { command: 'apply', 'backend-config': 'path=../relative.tfstate' }),
      box.env
    );
    expect(ok(run)['has-changes']).toBe('true');
    expect(existsSync(join(box.dir, 'relative.tfstate'))).toBe(true);
    // One level further up is outside the workspace: refused before terraform runs.
    const refused = await runProvision(
      fixtureInputs(box, 'relative', { 'backend-config': 'path=../../relative.tfstate' }),
      box.env
    );
    expect(refused.error?.message).toMatch(
      /^Input 'backend-config': path '\.\.\/\.\.\/relative\.tfstate' \(relative to working-directory\) is outside/
    );
    expect(refused.log.lines).toEqual([]);
    expect(existsSync(join(dirname(box.dir), 'relative.tfstate'))).toBe(false);
  });
});

describe('a plan that only moves resources in the state', () => {
  test('is applied, though Terraform counts 0 to add, change or destroy; then there is nothing to do', async () => {
    const box = sandbox();
    const inputs = fixtureInputs(box, 'moved', { command: 'apply' });
    ok(await runProvision(inputs, box.env));
    // The module renames a resource with a moved block, as a refactoring does.
    const main = join(box.module, 'main.tf');
    writeFileSync(
      main,
      readFileSync(main, 'utf8').replace(/terraform_data(\.|" ")cluster/g, 'terraform_data$1control_plane') +
        '\nmoved {\n  from = terraform_data.cluster\n  to   = terraform_data.control_plane\n}\n'
    );
    const run = await runProvision(inputs, box.env);
    const outputs = ok(run);
    expect(outputs['plan-summary']).toBe('0 to add, 0 to change, 0 to destroy');
    expect(outputs['has-changes']).toBe('true');
    expect(groups(run)).toContain('terraform apply');
    expect(run.log.lines).toContain(
      'Plan: 0 to add, 0 to change, 0 to destroy, and 1 resource to move, import or forget in the state.'
    );
    const state = JSON.parse(readFileSync(box.statePath, 'utf8')) as { resources: { name: string }[] };
    expect(state.resources.map((resource) => resource.name).sort()).toEqual(['control_plane', 'node']);

    const again = await runProvision(inputs, box.env);
    expect(ok(again)['has-changes']).toBe('false');
    expect(again.log.lines).toContain('No changes: nothing to apply.');
  });
});

describe('secrets a module forgot to mark sensitive', () => {
  test('a kubeconfig printed by apply under Outputs: is masked before its lines reach the log', async () => {
    const box = sandbox('unmarked');
    const run = await runProvision(fixtureInputs(box, 'unmarked', { command: 'apply' }), box.env);
    const outputs = ok(run);
    const token = (parseYaml(outputs.kubeconfig ?? '') as Kubeconfig).users[0]?.user.token ?? '';
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    // Terraform did print it (the module's fault), but only after the mask was registered.
    expect(run.log.lines.some((line) => line.includes(token))).toBe(true);
    expectMaskedBeforePrinted(run, [token, `token: ${token}`]);
    expect(outputs['outputs-json']).toBe('{}');
  });

  test('a kubeconfig known at plan time, printed by plan under Changes to Outputs:, is masked first', async () => {
    const box = sandbox('unmarked-known');
    const run = await runProvision(fixtureInputs(box, 'unmarked-known', { command: 'plan' }), box.env);
    ok(run);
    const line = run.log.lines.find((entry) => /^\s*token: [0-9a-f]{64}\s*$/.test(entry)) ?? '';
    const token = /[0-9a-f]{64}/.exec(line)?.[0] ?? '';
    expect(token).not.toBe('');
    expectMaskedBeforePrinted(run, [token]);
    expect(run.result?.summary ?? '').not.toContain(token);
  });
});

describe('a failing terraform command', () => {
  test('fails the action with each terraform error as an ::error:: annotation', async () => {
    const box = sandbox();
    const run = await runProvision(
      fixtureInputs(box, 'failing', { command: 'apply', variables: 'node_count: 900' }),
      box.env
    );
    expect(run.error?.message).toBe('terraform plan failed with exit code 1: 1 error, annotated above.');
    const annotations = run.log.lines.filter((line) => line.startsWith('::error'));
    expect(annotations).toEqual([
      expect.stringMatching(
        /^::error title=terraform plan::Invalid value for variable \(variables-input\.tfvars\.json line \d+\): node_count must be between 1 and 500\./
      )
    ]);
    expect(existsSync(box.statePath)).toBe(false);
  });
});

describe("the run's private directory (the plan file, the generated variables)", () => {
  const left = (runnerTemp: string): string[] =>
    readdirSync(runnerTemp).filter((name) => name.startsWith('talos-irsa-provision-'));

  test('is gone after a successful apply, which leaves only the credential files it hands on', async () => {
    const box = sandbox();
    ok(await runProvision(fixtureInputs(box, 'scratch-ok', { command: 'apply' }), box.env));
    expect(left(box.runnerTemp)).toEqual([]);
    expect(readdirSync(box.runnerTemp)).toEqual(['talos-irsa']);
  });

  test('is gone after a failing plan', async () => {
    const box = sandbox();
    const run = await runProvision(
      fixtureInputs(box, 'scratch-failing', { command: 'apply', variables: 'node_count: 900' }),
      box.env
    );
    expect(run.error?.message).toMatch(/^terraform plan failed/);
    expect(readdirSync(box.runnerTemp)).toEqual([]);
  });
});

describe('a state held by another run', () => {
  test("the annotation names the lock's ID and holder and how to free it", async () => {
    const box = sandbox();
    ok(await runProvision(fixtureInputs(box, 'locked', { command: 'apply' }), box.env));
    // Another process holds the state's lock as terraform takes it (fcntl), with its lock record.
    const lockId = 'd7f1c2aa-1111-2222-3333-444455556666';
    writeFileSync(
      join(dirname(box.statePath), '.terraform.tfstate.lock.info'),
      JSON.stringify({ ID: lockId, Operation: 'OperationTypeApply', Who: 'runner@fv-az9', Version: '1.11.4' })
    );
    const holder = spawn(
      'python3',
      [
        '-c',
        'import fcntl,sys,time\nf=open(sys.argv[1],"r+")\nfcntl.lockf(f,fcntl.LOCK_EX)\nprint("held",flush=True)\ntime.sleep(60)',
        box.statePath
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] }
    );
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      const run = await runProvision(fixtureInputs(box, 'locked', { command: 'apply' }), box.env);
      expect(run.error?.message).toBe('terraform plan failed with exit code 1: 1 error, annotated above.');
      const annotations = run.log.lines.filter((line) => line.startsWith('::error'));
      expect(annotations).toHaveLength(1);
      expect(annotations[0]).toContain(
        `Lock Info: ID=${lockId}, Operation=OperationTypeApply, Who=runner@fv-az9, Version=1.11.4`
      );
      expect(annotations[0]).toMatch(new RegExp(`terraform force-unlock ${lockId}$`));
    } finally {
      holder.kill();
    }
  });
});

/** A minimal HTTP state backend: GET the state (404 at first), POST a new one. */
async function httpStateBackend(): Promise<{ address: string; close: () => void }> {
  let state: Buffer | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'POST') state = Buffer.concat(chunks);
      if (req.method === 'GET' && !state) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(req.method === 'GET' ? state : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `http://127.0.0.1:${(server.address() as AddressInfo).port}/state`,
    close: () => server.close()
  };
}

describe('backend credentials', () => {
  const expectKeptPrivate = (run: ProvisionRun, module: string, password: string): void => {
    ok(run);
    const record = join(module, '.terraform', 'terraform.tfstate');
    expect(readFileSync(record, 'utf8')).toContain(password);
    expect(statSync(record).mode & 0o777).toBe(0o600);
    expect(run.masks.map((mask) => mask.value)).toContain(password);
    expect(run.masks.every((mask) => mask.logLength === 0)).toBe(true);
    expect(run.log.lines.some((line) => line.includes(password))).toBe(false);
  };

  test("init's record of them in .terraform/ is made the owner's alone (0600)", async () => {
    const backend = await httpStateBackend();
    try {
      const box = sandbox('http-backend');
      const password = 'SuperSecretPw-123';
      const run = await runProvision(
        {
          ...fixtureInputs(box, 'http-state', { command: 'apply' }),
          'backend-config': `address=${backend.address}\nusername=ci\npassword=${password}`
        },
        box.env
      );
      expectKeptPrivate(run, box.module, password);
    } finally {
      backend.close();
    }
  });

  test('a backend file among the lines is used, and its credentials are masked and kept private too', async () => {
    const backend = await httpStateBackend();
    try {
      const box = sandbox('http-backend');
      const password = 'FileSecretPw-456';
      writeFileSync(
        join(box.dir, 'state.tfbackend'),
        `address  = "${backend.address}"\nusername = "ci"\npassword = "${password}"\n`
      );
      const inputs = {
        ...fixtureInputs(box, 'http-file', { command: 'apply' }),
        'backend-config': 'state.tfbackend'
      };
      const run = await runProvision(inputs, box.env);
      expectKeptPrivate(run, box.module, password);
      expect(ok(run)['has-changes']).toBe('true');
      // The state went to the file's backend: a second run finds it and has nothing to do.
      expect(ok(await runProvision(inputs, box.env))['has-changes']).toBe('false');
    } finally {
      backend.close();
    }
  });
});

describe("TF_LOG in the step's env", () => {
  // Checked against terraform 1.11.4 and hashicorp/aws 5.100.0 (on moto): with TF_LOG, init logs its
  // arguments, -backend-config=password=... among them, and the aws provider each request's and answer's
  // body, a sensitive variable's value in it (an SSM parameter's), in the encodings of Go's %q, of JSON,
  // and with TF_LOG=JSON of both at once, which no masking of the value, in the forms the runner knows,
  // catches. The provider hides the Authorization header's key and X-Amz-Security-Token.
  const password = 'Tf-Log\\Pw-321';
  /** The log as the runner shows it: every masked value hidden, in each form its masker knows. */
  const shown = (run: ProvisionRun): string =>
    redactSecrets(
      run.log.text(),
      run.masks.map((mask) => mask.value)
    );

  test('is refused before terraform runs, whose debug log would quote the backend password where no mask hides it', async () => {
    const backend = await httpStateBackend();
    try {
      for (const [name, level] of [
        ['TF_LOG', 'JSON'],
        ['TF_LOG_CORE', 'trace'],
        ['TF_LOG_PROVIDER', 'DEBUG']
      ] as const) {
        const box = sandbox('http-backend');
        const run = await runProvision(
          {
            ...fixtureInputs(box, 'tf-log', { command: 'apply' }),
            'backend-config': `address=${backend.address}\nusername=ci\npassword=${password}`
          },
          { ...box.env, [name]: level }
        );
        expect(shown(run)).not.toContain('Pw-321');
        expect(run.error?.message).toBe(
          `The environment variable ${name} has terraform write its debug log, which quotes sensitive values and backend credentials in encodings no mask hides, to this step's log: set TF_LOG_PATH to a file for it, or unset ${name}.`
        );
        expect(groups(run)).toEqual([]);
      }
    } finally {
      backend.close();
    }
  });

  test('with TF_LOG_PATH goes to that file alone, with a warning, and the run goes on', async () => {
    const backend = await httpStateBackend();
    try {
      const box = sandbox('http-backend');
      const path = join(box.dir, 'terraform-debug.log');
      const run = await runProvision(
        {
          ...fixtureInputs(box, 'tf-log-path', { command: 'apply' }),
          'backend-config': `address=${backend.address}\nusername=ci\npassword=${password}`
        },
        { ...box.env, TF_LOG: 'JSON', TF_LOG_PATH: path }
      );
      expect(ok(run)['has-changes']).toBe('true');
      expect(shown(run)).not.toContain('Pw-321');
      expect(run.log.text()).not.toMatch(/"@level":|\[(TRACE|DEBUG|INFO)\]/);
      expect(run.log.lines.filter((line) => line.startsWith('::warning::'))).toEqual([
        `::warning::TF_LOG is set: terraform writes its debug log to TF_LOG_PATH (${path}) alone, not to this step's log. It holds sensitive values and credentials unmasked: do not upload it.`
      ]);
      expect(readFileSync(path, 'utf8')).toContain('Pw-321');
    } finally {
      backend.close();
    }
  });

  test('with a TF_LOG_PATH terraform cannot open is refused, as terraform would then write the debug log to stderr', async () => {
    // Checked against terraform 1.11.4: "Error opening log file: ...", and the debug log goes to stderr.
    const backend = await httpStateBackend();
    try {
      const box = sandbox('http-backend');
      const path = join(box.dir, 'missing', 'terraform-debug.log');
      const run = await runProvision(
        {
          ...fixtureInputs(box, 'tf-log-bad-path', { command: 'apply' }),
          'backend-config': `address=${backend.address}\nusername=ci\npassword=${password}`
        },
        { ...box.env, TF_LOG: 'JSON', TF_LOG_PATH: path }
      );
      expect(shown(run)).not.toContain('Pw-321');
      expect(run.error?.message).toBe(
        `The environment variable TF_LOG_PATH names ${path}, which cannot be opened to write (ENOENT): terraform would then write its debug log to this step's log. Name a file in a directory that exists, or unset TF_LOG.`
      );
      expect(groups(run)).toEqual([]);
    } finally {
      backend.close();
    }
  });

  test('with TF_LOG_PATH, when the run stops on another input, leaves no file there', async () => {
    const box = sandbox('sensitive-variable');
    const path = join(box.dir, 'terraform-debug.log');
    const run = await runProvision(fixtureInputs(box, 'tf-log-stopped'), {
      ...box.env,
      TF_LOG: 'DEBUG',
      TF_LOG_PATH: path,
      TF_CLI_ARGS: '-var=pod_cidr=10.0.0.0/8'
    });
    expect(run.error?.message).toMatch(/^The environment variable TF_CLI_ARGS gives terraform -var/);
    expect(existsSync(path)).toBe(false);
  });

  test('set to off, or empty, is no debug log and is let be', async () => {
    const backend = await httpStateBackend();
    try {
      const box = sandbox('http-backend');
      const run = await runProvision(
        {
          ...fixtureInputs(box, 'tf-log-off', { command: 'plan' }),
          'backend-config': `address=${backend.address}\nusername=ci\npassword=${password}`
        },
        { ...box.env, TF_LOG: 'off', TF_LOG_CORE: '', TF_LOG_PROVIDER: 'OFF' }
      );
      expect(ok(run)['has-changes']).toBe('true');
      expect(run.log.lines.filter((line) => line.startsWith('::warning::'))).toEqual([]);
    } finally {
      backend.close();
    }
  });
});

describe('-backend-config in TF_CLI_ARGS_init or TF_CLI_ARGS', () => {
  test("is refused before terraform runs, whose init error would quote a backend file's credential that the action never saw", async () => {
    // Checked against terraform 1.11.4: init adds TF_CLI_ARGS and TF_CLI_ARGS_init to its arguments, and
    // "Attribute redefined" quotes the file's line, password and all.
    const password = 'EnvArgsSecretPw-789';
    for (const [name, args] of [
      ['TF_CLI_ARGS_init', (file: string) => `-backend-config=${file}`],
      ['TF_CLI_ARGS_init', (file: string) => `-upgrade '--backend-config' ${file}`],
      ['TF_CLI_ARGS', (file: string) => `-backend-config ${file}`]
    ] as const) {
      const box = sandbox('http-backend');
      const file = join(box.dir, 'env.tfbackend');
      writeFileSync(
        file,
        `address  = "http://127.0.0.1:9/state"\npassword = "${password}"\npassword = "${password}"\n`
      );
      const run = await runProvision(
        fixtureInputs(box, 'env-args', { 'backend-config': 'address=http://127.0.0.1:9/state' }),
        { ...box.env, [name]: args(file) }
      );
      expect(run.error?.message).toBe(
        `The environment variable ${name} gives terraform init -backend-config, whose settings the action can neither check nor mask (terraform's errors quote them, credentials too): give backend settings through the backend-config input.`
      );
      expect(groups(run)).toEqual([]);
      expect(run.log.lines.filter((line) => line.includes(password))).toEqual([]);
    }
  });
});

describe('a backend-config line whose value terraform parses as HCL (an s3 assume_role object)', () => {
  const s3Box = () => {
    const box = sandbox();
    writeFileSync(join(box.module, 'backend_override.tf'), 'terraform {\n  backend "s3" {}\n}\n');
    return box;
  };
  const lines = (assumeRole: string) =>
    ['bucket=state', 'key=c.tfstate', 'region=us-east-1', `assume_role=${assumeRole}`].join('\n');
  const secret = 'line-s3cr3t-session-token';

  test('has the credentials inside it masked before terraform runs', async () => {
    // Checked against terraform 1.11.4: init refuses the tags (Incorrect attribute value type)
    // before it reaches AWS.
    const box = s3Box();
    const run = await runProvision(
      fixtureInputs(box, 'line', {
        'backend-config': lines(
          `{role_arn = "arn:aws:iam::123456789012:role/state", session_token = "${secret}", tags = "x"}`
        )
      }),
      box.env
    );
    expect(run.error?.message).toMatch(/^terraform init failed/);
    expect(run.masks.find((mask) => mask.value === secret)?.logLength).toBe(0);
  });

  test('is refused before terraform runs when it does not read as HCL and names a credential, which terraform would quote whole', async () => {
    // Checked against terraform 1.11.4: init's syntax error (Missing attribute separator) names the
    // argument as given, `on -backend-config="assume_role={... session_token=\"...\" ...}" line 1`.
    const box = s3Box();
    const run = await runProvision(
      fixtureInputs(box, 'line', {
        'backend-config': lines(
          `{role_arn = "arn:aws:iam::123456789012:role/state", session_token = "${secret}" x}`
        )
      }),
      box.env
    );
    expect(run.error?.message).toBe(
      "Input 'backend-config': the value of assume_role does not read as HCL (terraform parses it so) and holds a credential's name: terraform's error would quote it whole, the credential with it. Write it plainly: {name = \"value\", ...}."
    );
    expect(run.log.lines.filter((line) => line.includes(secret))).toEqual([]);
  });
});

describe('a JSON backend file with a setting given twice', () => {
  test('is refused before terraform runs, naming the setting: terraform refuses it too, quoting the first value', async () => {
    // Checked against terraform 1.11.4: init -backend-config=FILE.tfbackend.json fails on a name
    // given twice, at the top (Duplicate argument) or inside an object (Duplicate object attribute),
    // quoting the line; JSON.parse keeps the last, so the first value was never masked.
    const first = 'first-backend-s3cr3t';
    for (const [text, named] of [
      [
        `{"path": "state.tfstate", "secret_key": "${first}", "secret_key": "second-backend-s3cr3t"}`,
        'secret_key'
      ],
      [
        `{"path": "state.tfstate", "assume_role": {"session_token": "${first}", "session_token": "x"}}`,
        'assume_role.session_token'
      ]
    ] as const) {
      const box = sandbox();
      writeFileSync(join(box.dir, 'state.tfbackend.json'), text);
      const run = await runProvision(
        fixtureInputs(box, 'duplicate', { 'backend-config': 'state.tfbackend.json' }),
        box.env
      );
      expect(run.error?.message).toBe(
        `Input 'backend-config': the backend file 'state.tfbackend.json' gives ${named} twice, which terraform refuses, quoting the line: give each setting once.`
      );
      expect(run.log.lines.filter((line) => line.includes(first))).toEqual([]);
    }
  });

  test('in HCL too, the setting is named: terraform refuses it (Attribute redefined)', async () => {
    const box = sandbox();
    writeFileSync(
      join(box.dir, 'state.tfbackend'),
      'path = "state.tfstate"\nsecret_key = "first-backend-s3cr3t"\nsecret_key = "second-backend-s3cr3t"\n'
    );
    const run = await runProvision(
      fixtureInputs(box, 'duplicate', { 'backend-config': 'state.tfbackend' }),
      box.env
    );
    expect(run.error?.message).toBe(
      "Input 'backend-config': the backend file 'state.tfbackend' gives secret_key twice, which terraform refuses, quoting the line: give each setting once."
    );
  });
});

describe("the step's inputs and the Actions runtime's token", () => {
  test("are not in terraform's environment, where a module's own programs could read them", async () => {
    const box = sandbox();
    // As the runner passes them: the token and backend credentials too.
    const env = {
      ...box.env,
      'INPUT_GITHUB-TOKEN': 'ghs_inputTokenValue123',
      INPUT_COMMAND: 'apply',
      // What the runner gives an action, and not a run: step: a token that writes to the cache.
      ACTIONS_RUNTIME_TOKEN: 'runtimeTokenValue456',
      ACTIONS_RUNTIME_URL: 'https://pipelines.example/',
      ACTIONS_CACHE_URL: 'https://artifactcache.example/',
      ACTIONS_RESULTS_URL: 'https://results.example/',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/'
    };
    const dump = join(box.dir, 'terraform-env.txt');
    const main = join(box.module, 'main.tf');
    writeFileSync(
      main,
      `${readFileSync(main, 'utf8')}\nresource "terraform_data" "env" {\n  provisioner "local-exec" {\n    command = "env > ${dump}"\n  }\n}\n`
    );
    ok(await runProvision(fixtureInputs(box, 'env', { command: 'apply' }), env));
    const seen = readFileSync(dump, 'utf8');
    expect(seen).not.toContain('ghs_inputTokenValue123');
    expect(seen.split('\n').filter((line) => line.startsWith('INPUT_'))).toEqual([]);
    expect(seen).not.toContain('runtimeTokenValue456');
    expect(seen.split('\n').filter((line) => /^ACTIONS_(RUNTIME|CACHE|RESULTS)/.test(line))).toEqual([]);
    // The rest of the environment is terraform's as before, OIDC requests (as in a run: step) too.
    expect(seen).toContain(`TF_CLI_CONFIG_FILE=${box.env.TF_CLI_CONFIG_FILE}`);
    expect(seen).toContain('ACTIONS_ID_TOKEN_REQUEST_URL=https://token.example/');
  });
});

describe("terraform's errors about the action's inputs", () => {
  test('a variable the module needs and nobody set names the variables input, not a -var flag', async () => {
    const box = sandbox();
    const main = join(box.module, 'main.tf');
    writeFileSync(main, `${readFileSync(main, 'utf8')}\nvariable "region" {\n  type = string\n}\n`);
    const run = await runProvision(fixtureInputs(box, 'no-region'), box.env);
    expect(run.error?.message).toBe('terraform plan failed with exit code 1: 1 error, annotated above.');
    expect(run.log.lines.filter((line) => line.startsWith('::error'))).toEqual([
      `::error title=terraform plan::Input 'variables': the module's variable "region" has no value and no default: set it in variables or in one of var-files (terraform: No value for required variable).`
    ]);
  });

  test('a backend setting the backend does not have names the backend-config input', async () => {
    const box = sandbox();
    const run = await runProvision(
      fixtureInputs(box, 'typo', { 'backend-config': `path=${box.statePath}\nbuckt=state` }),
      box.env
    );
    expect(run.error?.message).toBe('terraform init failed with exit code 1: 1 error, annotated above.');
    expect(run.log.lines.filter((line) => line.startsWith('::error'))).toEqual([
      `::error title=terraform init::Input 'backend-config': the module's backend has no setting "buckt" (terraform: Invalid backend configuration argument).`
    ]);
  });
});

describe('a variables input the module does not know', () => {
  test("is said as a warning on the input, not only in terraform's log", async () => {
    const box = sandbox();
    const run = await runProvision(fixtureInputs(box, 'typo', { variables: 'node_cout: 3' }), box.env);
    ok(run);
    expect(run.log.lines.filter((line) => line.startsWith('::warning::'))).toEqual([
      "::warning::Input 'variables': the module declares no variable 'node_cout', so terraform ignored its value."
    ]);
  });

  test('each one is said, though terraform itself names only the first few', async () => {
    const box = sandbox();
    // Terraform warns of two and folds the rest into "N other variable(s) defined without being declared".
    const run = await runProvision(
      fixtureInputs(box, 'typos', { variables: 'node_cout: 3\nregoin: eu-west-1\nnode_lable: gpu\nzone: a' }),
      box.env
    );
    ok(run);
    expect(run.log.lines.filter((line) => line.startsWith('::warning::')).sort()).toEqual(
      ['node_cout', 'node_lable', 'regoin', 'zone'].map(
        (name) =>
          `::warning::Input 'variables': the module declares no variable '${name}', so terraform ignored its value.`
      )
    );
  });

  test('one from a var-file is said naming the file, and those terraform folds are counted', async () => {
    const box = sandbox();
    const file = join(box.dir, 'extra.tfvars');
    writeFileSync(file, 'node_lable = "gpu"\nnode_countt = 2\nregoin = "eu-west-1"\n');
    const run = await runProvision(
      fixtureInputs(box, 'typos', { variables: 'node_cout: 3', 'var-files': 'extra.tfvars' }),
      box.env
    );
    ok(run);
    const warnings = run.log.lines.filter((line) => line.startsWith('::warning::'));
    expect(warnings).toContain(
      "::warning::Input 'variables': the module declares no variable 'node_cout', so terraform ignored its value."
    );
    // Which two of the four terraform names is its own choice; every value is accounted for.
    const named = warnings.filter((line) => line.startsWith(`::warning::Input 'var-files': ${file} sets '`));
    const folded = warnings
      .map((line) =>
        /^::warning::Input 'var-files': (\d+) more values? for variables the module does not declare/.exec(
          line
        )
      )
      .find((match) => match !== null);
    expect(named.length + Number(folded?.[1] ?? 0)).toBe(3);
    expect(warnings).toHaveLength(1 + named.length + (folded ? 1 : 0));
  });
});
