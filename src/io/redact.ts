/**
 * Replaces every masked fragment, longest first, with `***`, as the runner shows it in the log: for
 * text bound for GitHub outside the log (a job summary, a PR comment), where the runner's masking does
 * not reach.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  const ordered = [...new Set(secrets)].filter((secret) => secret !== '').sort((a, b) => b.length - a.length);
  let result = text;
  for (const secret of ordered) result = result.split(secret).join('***');
  return result;
}
