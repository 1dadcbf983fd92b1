// destroy-cluster.yml's clean-up of the IRSA probe role that create-cluster.yml made outside
// Terraform, run as the runner would run it (scripts/run-workflow-job.ts) with the real aws CLI
// against the local stack's IAM (moto).
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  GetRoleCommand,
  IAMClient,
  PutRolePolicyCommand
} from '@aws-sdk/client-iam';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { clientConfig } from '../src/aws/clients.js';
import { runWorkflowJob, type StepResult } from '../scripts/run-workflow-job.js';

const root = resolve(import.meta.dirname, '..');
// Each aws CLI (v1, Python) start costs seconds on a loaded machine; the steps make several calls.
const AWS_CLI_TIMEOUT_MS = 120_000;
const iam = new IAMClient(clientConfig('IAM', 'us-east-1', process.env));
const STEP = 'Delete the IRSA probe role';
let dir: string;

async function deleteProbeRole(cluster: string): Promise<StepResult | undefined> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  const results = await runWorkflowJob({
    root,
    workflow: '.github/workflows/destroy-cluster.yml',
    job: 'destroy',
    env,
    contexts: { inputs: { 'cluster-name': cluster } },
    runnerTemp: mkdtempSync(join(dir, 'runner-')),
    skip: (step) => (step.name === STEP ? undefined : 'not under test')
  });
  return results.find((r) => r.name === STEP);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wf-destroy-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  iam.destroy();
});

describe("destroy-cluster.yml's probe role clean-up", () => {
  const cluster = `wfp-${Date.now().toString(36)}`;
  const role = `${cluster}-irsa-probe`;

  it(
    'detaches and deletes what the role holds, then the role; a second run finds nothing to do',
    async () => {
      await iam.send(
        new CreateRoleCommand({
          RoleName: role,
          AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}'
        })
      );
      await iam.send(
        new AttachRolePolicyCommand({ RoleName: role, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })
      );
      await iam.send(
        new PutRolePolicyCommand({
          RoleName: role,
          PolicyName: 'inline',
          PolicyDocument:
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}'
        })
      );
      const first = await deleteProbeRole(cluster);
      expect(first?.outcome).toBe('success');
      expect(first?.log).toContain(`Deleted role ${role}.`);
      await expect(iam.send(new GetRoleCommand({ RoleName: role }))).rejects.toMatchObject({
        name: expect.stringMatching(/^NoSuchEntity/)
      });

      const second = await deleteProbeRole(cluster);
      expect(second?.outcome).toBe('success');
      expect(second?.log).toContain(`Role ${role} does not exist; nothing to delete.`);
    },
    AWS_CLI_TIMEOUT_MS
  );
});
