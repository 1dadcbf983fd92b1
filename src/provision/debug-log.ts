/**
 * Terraform's debug log (TF_LOG, TF_LOG_CORE, TF_LOG_PROVIDER) goes to stderr, which the action streams
 * into the step's log, unless TF_LOG_PATH names a file. Checked against terraform 1.11.4 and hashicorp/aws
 * 5.100.0: it quotes init's arguments (-backend-config=password=...) and every API request's and answer's
 * body (a sensitive variable's value in it), in Go's %q, in JSON and, with TF_LOG=JSON, in both at once:
 * forms that no masking of the value, in those the runner knows, hides. A provider's own TF_LOG_PROVIDER_<NAME>
 * alone reaches no output (terraform drops it).
 */
import { closeSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../io/errors.js';

const DEBUG_LOG_VARIABLES = ['TF_LOG', 'TF_LOG_CORE', 'TF_LOG_PROVIDER'] as const;

/** As terraform reads the level: unset and empty are off, and so is "off" in any case; any other value, an unknown one too, logs (TRACE). */
function logs(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value.trim().toLowerCase() !== 'off';
}

/**
 * Refuses a debug log bound for the step's log, naming the variable that asks for it; the warning to give
 * when TF_LOG_PATH sends it to a file instead, undefined when there is no debug log. `workingDirectory` is
 * terraform's, against which it reads a relative TF_LOG_PATH.
 */
export function debugLogWarning(env: NodeJS.ProcessEnv, workingDirectory: string): string | undefined {
  const name = DEBUG_LOG_VARIABLES.find((variable) => logs(env[variable]));
  if (name === undefined) return undefined;
  const path = env.TF_LOG_PATH;
  if (!path)
    throw new UserError(
      `The environment variable ${name} has terraform write its debug log, which quotes sensitive values and backend credentials in encodings no mask hides, to this step's log: set TF_LOG_PATH to a file for it, or unset ${name}.`
    );
  // A file terraform cannot open ("Error opening log file") has it write the debug log to stderr after all.
  // Opened as terraform opens it (append, create), but made the owner's alone: it will hold secrets.
  try {
    closeSync(openSync(resolve(workingDirectory, path), 'a', 0o600));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new UserError(
      `The environment variable TF_LOG_PATH names ${path}, which cannot be opened to write${typeof code === 'string' ? ` (${code})` : ''}: terraform would then write its debug log to this step's log. Name a file in a directory that exists, or unset ${name}.`
    );
  }
  return `${name} is set: terraform writes its debug log to TF_LOG_PATH (${path}) alone, not to this step's log. It holds sensitive values and credentials unmasked: do not upload it.`;
}
