import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { UserError } from '../io/errors.js';
import type { InputReader } from '../io/inputs.js';
import { booleanInput, enumInput, listInput, optionalInput, requiredInput } from '../io/inputs.js';
import { INEXACT_NUMBER, type YamlParse } from '../io/yaml.js';
import type { ProvisionCommand } from '../terraform/comment.js';
import { confineToJob, workspacePath } from './input-paths.js';
import { isRecord } from '../json/shape.js';

/** A Terraform release version such as 1.11.4 or 1.12.0-beta1. */
const TERRAFORM_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/;

export const COMMANDS: readonly ProvisionCommand[] = ['plan', 'apply', 'destroy', 'output'];

/** The inputs as read and checked on their own, before the root module is read. */
export interface PlainProvisionInputs {
  command: ProvisionCommand;
  clusterName: string;
  /** Absolute path of the Terraform root module. */
  workingDirectory: string;
  /** Variables for the generated .tfvars.json, cluster_name included. */
  variables: Record<string, unknown>;
  /** Absolute paths of the user's .tfvars files. */
  varFiles: string[];
  /** -backend-config values: key=value pairs, and absolute paths of backend configuration files. */
  backendConfig: string[];
  /**
   * Credential values among the backend settings: masked before terraform runs. Those of key=value
   * lines here; checkAgainstModule adds the backend files' (module-checks.ts, which reads those files).
   */
  backendSecrets: string[];
  terraformVersion: string | undefined;
  commentOnPr: boolean;
  githubToken: string | undefined;
}

export interface ProvisionInputs extends PlainProvisionInputs {
  /** The values `variables` gives the variables the module declares sensitive: masked before terraform runs. */
  variableSecrets: string[];
}

// A DNS label (RFC 1123): the cluster name ends up in host names, bucket names and AWS tags.
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
// Terraform's identifier syntax for variable names.
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

// The bundled module's own rule for cluster_name (terraform/variables.tf), stricter than a DNS label
// because it names AWS resources after the cluster within their length limits.
export const BUNDLED_CLUSTER_NAME = /^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/;

export function clusterNameInput(read: InputReader): string {
  const name = requiredInput(read, 'cluster-name');
  if (!DNS_LABEL.test(name))
    throw new UserError(
      `'${name}' is not a DNS label: use 1 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit.`,
      'cluster-name'
    );
  return name;
}

/** Said before terraform runs: the bundled module would refuse it only after init has installed its providers. */
function checkBundledClusterName(name: string): void {
  if (!BUNDLED_CLUSTER_NAME.test(name))
    throw new UserError(
      `'${name}' does not suit the bundled terraform/ module: use 1 to 32 lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen.`,
      'cluster-name'
    );
}

function sameDirectory(a: string, b: string | undefined): boolean {
  if (b === undefined) return false;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** The `variables` input: a YAML or JSON map (JSON is YAML) of Terraform variable values. */
export function variablesInput(
  read: InputReader,
  clusterName: string,
  yaml: YamlParse
): Record<string, unknown> {
  const text = read('variables');
  let parsed: unknown = {};
  if (text !== '') {
    try {
      parsed = yaml(text, { exactNumbers: true }) ?? {};
    } catch (error) {
      const reason = (error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)).replace(
        /[:.]?$/,
        '.'
      );
      // A number refused for not reading as written did parse: its reason says what to do.
      const refused = (error as { code?: unknown }).code === INEXACT_NUMBER;
      throw new UserError(refused ? reason : `does not parse as YAML or JSON: ${reason}`, 'variables');
    }
  }
  if (!isRecord(parsed))
    throw new UserError('must be a map of variable names to values (YAML or JSON).', 'variables');
  const variables = parsed;
  for (const name of Object.keys(variables))
    if (!IDENTIFIER.test(name))
      throw new UserError(`'${name}' is not a Terraform variable name.`, 'variables');
  const unwritable = nonJsonValue(variables, '');
  if (unwritable !== undefined)
    throw new UserError(
      `${unwritable} holds a value JSON cannot carry to terraform (a !!binary, !!set or !!timestamp value, or an infinite number): write a string, number, bool, list or map.`,
      'variables'
    );
  if ('cluster_name' in variables && variables.cluster_name !== clusterName)
    throw new UserError(
      `sets cluster_name to '${String(variables.cluster_name)}', which differs from the cluster-name input '${clusterName}': set it only through cluster-name.`,
      'variables'
    );
  return { ...variables, cluster_name: clusterName };
}

/**
 * The path of the first value the generated .tfvars.json could not hold as parsed: an explicit YAML
 * tag makes a Buffer, Set or Date, which JSON.stringify writes as something else (or nothing).
 */
function nonJsonValue(value: unknown, path: string): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (Array.isArray(value))
    return value.map((item, index) => nonJsonValue(item, `${path}[${index}]`)).find((found) => found);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.entries(value)
      .map(([key, item]) => nonJsonValue(item, path === '' ? key : `${path}.${key}`))
      .find((found) => found);
  return path;
}

export function workingDirectoryInput(
  read: InputReader,
  env: NodeJS.ProcessEnv,
  bundledRoot: string | undefined
): string {
  const given = optionalInput(read, 'working-directory');
  if (given === undefined && bundledRoot === undefined)
    throw new UserError(
      "is not set and the suite's bundled terraform/ root was not found next to the action: give the path of your root module.",
      'working-directory'
    );
  // The bundled root is the action's own checkout, outside the workspace by design; a given path is not.
  if (given === undefined) return rootModule(bundledRoot as string, undefined);
  const dir = workspacePath(env, given);
  confineToJob(env, dir, 'working-directory', `'${given}'`);
  return rootModule(dir, given);
}

function rootModule(dir: string, given: string | undefined): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UserError(`'${given ?? dir}' is not a directory.`, 'working-directory');
  if (!readdirSync(dir).some((file) => file.endsWith('.tf') || file.endsWith('.tf.json')))
    throw new UserError(
      `'${given ?? dir}' holds no .tf files: it is not a Terraform root module.`,
      'working-directory'
    );
  return dir;
}

export function varFilesInput(read: InputReader, env: NodeJS.ProcessEnv): string[] {
  return listInput(read, 'var-files', /\n/).map((file) => {
    const path = workspacePath(env, file);
    confineToJob(env, path, 'var-files', `'${file}'`);
    if (!existsSync(path) || !statSync(path).isFile())
      throw new UserError(`'${file}' is not a file.`, 'var-files');
    return path;
  });
}

export function backendConfigInput(read: InputReader, env: NodeJS.ProcessEnv): string[] {
  return listInput(read, 'backend-config', /\n/).map((line) => {
    // terraform init reads a -backend-config value without '=' as a file (backend.hcl, *.tfbackend; JSON
    // when its name ends in .json).
    if (!line.includes('=')) {
      const path = workspacePath(env, line);
      if (path.includes('='))
        throw new UserError(
          `the backend file's path ${path} holds '=', which terraform would read as key=value: move the file.`,
          'backend-config'
        );
      // Quoted only when it reads as a file name: a key=value line that lost its '=' may hold a credential.
      const named = /^[^\s]+\.(hcl|tfbackend)(\.json)?$/.test(line) ? `'${line}'` : 'a line without =';
      confineToJob(env, path, 'backend-config', named);
      if (!existsSync(path) || !statSync(path).isFile()) {
        throw new UserError(
          `${named} is not a file: each line is key=value or the path of a backend configuration file (.hcl, .tfbackend, .tfbackend.json).`,
          'backend-config'
        );
      }
      return path;
    }
    const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    // The line itself is not quoted: it may carry a credential.
    if (!match)
      throw new UserError(
        'each line must be key=value or the path of a backend configuration file (a line is neither).',
        'backend-config'
      );
    // terraform init takes a string setting's value as it stands, quotes included: key="a.tfstate"
    // would name another state object, "a.tfstate" with its quotes, and plan to create everything anew.
    if (/^(["']).*\1$/.test(match[2] ?? '') && (match[2] ?? '').length >= 2)
      throw new UserError(
        `the value of ${match[1]} is in quotes, which terraform would keep as part of it: write ${match[1]}=VALUE without them (a key=value line is not HCL).`,
        'backend-config'
      );
    return `${match[1]}=${match[2]}`;
  });
}

// Backend settings that carry credentials (s3's access_key/secret_key/token/sse_customer_key,
// azurerm's sas_token, client_secret and client_certificate (a PKCS#12 bundle, key included), gcs's
// credentials JSON and encryption_key, http's client_private_key_pem, kubernetes's client_key, pg's
// conn_str...): their values are masked before terraform runs.
export const CREDENTIAL_SETTING =
  /(access_key|secret|token|password|conn_str|credentials|encryption_key|customer_key|private_key|client_key|client_certificate(?!_path))/i;

export function backendCredentials(backendConfig: string[]): string[] {
  return backendConfig
    .map((kv) => /^([^=]+)=(.*)$/.exec(kv))
    .filter((match) => match !== null && CREDENTIAL_SETTING.test(match[1] ?? '') && (match[2] ?? '') !== '')
    .map((match) => match?.[2] ?? '');
}

/** A quoted HCL string as terraform reads it: JSON escapes, then $${ and %%{ for literal ${ and %{. */
export function hclString(quoted: string): string {
  let value = quoted;
  try {
    value = JSON.parse(`"${quoted}"`) as string;
  } catch {
    // An escape JSON does not know: the text as written.
  }
  return value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

export function terraformVersionInput(read: InputReader): string | undefined {
  const version = optionalInput(read, 'terraform-version')?.replace(/^v/, '');
  if (version !== undefined && !TERRAFORM_VERSION.test(version))
    throw new UserError(
      `'${version}' is not a Terraform release version such as 1.11.4.`,
      'terraform-version'
    );
  return version;
}

/** The one input that may hold YAML: a run without it never loads the parser. */
export const PROVISION_YAML_INPUTS = ['variables'] as const;

/**
 * Every input, parsed and checked on its own. The checks that need the root module read (backend
 * paths, sensitive variables) are in module-checks.ts, loaded only once these pass.
 */
export function readPlainInputs(
  read: InputReader,
  env: NodeJS.ProcessEnv,
  bundledRoot: string | undefined,
  yaml: YamlParse
): PlainProvisionInputs {
  const command = enumInput(read, 'command', COMMANDS, 'plan');
  const clusterName = clusterNameInput(read);
  const backendConfig = backendConfigInput(read, env);
  const workingDirectory = workingDirectoryInput(read, env, bundledRoot);
  if (sameDirectory(workingDirectory, bundledRoot)) checkBundledClusterName(clusterName);
  const variables = variablesInput(read, clusterName, yaml);
  return {
    command,
    clusterName,
    workingDirectory,
    variables,
    varFiles: varFilesInput(read, env),
    backendConfig,
    backendSecrets: backendCredentials(backendConfig),
    terraformVersion: terraformVersionInput(read),
    commentOnPr: booleanInput(read, 'comment-on-pr', true),
    githubToken: optionalInput(read, 'github-token')
  };
}
