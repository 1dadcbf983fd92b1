import { chmod, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ActionResult } from '../io/action.js';
import { redactSecrets } from '../io/redact.js';
import type { Logger } from '../io/logger.js';
import type { Masker } from '../io/secrets.js';
import { code, table } from '../io/summary.js';
import type { TerraformRunner } from '../terraform/cli.js';
import { TerraformCommandError } from '../terraform/cli.js';
import type { PlanReport } from '../terraform/comment.js';
import { commentMarker, failureReportMarkdown, planReportMarkdown } from '../terraform/comment.js';
import type { TerraformOutput } from '../terraform/outputs.js';
import { outputText, parseOutputs, plannedOutputs, publicOutputs } from '../terraform/outputs.js';
import type { PlanCounts } from '../terraform/plan.js';
import {
  declaredVariables,
  hasChanges,
  planCounts,
  planSummary,
  plannedVariables,
  sensitiveVariables,
  stateOnlyText
} from '../terraform/plan.js';
import { writeCredentialFile } from './credential-files.js';
import type { ProvisionInputs } from './inputs.js';
import { sensitiveValues } from './module-checks.js';
import type { PlanCommenter } from './pull-request.js';
import { SecretOutputs } from './secret-outputs.js';
import { UndeclaredVariables } from './undeclared.js';

// For the entry: this module already holds cli.js, and a dynamic import of its own would make ncc
// bundle a second copy of it in a chunk apart.
export { terraformCli } from '../terraform/cli.js';

export interface ProvisionDeps {
  terraform: TerraformRunner;
  log: Logger;
  mask: Masker;
  /** Set on a pull request with comment-on-pr. */
  commenter?: PlanCommenter;
  /** RUNNER_TEMP: the credential files go under it. */
  tempRoot: string;
  /**
   * A private directory for the plan file and the generated variables, which can hold secrets. The
   * caller makes and removes it: a cancelled run can end before this one's last line.
   */
  scratch: string;
  /** The workflow run, for the PR comment's pointer to the full plan. */
  logUrl?: string;
  /** TF_DATA_DIR, where terraform keeps its working data (default .terraform in the module). */
  dataDir?: string;
}

interface PlanOutcome {
  counts: PlanCounts;
  changes: boolean;
  planText: string;
}

export async function run(inputs: ProvisionInputs, deps: ProvisionDeps): Promise<ActionResult> {
  const secrets = new SecretOutputs(deps.mask);
  secrets.rememberInputs([inputs.githubToken, ...inputs.backendSecrets, ...inputs.variableSecrets]);
  try {
    return await provision(inputs, deps, secrets, deps.scratch);
  } catch (error) {
    if (error instanceof TerraformCommandError && inputs.command !== 'output')
      await comment(
        deps,
        inputs.clusterName,
        failureReportMarkdown(
          {
            clusterName: inputs.clusterName,
            command: inputs.command,
            failedStep: error.command,
            errors: error.errors,
            ...(deps.logUrl ? { logUrl: deps.logUrl } : {})
          },
          { secrets: secrets.fragments }
        ),
        secrets
      );
    throw error;
  }
}

async function provision(
  inputs: ProvisionInputs,
  deps: ProvisionDeps,
  secrets: SecretOutputs,
  scratch: string
): Promise<ActionResult> {
  const { terraform, log } = deps;
  const readOutputs = async (): Promise<TerraformOutput[]> => {
    const outputs = parseOutputs(await terraform.capture(['output', '-json']));
    secrets.maskAll(outputs);
    return outputs;
  };

  // -reconfigure: the backend is always what this step's inputs say, even when an earlier step in
  // the same job initialised this directory for another cluster's state.
  await terraform.stream([
    'init',
    '-input=false',
    '-reconfigure',
    ...inputs.backendConfig.map((kv) => `-backend-config=${kv}`)
  ]);
  await restrictBackendRecord(inputs, deps.dataDir);
  // Secrets already in the state are masked before any plan or apply text is printed.
  let outputs = await readOutputs();
  if (inputs.command === 'output') {
    if (outputs.length === 0)
      log.warning(
        `The state holds no outputs for cluster ${inputs.clusterName}: run provision with command: apply first, or check that backend-config names this cluster's state.`
      );
    return await finish(inputs, deps, secrets, outputs, undefined);
  }

  // Named for the input it comes from: Terraform's errors about a value quote this file name.
  const tfvars = join(scratch, 'variables-input.tfvars.json');
  await writeFile(tfvars, JSON.stringify(inputs.variables, null, 2), { mode: 0o600 });
  const planFile = join(scratch, 'tfplan');
  let planJson: unknown;
  const undeclared = new UndeclaredVariables();
  await terraform.stream(
    [
      'plan',
      '-input=false',
      `-out=${planFile}`,
      // The generated file comes last so that the `variables` input wins over var-files.
      ...[...inputs.varFiles, tfvars].map((file) => `-var-file=${file}`),
      ...(inputs.command === 'destroy' ? ['-destroy'] : [])
    ],
    {
      // An output known at plan time is printed under "Changes to Outputs:", a credential among them
      // too when the module forgot to mark it sensitive: held back until the saved plan's are masked.
      holdFrom: /^Changes to Outputs:\s*$/,
      watch: (line) => undeclared.watch(line),
      release: async () => {
        planJson = JSON.parse(await terraform.capture(['show', '-json', planFile]));
        secrets.maskAll(plannedOutputs(planJson));
        // The sensitive variables' values as terraform took them, whichever file gave them: a value the
        // checks before terraform ran did not find (a declaration they did not read as sensitive) too.
        secrets.maskValues(
          sensitiveValues(
            { ...inputs.variables, ...plannedVariables(planJson) },
            sensitiveVariables(planJson)
          )
        );
      }
    }
  );
  // Said once the plan's log group is closed, so that the annotations stand out.
  const ignored = undeclared.warnings(inputs.variables, inputs.varFiles, tfvars, declaredVariables(planJson));
  for (const warning of ignored) log.warning(warning);
  const counts = planCounts(planJson);
  const plan: PlanOutcome = {
    counts,
    changes: hasChanges(counts),
    planText: await terraform.capture(['show', planFile])
  };
  // One line either way: with no changes every count is 0, which 'No changes' already says.
  log.info(
    plan.changes
      ? `Plan: ${planSummary(counts)}${stateOnlyText(counts)}.`
      : `No changes: nothing to ${inputs.command === 'destroy' ? 'destroy' : 'apply'}.`
  );

  if (inputs.command === 'plan') outputs = [];
  else if (plan.changes)
    await terraform.stream(['apply', '-input=false', planFile], {
      // New secrets appear only now; apply prints the outputs last, after they are masked.
      holdFrom: /^Outputs:\s*$/,
      release: async () => {
        outputs = await readOutputs();
      }
    });
  if (inputs.command === 'destroy') outputs = [];
  return await finish(inputs, deps, secrets, outputs, plan);
}

/**
 * `terraform init` records the backend settings, -backend-config credentials included, in
 * .terraform/terraform.tfstate under the working directory, readable by all (0644): made the
 * owner's alone. It stays in the workspace, so a workflow must not upload the working directory.
 */
async function restrictBackendRecord(inputs: ProvisionInputs, dataDir = '.terraform'): Promise<void> {
  if (inputs.backendSecrets.length === 0) return;
  await chmod(resolve(inputs.workingDirectory, dataDir, 'terraform.tfstate'), 0o600).catch(() => undefined);
}

async function finish(
  inputs: ProvisionInputs,
  deps: ProvisionDeps,
  secrets: SecretOutputs,
  outputs: TerraformOutput[],
  plan: PlanOutcome | undefined
): Promise<ActionResult> {
  const byName = new Map(outputs.map((output) => [output.name, output]));
  const text = (name: string): string => {
    const output = byName.get(name);
    return output === undefined || output.value === null ? '' : outputText(output.value);
  };
  const files: Record<string, string> = {};
  for (const name of ['kubeconfig', 'talosconfig']) {
    const content = text(name);
    if (content !== '')
      files[name] = await writeCredentialFile(deps.tempRoot, inputs.clusterName, name, content);
  }

  const result: Record<string, string> = {
    kubeconfig: text('kubeconfig'),
    talosconfig: text('talosconfig'),
    'kubeconfig-path': files.kubeconfig ?? '',
    'talosconfig-path': files.talosconfig ?? '',
    'api-endpoint': text('api_endpoint'),
    'issuer-url': text('issuer_url'),
    'oidc-provider-arn': text('oidc_provider_arn'),
    'has-changes': String(plan?.changes ?? false),
    'plan-summary': plan ? planSummary(plan.counts) : '',
    'outputs-json': JSON.stringify(publicOutputs(outputs))
  };

  const sections: string[] = [];
  if (plan && inputs.command !== 'output') {
    const report: PlanReport = {
      clusterName: inputs.clusterName,
      command: inputs.command,
      counts: plan.counts,
      hasChanges: plan.changes,
      planText: plan.planText,
      ...(deps.logUrl ? { logUrl: deps.logUrl } : {})
    };
    await comment(
      deps,
      inputs.clusterName,
      planReportMarkdown(report, { secrets: secrets.fragments }),
      secrets
    );
    sections.push(planReportMarkdown(report, { marker: false, secrets: secrets.fragments }));
  } else {
    sections.push(`### Terraform outputs for cluster ${code(inputs.clusterName)}`);
  }
  const shown = Object.entries(publicOutputs(outputs)).map(([name, value]) => [
    name,
    code(outputText(value))
  ]);
  for (const [name, path] of Object.entries(files)) shown.push([name, `written to ${code(path)} (0600)`]);
  if (shown.length > 0) sections.push(table(['Output', 'Value'], shown));
  // Otherwise the output command's summary would be its title alone.
  else if (inputs.command === 'output')
    sections.push(
      "No outputs: the state holds none (apply first, or check that backend-config names this cluster's state)."
    );
  return {
    outputs: result,
    // kubeconfig and talosconfig are secrets on purpose; the rest come from terraform's non-sensitive
    // outputs (terraform refuses a sensitive value in one) and paths, where a masked piece of a
    // structured sensitive output (its cluster name, say) would only turn an issuer URL into ***.
    verbatimOutputs: Object.keys(result),
    summary: redactSecrets(sections.join('\n\n'), secrets.fragments)
  };
}

async function comment(
  deps: ProvisionDeps,
  clusterName: string,
  markdown: string,
  secrets: SecretOutputs
): Promise<void> {
  if (!deps.commenter) return;
  const number = deps.commenter.pullRequest.number;
  const body = redactSecrets(markdown, secrets.fragments);
  try {
    const outcome = await deps.commenter.upsert(commentMarker(clusterName), body);
    deps.log.info(
      outcome === 'unchanged'
        ? `The plan comment on pull request #${number} is up to date: nothing written.`
        : `Plan comment ${outcome} on pull request #${number}.`
    );
  } catch (error) {
    // A read-only token (a pull request from a fork) must not fail a plan that succeeded.
    const reason = error instanceof Error ? error.message : String(error);
    deps.log.warning(
      `Could not comment on pull request #${number} (${reason}); the report is in the job summary and this log.`
    );
  }
}
