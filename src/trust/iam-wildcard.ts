/** IAM's wildcards: `*` any run of characters (line breaks too), `?` exactly one. */
export function iamWildcard(pattern: string, value: string, ignoreCase = false): boolean {
  const source = [...pattern]
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}
