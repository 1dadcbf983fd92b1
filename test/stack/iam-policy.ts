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
