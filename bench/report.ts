// The table `npm run bench` prints: one row per figure with its target and an honest verdict.
export type Verdict = 'PASS' | 'MISS' | '';

export interface Row {
  section: string;
  figure: string;
  /** The measured value as shown, e.g. "412 ms vs 61 ms bare". */
  measured: string;
  target: string;
  verdict: Verdict;
}

export const verdictAtMost = (value: number, limit: number): Verdict => (value <= limit ? 'PASS' : 'MISS');
export const verdictAtLeast = (value: number, floor: number): Verdict => (value >= floor ? 'PASS' : 'MISS');

const COLUMNS = ['Section', 'Figure', 'Measured', 'Target', 'Result'] as const;

function cells(row: Row): string[] {
  return [row.section, row.figure, row.measured, row.target, row.verdict];
}

export function textTable(rows: readonly Row[]): string {
  const all = [COLUMNS as readonly string[], ...rows.map(cells)];
  const widths = COLUMNS.map((_, i) => Math.max(...all.map((line) => (line[i] ?? '').length)));
  const render = (line: readonly string[]): string =>
    line
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [render(COLUMNS), rule, ...rows.map((row) => render(cells(row)))].join('\n');
}

const escapeCell = (cell: string): string => cell.replace(/\|/g, '\\|');

export function markdownTable(rows: readonly Row[]): string {
  const lines = [`| ${COLUMNS.join(' | ')} |`, `| ${COLUMNS.map(() => '---').join(' | ')} |`];
  for (const row of rows) lines.push(`| ${cells(row).map(escapeCell).join(' | ')} |`);
  return lines.join('\n');
}

export function missed(rows: readonly Row[]): Row[] {
  return rows.filter((row) => row.verdict === 'MISS');
}
