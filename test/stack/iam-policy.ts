// IAM-style wildcard matching, shared by the S3 front (policy Resource/Action) and the STS
// gateway (StringLike conditions): `*` is any run of characters, `?` exactly one, nothing else
// is special.

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
