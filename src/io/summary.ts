/** Markdown for the job summary, built as plain text so tests and the demo can read it. */
export function table(header: string[], rows: string[][]): string {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
  const lines = [
    `| ${header.map(escape).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`)
  ];
  return lines.join('\n');
}

export function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}
