// Reading IAM policy documents, shared by the S3 front (bucket policies) and the STS gateway
// (trust policies). Kept apart from the product's policy code on purpose: the stack checks the
// product, so it must not inherit the product's mistakes.

/** IAM wildcards: `*` is any run of characters, `?` exactly one, nothing else is special. */
export function wildcardMatch(pattern: string, value: string, caseInsensitive = false): boolean {
  const body = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's').test(value);
}

/** Policy elements that may be a single string or a list of them. */
export function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A policy's Statement, which may be one object or a list; anything malformed is dropped. */
export function policyStatements(policy: unknown): Record<string, unknown>[] {
  if (!isRecord(policy)) return [];
  const raw = policy['Statement'];
  return (Array.isArray(raw) ? raw : [raw]).filter(isRecord);
}

// ---- conditions, in three values --------------------------------------------------------------
// A stack double cannot know every key AWS puts in a request context, nor every operator. What it
// cannot decide is 'unknown': an Allow statement then does not match (the double refuses what it
// cannot prove), and a Deny statement does (a Deny the double cannot rule out is applied), so an
// unsupported policy errs on the side of refusing in both directions.

export type Match = 'yes' | 'no' | 'unknown';

export interface ConditionContext {
  /** Values by lower-cased key; a modelled key that is absent has no entry. */
  values: Map<string, string[]>;
  /** Whether the double models this (lower-cased) key: if not, its value is unknown. */
  models(key: string): boolean;
}

type Comparison = (pattern: string, value: string) => boolean;

const OPERATORS: Record<string, { negated: boolean; matches: Comparison }> = {
  StringEquals: { negated: false, matches: (p, v) => p === v },
  StringNotEquals: { negated: true, matches: (p, v) => p === v },
  StringEqualsIgnoreCase: { negated: false, matches: (p, v) => p.toLowerCase() === v.toLowerCase() },
  StringNotEqualsIgnoreCase: { negated: true, matches: (p, v) => p.toLowerCase() === v.toLowerCase() },
  StringLike: { negated: false, matches: (p, v) => wildcardMatch(p, v) },
  StringNotLike: { negated: true, matches: (p, v) => wildcardMatch(p, v) },
  Bool: { negated: false, matches: (p, v) => p.toLowerCase() === v.toLowerCase() }
};

/**
 * One `"Operator": {"key": value}` entry, following IAM's rules for absent keys: negated
 * operators, `...IfExists` and `ForAllValues:` hold when the key is absent; the rest fail.
 * An operator or key the double does not model is 'unknown'.
 */
export function conditionMatch(
  operator: string,
  key: string,
  expected: unknown,
  context: ConditionContext
): Match {
  const qualifier = /^(ForAnyValue|ForAllValues):/.exec(operator)?.[1];
  let base = qualifier ? operator.slice(qualifier.length + 1) : operator;
  const ifExists = base.endsWith('IfExists');
  if (ifExists) base = base.slice(0, -'IfExists'.length);
  const op = OPERATORS[base];
  const lowerKey = key.toLowerCase();
  if (!op || !context.models(lowerKey)) return 'unknown';

  const patterns = (Array.isArray(expected) ? expected : [expected]).map(String);
  const values = context.values.get(lowerKey) ?? [];
  const verdict = (holds: boolean): Match => (holds ? 'yes' : 'no');
  if (values.length === 0)
    return verdict(ifExists || qualifier === 'ForAllValues' || (op.negated && !qualifier));

  const inSet = (value: string): boolean => patterns.some((p) => op.matches(p, value));
  const holds = (value: string): boolean => (op.negated ? !inSet(value) : inSet(value));
  if (qualifier === 'ForAllValues') return verdict(values.every(holds));
  if (qualifier === 'ForAnyValue') return verdict(values.some(holds));
  return verdict(op.negated ? values.every(holds) : values.some(holds));
}

/** All of `parts`: 'no' if any is, else 'unknown' if any is, else 'yes'. */
export function allOf(parts: Match[]): Match {
  if (parts.includes('no')) return 'no';
  return parts.includes('unknown') ? 'unknown' : 'yes';
}

/** A statement's whole Condition element; a malformed one is 'unknown'. */
export function conditionsMatch(condition: unknown, context: ConditionContext): Match {
  if (condition === undefined) return 'yes';
  if (!isRecord(condition)) return 'unknown';
  return allOf(
    Object.entries(condition).map(([operator, block]) =>
      isRecord(block)
        ? allOf(
            Object.entries(block).map(([key, expected]) => conditionMatch(operator, key, expected, context))
          )
        : 'unknown'
    )
  );
}
