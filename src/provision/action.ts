import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionContext, ActionResult } from '../io/action.js';
import { onCancel } from '../io/cancel.js';
import { oneLine, UserError } from '../io/errors.js';
import type { Logger } from '../io/logger.js';
import { yamlParserFor } from '../io/yaml.js';
import { bundledTerraformRoot } from './bundled-root.js';
import { debugLogWarning } from './debug-log.js';
import { PROVISION_YAML_INPUTS, readPlainInputs } from './inputs.js';

export async function provisionAction(ctx: ActionContext): Promise<ActionResult> {
  // Every input is checked before terraform runs or anything is written.
  const yaml = await yamlParserFor(ctx.read, PROVISION_YAML_INPUTS, { exactNumbers: true });
  const plain = readPlainInputs(ctx.read, ctx.env, bundledTerraformRoot(import.meta.url), yaml);
  if (plain.githubToken) ctx.mask(plain.githubToken);
  for (const credential of plain.backendSecrets) ctx.mask(credential);
  // The rest loads only once the inputs are known good, so a bad input fails at once.
  const [
    { checkAgainstModule },
    { githubCommenter, pullRequestFromEvent },
    { run, terraformCli },
    { explainDiagnostic }
  ] = await Promise.all([
    import('./module-checks.js'),
    import('./pull-request.js'),
    import('./run.js'),
    import('./explain.js')
  ]);
  const inputs = checkAgainstModule(plain, ctx.env, ctx.mask);
  // Last of the checks: it opens TF_LOG_PATH, which a run stopped on another input must not have made.
  const debugLog = debugLogWarning(ctx.env, inputs.workingDirectory);
  if (debugLog) ctx.log.warning(debugLog);
  const pullRequest =
    inputs.commentOnPr && inputs.command !== 'output' ? pullRequestFromEvent(ctx.env) : undefined;
  const commenter = pullRequest
    ? await githubCommenter(inputs.githubToken ?? '', pullRequest, ctx.env)
    : undefined;
  // The terraform on PATH is run for its version too: with the same environment as for the plan.
  const env = terraformEnvironment(ctx.env);
  const binary = await terraformBinary(inputs.terraformVersion, env, ctx.log);
  ctx.log.info(`Terraform ${inputs.command} of ${inputs.workingDirectory} with ${binary}`);
  const terraform = terraformCli({
    binary,
    cwd: inputs.workingDirectory,
    env,
    log: ctx.log,
    explain: explainDiagnostic
  });
  const tempRoot = ctx.env.RUNNER_TEMP || tmpdir();
  // The plan file and the generated variables can hold secrets: a private directory (mkdtemp makes
  // it 0700), removed however the run ends.
  let scratch: string | undefined;
  // One removal, which the cancel handler and the run's own end may both ask for.
  let removal: Promise<void> | undefined;
  const removeScratch = async (): Promise<void> => {
    if (scratch !== undefined) await (removal ??= rm(scratch, { recursive: true, force: true }));
  };
  // A cancelled job: terraform, left to itself, would outlive the step mid-write, holding the state's
  // lock. It is told to stop, and the private directory is removed; the entry then ends the run with a
  // summary of what this handler did and saw (src/io/entry.ts), before the run's own cleanup would.
  let interruptedAt: number | undefined;
  let firstNote: string | undefined;
  const stopListening = onCancel(
    async (signal) => {
      ctx.log.warning(
        `provision was cancelled (${signal}): terraform is told to stop, so that it saves its state and releases its lock.`
      );
      interruptedAt = Date.now();
      const interrupted = await terraform.interrupt(CANCEL_WAIT_MS);
      firstNote = interruptNote(interrupted, ((Date.now() - interruptedAt) / 1000).toFixed(1));
      return [firstNote, await scratchNote(scratch, removeScratch)];
    },
    // A second signal while terraform has not stopped: the runner kills this process 2.5 s after its
    // SIGTERM, and not terraform, which is left running. It is sent the signal too, its second
    // interrupt, and the private directory is removed before the step ends.
    async (signal) => {
      const started = Date.now();
      const since = ((started - (interruptedAt ?? started)) / 1000).toFixed(1);
      const stopped = await terraform.interrupt(SECOND_WAIT_MS, signal);
      // Rounded up: an exit 30 ms after the signal is "within 0.1 s".
      const seconds = (Math.ceil((Date.now() - started) / 100) / 10).toFixed(1);
      // Nothing running now: the interrupt's own note if it has one; else terraform exited just now.
      const note = stopped
        ? secondInterruptNote(stopped, signal, since, seconds)
        : (firstNote ??
          (interruptedAt === undefined
            ? 'no terraform command was running'
            : 'terraform stopped on the interrupt before the second signal (terraform saves its state and releases the state lock as it stops; the backend was not checked)'));
      return [note, await scratchNote(scratch, removeScratch)];
    }
  );
  // What came before only read; terraform's first command may take the state's lock.
  ctx.writing?.();
  try {
    scratch = await mkdtemp(join(tempRoot, 'talos-irsa-provision-'));
    return await run(inputs, {
      terraform,
      log: ctx.log,
      mask: ctx.mask,
      ...(commenter ? { commenter } : {}),
      tempRoot,
      scratch,
      ...(runUrl(ctx.env) ? { logUrl: runUrl(ctx.env) } : {}),
      ...(ctx.env.TF_DATA_DIR ? { dataDir: ctx.env.TF_DATA_DIR } : {})
    });
  } finally {
    stopListening();
    await removeScratch();
  }
}

/**
 * What the runner gives this step's process and terraform needs not have. Terraform, its providers
 * and a module's own programs (an external data source, a local-exec provisioner: the pull request's
 * code, on a plan) get neither the inputs (INPUT_<NAME>: the GitHub token and the backend
 * credentials among them) nor the Actions runtime's token and URLs, which the runner gives to an
 * action but not to a run: step, and which write to the repository's cache. The OIDC request
 * variables stay: a provider may use them, as in a run: step.
 */
const NOT_FOR_TERRAFORM = /^(INPUT_|ACTIONS_RUNTIME_|ACTIONS_CACHE_|ACTIONS_RESULTS_URL$)/;

function terraformEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !NOT_FOR_TERRAFORM.test(name)));
}

// Within the runner's 7.5 s between its SIGINT and its SIGTERM.
const CANCEL_WAIT_MS = 6000;
// Within the entry's wait on a second signal (src/io/entry.ts SECOND_SIGNAL_MS), with time to remove the
// private directory after it.
const SECOND_WAIT_MS = 500;

const FORCE_UNLOCK =
  'If the next run says the state is locked, run terraform force-unlock with the lock ID it gives, once no other run is under way';

/**
 * What the second interrupt did. Terraform takes a second SIGINT or SIGTERM as the order to exit at once
 * ("Two interrupts received. Exiting immediately. Note that data loss may have occurred.": hashicorp/terraform
 * internal/command/meta.go, RunOperation): it cancels the operation and waits at most 5 s for it, so it
 * may exit without saving its state or releasing the lock.
 */
function secondInterruptNote(
  stopped: { command: string; stopped: boolean },
  signal: NodeJS.Signals,
  since: string,
  seconds: string
): string {
  const exited = stopped.stopped
    ? `it exited within ${seconds} s of it`
    : `it had not exited ${SECOND_WAIT_MS / 1000} s after it, and may still be running`;
  return `terraform ${stopped.command} had not stopped ${since} s after the interrupt when a second signal (${signal}) came: it was sent ${signal} too, on which terraform stops at once (its second interrupt), without finishing what it was doing: it may not have saved its state or released the state lock, and ${exited}. ${FORCE_UNLOCK}`;
}

/**
 * What the interrupt did, for the cancelled run's summary. Terraform saves its state and releases the
 * lock as it stops on an interrupt; the step sees it exit, not the backend, so it says no more than that.
 */
function interruptNote(
  interrupted: { command: string; stopped: boolean } | undefined,
  seconds: string
): string {
  if (!interrupted) return 'no terraform command was running';
  const command = `terraform ${interrupted.command}`;
  return interrupted.stopped
    ? `${command} stopped within ${seconds} s of the interrupt (terraform saves its state and releases the state lock as it stops; the backend was not checked)`
    : `${command} did not stop within ${CANCEL_WAIT_MS / 1000} s of the interrupt: it may still be running, and holding the state lock. ${FORCE_UNLOCK}`;
}

/** Removes the private directory (the plan file, the generated variables) and says whether it is gone. */
async function scratchNote(scratch: string | undefined, remove: () => Promise<void>): Promise<string> {
  if (scratch === undefined) return 'no private directory had been made';
  try {
    await remove();
    await access(scratch);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return 'removed its private directory (the plan file and the generated variables)';
    return `could not remove its private directory ${scratch} (${oneLine(error)}): it holds the plan file, which may hold secrets; delete it by hand if the runner keeps RUNNER_TEMP`;
  }
  return `could not remove its private directory ${scratch}: it holds the plan file, which may hold secrets; delete it by hand if the runner keeps RUNNER_TEMP`;
}

async function terraformBinary(
  version: string | undefined,
  env: NodeJS.ProcessEnv,
  log: Logger
): Promise<string> {
  const { findOnPath, installTerraform, versionOf } = await import('../terraform/install.js');
  const onPath = await findOnPath('terraform', env);
  if (onPath) {
    // The input installs Terraform only when none is on PATH: a different one there is used instead.
    const found = version ? await versionOf(onPath, env) : undefined;
    if (version && found !== version)
      log.warning(
        `Input 'terraform-version': ${version} was asked for, but the terraform on PATH (${onPath}) is ${found ?? 'of a version it does not say'}, and that one is used: the input installs Terraform only when none is on PATH.`
      );
    return onPath;
  }
  if (!version)
    throw new UserError(
      'is not set and no terraform is on PATH: give a version such as 1.11.4 to install it, or install Terraform in an earlier step.',
      'terraform-version'
    );
  return installTerraform({ version, log });
}

function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = env;
  if (!server || !repository || !runId) return undefined;
  const attempt = env.GITHUB_RUN_ATTEMPT ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : '';
  return `${server}/${repository}/actions/runs/${runId}${attempt}`;
}
