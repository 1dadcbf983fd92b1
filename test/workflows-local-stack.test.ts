// ci.yml's local-stack job, run here step by step as a runner would (scripts/run-workflow-job.ts):
// its own shell steps in bash, and provision → publish-oidc → irsa-role → verify-irsa through
// their action.yml entries and committed dist/ bundles, against Jest's local stack. Only the
// set-up the stack makes unnecessary is skipped. The job's own last step checks the outputs
// (first runs change things, second runs change nothing, the wrong role is refused); this test
// checks that the job got that far, that each step did what the job says, and that each action set
// exactly the outputs its action.yml declares (no documented output left unset, none undocumented).
//
// The stack is shared by every test file, so this run gets its own kube-apiserver double whose
// issuer lives in a bucket nobody else uses; the job's BUCKET is pointed at it.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runWorkflowJob, skipLocalSetUp, type StepResult } from '../scripts/run-workflow-job.js';
import { loadActionInterfaces, localActionName, parseWorkflow } from '../scripts/check-workflows.js';
import { startKubeDouble, type KubeDouble } from './stack/kube-double.js';
import { createTestCa } from './stack/tls.js';
import { node24 } from './harness/node24.js';

const root = resolve(import.meta.dirname, '..');

// What a simulated pod may see of the stack: endpoints, region and CA settings, but no credential
// or credential source, or `aws sts get-caller-identity` would succeed without IRSA.
function podEnv(env: Record<string, string>): Record<string, string> {
  const credential =
    /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|SECURITY_TOKEN|PROFILE|DEFAULT_PROFILE|CONFIG_FILE|SHARED_CREDENTIALS_FILE|ROLE_ARN|ROLE_SESSION_NAME|WEB_IDENTITY_TOKEN_FILE|CONTAINER_\w+)$/;
  return Object.fromEntries(
    Object.entries(env).filter(
      ([k]) => (k.startsWith('AWS_') && !credential.test(k)) || k === 'NODE_EXTRA_CA_CERTS'
    )
  );
}

function stackEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return env;
}

describe("ci.yml's local-stack job, run locally", () => {
  const bucket = `wf-ci-${process.pid}-${Date.now().toString(36)}`;
  let double: KubeDouble;
  let dir: string;
  let results: StepResult[];
  const step = (name: string): StepResult => {
    const found = results.find((r) => r.name === name || r.key === name);
    if (!found) throw new Error(`no step ${name}`);
    return found;
  };

  beforeAll(async () => {
    const env = stackEnv();
    const publicUrl = env['TALOS_IRSA_S3_PUBLIC_URL'];
    const stackDir = env['TALOS_IRSA_STACK_DIR'];
    if (!publicUrl || !stackDir)
      throw new Error('the local stack is not running (no TALOS_IRSA_S3_PUBLIC_URL)');
    dir = mkdtempSync(join(tmpdir(), 'wf-local-stack-'));
    double = await startKubeDouble({
      ca: createTestCa(stackDir),
      issuer: `${publicUrl.replace(/\/+$/, '')}/${bucket}`,
      podEnv: podEnv(env)
    });
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, double.kubeconfig(), { mode: 0o600 });
    results = await runWorkflowJob({
      root,
      workflow: '.github/workflows/ci.yml',
      job: 'local-stack',
      env: { ...env, KUBECONFIG_PATH_DOUBLE: kubeconfig },
      overrides: { BUCKET: bucket },
      runnerTemp: join(dir, 'runner'),
      skip: skipLocalSetUp,
      // The runner starts these bundles with node24.
      node: node24,
      // TALOS_IRSA_DIST_DIR: bundles from `node scripts/build.mjs --out DIR` instead of actions/*/dist.
      distDir: process.env['TALOS_IRSA_DIST_DIR']
        ? (action) => join(process.env['TALOS_IRSA_DIST_DIR'] ?? '', action)
        : undefined,
      timeoutMs: 90_000
    });
  }, 240_000);

  afterAll(async () => {
    await double?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('skips only the set-up the running stack replaces', () => {
    const skipped = results.filter((r) => r.outcome === 'skipped' && r.log !== '').map((r) => r.name);
    expect(skipped).toEqual([
      expect.stringMatching(/^actions\/checkout@/),
      expect.stringMatching(/^actions\/setup-node@/),
      expect.stringMatching(/^hashicorp\/setup-terraform@/),
      'Install moto (the S3, IAM and STS emulator)',
      'npm ci',
      'Start the local stack',
      'Stop the local stack'
    ]);
  });

  it("reaches the job's own result check, and it passes", () => {
    const failed = results.filter((r) => r.conclusion === 'failure').map((r) => `${r.name}:\n${r.log}`);
    expect(failed).toEqual([]);
    expect(step('Check the results').outcome).toBe('success');
    expect(step('Check the results').log).toContain('ok: verify-irsa verified = true');
  });

  it('provisions from the stand-in root and hands the kubeconfig on as a 0600 path, never as text in outputs-json', () => {
    const provision = step('provision');
    expect(provision.outputs['has-changes']).toBe('true');
    const path = provision.outputs['kubeconfig-path'] ?? '';
    expect(path.startsWith(join(dir, 'runner'))).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toContain(double.token);
    expect(provision.outputs['outputs-json']).not.toContain(double.token);
    expect(JSON.parse(provision.outputs['outputs-json'] ?? '{}')).toMatchObject({ discovery_bucket: bucket });
  });

  it('publishes the issuer documents for the double, creates the role, and verifies it from a pod', () => {
    expect(step('publish').outputs['issuer-url']).toBe(double.issuer);
    expect(step('publish').outputs['key-ids']).toContain(double.signingKid);
    expect(step('role').outputs['role-arn']).toMatch(/:role\/talos-irsa-ci$/);
    expect(step('verify').outputs['assumed-role-arn']).toMatch(/:assumed-role\/talos-irsa-ci\//);
  });

  it('changes nothing the second time', () => {
    expect(step('provision-again').outputs['has-changes']).toBe('false');
    expect(step('publish-again').outputs['changed']).toBe('false');
    expect(step('role-again').outputs['changed']).toBe('false');
  });

  it('refuses the role bound to another service account and names the trust policy', () => {
    const wrong = step('verify-wrong');
    expect(wrong.outcome).toBe('failure');
    expect(wrong.conclusion).toBe('success');
    const diagnosis = JSON.parse(wrong.outputs['diagnosis'] ?? '[]') as Array<{ check: string; ok: boolean }>;
    expect(diagnosis.filter((c) => !c.ok).map((c) => c.check)).toContain('role-trust');
  });

  it("sets exactly the outputs each action's action.yml declares, on every step that runs one", () => {
    const interfaces = loadActionInterfaces(root);
    const ci = parseWorkflow(readFileSync(join(root, '.github/workflows/ci.yml'), 'utf8')) as {
      jobs: Record<string, { steps: Array<{ id?: string; uses?: string }> }>;
    };
    const calls = (ci.jobs['local-stack']?.steps ?? []).flatMap((s) => {
      const action = s.uses ? localActionName(s.uses) : undefined;
      return action && s.id ? [{ id: s.id, action }] : [];
    });
    expect(calls.map((c) => c.action).sort()).toEqual(expect.arrayContaining([...interfaces.keys()]));
    for (const { id, action } of calls) {
      const declared = [...(interfaces.get(action)?.outputs.keys() ?? [])].sort();
      expect({ step: id, outputs: Object.keys(step(id).outputs).sort() }).toEqual({
        step: id,
        outputs: declared
      });
    }
  });

  it('never prints the kubeconfig token except in the add-mask commands that hide it', () => {
    for (const result of results) {
      const unmasked = result.log
        .split('\n')
        .filter((line) => line.includes(double.token) && !line.startsWith('::add-mask::'));
      expect({ step: result.name, unmasked }).toEqual({ step: result.name, unmasked: [] });
    }
  });
});
