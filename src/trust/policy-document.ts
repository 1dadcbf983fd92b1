// IAM policy documents: parsing what a user wrote (JSON or YAML), checking it is shaped like a
// policy, and comparing documents the way IAM means them rather than byte for byte.
import { INEXACT_NUMBER, type YamlParse } from '../io/yaml.js';
import { isRecord, isStringArray, oneOrMany } from '../json/shape.js';

export type PolicyValue = string | number | boolean | null | PolicyValue[] | { [key: string]: PolicyValue };

export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement[] | PolicyStatement;
  [key: string]: PolicyValue | undefined;
}

export interface PolicyStatement {
  [key: string]: PolicyValue;
}

const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition'
]);
const DOCUMENT_KEYS = new Set(['Version', 'Id', 'Statement']);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);

// YAML first (JSON is YAML), since it refuses duplicate keys that JSON.parse would settle silently
// by keeping the last; JSON.parse only for pasted JSON that YAML rejects for its tab indentation.
// Exact numbers: an account ID left unquoted (012345678901) would otherwise name another account.
function parseJsonOrYaml(text: string, yaml: YamlParse): unknown {
  try {
    return yaml(text, { exactNumbers: true });
  } catch (yamlError) {
    const code = (yamlError as { code?: unknown } | null)?.code;
    if (/unique/i.test(yamlError instanceof Error ? yamlError.message : '') || code === INEXACT_NUMBER)
      throw yamlError;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw yamlError;
    }
  }
}

/**
 * Parses a user's policy (JSON is YAML, so one parser reads both) and checks its shape. Returns a
 * sentence on failure so the caller can name the input.
 */
export function parsePolicyDocument(
  text: string,
  yaml: YamlParse
): { document: PolicyDocument } | { problem: string } {
  let parsed: unknown;
  try {
    parsed = parseJsonOrYaml(text, yaml);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return { problem: `does not parse as JSON or YAML (${reason}).` };
  }
  const problem = policyShapeProblem(parsed);
  return problem ? { problem } : { document: parsed as PolicyDocument };
}

export function policyShapeProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'is not a policy document: expected an object with Version and Statement.';
  for (const key of Object.keys(value))
    if (!DOCUMENT_KEYS.has(key)) return `is not a policy document: unknown top-level key '${key}'.`;
  if (value.Version !== undefined && !VERSIONS.has(String(value.Version)))
    return `has Version '${String(value.Version)}'; use '2012-10-17'.`;
  const statements = oneOrMany(value.Statement);
  if (value.Statement === undefined || statements.length === 0)
    return 'is not a policy document: it has no Statement.';
  for (const [index, statement] of statements.entries()) {
    const where = `statement ${index + 1}`;
    if (!isRecord(statement)) return `is not a policy document: ${where} is not an object.`;
    for (const key of Object.keys(statement))
      if (!STATEMENT_KEYS.has(key)) return `is not a policy document: ${where} has unknown key '${key}'.`;
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny')
      return `is not a policy document: ${where} needs Effect Allow or Deny.`;
    if (statement.Action === undefined && statement.NotAction === undefined)
      return `is not a policy document: ${where} needs Action or NotAction.`;
    if (statement.Resource === undefined && statement.NotResource === undefined)
      return `is not a policy document: ${where} needs Resource or NotResource (an identity policy names what it grants).`;
    if (statement.Principal !== undefined || statement.NotPrincipal !== undefined)
      return `is not an identity policy: ${where} has a Principal, which only resource and trust policies hold.`;
    const problem = statementValueProblem(statement, where);
    if (problem) return problem;
  }
  return duplicateSidProblem(statements);
}

// What IAM itself rejects with MalformedPolicyDocument, checked here so that it fails before the
// role is created rather than half-way through converging it (if IAM still refuses something these
// checks miss, the role a run just created is deleted again: converge-role.ts).
const ACTION = /^(\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+)$/;
const RESOURCE = /^(\*|arn:[^:]*:[^:]*:[^:]*:[^:]*:.+)$/;

function stringsOf(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (isStringArray(value) && value.length > 0) return value;
  return undefined;
}

function statementValueProblem(statement: Record<string, unknown>, where: string): string | undefined {
  for (const key of ['Action', 'NotAction'] as const) {
    if (statement[key] === undefined) continue;
    const actions = stringsOf(statement[key]);
    if (!actions) return `is not a policy document: ${where} ${key} must be a string or a list of strings.`;
    const bad = actions.find((action) => !ACTION.test(action));
    if (bad !== undefined)
      return `has ${where} ${key} '${bad}', which is not service:action (e.g. s3:GetObject).`;
  }
  for (const key of ['Resource', 'NotResource'] as const) {
    if (statement[key] === undefined) continue;
    const resources = stringsOf(statement[key]);
    if (!resources) return `is not a policy document: ${where} ${key} must be a string or a list of strings.`;
    const bad = resources.find((resource) => !RESOURCE.test(resource));
    if (bad !== undefined) return `has ${where} ${key} '${bad}', which is neither '*' nor an ARN.`;
  }
  if (
    statement.Sid !== undefined &&
    !(typeof statement.Sid === 'string' && /^[A-Za-z0-9]*$/.test(statement.Sid))
  )
    return `has ${where} Sid '${String(statement.Sid)}'; IAM takes only letters and digits there.`;
  if (statement.Condition !== undefined) return conditionProblem(statement.Condition, where);
  return undefined;
}

// The operators IAM knows; any of them but Null may end in IfExists, and the string, ARN, numeric,
// date, Bool and binary ones may start with a ForAllValues:/ForAnyValue: set qualifier.
const CONDITION_OPERATORS = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike'
]);

function isConditionOperator(name: string): boolean {
  if (name === 'Null') return true;
  const base = name.replace(/^(ForAllValues|ForAnyValue):/, '').replace(/IfExists$/, '');
  return CONDITION_OPERATORS.has(base);
}

const isScalar = (value: unknown): boolean => ['string', 'number', 'boolean'].includes(typeof value);

function conditionProblem(condition: unknown, where: string): string | undefined {
  if (!isRecord(condition) || !Object.values(condition).every(isRecord))
    return `is not a policy document: ${where} Condition must map operators to {key: value} blocks.`;
  for (const [operator, block] of Object.entries(condition)) {
    if (!isConditionOperator(operator))
      return `has ${where} condition operator '${operator}', which IAM does not know (e.g. StringEquals, ArnLike, Bool).`;
    for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
      const values = oneOrMany(value);
      if (values.length === 0 || !values.every(isScalar))
        return `has ${where} condition ${operator} ${key} whose value is not a string, number, boolean or a list of them.`;
    }
  }
  return undefined;
}

/** IAM refuses a policy in which two statements share a Sid. */
function duplicateSidProblem(statements: unknown[]): string | undefined {
  const seen = new Set<string>();
  for (const statement of statements) {
    const sid = isRecord(statement) && typeof statement.Sid === 'string' ? statement.Sid : '';
    if (sid === '') continue;
    if (seen.has(sid)) return `has two statements with Sid '${sid}'; each Sid must be unique in a policy.`;
    seen.add(sid);
  }
  return undefined;
}

/**
 * IAM's quota of managed policies attached to one role: 10 by default, and 20 the most a quota
 * increase gives by AWS's documentation. Past 10 the account's own quota, read from its summary,
 * decides; 20 stands in for it only when the summary cannot be read.
 */
export const MANAGED_POLICIES_DEFAULT_QUOTA = 10;
export const MANAGED_POLICIES_MAX_QUOTA = 20;

/** IAM's quota for all of a role's inline policies together, counted without whitespace. */
export const INLINE_POLICY_LIMIT = 10240;

/** A policy's size as IAM counts it against its quotas: white space is not counted. */
export function iamPolicySize(json: string): number {
  return json.replace(/\s/g, '').length;
}

/**
 * The JSON text of a document as IAM returns it (GetRole, GetRolePolicy): URL-encoded. A document
 * that is already JSON is taken as it is.
 */
export function iamDocumentJson(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith('{') ? trimmed : decodeURIComponent(trimmed);
}

export function decodeIamDocument(text: string): unknown {
  return JSON.parse(iamDocumentJson(text)) as unknown;
}

/**
 * A canonical form in which two documents IAM treats alike are equal: keys sorted, a one-element
 * list the same as its element, and lists compared as sets (every list in a policy — statements,
 * actions, resources, condition values — is a set to IAM).
 */
export function canonicalPolicy(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonicalPolicy);
    const unique = [...new Map(items.map((item) => [JSON.stringify(item), item])).entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, item]) => item);
    return unique.length === 1 ? unique[0] : unique;
  }
  if (isRecord(value)) {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = canonicalPolicy(value[key]);
    return sorted;
  }
  return value;
}

/** Equal as IAM means it; `current` may be the URL-encoded text IAM returned. */
export function samePolicy(current: unknown, desired: unknown): boolean {
  let currentValue = current;
  if (typeof current === 'string') {
    try {
      currentValue = decodeIamDocument(current);
    } catch {
      return false;
    }
  }
  return JSON.stringify(canonicalPolicy(currentValue)) === JSON.stringify(canonicalPolicy(desired));
}

/** The compact JSON IAM is sent: no whitespace, so the 2048/10240-character quotas go furthest. */
export function policyJson(document: PolicyDocument): string {
  return JSON.stringify(document);
}
