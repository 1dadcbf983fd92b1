// The input checks that need the root module read: the backend's type (consul's `path` is no file)
// and the variables it declares sensitive. Loaded only once the plain checks pass, so that a run
// failing on a missing input does not parse the module reader at start.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { UserError } from '../io/errors.js';
import type { InputReader } from '../io/inputs.js';
import type { YamlParse } from '../io/yaml.js';
import { maskSecret, type Masker } from '../io/secrets.js';
import { workspaceRoot } from '../io/workspace.js';
import { outputText, stringLeaves } from '../terraform/outputs.js';
import { fileAttributes, readRootModule, type LiteralValue } from '../terraform/root-module.js';
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

// A template sequence (${ or %{, not the escapes $${ and %%{), which terraform would evaluate.
const TEMPLATE = /(?<![$%])[$%]\{/;
// The libpq parameters of a pg conn_str that name files lib/pq reads (the client certificate and
// key, the CA bundle); lib/pq 1.10, terraform's driver, reads no passfile parameter.
const CONN_STR_FILES = new Set(['sslcert', 'sslkey', 'sslrootcert']);

/** A path a backend setting names; `setting` says which (conn_str's parameter included). */
interface NamedPath {
  setting: string;
  path: string;
  /** The setting is a credential's: its value is never quoted, not even as a path. */
  secret: boolean;
}

/** A path a setting names plainly: a credential setting's is never quoted. */
function namedPath(setting: string, path: string): NamedPath {
  return { setting, path, secret: CREDENTIAL_SETTING.test(setting) };
}

/**
 * The parameters of a pg conn_str as lib/pq reads them: a postgres:// or postgresql:// URL's query
 * (form-decoded; the first of a repeated one counts, an empty one not at all), or a key=value
 * string (values bare or in single quotes, backslash escapes; the last of a repeated one counts).
 */
function connStrParameters(connStr: string): Map<string, string> {
  const params = new Map<string, string>();
  if (/^postgres(ql)?:\/\//.test(connStr)) {
    const query = (connStr.split('#')[0] ?? '').split('?').slice(1).join('?');
    for (const pair of query.split('&')) {
      // Go's query parser drops a pair holding ';' or a bad escape.
      if (pair.includes(';')) continue;
      const [key = '', ...rest] = pair.split('=');
      try {
        const name = decodeURIComponent(key.replace(/\+/g, ' '));
        const value = decodeURIComponent(rest.join('=').replace(/\+/g, ' '));
        if (name !== '' && !params.has(name)) params.set(name, value);
      } catch {
        continue;
      }
    }
    for (const [name, value] of params) if (value === '') params.delete(name);
    return params;
  }
  const pair = /\s*([^\s=]+)\s*=\s*(?:'((?:[^'\\]|\\[\s\S])*)'|((?:[^\s\\]|\\[\s\S])*))/y;
  for (let match = pair.exec(connStr); match !== null; match = pair.exec(connStr))
    params.set(match[1] ?? '', (match[2] ?? match[3] ?? '').replace(/\\([\s\S])/g, '$1'));
  return params;
}

/** The files a pg conn_str names; with sslinline=true its parameters hold the PEM text, not paths. */
function connStrPaths(connStr: string): NamedPath[] {
  const params = connStrParameters(connStr);
  if (params.get('sslinline') === 'true') return [];
  return [...params]
    .filter(
      ([name, value]) =>
        CONN_STR_FILES.has(name) && value !== '' && !(name === 'sslrootcert' && value === 'system')
    )
    .map(([name, value]) => ({ setting: `conn_str's ${name}`, path: value, secret: true }));
}

/** The paths a backend-config key=value line names, as terraform reads them (relative to the module). */
function settingPaths(
  name: string,
  value: string,
  backend: string | undefined,
  moduleDir: string
): NamedPath[] {
  const named = (path: string): NamedPath => namedPath(name, path);
  if (name === 'path' && backend === 'consul') return [];
  if (name === 'conn_str') return connStrPaths(value);
  if (PATH_SETTINGS.has(name)) return [named(value)];
  // gcs reads credentials as a file when one is at that path (~ expanded first), else as the JSON key.
  if (name === 'credentials')
    return value.startsWith('~') || existsSync(resolve(moduleDir, value)) ? [named(value)] : [];
  const quoted = PATH_LIST_SETTINGS.has(name)
    ? [...value.matchAll(QUOTED_STRING)]
    : name === 'assume_role_with_web_identity'
      ? [...value.matchAll(WEB_IDENTITY)]
      : [];
  if (quoted.length > 0 && TEMPLATE.test(value))
    throw new UserError(
      `the value of ${name} holds a template sequence (\${ or %{), which terraform would evaluate: write its paths plainly.`,
      'backend-config'
    );
  return quoted.map((match) => named(hclString(match[1] ?? '')));
}

/** A string value as terraform reads it, when it is one written plainly: quoted, with no template sequence. */
function plainString(value: LiteralValue): string | undefined {
  if (value.kind === 'string') return TEMPLATE.test(value.raw) ? undefined : hclString(value.raw);
  // terraform converts a number or bool to the string a setting wants; null leaves it unset.
  if (value.kind === 'scalar') return value.text === 'null' ? '' : value.text;
  return undefined;
}

/**
 * The paths a backend file's settings name, read as terraform reads them (HCL, or JSON for a name
 * ending in .json, with no variables or functions). A setting that may name a file but is written
 * in a form read only by evaluating it (a heredoc, an expression, a template) is refused.
 */
function backendFilePaths(
  file: string,
  shown: string,
  backend: string | undefined,
  moduleDir: string
): NamedPath[] {
  const settings = fileAttributes(readFileSync(file, 'utf8'), file.endsWith('.json'));
  if (settings === undefined)
    throw new UserError(
      `the backend file ${shown} does not read as a file of name = value settings${file.endsWith('.json') ? ' (JSON, for its .json name)' : ''}: terraform would refuse it too.`,
      'backend-config'
    );
  const unreadable = (name: string) =>
    new UserError(
      `${name} in ${shown} is not written plainly (it is a heredoc, an expression, or a string holding \${ or %{), so the files it names cannot be checked before terraform evaluates it: write each path as a quoted string.`,
      'backend-config'
    );
  const found: NamedPath[] = [];
  for (const [name, value] of settings) {
    const named = (path: string): NamedPath => namedPath(name, path);
    const plain = plainString(value);
    if (name === 'path' && backend === 'consul') continue;
    if (PATH_SETTINGS.has(name) || name === 'conn_str' || name === 'credentials') {
      // A heredoc credentials is the key's JSON: it ends in a newline, so it names no file.
      if (name === 'credentials' && value.kind === 'heredoc') continue;
      if (plain === undefined) throw unreadable(name);
      if (plain !== '') found.push(...settingPaths(name, plain, backend, moduleDir));
    } else if (PATH_LIST_SETTINGS.has(name)) {
      if (value.kind === 'scalar' && value.text === 'null') continue;
      if (value.kind !== 'tuple') throw unreadable(name);
      for (const item of value.items) {
        const path = plainString(item);
        if (path === undefined) throw unreadable(name);
        found.push(named(path));
      }
    } else if (name === 'assume_role_with_web_identity') {
      if (value.kind === 'scalar' && value.text === 'null') continue;
      if (value.kind !== 'object') throw unreadable(name);
      for (const [key, item] of value.entries) {
        if (hclString(key) !== 'web_identity_token_file') continue;
        const path = plainString(item);
        if (path === undefined) throw unreadable(name);
        if (path !== '') found.push(named(path));
      }
    }
  }
  return found;
}

/** A backend file as the errors name it: from the workspace, where the input names it. */
function shownFile(env: NodeJS.ProcessEnv, file: string): string {
  const fromWorkspace = relative(workspaceRoot(env), file);
  return fromWorkspace.startsWith('..') || isAbsolute(fromWorkspace) ? file : fromWorkspace;
}

/**
 * Refuses a backend setting that names a file or directory outside the workspace and RUNNER_TEMP,
 * as for the path inputs, whether a key=value line or a backend file gives it: terraform would read
 * it (a credentials file, a kubeconfig, a key) or, for the local backend, write the state there.
 * `~` is refused: the s3, gcs, kubernetes, oss and cos backends read it as the home directory, the
 * local backend as a directory named ~.
 */
export function confineBackendPaths(
  backendConfig: string[],
  env: NodeJS.ProcessEnv,
  moduleDir: string,
  backend: string | undefined
): void {
  for (const entry of backendConfig) {
    const match = /^([^=]+)=(.*)$/.exec(entry);
    // A value without '=' is a backend file's absolute path (see backendConfigInput).
    const file = match ? undefined : `'${shownFile(env, entry)}'`;
    const paths = match
      ? match[2] === ''
        ? []
        : settingPaths(match[1] ?? '', match[2] ?? '', backend, moduleDir)
      : backendFilePaths(entry, file ?? '', backend, moduleDir);
    for (const { setting, path, secret } of paths) {
      const notes = [
        file && `in ${file}`,
        isAbsolute(path) ? undefined : 'relative to working-directory'
      ].filter(Boolean);
      // A credential's value is never quoted back, nor is a path that might be one (gcs's credentials).
      const named = secret ? `the path ${setting} names` : `${setting} '${path}'`;
      const shown = notes.length > 0 ? `${named} (${notes.join(', ')})` : named;
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

/** Every quoted string (escapes read, no template sequence) and number inside a value from a .tfvars file. */
function literalLeaves(value: LiteralValue): string[] {
  if (value.kind === 'string') return TEMPLATE.test(value.raw) ? [] : [hclString(value.raw)];
  if (value.kind === 'scalar') return /^(true|false|null)$/.test(value.text) ? [] : [value.text];
  if (value.kind === 'tuple') return value.items.flatMap(literalLeaves);
  if (value.kind === 'object') return value.entries.flatMap(([, item]) => literalLeaves(item));
  return [];
}

/**
 * The values the var-files give the variables declared `sensitive = true`, as far as reading them
 * without evaluating goes (best-effort: nothing is refused): from a .tfvars.json file as from
 * `variables`, whole and each string inside; from a .tfvars file each quoted string and number,
 * alone or inside a list or object. A heredoc, an expression or a template is not read.
 */
export function varFileSecrets(varFiles: string[], sensitive: Set<string>): string[] {
  const values = varFiles.flatMap((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return [];
    }
    if (file.endsWith('.json')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
          return sensitiveValues(parsed as Record<string, unknown>, sensitive);
      } catch {
        // terraform refuses it, and says why.
      }
      return [];
    }
    const attributes = fileAttributes(text, false) ?? new Map<string, LiteralValue>();
    return [...attributes]
      .filter(([name]) => sensitive.has(name))
      .flatMap(([, value]) => literalLeaves(value));
  });
  return [...new Set(values)];
}

/**
 * The plain inputs, checked against the root module they name; with `mask`, the values given to
 * sensitive variables are masked before anything can print them.
 */
export function checkAgainstModule(
  inputs: PlainProvisionInputs,
  env: NodeJS.ProcessEnv,
  mask?: Masker
): ProvisionInputs {
  const module = readRootModule(inputs.workingDirectory);
  confineBackendPaths(inputs.backendConfig, env, inputs.workingDirectory, module.backend);
  const variableSecrets = [
    ...sensitiveValues(inputs.variables, module.sensitiveVariables),
    ...varFileSecrets(inputs.varFiles, module.sensitiveVariables)
  ];
  const unique = [...new Set(variableSecrets)];
  if (mask) for (const value of unique) maskSecret(value, mask);
  return { ...inputs, variableSecrets: unique };
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
