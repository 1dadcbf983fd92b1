/**
 * Whether a role's trust policy lets a token through, evaluated the way STS does for
 * AssumeRoleWithWebIdentity, and, when it does not, which statement or condition says no.
 * This reads policies that src/trust/ builds; it is kept apart because explaining a refusal
 * of any policy (hand-written ones included) is a different job from building a good one.
 */
import { iamWildcard } from '../trust/iam-wildcard.js';
import type { TokenView } from './token-claims.js';
import { asStringList, isRecord, oneOrMany } from '../json/shape.js';

export interface TrustContext {
  providerArn: string;
  issuerHostPath: string;
  token: TokenView;
}

export interface TrustVerdict {
  /** 'unknown' when a condition this module does not evaluate decides it: STS's answer then does. */
  allowed: boolean | 'unknown';
  /** One sentence: what in the policy allows or refuses the token. */
  reason: string;
  /**
   * When it refuses because the role trusts only other OIDC providers: their issuers (https URLs),
   * the sign of a kubeconfig for another cluster than the one the role was made for.
   */
  otherIssuers?: string[];
  /**
   * When it refuses only because the token's sub is not among those the role trusts: those subjects
   * (a namespace or service-account input that names another account than the role's).
   */
  trustedSubjects?: string[];
}

type Statement = Record<string, unknown>;

/** IAM returns trust policies URL-encoded; some emulators and SDK paths hand them back decoded. */
export function parsePolicyDocument(document: string | undefined): unknown {
  if (!document) return undefined;
  const text = document.trimStart().startsWith('{') ? document : decodeURIComponent(document);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function statementsOf(policy: unknown): Statement[] {
  if (!isRecord(policy)) return [];
  const raw = policy.Statement;
  return oneOrMany(raw).filter(isRecord);
}

function coversWebIdentity(statement: Statement): boolean {
  if (statement.NotAction !== undefined) return false;
  return asStringList(statement.Action).some((action) =>
    iamWildcard(action, 'sts:AssumeRoleWithWebIdentity', true)
  );
}

function federatedPrincipals(statement: Statement): string[] {
  if (statement.NotPrincipal !== undefined) return [];
  return isRecord(statement.Principal) ? asStringList(statement.Principal.Federated) : [];
}

/** The values STS puts into the request context for a web identity: ISSUER:sub, :aud, :amr, … */
function contextValues(key: string, context: TrustContext): string[] {
  const prefix = `${context.issuerHostPath}:`.toLowerCase();
  const lower = key.toLowerCase();
  if (!lower.startsWith(prefix)) return [];
  return asStringList(context.token.claims[lower.slice(prefix.length)]);
}

const STRING_TESTS: Record<string, { negated: boolean; test(pattern: string, value: string): boolean }> = {
  StringEquals: { negated: false, test: (p, v) => p === v },
  StringNotEquals: { negated: true, test: (p, v) => p === v },
  StringEqualsIgnoreCase: { negated: false, test: (p, v) => p.toLowerCase() === v.toLowerCase() },
  StringNotEqualsIgnoreCase: { negated: true, test: (p, v) => p.toLowerCase() === v.toLowerCase() },
  StringLike: { negated: false, test: (p, v) => iamWildcard(p, v) },
  StringNotLike: { negated: true, test: (p, v) => iamWildcard(p, v) }
};

/** A condition holds, does not (and why), or cannot be decided from the token alone (and why). */
export type ConditionVerdict = { holds: true } | { holds: false | 'unknown'; reason: string };

// Keys of the request rather than of the token (aws:SourceIp, aws:CurrentTime, sts:RoleSessionName):
// STS fills them in, and they differ between this run's call and a workload's.
const REQUEST_KEY = /^(aws|sts):/i;

export function evaluateCondition(
  operator: string,
  key: string,
  expected: unknown,
  context: TrustContext
): ConditionVerdict {
  const qualifier = /^(ForAnyValue|ForAllValues):/.exec(operator)?.[1];
  let base = qualifier ? operator.slice(qualifier.length + 1) : operator;
  const ifExists = base.endsWith('IfExists');
  if (ifExists) base = base.slice(0, -'IfExists'.length);
  if (REQUEST_KEY.test(key))
    return {
      holds: 'unknown',
      reason: `the condition ${operator} ${key} reads the request, not the token, and is not evaluated here`
    };
  const patterns = oneOrMany(expected).map(String);
  const values = contextValues(key, context);
  const wanted = patterns.join(' or ');
  if (base === 'Null' && !qualifier && !ifExists) {
    // Null: "true" asks for the key to be absent, "false" for it to be present.
    const absent = values.length === 0;
    if (patterns.some((pattern) => (pattern.toLowerCase() === 'true') === absent)) return { holds: true };
    return {
      holds: false,
      reason: absent
        ? `the condition Null ${key} = ${wanted} needs a claim the token does not carry under that key (its keys start with ${context.issuerHostPath}:)`
        : `the condition Null ${key} = ${wanted} needs the token to carry no such claim, but it carries ${values.join(', ')}`
    };
  }
  const rule = STRING_TESTS[base];
  // An operator not evaluated here is left to STS rather than guessed at.
  if (!rule)
    return {
      holds: 'unknown',
      reason: `the condition operator ${operator} on ${key} is not evaluated here`
    };
  if (values.length === 0) {
    if (ifExists || qualifier === 'ForAllValues' || (rule.negated && !qualifier)) return { holds: true };
    return {
      holds: false,
      reason: `the condition ${operator} ${key} = ${wanted} needs a claim the token does not carry under that key (its keys start with ${context.issuerHostPath}:)`
    };
  }
  const matches = (value: string): boolean => patterns.some((pattern) => rule.test(pattern, value));
  const holdsFor = (value: string): boolean => (rule.negated ? !matches(value) : matches(value));
  const holds =
    qualifier === 'ForAllValues'
      ? values.every(holdsFor)
      : qualifier === 'ForAnyValue'
        ? values.some(holdsFor)
        : rule.negated
          ? values.every(holdsFor)
          : values.some(holdsFor);
  if (holds) return { holds: true };
  return {
    holds: false,
    reason: `the condition ${operator} ${key} = ${wanted} does not hold for the token's ${values.join(', ')}`
  };
}

/** undefined when the condition holds, else a sentence saying why it does not or may not. */
export function conditionFailure(
  operator: string,
  key: string,
  expected: unknown,
  context: TrustContext
): string | undefined {
  const verdict = evaluateCondition(operator, key, expected, context);
  return verdict.holds === true ? undefined : verdict.reason;
}

/** What keeps a statement from applying: conditions that fail, and those that cannot be decided. */
function conditionProblems(
  statement: Statement,
  context: TrustContext
): { failures: string[]; unknowns: string[]; failedKeys: string[] } {
  const condition = statement.Condition;
  const failures: string[] = [];
  const unknowns: string[] = [];
  const failedKeys: string[] = [];
  if (condition === undefined) return { failures, unknowns, failedKeys };
  if (!isRecord(condition))
    return { failures: ['the statement has a malformed Condition block'], unknowns, failedKeys: [''] };
  for (const [operator, block] of Object.entries(condition)) {
    if (!isRecord(block)) {
      failures.push(`the condition ${operator} is malformed`);
      failedKeys.push('');
      continue;
    }
    for (const [key, expected] of Object.entries(block)) {
      const verdict = evaluateCondition(operator, key, expected, context);
      if (verdict.holds === false) {
        failures.push(verdict.reason);
        failedKeys.push(key.toLowerCase());
      }
      if (verdict.holds === 'unknown') unknowns.push(verdict.reason);
    }
  }
  return { failures, unknowns, failedKeys };
}

/** The subjects a statement allows by a plain StringEquals or StringLike on ISSUER:sub. */
function allowedSubjects(statement: Statement, subKey: string): string[] {
  const condition = statement.Condition;
  if (!isRecord(condition)) return [];
  return Object.entries(condition)
    .filter(([operator]) => operator === 'StringEquals' || operator === 'StringLike')
    .flatMap(([, block]) =>
      isRecord(block)
        ? Object.entries(block).flatMap(([key, value]) =>
            key.toLowerCase() === subKey ? asStringList(value) : []
          )
        : []
    );
}

export function evaluateTrust(policy: unknown, context: TrustContext): TrustVerdict {
  const statements = statementsOf(policy);
  if (statements.length === 0) return { allowed: false, reason: 'the role has no readable trust policy' };
  const forWebIdentity = statements.filter(coversWebIdentity);
  const principals = [...new Set(forWebIdentity.flatMap(federatedPrincipals))];
  const forProvider = forWebIdentity.filter((s) => federatedPrincipals(s).includes(context.providerArn));
  if (forProvider.length === 0) {
    const otherIssuers = [
      ...new Set(
        forWebIdentity
          .filter((s) => s.Effect === 'Allow')
          .flatMap(federatedPrincipals)
          .flatMap((arn) => /^arn:[\w-]+:iam::\d{12}:oidc-provider\/(.+)$/.exec(arn)?.slice(1) ?? [])
          .map((hostPath) => `https://${hostPath}`)
      )
    ];
    return {
      allowed: false,
      reason:
        principals.length === 0
          ? 'no statement of the trust policy allows sts:AssumeRoleWithWebIdentity for a Federated principal'
          : `the trust policy's Federated principal is ${principals.join(', ')}, not the provider ${context.providerArn}`,
      ...(otherIssuers.length > 0 ? { otherIssuers } : {})
    };
  }
  const judged = forProvider.map((statement) => ({ statement, ...conditionProblems(statement, context) }));
  const applying = judged.filter((j) => j.failures.length === 0 && j.unknowns.length === 0);
  // A statement no condition rules out, but one this module cannot decide: it may apply.
  const mayApply = judged.filter((j) => j.failures.length === 0 && j.unknowns.length > 0);
  const effect = (list: typeof judged, wanted: string): typeof judged =>
    list.filter((j) => j.statement.Effect === wanted);
  if (effect(applying, 'Deny').length > 0)
    return { allowed: false, reason: 'a Deny statement of the trust policy matches this token' };
  const undecided = (j: (typeof judged)[number] | undefined, what: string): TrustVerdict => ({
    allowed: 'unknown',
    reason: `${what} on a condition not evaluated here (${j?.unknowns.join('; ') ?? ''}): STS's answer decides`
  });
  const maybeDeny = effect(mayApply, 'Deny')[0];
  if (effect(applying, 'Allow').length > 0)
    return maybeDeny
      ? undecided(
          maybeDeny,
          `the trust policy allows ${context.token.sub ?? 'the token'}, unless a Deny statement applies`
        )
      : {
          allowed: true,
          reason: `the trust policy allows ${context.token.sub ?? 'the token'} through ${context.providerArn}`
        };
  const maybeAllow = effect(mayApply, 'Allow')[0];
  if (maybeAllow)
    return undecided(
      maybeAllow,
      `whether the trust policy allows ${context.token.sub ?? 'the token'} depends`
    );
  const first = effect(judged, 'Allow')[0];
  if (!first) return { allowed: false, reason: 'the statements naming the provider do not Allow' };
  // Refused by the sub alone in every Allow statement: the token is another service account's.
  const subKey = `${context.issuerHostPath}:sub`.toLowerCase();
  const allows = effect(judged, 'Allow');
  const trustedSubjects = allows.every(
    (j) => j.failedKeys.length > 0 && j.failedKeys.every((k) => k === subKey)
  )
    ? [...new Set(allows.flatMap((j) => allowedSubjects(j.statement, subKey)))]
    : [];
  return {
    allowed: false,
    reason: first.failures.join('; '),
    ...(trustedSubjects.length > 0 ? { trustedSubjects } : {})
  };
}
