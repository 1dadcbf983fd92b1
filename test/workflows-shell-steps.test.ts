// The workflows' own shell steps that talk to AWS, run as the runner would run them
// (scripts/run-workflow-job.ts) with the real aws CLI against the local stack's moto: listing the
// clusters beside their states, and storing and fetching a cluster's variables. Each run uses its
// own state bucket and cluster names.
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client
} from '@aws-sdk/client-s3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { clientConfig } from '../src/aws/clients.js';
import { startFaultProxy } from './stack/fault-proxy.js';
import {
  jobCondition,
  jobOutputs,
  runWorkflowJob,
  type RunOptions,
  type StandIn,
  type StepResult,
  type WorkflowStep
} from '../scripts/run-workflow-job.js';

const root = resolve(import.meta.dirname, '..');
// Each aws CLI (v1, Python) start costs seconds on a loaded machine; the steps make several calls.
const AWS_CLI_TIMEOUT_MS = 120_000;
const region = 'us-east-1';
const suffix = `${process.pid}-${Date.now().toString(36)}`;
const stateBucket = `wf-state-${suffix}`;
const s3 = new S3Client(clientConfig('S3', region, process.env));
// The settings are configuration variables; the only secrets are the roles' ARNs. The old secrets
// are set too, as on a repository that has not deleted them yet: no job may read them.
const vars = { TALOS_IRSA_STATE_BUCKET: stateBucket, TALOS_IRSA_STATE_REGION: region };
const secrets = {
  AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/talos-irsa-apply',
  AWS_PLAN_ROLE_ARN: 'arn:aws:iam::123456789012:role/talos-irsa-plan',
  TALOS_IRSA_STATE_BUCKET: stateBucket,
  TALOS_IRSA_STATE_REGION: region
};

// plan.yml's trust step: a pull request from a branch of this repository, and one from a fork.
const sameRepository = {
  repository: 'owner/talos-irsa',
  'event.pull_request.head.repo.full_name': 'owner/talos-irsa'
};
const fromFork = {
  repository: 'owner/talos-irsa',
  'event.pull_request.head.repo.full_name': 'contributor/talos-irsa'
};

let dir: string;

function env(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) out[k] = v;
  return out;
}

/** Runs only the named steps of a job; everything else is skipped as if absent. */
async function runSteps(
  workflow: string,
  job: string,
  names: string[],
  contexts: RunOptions['contexts'],
  standIns: Record<string, StandIn> = {}
): Promise<Map<string, StepResult>> {
  return (await runStepsWithResults(workflow, job, names, contexts, standIns)).byKey;
}

async function runStepsWithResults(
  workflow: string,
  job: string,
  names: string[],
  contexts: RunOptions['contexts'],
  standIns: Record<string, StandIn> = {}
): Promise<{ byKey: Map<string, StepResult>; results: StepResult[] }> {
  const wanted = (step: WorkflowStep): boolean =>
    names.includes(step.name ?? '') || names.includes(step.id ?? '');
  const results = await runWorkflowJob({
    root,
    workflow: join('.github', 'workflows', workflow),
    job,
    env: env(),
    contexts,
    runnerTemp: mkdtempSync(join(dir, 'runner-')),
    skip: (step) => (wanted(step) ? undefined : 'not under test'),
    standIn: (step) => standIns[step.id ?? step.name ?? '']
  });
  const ran = results.filter((r) => r.log !== 'not under test');
  expect(ran.map((r) => r.key).length).toBe(names.length);
  return { byKey: new Map(ran.map((r) => [r.key.startsWith('__') ? r.name : r.key, r])), results };
}

async function put(key: string, body: string): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: stateBucket, Key: key, Body: body }));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wf-shell-'));
  await s3.send(new CreateBucketCommand({ Bucket: stateBucket }));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  s3.destroy();
});

describe('listing clusters beside their states', () => {
  const unlisted = [
    'talos-irsa/Bad_Name/cluster.tfvars.json',
    'talos-irsa/alpha/old/cluster.tfvars.json',
    'talos-irsa/x "$(id)"/cluster.tfvars.json'
  ];
  const warning = `::warning title=Not a cluster's variables::Skipped ${unlisted.map((k) => JSON.stringify(k)).join(', ')}: create-cluster.yml stores talos-irsa/<cluster>/cluster.tfvars.json, where <cluster> is 1-32 lowercase letters, digits and hyphens starting with a letter.`;

  beforeAll(async () => {
    await put('talos-irsa/alpha/cluster.tfvars.json', '{"region":"us-east-1"}');
    await put('talos-irsa/alpha/terraform.tfstate', '{}');
    await put('talos-irsa/beta/cluster.tfvars.json', '{"region":"eu-west-1"}');
    // A state without stored variables was not made by create-cluster.yml: not listed.
    await put('talos-irsa/gamma/terraform.tfstate', '{}');
    await put('elsewhere/delta/cluster.tfvars.json', '{}');
    // Not names create-cluster.yml accepts, or keys deeper than a cluster's: skipped, with a warning
    // that quotes them as JSON (one line even for a key with a line break, which moto refuses).
    for (const key of unlisted) await put(key, '{}');
  });

  it(
    'plan.yml: a trusted pull request lists exactly the clusters with stored variables',
    async () => {
      const steps = await runSteps('plan.yml', 'targets', ['trust', 'list'], {
        secrets,
        vars,
        github: { ...sameRepository, actor: 'maintainer' }
      });
      expect(steps.get('trust')?.outputs).toEqual({ trusted: 'true' });
      expect(steps.get('list')?.outcome).toBe('success');
      expect(JSON.parse(steps.get('list')?.outputs['clusters'] ?? '')).toEqual(['alpha', 'beta']);
      expect(steps.get('list')?.log.trim().split('\n')).toEqual([warning]);
    },
    AWS_CLI_TIMEOUT_MS
  );

  it(
    'plan.yml: a fork lists nothing and the plan job is not started',
    async () => {
      const steps = await runSteps('plan.yml', 'targets', ['trust', 'list'], {
        secrets,
        vars,
        github: { ...fromFork, actor: 'contributor' }
      });
      expect(steps.get('trust')?.outputs).toEqual({ trusted: 'false' });
      expect(steps.get('list')?.outcome).toBe('skipped');
    },
    AWS_CLI_TIMEOUT_MS
  );

  it(
    'oidc-resync.yml: every cluster on schedule, one when named, and a bad name is refused',
    async () => {
      const all = await runSteps('oidc-resync.yml', 'targets', ['settings', 'list'], {
        secrets,
        vars,
        inputs: { 'cluster-name': '' }
      });
      expect(JSON.parse(all.get('list')?.outputs['clusters'] ?? '')).toEqual(['alpha', 'beta']);
      expect(all.get('list')?.log.trim().split('\n')).toEqual([warning]);
      const one = await runSteps('oidc-resync.yml', 'targets', ['settings', 'list'], {
        secrets,
        vars,
        inputs: { 'cluster-name': 'beta' }
      });
      expect(one.get('list')?.outputs['clusters']).toBe('["beta"]');
      const bad = await runSteps('oidc-resync.yml', 'targets', ['settings', 'list'], {
        secrets,
        vars,
        inputs: { 'cluster-name': 'Beta; rm -rf /' }
      });
      expect(bad.get('list')?.outcome).toBe('failure');
      expect(bad.get('list')?.log.trim()).toBe(
        "::error::Input 'cluster-name': 'Beta; rm -rf /' is not a DNS label."
      );
    },
    AWS_CLI_TIMEOUT_MS
  );
});

describe('a cluster whose name contains the state region (prod-us-east-1 in us-east-1)', () => {
  // GitHub drops a job output that holds the value of a secret the job reads. With the region kept
  // as a secret, the list ["prod-us-east-1"] vanished: plan.yml planned nothing and went green,
  // oidc-resync.yml failed on fromJSON(''). The settings are variables now.
  const bucket = `wf-state-region-${suffix}`;
  const regionVars = { TALOS_IRSA_STATE_BUCKET: bucket, TALOS_IRSA_STATE_REGION: region };

  beforeAll(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `talos-irsa/prod-${region}/cluster.tfvars.json`,
        Body: JSON.stringify({ region })
      })
    );
  });

  it.each([
    ['plan.yml', 'plan', ['trust', 'list'], { ...sameRepository, actor: 'maintainer' }],
    ['oidc-resync.yml', 'resync', ['settings', 'list'], {}]
  ] as const)(
    '%s: the list reaches the %s job, and lost-list does not start',
    async (workflow, consumer, stepNames, github) => {
      // The old secrets hold the same values, as on a repository that has not deleted them yet.
      const contexts = {
        secrets: { ...secrets, ...regionVars },
        vars: regionVars,
        inputs: { 'cluster-name': '' },
        github: { ...github }
      };
      const { results } = await runStepsWithResults(workflow, 'targets', [...stepNames], contexts);
      const file = join('.github', 'workflows', workflow);
      const outputs = jobOutputs({ root, workflow: file, job: 'targets', contexts }, results);
      expect(outputs).toEqual({ clusters: `["prod-${region}"]` });
      const needs = { 'targets.outputs.clusters': outputs['clusters'] ?? '' };
      expect(jobCondition({ root, workflow: file, job: consumer, contexts: { needs } })).toBe(true);
      expect(jobCondition({ root, workflow: file, job: 'lost-list', contexts: { needs } })).toBe(false);
    },
    AWS_CLI_TIMEOUT_MS
  );
});

describe("a cluster's variables, from create to destroy", () => {
  const cluster = `wf-${Date.now().toString(36)}`;
  const inputs = {
    'cluster-name': cluster,
    region: 'eu-west-1',
    'talos-version': '1.11.5',
    'kubernetes-version': '1.34.1',
    'control-plane-count': '3',
    'control-plane-instance-type': 'm5.large',
    'worker-count': '1',
    'worker-instance-type': 'm5.large',
    'discovery-bucket': '',
    'admin-cidrs': '203.0.113.10/32',
    'api-cidrs': '203.0.113.0/24',
    bindings: ''
  };

  const STORE = "Store the cluster's variables beside its state";
  const RECORD = 'Record the variables of this apply';
  const exists = async (key: string): Promise<boolean> =>
    s3.send(new HeadObjectCommand({ Bucket: stateBucket, Key: key })).then(
      () => true,
      () => false
    );
  const listed = async (): Promise<string[]> => {
    const steps = await runSteps('oidc-resync.yml', 'targets', ['settings', 'list'], {
      secrets,
      vars,
      inputs: { 'cluster-name': '' }
    });
    return JSON.parse(steps.get('list')?.outputs['clusters'] ?? '[]') as string[];
  };

  it(
    'create-cluster.yml stores them beside the state after a successful apply; destroy-cluster.yml fetches, uses and removes them',
    async () => {
      const created = await runSteps(
        'create-cluster.yml',
        'create',
        ['cluster', RECORD, 'provision', STORE],
        { secrets, vars, inputs },
        { provision: { outcome: 'success' } }
      );
      expect([...created.values()].map((r) => r.outcome)).toEqual([
        'success',
        'success',
        'success',
        'success'
      ]);
      const key = `talos-irsa/${cluster}/cluster.tfvars.json`;
      expect(await exists(`talos-irsa/${cluster}/pending.tfvars.json`)).toBe(false);
      const stored = await s3.send(new GetObjectCommand({ Bucket: stateBucket, Key: key }));
      const variables = JSON.parse((await stored.Body?.transformToString()) ?? '{}') as Record<
        string,
        unknown
      >;
      expect(variables).toMatchObject({ region: 'eu-west-1', worker_groups: { general: { count: 1 } } });
      expect(await listed()).toContain(cluster);

      const destroyed = await runSteps(
        'destroy-cluster.yml',
        'destroy',
        ['cluster', 'variables', 'Remove the stored variables'],
        { secrets, vars, inputs: { 'cluster-name': cluster, confirm: cluster } }
      );
      expect([...destroyed.values()].map((r) => r.outcome)).toEqual(['success', 'success', 'success']);
      expect(destroyed.get('variables')?.outputs).toEqual({ region: 'eu-west-1' });
      expect(destroyed.get('variables')?.log).not.toContain('::notice');
      const fetched = destroyed.get('cluster')?.outputs['var-file'] ?? '';
      expect(JSON.parse(readFileSync(fetched, 'utf8'))).toEqual(variables);
      expect(await exists(key)).toBe(false);
    },
    AWS_CLI_TIMEOUT_MS
  );

  it(
    'destroy-cluster.yml refuses stored variables whose region is not one, writing no output',
    async () => {
      const name = `wf-badregion-${Date.now().toString(36)}`;
      await put(`talos-irsa/${name}/cluster.tfvars.json`, JSON.stringify({ cluster_name: name }));
      const destroyed = await runSteps('destroy-cluster.yml', 'destroy', ['cluster', 'variables'], {
        secrets,
        vars,
        inputs: { 'cluster-name': name, confirm: name }
      });
      expect(destroyed.get('variables')?.outcome).toBe('failure');
      expect(destroyed.get('variables')?.outputs).toEqual({});
      expect(destroyed.get('variables')?.log.trim()).toBe(
        `::error::The cluster's variables in s3://${stateBucket} hold no AWS region under .region (they hold null): create-cluster.yml writes one; the file was changed since.`
      );
    },
    AWS_CLI_TIMEOUT_MS
  );

  it(
    'a first apply that fails leaves no cluster.tfvars.json for resync and plan to list, but destroy finds the attempt and removes it',
    async () => {
      const failed = `wf-failed-${Date.now().toString(36)}`;
      const created = await runSteps(
        'create-cluster.yml',
        'create',
        ['cluster', RECORD, 'provision', STORE],
        { secrets, vars, inputs: { ...inputs, 'cluster-name': failed } },
        {
          provision: { outcome: 'failure', log: 'Error: creating EC2 Instance: InsufficientInstanceCapacity' }
        }
      );
      expect([...created.values()].map((r) => r.outcome)).toEqual([
        'success',
        'success',
        'failure',
        'skipped'
      ]);
      expect(await exists(`talos-irsa/${failed}/cluster.tfvars.json`)).toBe(false);
      expect(await exists(`talos-irsa/${failed}/pending.tfvars.json`)).toBe(true);
      expect(await listed()).not.toContain(failed);

      const destroyed = await runSteps(
        'destroy-cluster.yml',
        'destroy',
        ['cluster', 'variables', 'Remove the stored variables'],
        { secrets, vars, inputs: { 'cluster-name': failed, confirm: failed } }
      );
      expect([...destroyed.values()].map((r) => r.outcome)).toEqual(['success', 'success', 'success']);
      expect(destroyed.get('variables')?.outputs).toEqual({ region: 'eu-west-1' });
      expect(destroyed.get('variables')?.log).toContain('::notice title=Never applied successfully::');
      expect(await exists(`talos-irsa/${failed}/pending.tfvars.json`)).toBe(false);
    },
    AWS_CLI_TIMEOUT_MS
  );

  it(
    'destroy-cluster.yml does not take an S3 failure for missing variables, nor fall back to an attempt',
    async () => {
      const name = `wf-unreadable-${Date.now().toString(36)}`;
      await put(`talos-irsa/${name}/cluster.tfvars.json`, '{"region":"eu-west-1"}');
      const proxy = await startFaultProxy({
        target: process.env['AWS_ENDPOINT_URL'] ?? '',
        rate: 1,
        faults: ['server-error'],
        match: (request) => request.service === 's3'
      });
      try {
        const results = await runWorkflowJob({
          root,
          workflow: '.github/workflows/destroy-cluster.yml',
          job: 'destroy',
          env: env(),
          overrides: { AWS_ENDPOINT_URL: proxy.url, AWS_MAX_ATTEMPTS: '1' },
          contexts: { secrets, vars, inputs: { 'cluster-name': name, confirm: name } },
          runnerTemp: mkdtempSync(join(dir, 'runner-')),
          skip: (step) => (step.id === 'cluster' || step.id === 'variables' ? undefined : 'not under test')
        });
        const step = results.find((r) => r.key === 'variables');
        expect(step?.outcome).toBe('failure');
        expect(step?.log).toContain(
          `::error::Could not read the cluster's variables from s3://${stateBucket}/talos-irsa/${name}/cluster.tfvars.json`
        );
        expect(step?.log).not.toContain('No variables found');
        expect(step?.log).not.toContain('::notice');
      } finally {
        await proxy.stop();
      }
    },
    AWS_CLI_TIMEOUT_MS
  );

  it(
    'destroy-cluster.yml names the missing variables instead of destroying with guesses',
    async () => {
      const steps = await runSteps('destroy-cluster.yml', 'destroy', ['cluster', 'variables'], {
        secrets,
        vars,
        inputs: { 'cluster-name': 'never-made', confirm: 'never-made' }
      });
      expect(steps.get('variables')?.outcome).toBe('failure');
      expect(steps.get('variables')?.log).toContain(
        `::error::No variables found at s3://${stateBucket}/talos-irsa/never-made/cluster.tfvars.json (nor talos-irsa/never-made/pending.tfvars.json)`
      );
    },
    AWS_CLI_TIMEOUT_MS
  );
});

// oidc-resync.yml lists the clusters, then each resync job waits its turn in the cluster's group,
// behind a destroy, say, that removes the cluster (and its variables) meanwhile.
describe("oidc-resync.yml's resync job, for a cluster that may be gone by its turn", () => {
  const SUMMARY = 'Summary';
  const standIns: Record<string, StandIn> = {
    provision: {
      outcome: 'success',
      outputs: {
        'outputs-json': '{"discovery_bucket":"b"}',
        'kubeconfig-path': '/k',
        'issuer-url': 'https://i'
      }
    }
  };
  const resync = (
    cluster: string,
    named: string,
    published: Record<string, string> = { changed: 'false', 'keys-changed': 'false', 'key-ids': 'k1' },
    dryRun = ''
  ): Promise<Map<string, StepResult>> =>
    runSteps(
      'oidc-resync.yml',
      'resync',
      ['cluster', 'provision', 'publish', SUMMARY],
      { secrets, vars, matrix: { cluster }, inputs: { 'cluster-name': named, 'dry-run': dryRun } },
      { ...standIns, publish: { outcome: 'success', outputs: published } }
    );

  it(
    'a listed cluster destroyed since: a notice, nothing else runs, the summary says so, the job passes',
    async () => {
      const name = `wf-gone-${Date.now().toString(36)}`;
      const steps = await resync(name, '');
      expect([...steps].map(([key, r]) => [key, r.outcome])).toEqual([
        ['cluster', 'success'],
        ['provision', 'skipped'],
        ['publish', 'skipped'],
        [SUMMARY, 'success']
      ]);
      expect(steps.get('cluster')?.outputs).toEqual({ gone: 'true' });
      expect(steps.get('cluster')?.log.trim()).toBe(
        `::notice title=Cluster ${name} is gone::${name} was listed, but its variables left s3://${stateBucket}/talos-irsa/${name}/cluster.tfvars.json before this job ran (destroyed meanwhile): nothing to resync.`
      );
      // Skipped by their condition, not by this test.
      expect(steps.get('provision')?.log).toBe('');
      expect(steps.get(SUMMARY)?.summary).toContain(
        'Result: destroyed since the clusters were listed: nothing to resync'
      );
    },
    AWS_CLI_TIMEOUT_MS
  );

  it(
    'a cluster named by hand that does not exist: an error naming the input',
    async () => {
      const steps = await resync('never-made', 'never-made');
      expect(steps.get('cluster')?.outcome).toBe('failure');
      expect(steps.get('cluster')?.log.trim()).toBe(
        `::error::Input 'cluster-name': there is no cluster never-made (no s3://${stateBucket}/talos-irsa/never-made/cluster.tfvars.json, where create-cluster.yml stores the variables of each cluster it made).`
      );
      expect(steps.get('provision')?.outcome).toBe('skipped');
      expect(steps.get(SUMMARY)?.summary).toContain('Result: the resync did not finish; see the log');
    },
    AWS_CLI_TIMEOUT_MS
  );

  it(
    'a stored region that is not one (a newline and an output of its own): an error, no output written',
    async () => {
      const name = `wf-badregion-${Date.now().toString(36)}`;
      await put(
        `talos-irsa/${name}/cluster.tfvars.json`,
        JSON.stringify({ region: 'eu-west-1\nbackend-config=bucket=elsewhere' })
      );
      const steps = await resync(name, '');
      expect(steps.get('cluster')?.outcome).toBe('failure');
      expect(steps.get('cluster')?.outputs).toEqual({});
      expect(steps.get('cluster')?.log.trim()).toBe(
        `::error::s3://${stateBucket}/talos-irsa/${name}/cluster.tfvars.json holds no AWS region under .region (it holds "eu-west-1\\nbackend-config=bucket=elsewhere"): create-cluster.yml writes one; the file was changed since.`
      );
      expect(steps.get('provision')?.outcome).toBe('skipped');
    },
    AWS_CLI_TIMEOUT_MS
  );

  it(
    'a cluster that is there: resynced as before',
    async () => {
      const name = `wf-here-${Date.now().toString(36)}`;
      await put(`talos-irsa/${name}/cluster.tfvars.json`, '{"region":"eu-west-1"}');
      const steps = await resync(name, '');
      expect([...steps.values()].map((r) => r.outcome)).toEqual(['success', 'success', 'success', 'success']);
      expect(steps.get('cluster')?.outputs).toEqual({
        region: 'eu-west-1',
        'backend-config': `bucket=${stateBucket}\nkey=talos-irsa/${name}/terraform.tfstate\nregion=${region}\nuse_lockfile=true`
      });
      expect(steps.get(SUMMARY)?.summary).toContain('Result: no key rotation');
    },
    AWS_CLI_TIMEOUT_MS
  );

  // changed is also true when only the discovery document was rewritten: the verdict on keys comes
  // from keys-changed.
  it(
    'says keys changed only when publish-oidc says its keys did',
    async () => {
      const name = `wf-keys-${Date.now().toString(36)}`;
      await put(`talos-irsa/${name}/cluster.tfvars.json`, '{"region":"eu-west-1"}');
      const result = async (published: Record<string, string>, dryRun = ''): Promise<string> => {
        const summary = (await resync(name, '', published, dryRun)).get(SUMMARY)?.summary ?? '';
        return summary.split('\n').find((line) => line.startsWith('- Result: ')) ?? summary;
      };
      expect(await result({ changed: 'true', 'keys-changed': 'false', 'key-ids': 'k1' })).toBe(
        "- Result: no key change, but the published documents were updated (the discovery document or a retired key's record; see the publish step's summary)"
      );
      expect(await result({ changed: 'true', 'keys-changed': 'true', 'key-ids': 'k2,k1' })).toBe(
        '- Result: keys changed (a signing key was added or retired): the published documents were updated'
      );
      expect(await result({ changed: 'true', 'keys-changed': 'true', 'key-ids': 'k2,k1' }, 'true')).toBe(
        '- Result: keys changed (a signing key was added or retired): the published documents would be updated (dry run, nothing written)'
      );
    },
    AWS_CLI_TIMEOUT_MS
  );

  it(
    'an S3 failure is not taken for a destroyed cluster',
    async () => {
      const name = `wf-unreadable-resync-${Date.now().toString(36)}`;
      await put(`talos-irsa/${name}/cluster.tfvars.json`, '{"region":"eu-west-1"}');
      const proxy = await startFaultProxy({
        target: process.env['AWS_ENDPOINT_URL'] ?? '',
        rate: 1,
        faults: ['server-error'],
        match: (request) => request.service === 's3'
      });
      try {
        const results = await runWorkflowJob({
          root,
          workflow: '.github/workflows/oidc-resync.yml',
          job: 'resync',
          env: env(),
          overrides: { AWS_ENDPOINT_URL: proxy.url, AWS_MAX_ATTEMPTS: '1' },
          contexts: {
            secrets,
            vars,
            matrix: { cluster: name },
            inputs: { 'cluster-name': '', 'dry-run': '' }
          },
          runnerTemp: mkdtempSync(join(dir, 'runner-')),
          skip: (step) => (step.id === 'cluster' ? undefined : 'not under test')
        });
        const step = results.find((r) => r.key === 'cluster');
        expect(step?.outcome).toBe('failure');
        expect(step?.log).toContain(
          `::error::Could not read the variables of ${name} from s3://${stateBucket}/talos-irsa/${name}/cluster.tfvars.json`
        );
        expect(step?.outputs).toEqual({});
      } finally {
        await proxy.stop();
      }
    },
    AWS_CLI_TIMEOUT_MS
  );
});
