// Every input of irsa-role, read and validated before anything is written. Only the checks that
// need AWS (does the provider exist, does each policy ARN exist, does each role fit the account's
// quotas) are left to run().
import { UserError } from '../io/errors.js';
import type { InputReader } from '../io/inputs.js';
import { booleanInput, httpsUrl, integerInput, listInput, oneOf, optionalInput } from '../io/inputs.js';
import type { YamlParse } from '../io/yaml.js';
import type { KubeconfigSource } from '../kube/kubeconfig-source.js';
import { kubeconfigSource } from '../kube/kubeconfig-source.js';
import {
  iamPathProblem,
  iamRoleNameProblem,
  kubeNameProblem,
  parseProviderArn,
  policyArnProblem
} from '../trust/names.js';
import type { PolicyDocument } from '../trust/policy-document.js';
import { INLINE_POLICY_LIMIT, parsePolicyDocument, policyJson } from '../trust/policy-document.js';
import type { Tags } from '../trust/tags.js';
import { mergeTags, NO_MERGE_KEY, parseTagLines, parseTagValue, tagCountProblem } from '../trust/tags.js';
import type { ServiceAccountRef } from '../trust/trust-policy.js';
import { isRecord } from '../json/shape.js';

export type ProviderInput = { input: 'provider-arn'; arn: string } | { input: 'issuer-url'; url: string };

/** Where a value came from, so that a failure found later (e.g. a missing policy) names it. */
export interface Origin {
  input: string;
  /** e.g. "item 3 (role 'app')" for a `bindings` entry; empty for the single form. */
  where: string;
}

export interface RoleBinding {
  roleName: string;
  serviceAccounts: ServiceAccountRef[];
  policyArns: string[];
  inlinePolicy: PolicyDocument | undefined;
  permissionsBoundary: string | undefined;
  tags: Tags;
  /** Input names per field, for errors found after parsing. */
  origins: { namespace: Origin; policyArns: Origin; permissionsBoundary: Origin; inlinePolicy: Origin };
}

export interface IrsaRoleInputs {
  provider: ProviderInput;
  bindings: RoleBinding[];
  /** The single form (role-name/namespace/service-account) was used: output role-arn too. */
  single: boolean;
  audience: string;
  maxSessionDuration: number;
  rolePath: string;
  prune: boolean;
  allowWildcards: boolean;
  annotate: boolean;
  kubeconfig: KubeconfigSource | undefined;
}

const SINGLE_INPUTS = ['role-name', 'namespace', 'service-account'] as const;
const ITEM_KEYS = new Set([
  'role-name',
  'namespace',
  'service-account',
  'policy-arns',
  'inline-policy',
  'permissions-boundary',
  'tags'
]);

/** What the top-level inputs give every binding; a `bindings` item adds to or overrides them. */
interface Shared {
  policyArns: string[];
  inlinePolicy: PolicyDocument | undefined;
  permissionsBoundary: string | undefined;
  tags: Tags;
  allowWildcards: boolean;
}

function fail(origin: Origin, message: string): never {
  throw new UserError(origin.where ? `${origin.where}: ${message}` : message, origin.input);
}

function checkedPolicyArns(arns: string[], origin: Origin): string[] {
  for (const arn of arns) {
    const problem = policyArnProblem(arn);
    if (problem) fail(origin, problem);
  }
  // How many a role may have is the account's quota, which the run reads (run.ts) before any write.
  return [...new Set(arns)];
}

function checkedBoundary(arn: string | undefined, origin: Origin): string | undefined {
  if (arn === undefined) return undefined;
  const problem = policyArnProblem(arn);
  if (problem) fail(origin, problem);
  return arn;
}

function checkedPolicy(
  text: string | undefined,
  origin: Origin,
  yaml: YamlParse
): PolicyDocument | undefined {
  if (text === undefined) return undefined;
  const result = parsePolicyDocument(text, yaml);
  if ('problem' in result) fail(origin, `the inline policy ${result.problem}`);
  const size = policyJson(result.document).length;
  if (size > INLINE_POLICY_LIMIT)
    fail(origin, `the inline policy is ${size} characters; IAM allows ${INLINE_POLICY_LIMIT} per role.`);
  return result.document;
}

function checkedTags(text: string, origin: Origin): Tags {
  const result = parseTagLines(text);
  if ('problem' in result) fail(origin, result.problem);
  const tooMany = tagCountProblem(result.tags);
  if (tooMany) fail(origin, tooMany);
  return result.tags;
}

function checkedRoleName(name: string, origin: Origin): string {
  const problem = iamRoleNameProblem(name);
  if (problem) fail(origin, problem);
  return name;
}

function checkedAccounts(
  namespace: string,
  names: string[],
  allowWildcards: boolean,
  nsOrigin: Origin,
  saOrigin: Origin
): ServiceAccountRef[] {
  const nsProblem = kubeNameProblem('namespace', namespace, allowWildcards);
  if (nsProblem) fail(nsOrigin, nsProblem);
  if (names.length === 0) fail(saOrigin, 'needs at least one service account.');
  return [...new Set(names)].map((name) => {
    const problem = kubeNameProblem('service account', name, allowWildcards);
    if (problem) fail(saOrigin, problem);
    return { namespace, name };
  });
}

function readShared(read: InputReader, yaml: YamlParse): Shared {
  const allowWildcards = booleanInput(read, 'allow-wildcards', false);
  const top = (input: string): Origin => ({ input, where: '' });
  return {
    policyArns: checkedPolicyArns(listInput(read, 'policy-arns', /\n/), top('policy-arns')),
    inlinePolicy: checkedPolicy(optionalInput(read, 'inline-policy'), top('inline-policy'), yaml),
    permissionsBoundary: checkedBoundary(
      optionalInput(read, 'permissions-boundary'),
      top('permissions-boundary')
    ),
    tags: checkedTags(read('tags'), top('tags')),
    allowWildcards
  };
}

function singleBinding(read: InputReader, shared: Shared): RoleBinding {
  for (const name of SINGLE_INPUTS)
    if (read(name) === '')
      throw new UserError(`is required for a single binding (or give 'bindings' instead).`, name);
  const origin = (input: string): Origin => ({ input, where: '' });
  return {
    roleName: checkedRoleName(read('role-name'), origin('role-name')),
    serviceAccounts: checkedAccounts(
      read('namespace'),
      [read('service-account')],
      shared.allowWildcards,
      origin('namespace'),
      origin('service-account')
    ),
    policyArns: shared.policyArns,
    inlinePolicy: shared.inlinePolicy,
    permissionsBoundary: shared.permissionsBoundary,
    tags: shared.tags,
    origins: {
      namespace: origin('namespace'),
      policyArns: origin('policy-arns'),
      permissionsBoundary: origin('permissions-boundary'),
      inlinePolicy: origin('inline-policy')
    }
  };
}

function stringField(item: Record<string, unknown>, key: string, origin: Origin): string | undefined {
  const value = item[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') fail(origin, `'${key}' must be a non-empty string.`);
  return value.trim();
}

function stringList(value: unknown, key: string, origin: Origin): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string')
    return value
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'string' && entry.trim() !== ''))
    return value.map((entry: string) => entry.trim());
  fail(origin, `'${key}' must be a string or a list of strings.`);
}

function itemPolicy(value: unknown, origin: Origin, yaml: YamlParse): PolicyDocument | undefined {
  if (value === undefined || value === null) return undefined;
  // A mapping is the document itself; a string is JSON or YAML text.
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return checkedPolicy(text, origin, yaml);
}

function bindingFromItem(raw: unknown, index: number, shared: Shared, yaml: YamlParse): RoleBinding {
  const at: Origin = { input: 'bindings', where: `item ${index + 1}` };
  if (!isRecord(raw)) fail(at, 'must be a mapping with role-name, namespace and service-account.');
  const item = raw;
  for (const key of Object.keys(item))
    if (!ITEM_KEYS.has(key))
      fail(
        at,
        `unknown key '${key}' (${key === '<<' ? NO_MERGE_KEY : `expected ${[...ITEM_KEYS].join(', ')}`}).`
      );
  const roleName = stringField(item, 'role-name', at);
  if (roleName === undefined) fail(at, "needs 'role-name'.");
  const origin: Origin = { input: 'bindings', where: `item ${index + 1} (role '${roleName}')` };
  checkedRoleName(roleName, origin);
  const namespace = stringField(item, 'namespace', origin);
  if (namespace === undefined) fail(origin, "needs 'namespace'.");
  if (item['service-account'] === undefined) fail(origin, "needs 'service-account' (a name or a list).");
  const accounts = checkedAccounts(
    namespace,
    stringList(item['service-account'], 'service-account', origin),
    shared.allowWildcards,
    origin,
    origin
  );
  const ownArns = checkedPolicyArns(stringList(item['policy-arns'], 'policy-arns', origin), origin);
  const ownPolicy = itemPolicy(item['inline-policy'], origin, yaml);
  const ownBoundary = checkedBoundary(stringField(item, 'permissions-boundary', origin), origin);
  const ownTags = parseTagValue(item.tags);
  if ('problem' in ownTags) fail(origin, ownTags.problem);
  const tags = mergeTags(shared.tags, ownTags.tags);
  const tooMany = tagCountProblem(tags);
  if (tooMany) fail(origin, `together with the tags input, ${tooMany}`);
  const policyArns = [...new Set([...shared.policyArns, ...ownArns])];
  return {
    roleName,
    serviceAccounts: accounts,
    policyArns,
    inlinePolicy: ownPolicy ?? shared.inlinePolicy,
    permissionsBoundary: ownBoundary ?? shared.permissionsBoundary,
    tags,
    origins: {
      namespace: origin,
      policyArns: ownArns.length > 0 ? origin : { input: 'policy-arns', where: '' },
      permissionsBoundary: ownBoundary ? origin : { input: 'permissions-boundary', where: '' },
      inlinePolicy: ownPolicy ? origin : { input: 'inline-policy', where: '' }
    }
  };
}

/** The `tags` mapping of a bindings item, by its path in the list. */
const itemTags = (path: readonly (string | number)[]): boolean =>
  path.length === 2 && typeof path[0] === 'number' && path[1] === 'tags';
/** Where an item's tags may be: the list, an item, or the tags themselves (not an inline policy). */
const tagsWithin = (path: readonly (string | number)[]): boolean => path.length < 2 || itemTags(path);

function listBindings(text: string, shared: Shared, yaml: YamlParse): RoleBinding[] {
  let parsed: unknown;
  try {
    // An item's tags are text, so taken as written: version 1.10 tags '1.10', not the number's '1.1'.
    // Elsewhere (an item's inline policy) exact numbers: an account ID written 012345678901 would
    // otherwise lose its zero.
    parsed = yaml(text, { exactNumbers: true, textMappings: itemTags, textWithin: tagsWithin });
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new UserError(`does not parse as a YAML list (${reason}).`, 'bindings');
  }
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw new UserError('must be a non-empty YAML list of bindings.', 'bindings');
  const bindings = parsed.map((item, index) => bindingFromItem(item, index, shared, yaml));
  // IAM role names are unique without regard to case: Web and web are one role.
  const seen = new Map<string, string>();
  for (const binding of bindings) {
    const earlier = seen.get(binding.roleName.toLowerCase());
    if (earlier === binding.roleName)
      throw new UserError(
        `role '${binding.roleName}' appears more than once; merge its entries (a role trusts the service accounts of one namespace: give each namespace a role of its own).`,
        'bindings'
      );
    if (earlier !== undefined)
      throw new UserError(
        `roles '${earlier}' and '${binding.roleName}' are one role to IAM, which ignores case in role names; merge their entries.`,
        'bindings'
      );
    seen.set(binding.roleName.toLowerCase(), binding.roleName);
  }
  return bindings;
}

function readProvider(read: InputReader): ProviderInput {
  const [input, value] = oneOf(read, 'provider-arn', 'issuer-url', true);
  if (input === 'provider-arn') {
    if (!parseProviderArn(value))
      throw new UserError(
        `'${value}' is not an IAM OIDC provider ARN (arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH).`,
        input
      );
    return { input, arn: value };
  }
  return { input: 'issuer-url', url: httpsUrl(value, 'issuer-url') };
}

/** One service account annotated with two roles would flip-flop on every run. */
function checkAnnotationTargets(bindings: RoleBinding[]): void {
  const owner = new Map<string, string>();
  for (const binding of bindings)
    for (const account of binding.serviceAccounts) {
      if (account.namespace.includes('*') || account.name.includes('*'))
        throw new UserError(
          `cannot annotate the pattern '${account.namespace}/${account.name}' (role '${binding.roleName}'); name service accounts exactly or set annotate-service-account: false.`,
          'annotate-service-account'
        );
      const key = `${account.namespace}/${account.name}`;
      const other = owner.get(key);
      if (other && other !== binding.roleName)
        throw new UserError(
          `service account ${key} is bound to both '${other}' and '${binding.roleName}'; it can carry only one role annotation.`,
          'annotate-service-account'
        );
      owner.set(key, binding.roleName);
    }
}

/** The inputs that may hold YAML: a run without them never loads the parser. */
export const IRSA_ROLE_YAML_INPUTS = ['bindings', 'inline-policy'] as const;

export function readIrsaRoleInputs(read: InputReader, yaml: YamlParse): IrsaRoleInputs {
  const provider = readProvider(read);
  const shared = readShared(read, yaml);
  const bindingsText = read('bindings');
  const singleGiven = SINGLE_INPUTS.filter((name) => read(name) !== '');
  if (bindingsText !== '' && singleGiven.length > 0)
    throw new UserError(
      `give either 'bindings' or ${SINGLE_INPUTS.map((n) => `'${n}'`).join('/')}, not both (found '${singleGiven[0]}').`,
      'bindings'
    );
  if (bindingsText === '' && singleGiven.length === 0)
    throw new UserError("is required (or give 'bindings' for many roles).", 'role-name');
  const single = bindingsText === '';
  const bindings = single ? [singleBinding(read, shared)] : listBindings(bindingsText, shared, yaml);
  const annotate = booleanInput(read, 'annotate-service-account', false);
  const kubeconfig = kubeconfigSource(read, annotate);
  if (annotate) checkAnnotationTargets(bindings);
  const rolePath = read('role-path') || '/';
  const pathProblem = iamPathProblem(rolePath);
  if (pathProblem) throw new UserError(pathProblem, 'role-path');
  const audience = read('audience') || 'sts.amazonaws.com';
  if (audience.length > 255 || /\s/.test(audience))
    throw new UserError(
      `'${audience}' is not a valid audience (no spaces, at most 255 characters).`,
      'audience'
    );
  // IAM reads ${...} in a trust policy's condition value as a policy variable, replaced from the
  // request: one naming the token's own aud (${<issuer>:aud}) would let any audience through.
  if (audience.includes('$'))
    throw new UserError(
      `'${audience}' is not a valid audience: IAM would read its '$' as the start of a policy variable (\${...}) in the trust policy, not as the character.`,
      'audience'
    );
  return {
    provider,
    bindings,
    single,
    audience,
    maxSessionDuration: integerInput(read, 'max-session-duration', 3600, { min: 3600, max: 43200 }),
    rolePath,
    prune: booleanInput(read, 'prune-policies', false),
    allowWildcards: shared.allowWildcards,
    annotate,
    kubeconfig
  };
}
