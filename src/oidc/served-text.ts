/**
 * A value the cluster served, fit for one line of an error: its control characters escaped as
 * JSON escapes them (a kid holding "\n::error::" shows as such), cut short, since a served
 * document may be up to 1 MiB. Any JSON value: String() would throw on {"toString": 1}.
 */
export function servedText(value: unknown, max = 64): string {
  const text =
    typeof value === 'string' ? JSON.stringify(value).slice(1, -1) : (JSON.stringify(value) ?? 'undefined');
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Served values as a list for an error line: each cut short, at most `count` of them. */
export function servedList(values: readonly unknown[], count = 5): string {
  const shown = values.slice(0, count).map((value) => servedText(value));
  return values.length > count ? `${shown.join(', ')}, … (${values.length} in all)` : shown.join(', ');
}
