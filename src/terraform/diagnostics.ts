import { basename } from 'node:path';

/**
 * Terraform's error diagnostics, read from its `-no-color` text so each can become one annotation.
 * With -no-color a diagnostic is "Error: SUMMARY", a blank line, an optional source snippet
 * ("  on FILE line N:" and indented lines), then the detail paragraphs.
 */
export interface Diagnostic {
  summary: string;
  /** "main.tf line 5" when Terraform names a source location. */
  location?: string;
  detail: string;
}

const HEADER = /^(Error|Warning): (.+)$/;
const LOCATION = /^ {2}on (.+?) line (\d+)/;
// A state lock error lists the lock under "Lock Info:" as indented "Key: value" lines, which look
// like a snippet; the ID and holder are what the user needs to find the run or free the lock.
const LOCK_INFO = /^Lock Info:\s*$/;
const LOCK_FIELD = /^\s+(ID|Path|Operation|Who|Version|Created|Info):\s*(.*)$/;
const LOCK_SUMMARY = /state lock/i;

export function errorDiagnostics(text: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  let current: { summary: string; location?: string; detail: string[] } | undefined;
  let isError = false;
  let lockFields: string[] | undefined;
  let lockId: string | undefined;
  const seen = new Set<string>();
  const finish = (): void => {
    if (current && lockFields) current.detail.push(`Lock Info: ${lockFields.join(', ')}.`);
    lockFields = undefined;
    if (current && isError) {
      let detail = current.detail.join(' ').replace(/\s+/g, ' ').trim();
      const holder = lockHolder(current.summary, current.detail, lockId);
      if (holder)
        detail += ` If no run holds the lock any more (a killed job), free it from the module's directory, initialised with the same backend settings: terraform force-unlock ${holder}`;
      const diagnostic: Diagnostic = {
        summary: current.summary,
        ...(current.location ? { location: current.location } : {}),
        detail
      };
      // An interrupted apply reports "execution halted" once per stopped operation: one annotation says it.
      const key = describeDiagnostic(diagnostic);
      if (!seen.has(key)) diagnostics.push(diagnostic);
      seen.add(key);
    }
    current = undefined;
    lockId = undefined;
  };
  for (const rawLine of text.split(/\r?\n/)) {
    // Without -no-color Terraform frames diagnostics in box-drawing characters; strip them.
    const line = rawLine.replace(/^[╷│╵] ?/, '');
    const header = HEADER.exec(line);
    if (header) {
      finish();
      isError = header[1] === 'Error';
      current = { summary: (header[2] ?? '').trim(), detail: [] };
      continue;
    }
    if (!current) continue;
    if (lockFields) {
      const field = LOCK_FIELD.exec(line);
      if (field) {
        if ((field[2] ?? '').trim() !== '') lockFields.push(`${field[1]}=${(field[2] ?? '').trim()}`);
        if (field[1] === 'ID') lockId = (field[2] ?? '').trim();
        continue;
      }
      current.detail.push(`Lock Info: ${lockFields.join(', ')}.`);
      lockFields = undefined;
    }
    if (LOCK_INFO.test(line) && LOCK_SUMMARY.test(current.summary)) {
      lockFields = [];
      continue;
    }
    const location = LOCATION.exec(line);
    if (location) {
      // Absolute paths are generated or temporary files (the variables file): their name is enough.
      const file = (location[1] ?? '').startsWith('/') ? basename(location[1] ?? '') : location[1];
      current.location ??= `${file} line ${location[2]}`;
      continue;
    }
    // Snippet lines are indented; the detail paragraphs start at column 0.
    if (/^\s/.test(line) || line === '') continue;
    current.detail.push(line);
  }
  finish();
  return diagnostics;
}

/**
 * The ID to force-unlock, only where terraform failed to take a lock another run holds. The http
 * backend names the holder on an "ID=" line and shows the Lock Info of its own attempt, so there
 * only the "ID=" line counts; elsewhere Lock Info is the holder's.
 */
function lockHolder(summary: string, detail: string[], lockInfoId: string | undefined): string | undefined {
  if (summary !== 'Error acquiring the state lock') return undefined;
  const text = detail.join('\n');
  if (/HTTP remote state/i.test(text)) return /^ID=(\S+)$/m.exec(text)?.[1];
  return lockInfoId || undefined;
}

export function describeDiagnostic(diagnostic: Diagnostic): string {
  const where = diagnostic.location ? ` (${diagnostic.location})` : '';
  const detail = diagnostic.detail ? `: ${diagnostic.detail}` : '';
  return `${diagnostic.summary}${where}${detail}`;
}

/**
 * A workflow-command line for an error annotation, escaped as @actions/core escapes it, so that
 * run() can raise annotations through its Logger without depending on the runner's toolkit.
 */
export function errorAnnotation(message: string, title?: string): string {
  const data = message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const properties = title
    ? ` title=${title
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C')}`
    : '';
  return `::error${properties}::${data}`;
}
