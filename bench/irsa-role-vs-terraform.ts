// irsa-role converging 100 bindings against `terraform apply` of the same 100 roles and attachments.
// Each side has its own moto, so neither sees the other's roles; terraform's moto is fresh, and
// terraform init (installing the provider from the mirror) is done before the clock starts.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { GetRoleCommand, IAMClient, ListAttachedRolePoliciesCommand, type Role } from '@aws-sdk/client-iam';
import { clientConfig } from '../src/aws/clients.js';
import { startMoto } from '../test/stack/moto.js';
import { stopOnInterrupt } from './cleanup.js';
import { mustSucceed, runBundleAt, type BundleOutcome } from './bundle-run.js';
import { startRequestCounter } from './counting.js';
import { verdictAtLeast, type Row } from './report.js';
import type { RequestTally } from './request-kinds.js';
import { formatMs, formatRatio, median, ratio } from './stats.js';
import { terraformWorkspace, type RoleSpec } from './terraform-roles.js';
import type { StackParts } from './stack-parts.js';

export const BINDINGS = 100;
export const IRSA_REPS = 3;
export const POLICY_ARN = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

export interface IrsaRoleContext extends Pick<StackParts, 'node' | 'stackEnv' | 'bundleEnv' | 'counter'> {
  entry: string;
  providerArn: string;
  dir: string;
  log(message: string): void;
}

export interface ConvergeFigures {
  firstMs: number[];
  noOpMs: number[];
  firstRequests: RequestTally;
  noOpRequests: RequestTally;
  /** The `changed` output of the second run; 'false' when it had nothing to do. */
  noOpChanged?: string;
  /** What terraform printed for the second apply, e.g. "No changes." */
  noOpSaid?: string;
}

/** A role irsa-role made and the service account it trusts, for verify-irsa to assume. */
export interface SampleRole {
  roleArn: string;
  namespace: string;
  serviceAccount: string;
}

export interface IrsaRoleFigures {
  tool: ConvergeFigures;
  terraform: ConvergeFigures;
  sample: SampleRole;
}

export function bindingsYaml(prefix: string, count: number): string {
  return Array.from(
    { length: count },
    (_, i) => `- {role-name: ${prefix}-${i}, namespace: ns-${i % 7}, service-account: sa-${i}}`
  ).join('\n');
}

function iamClient(env: Record<string, string>): IAMClient {
  return new IAMClient({
    ...clientConfig('IAM', env.AWS_REGION ?? 'us-east-1', env),
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
  });
}

// IAM (and moto) return policy documents URL-encoded.
function policyDocument(text: string | undefined): unknown {
  const raw = text ?? '{}';
  return JSON.parse(raw.trimStart().startsWith('%') ? decodeURIComponent(raw) : raw);
}

/** Reads back what irsa-role made, so terraform is given the very same roles. */
async function rolesAsMade(iam: IAMClient, names: string[]): Promise<RoleSpec[]> {
  return Promise.all(
    names.map(async (name) => {
      const role = (await iam.send(new GetRoleCommand({ RoleName: name }))).Role as Role;
      const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }));
      return {
        name,
        path: role.Path ?? '/',
        description: role.Description ?? '',
        maxSessionDuration: role.MaxSessionDuration ?? 3600,
        trust: policyDocument(role.AssumeRolePolicyDocument),
        tags: Object.fromEntries((role.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? ''])),
        policyArns: (attached.AttachedPolicies ?? []).map((policy) => policy.PolicyArn ?? '')
      };
    })
  );
}

export async function benchIrsaRole(ctx: IrsaRoleContext): Promise<IrsaRoleFigures> {
  const tag = randomBytes(3).toString('hex');
  const tool: ConvergeFigures = {
    firstMs: [],
    noOpMs: [],
    firstRequests: { reads: 0, writes: 0, calls: new Map() },
    noOpRequests: { reads: 0, writes: 0, calls: new Map() }
  };
  // irsa-role is cheap to repeat, so it runs REPS times on distinct role names and its medians are
  // compared; terraform's apply is the slow side and runs once (its variation matters less there).
  let first: BundleOutcome | undefined;
  for (let rep = 0; rep < IRSA_REPS; rep++) {
    const inputs = {
      'provider-arn': ctx.providerArn,
      'policy-arns': POLICY_ARN,
      bindings: bindingsYaml(`bench-irsa-${tag}-${rep}`, BINDINGS)
    };
    ctx.log(`irsa-role: ${BINDINGS} bindings, first run and no-op run (${rep + 1} of ${IRSA_REPS})`);
    const firstWindow = ctx.counter.window();
    const run = mustSucceed(
      'irsa-role (first)',
      await runBundleAt(ctx.entry, inputs, ctx.bundleEnv, ctx.node)
    );
    tool.firstRequests = firstWindow();
    tool.firstMs.push(run.elapsedMs);
    first ??= run;
    const noOpWindow = ctx.counter.window();
    const noOp = mustSucceed(
      'irsa-role (no-op)',
      await runBundleAt(ctx.entry, inputs, ctx.bundleEnv, ctx.node)
    );
    tool.noOpRequests = noOpWindow();
    tool.noOpMs.push(noOp.elapsedMs);
    tool.noOpChanged = noOp.outputs.changed ?? '(no output)';
  }

  const iam = iamClient(ctx.stackEnv);
  const names = Array.from({ length: BINDINGS }, (_, i) => `bench-irsa-${tag}-0-${i}`);
  const roles = await rolesAsMade(iam, names).finally(() => iam.destroy());
  const sampleRoleArn = (JSON.parse(first?.outputs['role-arns'] ?? '{}') as Record<string, string>)[
    names[0] ?? ''
  ];

  const motoProcess = await startMoto();
  const moto = { ...motoProcess, stop: stopOnInterrupt(motoProcess.stop) };
  const counter = await startRequestCounter({ aws: moto.endpoint });
  try {
    const workspace = terraformWorkspace(
      join(ctx.dir, 'terraform-roles'),
      roles,
      counter.env.AWS_ENDPOINT_URL
    );
    ctx.log('terraform init (not timed)');
    await workspace.run(['init', '-input=false', '-no-color']);
    ctx.log(`terraform apply of ${BINDINGS} roles and attachments, then a no-op apply`);
    const applyArgs = ['apply', '-auto-approve', '-input=false', '-no-color'];
    const tfFirstWindow = counter.window();
    const tfFirst = await workspace.run(applyArgs);
    const tfFirstRequests = tfFirstWindow();
    const tfNoOpWindow = counter.window();
    const tfNoOp = await workspace.run(applyArgs);
    const tfNoOpRequests = tfNoOpWindow();
    const summary = /^(No changes\.|Apply complete![^.]*\.)/m.exec(tfNoOp.stdout)?.[1] ?? '';
    return {
      tool,
      terraform: {
        firstMs: [tfFirst.ms],
        noOpMs: [tfNoOp.ms],
        firstRequests: tfFirstRequests,
        noOpRequests: tfNoOpRequests,
        noOpSaid: summary
      },
      sample: { roleArn: sampleRoleArn ?? '', namespace: 'ns-0', serviceAccount: 'sa-0' }
    };
  } finally {
    await counter.stop();
    await moto.stop();
  }
}

/** One role, untimed, when verify-irsa is benched without the 100-binding comparison. */
export async function makeSampleRole(ctx: IrsaRoleContext): Promise<SampleRole> {
  const roleName = `bench-verify-${randomBytes(3).toString('hex')}`;
  const run = mustSucceed(
    'irsa-role (one role for verify-irsa)',
    await runBundleAt(
      ctx.entry,
      {
        'provider-arn': ctx.providerArn,
        'role-name': roleName,
        namespace: 'ns-0',
        'service-account': 'sa-0'
      },
      ctx.bundleEnv,
      ctx.node
    )
  );
  return { roleArn: run.outputs['role-arn'] ?? '', namespace: 'ns-0', serviceAccount: 'sa-0' };
}

export const SPEEDUP_TARGET = 5;

export function irsaRoleRows(f: IrsaRoleFigures): Row[] {
  const section = `irsa-role vs terraform (${BINDINGS} roles)`;
  const row = (figure: string, toolRuns: number[], tfRuns: number[]): Row => {
    const [toolMs, tfMs] = [median(toolRuns), median(tfRuns)];
    return {
      section,
      figure,
      measured: `${formatMs(toolMs)} vs ${formatMs(tfMs)} = ${formatRatio(ratio(tfMs, toolMs))} faster`,
      target: `≥ ${formatRatio(SPEEDUP_TARGET)} faster`,
      verdict: verdictAtLeast(ratio(tfMs, toolMs), SPEEDUP_TARGET)
    };
  };
  return [
    row(
      `first run (median of ${f.tool.firstMs.length}) vs terraform apply`,
      f.tool.firstMs,
      f.terraform.firstMs
    ),
    row(
      `no-op run (median of ${f.tool.noOpMs.length}, changed=${f.tool.noOpChanged}) vs no-op apply (${f.terraform.noOpSaid || '?'})`,
      f.tool.noOpMs,
      f.terraform.noOpMs
    )
  ];
}
