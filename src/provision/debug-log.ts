/**
 * Terraform's debug log (TF_LOG, TF_LOG_CORE, TF_LOG_PROVIDER) goes to stderr, which the action streams
 * into the step's log, unless TF_LOG_PATH names a file. Checked against terraform 1.11.4 and hashicorp/aws
 * 5.100.0: it quotes init's arguments (-backend-config=password=...) and every API request's and answer's
 * body (a sensitive variable's value in it), in Go's %q, in JSON and, with TF_LOG=JSON, in both at once:
 * forms that no masking of the value, in those the runner knows, hides. A provider's own TF_LOG_PROVIDER_<NAME>
 * alone reaches no output (terraform drops it).
 */
import { UserError } from '../io/errors.js';

const DEBUG_LOG_VARIABLES = ['TF_LOG', 'TF_LOG_CORE', 'TF_LOG_PROVIDER'] as const;

/** As terraform reads the level: unset and empty are off, and so is "off" in any case; any other value, an unknown one too, logs (TRACE). */
function logs(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value.trim().toLowerCase() !== 'off';
}

/**
 * Refuses a debug log bound for the step's log, naming the variable that asks for it; the warning to give
 * when TF_LOG_PATH sends it to a file instead, undefined when there is no debug log.
 */
export function debugLogWarning(env: NodeJS.ProcessEnv): string | undefined {
  const name = DEBUG_LOG_VARIABLES.find((variable) => logs(env[variable]));
  if (name === undefined) return undefined;
  const path = env.TF_LOG_PATH;
  if (!path)
    throw new UserError(
      `The environment variable ${name} has terraform write its debug log, which quotes sensitive values and backend credentials in encodings no mask hides, to this step's log: set TF_LOG_PATH to a file for it, or unset ${name}.`
    );
  return `${name} is set: terraform writes its debug log to TF_LOG_PATH (${path}) alone, not to this step's log. It holds sensitive values and credentials unmasked: do not upload it.`;
}
