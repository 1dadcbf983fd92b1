// The input checks that need the root module read: the backend's type (consul's `path` is no file)
// and the variables it declares sensitive. Loaded only once the plain checks pass, so that a run
// failing on a missing input does not parse the module reader at start.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { UserError } from '../io/errors.js';
import type { InputReader } from '../io/inputs.js';
import type { YamlParse } from '../io/yaml.js';
import { maskSecret, type Masker } from '../io/secrets.js';
import { workspaceRoot } from '../io/workspace.js';
import { outputText } from '../terraform/outputs.js';
import {
  backendFileSettings,
  jsonDuplicateNames,
  literalValue,
  readRootModule,
  settingsFile,
  type LiteralValue,
  type RootModuleFacts
} from '../terraform/root-module.js';
import { confineToJob } from './input-paths.js';
import {
  CREDENTIAL_SETTING,
  hclString,
  readPlainInputs,
  type PlainProvisionInputs,
  type ProvisionInputs
} from './inputs.js';
import { isRecord } from '../json/shape.js';

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

// A template sequence (${ or %{, not the escapes $${ and %%{), which terraform would evaluate: %${
// is a literal % and an interpolation, $%{ a literal $ and a directive.
const TEMPLATE = /(?<!\$)\$\{|(?<!%)%\{/;
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

/** A backend file's settings, for its credentials and its paths alike; undefined when terraform would refuse it. */
function readBackendFile(file: string): Map<string, LiteralValue> | undefined {
  return backendFileSettings(readFileSync(file, 'utf8'), file.endsWith('.json'));
}

/** The texts of a credential setting's value: each string in it as terraform reads it, each line of a heredoc too. */
function credentialTexts(value: LiteralValue): string[] {
  switch (value.kind) {
    case 'string':
      return [hclString(value.raw)];
    case 'heredoc':
      // The runner masks a multi-line value only whole: each line of it too.
      return [value.body.replace(/\r?\n$/, ''), ...value.body.split(/\r?\n/).map((line) => line.trim())];
    case 'scalar':
      return [value.text];
    case 'tuple':
      return value.items.flatMap(credentialTexts);
    case 'object':
      return value.entries.flatMap(([, item]) => credentialTexts(item));
    case 'expression':
      // Terraform refuses a variable or a function here, and its error quotes the line: masked as written.
      return [value.source];
  }
}

/** The credential settings' texts in settings, nested ones too (assume_role's session_token). */
function settingCredentials(entries: Iterable<[string, LiteralValue]>): string[] {
  return [...entries].flatMap(([name, value]) => {
    if (CREDENTIAL_SETTING.test(hclString(name))) return credentialTexts(value);
    if (value.kind === 'object') return settingCredentials(value.entries);
    return [];
  });
}

/**
 * The credential values of the backend files among the -backend-config values, as `terraform init`
 * reads them. A file terraform would refuse yields none: confineBackendPaths refuses it before
 * terraform runs, so that terraform's error, which quotes the file's lines, is never printed.
 */
export function backendFileCredentials(backendConfig: string[]): string[] {
  const found = new Set(
    backendConfig
      .filter((value) => !value.includes('='))
      .flatMap((file) => settingCredentials(readBackendFile(file) ?? []))
  );
  found.delete('');
  return [...found];
}

/** Whether a value, or anything inside it, is read only by evaluating it (or is no HCL at all). */
function evaluated(value: LiteralValue): boolean {
  if (value.kind === 'expression') return true;
  if (value.kind === 'tuple') return value.items.some(evaluated);
  if (value.kind === 'object') return value.entries.some(([, item]) => evaluated(item));
  return false;
}

/**
 * The credentials inside the key=value lines whose value terraform parses as HCL (a setting that is
 * no string: s3's assume_role and its session_token, assume_role_with_web_identity and its
 * web_identity_token), which the name of the line's setting does not mark as a credential. Such a
 * value that does not read as HCL, and holds a credential's name, is refused: terraform's syntax
 * error names the argument whole (`on -backend-config="assume_role={...}" line 1`), its quotes
 * escaped, so that neither the value nor a credential in it would be masked as written there.
 */
export function backendLineCredentials(backendConfig: string[]): string[] {
  const found = new Set<string>();
  for (const entry of backendConfig) {
    const [, name = '', value = ''] = /^([^=]+)=(.*)$/.exec(entry) ?? [];
    if (CREDENTIAL_SETTING.test(name) || !/^\s*[{[]/.test(value)) continue;
    const literal = literalValue(value);
    if (evaluated(literal)) {
      if (CREDENTIAL_SETTING.test(value))
        throw new UserError(
          `the value of ${name} does not read as HCL (terraform parses it so) and holds a credential's name: terraform's error would quote it whole, the credential with it. Write it plainly: {name = "value", ...}.`,
          'backend-config'
        );
      continue;
    }
    for (const credential of settingCredentials([[name, literal]]))
      if (credential !== '') found.add(credential);
  }
  return [...found];
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
  const json = file.endsWith('.json');
  const { settings, twice } = settingsFile(readFileSync(file, 'utf8'), json);
  if (twice !== undefined)
    throw new UserError(
      `the backend file ${shown} gives ${twice} twice, which terraform refuses, quoting the line: give each setting once.`,
      'backend-config'
    );
  if (settings === undefined)
    throw new UserError(
      `the backend file ${shown} does not read as a file of name = value settings${json ? ' (JSON, for its .json name)' : ''}: terraform would refuse it too.`,
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
 * A number as terraform reads one from text (cty.ParseNumberVal, Go's big.ParseFloat in base 10): a
 * TF_VAR_ value of a number variable, or a string the module uses as a number. A sign, decimal
 * digits with an optional point, and an exponent of ten (e) or of two (p: 111111p1 is 222222). No
 * space, underscore or 0x prefix. An HCL number literal is the same without the sign and the p.
 */
const NUMBER = /^([-+]?)(\d*)(?:\.(\d*))?(?:([eEpP])([-+]?\d+))?$/;

/**
 * A number as terraform prints it (a number variable's value, a number turned into a string): in
 * plain decimal, with no exponent and no leading or trailing zeros (1e3 is "1000", 0123 is "123",
 * 1.50 is "1.5", 1.5p1 is "3"). Text that is no number is kept as written, as is a number whose
 * decimal form would run to thousands of digits.
 */
function numberText(written: string): string {
  const match = NUMBER.exec(written);
  const [, sign = '', whole = '', fraction = '', base = 'e', exponent = '0'] = match ?? [];
  if (!match || whole + fraction === '' || Math.abs(Number(exponent)) > 4000) return written;
  // The value is digits / 10^scale.
  let digits = BigInt(whole + fraction);
  let scale = fraction.length;
  const power = Number(exponent);
  if (/[eE]/.test(base)) scale -= power;
  else if (power >= 0) digits *= 2n ** BigInt(power);
  else {
    // x / 2^n is x * 5^n / 10^n.
    digits *= 5n ** BigInt(-power);
    scale -= power;
  }
  if (digits === 0n) return '0';
  let text = digits.toString();
  const zeros = /0*$/.exec(text)?.[0].length ?? 0;
  text = text.slice(0, text.length - zeros);
  const point = text.length - (scale - zeros);
  if (Math.abs(point) > 1000) return written;
  const decimal =
    point <= 0
      ? `0.${'0'.repeat(-point)}${text}`
      : point >= text.length
        ? `${text}${'0'.repeat(point - text.length)}`
        : `${text.slice(0, point)}.${text.slice(point)}`;
  return `${sign === '-' ? '-' : ''}${decimal}`;
}

/**
 * A secret and each line of it. The runner's log is masked line by line, so a multi-line value
 * registered whole is never matched when a tool prints one of its lines (an error quoting a line,
 * terraform's source snippet of a heredoc): each line, trimmed, is registered too. A value that
 * reads as a number is registered as terraform prints it too: a number variable takes a string
 * ("1.2345600e5", from TF_VAR_, a .tfvars string, `variables`) as that number, and a string or
 * untyped one becomes it where the module uses it as one.
 */
function withLines(values: Iterable<string>): string[] {
  const found = new Set<string>();
  for (const value of values) {
    found.add(value);
    if (NUMBER.test(value)) found.add(numberText(value));
    if (/[\r\n]/.test(value))
      for (const line of value.split(/\r\n|\r|\n/)) if (line.trim() !== '') found.add(line.trim());
  }
  return [...found];
}

/** Every string and number inside a value from JSON or YAML, each number as terraform writes it as a string. */
function valueLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [numberText(String(value))];
  if (Array.isArray(value)) return value.flatMap(valueLeaves);
  if (isRecord(value)) return Object.values(value).flatMap(valueLeaves);
  return [];
}

/**
 * The values of `variables` for variables declared `sensitive = true`, whole and each string and
 * number inside a structured one, and each line of a multi-line one: terraform hides them in its
 * plan, but not where a function's error quotes one (cidrsubnet: "invalid CIDR address: VALUE"),
 * nor where the module passes one to nonsensitive(). A .tfvars.json file's values are read the same
 * way: terraform takes its strings literally, templates and all.
 */
export function sensitiveValues(variables: Record<string, unknown>, sensitive: Set<string>): string[] {
  return withLines(
    Object.entries(variables)
      .filter(([name, value]) => sensitive.has(name) && value !== null)
      .flatMap(([, value]) => [outputText(value), ...valueLeaves(value)])
  );
}

// An escape of a quoted HCL string, or $${ and %%{, the escapes of a literal ${ and %{.
const HCL_ESCAPE = /\\(?:([nrt"\\])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))|([$%])\4\{/g;
const ESCAPED: Record<string, string> = { n: '\n', r: '\r', t: '\t' };

/** Text as terraform reads it from a template with no template sequence; an escape terraform refuses stays as written. */
function unescaped(text: string, backslashes: boolean): string {
  return text.replace(HCL_ESCAPE, (escape, char?: string, u4?: string, u8?: string, sign?: string) => {
    if (sign !== undefined) return `${sign}{`;
    if (!backslashes) return escape;
    if (char !== undefined) return ESCAPED[char] ?? char;
    const code = Number.parseInt(u4 ?? u8 ?? '', 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : escape;
  });
}

// Go's unicode.IsSpace, which HCL uses to find a flush heredoc's indentation.
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/u;

/**
 * A heredoc's value as terraform reads it: its lines with their line ends, each line of a flush
 * heredoc (`<<-`) less the smallest indentation among its lines that are not blank (counted in
 * characters, a tab as one; blank lines are left as they are). Backslashes are not escapes here.
 */
function heredocText(body: string, flush: boolean): string {
  if (!flush) return unescaped(body, false);
  const lines = body.split(/(?<=\n)/);
  const indent = (line: string): number => [...(GO_SPACE.exec(line)?.[0] ?? '')].length;
  const blank = (line: string): boolean => indent(line) === [...line].length;
  const trim = Math.min(...lines.filter((line) => !blank(line)).map(indent));
  return unescaped(
    lines.map((line) => (blank(line) ? line : [...line].slice(trim).join(''))).join(''),
    false
  );
}

/**
 * The texts a .tfvars value gives terraform: each string as terraform reads it and as written (a
 * tool quoting the file's source, as terraform's own errors do, prints it so), each number as
 * terraform turns it into a string and as written, alone or inside a list or object. Undefined when
 * only evaluating the value tells what it is: an expression, or a string or heredoc holding a
 * template sequence (${ or %{), which a .tfvars file may use with literals ("${"a"}b" is "ab").
 */
function tfvarsTexts(value: LiteralValue): string[] | undefined {
  const all = (values: LiteralValue[]): string[] | undefined => {
    const texts: string[] = [];
    for (const item of values) {
      const read = tfvarsTexts(item);
      if (read === undefined) return undefined;
      texts.push(...read);
    }
    return texts;
  };
  switch (value.kind) {
    case 'string':
      return TEMPLATE.test(value.raw) ? undefined : [unescaped(value.raw, true), value.raw];
    case 'heredoc':
      return TEMPLATE.test(value.body) ? undefined : [heredocText(value.body, value.flush)];
    case 'scalar':
      return /^(true|false|null)$/.test(value.text) ? [] : [numberText(value.text), value.text];
    case 'tuple':
      return all(value.items);
    case 'object':
      return all(value.entries.map(([, item]) => item));
    case 'expression':
      return undefined;
  }
}

/** The refusal of a sensitive variable's value that only terraform's evaluation tells; `source` names where it is given. */
function unmaskable(source: string, name: string, input?: string): UserError {
  return new UserError(
    `${source} gives the sensitive variable ${name} a value that only terraform's evaluation tells (an expression, or a string or heredoc holding \${ or %{), so it cannot be masked before terraform runs: write it plainly, as a quoted string or a heredoc (with $\${ for a literal \${), a number, or a list or map of those.`,
    input
  );
}

/**
 * The var-files terraform loads on its own from the directory it runs in (the working directory),
 * in its order: terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars and *.auto.tfvars.json
 * by name, hidden ones too.
 */
function autoVarFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return [
    ...['terraform.tfvars', 'terraform.tfvars.json'].filter((name) => names.includes(name)),
    ...names.filter((name) => /\.auto\.tfvars(\.json)?$/.test(name)).sort()
  ].map((name) => join(dir, name));
}

// A token of JSON text: a string, a number as written, or punctuation (true, false and null hold no number).
const JSON_TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|[{}[\],:]/g;

/**
 * The numbers inside each top-level attribute of a JSON object's text (read by JSON.parse first), as
 * written: JSON.parse makes a number with more digits than a double holds another one
 * (12345678901234567890 reads as 12345678901234567000), while terraform reads a .tfvars.json exactly.
 */
function jsonNumbersAsWritten(text: string): Map<string, string[]> {
  const numbers = new Map<string, string[]>();
  let depth = 0;
  let name: string | undefined;
  let previous = '';
  for (const [token] of text.matchAll(JSON_TOKEN)) {
    if (token === '{' || token === '[') depth += 1;
    else if (token === '}' || token === ']') depth -= 1;
    // At the top object's depth, a string after { or , is a name; after : it is a value.
    else if (depth === 1 && token.startsWith('"') && (previous === '{' || previous === ','))
      name = JSON.parse(token) as string;
    else if (name !== undefined && !token.startsWith('"') && /\d/.test(token))
      numbers.set(name, [...(numbers.get(name) ?? []), token]);
    previous = token;
  }
  return numbers;
}

/**
 * Refuses a .tfvars.json that gives a name twice where terraform refuses it, quoting the line: at
 * the top, or inside a sensitive variable's value (terraform reads a declared variable's value
 * whole). JSON.parse keeps the last value, so the first would be printed unmasked. A name inside a
 * sensitive value is not said: it is part of the secret.
 */
function refuseDuplicateNames(text: string, sensitive: Set<string>, source: string, input: string): void {
  for (const [name, ...inside] of jsonDuplicateNames(text)) {
    const said =
      inside.length === 0
        ? `sets ${String(name)} twice`
        : sensitive.has(String(name))
          ? `gives the sensitive variable ${String(name)} a value with a name set twice`
          : undefined;
    if (said !== undefined)
      throw new UserError(
        `${source} ${said}, which terraform refuses, quoting the line: give each name once.`,
        input
      );
  }
}

/**
 * The values var-files give the variables declared `sensitive = true`: from a .tfvars.json file as
 * from `variables`; from a .tfvars file each string, heredoc and number, alone or inside a list or
 * object, and each line of a multi-line one. A value for such a variable that only terraform's
 * evaluation tells is refused, naming the file (as `shown` words it) and the variable, never the
 * value: masking its text as written would not mask what terraform makes of it, and a .tfvars file,
 * where no variable or function may be used, can always say it plainly. A file that does not read
 * as attributes (or that terraform refuses for a quoted name, a block, a name given twice) is
 * refused when the module declares a sensitive variable: terraform refuses it too, and its error
 * quotes the file's lines, where the values this reading could not find would show unmasked.
 */
export function varFileSecrets(
  varFiles: string[],
  sensitive: Set<string>,
  shown: (file: string) => string,
  input: string
): string[] {
  // Nothing to find, nor to keep from terraform's errors: those errors are the most telling.
  if (sensitive.size === 0) return [];
  const values = varFiles.flatMap((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return [];
    }
    const json = file.endsWith('.json');
    const unreadable = new UserError(
      `${shown(file)} does not read as a file of name = value settings${json ? ' (JSON, for its .json name)' : ''}: terraform would refuse it too, quoting its lines, a sensitive variable's value among them.`,
      input
    );
    if (json) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw unreadable;
      }
      if (!isRecord(parsed)) throw unreadable;
      refuseDuplicateNames(text, sensitive, shown(file), input);
      return [
        ...sensitiveValues(parsed, sensitive),
        ...[...jsonNumbersAsWritten(text)]
          .filter(([name]) => sensitive.has(name))
          .flatMap(([, numbers]) => numbers.flatMap((number) => [numberText(number), number]))
      ];
    }
    const { settings: attributes, twice } = settingsFile(text, false);
    if (twice !== undefined)
      throw new UserError(
        `${shown(file)} sets ${twice} twice, which terraform refuses, quoting the line: give each name once.`,
        input
      );
    if (attributes === undefined) throw unreadable;
    return [...attributes]
      .filter(([name]) => sensitive.has(name))
      .flatMap(([name, value]) => {
        const texts = tfvarsTexts(value);
        if (texts === undefined) throw unmaskable(shown(file), name, input);
        return withLines(texts);
      });
  });
  return [...new Set(values)];
}

/**
 * The values TF_VAR_<name> environment variables give the variables declared `sensitive = true`:
 * a step's env: that reads a secret is masked by the runner, but not a value an earlier step computed
 * and wrote to GITHUB_ENV. Each is masked whole and line by line; a variable of a list, map or object
 * type also each string and number terraform reads from it, as from a .tfvars file, and one whose
 * value only terraform's evaluation tells is refused, naming the variable, never the value.
 */
export function environmentSecrets(env: NodeJS.ProcessEnv, module: RootModuleFacts): string[] {
  const values = Object.entries(env).flatMap(([key, value]) => {
    const name = key.startsWith('TF_VAR_') ? key.slice('TF_VAR_'.length) : undefined;
    if (name === undefined || !module.sensitiveVariables.has(name) || !value) return [];
    if (!module.hclVariables.has(name)) return withLines([value]);
    const texts = tfvarsTexts(literalValue(value));
    if (texts === undefined) throw unmaskable(`The environment variable ${key}`, name);
    return withLines([value, ...texts]);
  });
  return [...new Set(values)];
}

// A -var or -var-file argument (Go's flag package takes -name and --name, the value after = or apart),
// as written in a TF_CLI_ARGS value, which terraform splits as a shell would: quoted or not.
const VARIABLE_ARGUMENT = /(?:^|\s)["']?--?var(?:-file)?(?:[=\s"']|$)/;

/**
 * Refuses -var and -var-file in TF_CLI_ARGS and TF_CLI_ARGS_plan when the module declares a sensitive
 * variable: terraform appends them to the plan's arguments, so a value given there reaches terraform,
 * and its errors, without the action seeing it to mask it. The value is never quoted.
 */
function refuseCliArgumentVariables(env: NodeJS.ProcessEnv, sensitive: Set<string>): void {
  if (sensitive.size === 0) return;
  for (const name of ['TF_CLI_ARGS', 'TF_CLI_ARGS_plan'])
    if (VARIABLE_ARGUMENT.test(env[name] ?? ''))
      throw new UserError(
        `The environment variable ${name} gives terraform -var or -var-file, whose values the action cannot read to mask a sensitive variable's: give variables through the variables or var-files input, or TF_VAR_<name>.`
      );
}

// A -backend-config argument, written as VARIABLE_ARGUMENT's are.
const BACKEND_CONFIG_ARGUMENT = /(?:^|\s)["']?--?backend-config(?:[=\s"']|$)/;

/**
 * Refuses -backend-config in TF_CLI_ARGS and TF_CLI_ARGS_init: terraform adds them to init's arguments,
 * so a setting or backend file given there reaches terraform, and its errors ("Attribute redefined"
 * quotes a file's line, a credential with it), without the action seeing it to mask it or to keep the
 * paths it names in the workspace. The value is never quoted.
 */
function refuseCliArgumentBackendConfig(env: NodeJS.ProcessEnv): void {
  for (const name of ['TF_CLI_ARGS', 'TF_CLI_ARGS_init'])
    if (BACKEND_CONFIG_ARGUMENT.test(env[name] ?? ''))
      throw new UserError(
        `The environment variable ${name} gives terraform init -backend-config, whose settings the action can neither check nor mask (terraform's errors quote them, credentials too): give backend settings through the backend-config input.`
      );
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
  const fileCredentials = [
    ...backendFileCredentials(inputs.backendConfig),
    ...backendLineCredentials(inputs.backendConfig)
  ];
  if (mask) for (const credential of fileCredentials) mask(credential);
  const module = readRootModule(inputs.workingDirectory);
  confineBackendPaths(inputs.backendConfig, env, inputs.workingDirectory, module.backend);
  const sensitive = module.sensitiveVariables;
  refuseCliArgumentVariables(env, sensitive);
  const variableSecrets = [
    ...sensitiveValues(inputs.variables, sensitive),
    // The files terraform loads without being told, then those the input names.
    ...varFileSecrets(
      autoVarFiles(inputs.workingDirectory),
      sensitive,
      (file) => `${basename(file)}, which terraform loads from it,`,
      'working-directory'
    ),
    ...varFileSecrets(inputs.varFiles, sensitive, (file) => `'${shownFile(env, file)}'`, 'var-files'),
    ...environmentSecrets(env, module)
  ];
  // After the refusals above, whose order a run with several faults keeps.
  refuseCliArgumentBackendConfig(env);
  const unique = [...new Set(variableSecrets)];
  if (mask) for (const value of unique) maskSecret(value, mask);
  return {
    ...inputs,
    backendSecrets: [...new Set([...inputs.backendSecrets, ...fileCredentials])],
    variableSecrets: unique
  };
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
