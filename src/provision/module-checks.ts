// The input checks that need the root module read: the backend's type (consul's `path` is no file)
// and the variables it declares sensitive. Loaded only once the plain checks pass, so that a run
// failing on a missing input does not parse the module reader at start.
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { UserError } from '../io/errors.js';
import type { InputReader } from '../io/inputs.js';
import type { YamlParse } from '../io/yaml.js';
import { outputText, stringLeaves } from '../terraform/outputs.js';
import { readRootModule } from '../terraform/root-module.js';
import { confineToJob } from './input-paths.js';
import {
  CREDENTIAL_SETTING,
  hclString,
  readPlainInputs,
  type PlainProvisionInputs,
  type ProvisionInputs
} from './inputs.js';

/**
 * Backend settings whose value names a file or directory terraform reads (the local backend's
 * `path` and `workspace_dir` it writes), from the backends' schemas in Terraform 1.11 (and oci's,
 * from 1.13): s3's shared_config_files, shared_credentials_file(s) and custom_ca_bundle, oss's
 * shared_credentials_file, cos's shared_credentials_dir, azurerm's *_file_path and
 * client_certificate_path, kubernetes's config_path(s), consul's ca_file, cert_file and key_file,
 * oci's private_key_path; gcs's credentials is a path or the key's JSON itself. Consul's `path` is
 * a key in Consul, not a file.
 */
const PATH_SETTINGS = new Set([
  'path',
  'workspace_dir',
  'shared_credentials_file',
  'custom_ca_bundle',
  'shared_credentials_dir',
  'client_id_file_path',
  'client_certificate_path',
  'client_secret_file_path',
  'oidc_token_file_path',
  'config_path',
  'ca_file',
  'cert_file',
  'key_file',
  'private_key_path'
]);
// Lists of paths, written as HCL lists: terraform parses a non-string setting's value as HCL.
const PATH_LIST_SETTINGS = new Set(['shared_config_files', 'shared_credentials_files', 'config_paths']);
// s3's assume_role_with_web_identity is an HCL object, one of whose attributes is a path.
const WEB_IDENTITY = /(?:^|[{,\s])"?web_identity_token_file"?\s*[=:]\s*"((?:[^"\\]|\\.)*)"/g;
const QUOTED_STRING = /"((?:[^"\\]|\\.)*)"/g;

/** The paths a backend-config key=value line names, as terraform reads them (relative to the module). */
function settingPaths(name: string, value: string, backend: string | undefined, moduleDir: string): string[] {
  if (name === 'path' && backend === 'consul') return [];
  if (PATH_SETTINGS.has(name)) return [value];
  // gcs reads credentials as a file when one is at that path (~ expanded first), else as the JSON key.
  if (name === 'credentials')
    return value.startsWith('~') || existsSync(resolve(moduleDir, value)) ? [value] : [];
  const quoted = PATH_LIST_SETTINGS.has(name)
    ? [...value.matchAll(QUOTED_STRING)]
    : name === 'assume_role_with_web_identity'
      ? [...value.matchAll(WEB_IDENTITY)]
      : [];
  if (quoted.length > 0 && /(?<![$%])[$%]\{/.test(value))
    throw new UserError(
      `the value of ${name} holds a template sequence (\${ or %{), which terraform would evaluate: write its paths plainly.`,
      'backend-config'
    );
  return quoted.map((match) => hclString(match[1] ?? ''));
}

/**
 * Refuses a backend setting that names a file or directory outside the workspace and RUNNER_TEMP,
 * as for the path inputs: terraform would read it (a credentials file, a kubeconfig, a key) or, for
 * the local backend, write the state there. `~` is refused: the s3, gcs, kubernetes, oss and cos
 * backends read it as the home directory, the local backend as a directory named ~.
 */
export function confineBackendPaths(
  backendConfig: string[],
  env: NodeJS.ProcessEnv,
  moduleDir: string,
  backend: string | undefined
): void {
  for (const line of backendConfig) {
    const match = /^([^=]+)=(.*)$/.exec(line);
    if (!match || match[2] === '') continue;
    const name = match[1] ?? '';
    // A credential's value is never quoted back, nor is a path that might be one (gcs's credentials).
    const secret = CREDENTIAL_SETTING.test(name);
    for (const path of settingPaths(name, match[2] ?? '', backend, moduleDir)) {
      const relativeTo = isAbsolute(path) ? '' : ' (relative to working-directory)';
      const shown = `${secret ? `the path ${name} names` : `${name} '${path}'`}${relativeTo}`;
      if (path.startsWith('~'))
        throw new UserError(
          `${shown} starts with ~, a home directory: give a path in the workspace or RUNNER_TEMP.`,
          'backend-config'
        );
      confineToJob(env, resolve(moduleDir, path), 'backend-config', shown);
    }
  }
}

/**
 * The values of `variables` for variables declared `sensitive = true`, whole and each string inside
 * a structured one: terraform hides them in its plan, but not where a function's error quotes one
 * (cidrsubnet: "invalid CIDR address: VALUE"), nor where the module passes one to nonsensitive().
 */
export function sensitiveValues(variables: Record<string, unknown>, sensitive: Set<string>): string[] {
  const values = Object.entries(variables)
    .filter(([name, value]) => sensitive.has(name) && value !== null)
    .flatMap(([, value]) => [outputText(value), ...stringLeaves(value)]);
  return [...new Set(values)];
}

/** The plain inputs, checked against the root module they name. */
export function checkAgainstModule(inputs: PlainProvisionInputs, env: NodeJS.ProcessEnv): ProvisionInputs {
  const module = readRootModule(inputs.workingDirectory);
  confineBackendPaths(inputs.backendConfig, env, inputs.workingDirectory, module.backend);
  return { ...inputs, variableSecrets: sensitiveValues(inputs.variables, module.sensitiveVariables) };
}

/** Every input, parsed and checked before anything runs. */
export function readProvisionInputs(
  read: InputReader,
  env: NodeJS.ProcessEnv,
  bundledRoot: string | undefined,
  yaml: YamlParse
): ProvisionInputs {
  return checkAgainstModule(readPlainInputs(read, env, bundledRoot, yaml), env);
}
