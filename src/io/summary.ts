/** Markdown for the job summary, built as plain text so tests and the demo can read it. */

// Outside a code span GitHub renders a cell as HTML: a '<' in a cluster message, an AWS error or a
// pod's log would open a tag and hide the text after it. Inside a code span an entity would show
// as typed, so only the text between spans is escaped (a cell's backticks pair as Markdown's do).
// An odd backtick left over opens no span: Markdown shows it as typed and renders what follows.
export function escapeHtmlOutsideCode(text: string): string {
  const parts = text.split('`');
  return parts
    .map((part, index) =>
      index % 2 === 1 && index < parts.length - 1
        ? part
        : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    )
    .join('`');
}

/** A Markdown list item of one line (a line break would end the item), escaped as a cell's text is. */
export function listItem(text: string): string {
  return `- ${escapeHtmlOutsideCode(text.replace(/\s*\r?\n\s*/g, ' '))}`;
}

/** Cells are text; a line break in a cell is written as '\n'. */
export function table(header: string[], rows: string[][]): string {
  const escape = (cell: string): string =>
    escapeHtmlOutsideCode(cell).replace(/\|/g, '\\|').replace(/\n/g, '<br>');
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
