import { UserError } from './errors.js';

/** Reads one raw input by its action.yml name; '' when unset. */
export type InputReader = (name: string) => string;

/** The runner passes `with:` values as INPUT_<NAME> (spaces become underscores, upper case). */
export function envInputReader(env: NodeJS.ProcessEnv = process.env): InputReader {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function mapInputReader(values: Record<string, string | undefined>): InputReader {
  return (name) => (values[name] ?? '').trim();
}

// The runner passes an expression that came out empty as '', so "not given" would send the user to
// a `with:` line that is there: say what empties one (GitHub gives '' for a secret that is not set).
const EMPTY_BECAUSE =
  'not given, or given as an expression that came out empty (a secret not set for this repository or environment, or an output its step did not set, such as ${{ steps.ID.outputs.NAME }})';

export function requiredInput(read: InputReader, name: string): string {
  const value = read(name);
  if (value === '') throw new UserError(`is required but is empty: ${EMPTY_BECAUSE}.`, name);
  return value;
}

export function optionalInput(read: InputReader, name: string): string | undefined {
  const value = read(name);
  return value === '' ? undefined : value;
}

// YAML 1.2 core schema booleans only: 'yes', 'on' or '1' are more likely a typo than intent.
const TRUE_VALUES = ['true', 'True', 'TRUE'];
const FALSE_VALUES = ['false', 'False', 'FALSE'];

export function booleanInput(read: InputReader, name: string, fallback: boolean): boolean {
  const value = read(name);
  if (value === '') return fallback;
  if (TRUE_VALUES.includes(value)) return true;
  if (FALSE_VALUES.includes(value)) return false;
  throw new UserError(`'${value}' is not a boolean: use true or false.`, name);
}

export function integerInput(
  read: InputReader,
  name: string,
  fallback: number,
  bounds: { min?: number; max?: number } = {}
): number {
  const value = read(name);
  if (value === '') return fallback;
  if (!/^-?\d+$/.test(value)) throw new UserError(`'${value}' is not a whole number.`, name);
  const parsed = Number(value);
  if (bounds.min !== undefined && parsed < bounds.min)
    throw new UserError(`${parsed} is below the minimum of ${bounds.min}.`, name);
  if (bounds.max !== undefined && parsed > bounds.max)
    throw new UserError(`${parsed} is above the maximum of ${bounds.max}.`, name);
  return parsed;
}

/** A newline- or comma-separated list; blank entries are dropped. */
export function listInput(read: InputReader, name: string, separators: RegExp = /[\n,]/): string[] {
  return read(name)
    .split(separators)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function enumInput<T extends string>(
  read: InputReader,
  name: string,
  allowed: readonly T[],
  fallback: T
): T {
  const value = read(name);
  if (value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UserError(`'${value}' is not one of ${allowed.join(', ')}.`, name);
}

/** An https URL without a trailing slash, query or fragment: the shape an OIDC issuer must have. */
export function httpsUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserError(`'${value}' is not a URL.`, name);
  }
  // Not quoted: what sits before the @ may be a password.
  if (url.username || url.password)
    throw new UserError('must not carry a user name or password: STS reads an issuer anonymously.', name);
  if (url.protocol !== 'https:')
    throw new UserError(`'${value}' must use https (AWS accepts only https issuers).`, name);
  if (url.search || url.hash) throw new UserError(`'${value}' must not carry a query or fragment.`, name);
  if (value.endsWith('/')) throw new UserError(`'${value}' must not end with a slash.`, name);
  return value;
}

/**
 * Exactly one of two alternative inputs, e.g. `kubeconfig` or `kubeconfig-path`. Required, it throws
 * rather than return nothing, and its type says so: callers need no check of their own.
 */
export function oneOf(read: InputReader, first: string, second: string, required: true): [string, string];
export function oneOf(
  read: InputReader,
  first: string,
  second: string,
  required: boolean
): [string, string] | undefined;
export function oneOf(
  read: InputReader,
  first: string,
  second: string,
  required: boolean
): [string, string] | undefined {
  const a = read(first);
  const b = read(second);
  if (a !== '' && b !== '') throw new UserError(`give '${first}' or '${second}', not both.`, first);
  if (a !== '') return [first, a];
  if (b !== '') return [second, b];
  if (required)
    throw new UserError(`is required (or give '${second}'), but both are empty: ${EMPTY_BECAUSE}.`, first);
  return undefined;
}
