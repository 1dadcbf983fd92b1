import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the action must know of a root module before terraform runs: which backend it uses (some
 * backend-config settings name files only on some backends) and which variables it declares
 * sensitive (their values are masked before terraform could print them). Read from the module's own
 * files, as terraform itself would need init and a plan to say: only the top-level blocks matter,
 * so HCL is scanned, not evaluated.
 */
export interface RootModuleFacts {
  /** The backend type ("s3", "local", "cloud"...); undefined when no file declares one. */
  backend: string | undefined;
  /** Variables declared with `sensitive = true` in any of the module's files, overrides included. */
  sensitiveVariables: Set<string>;
}

type Token =
  | { kind: 'ident'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'open' | 'close'; text: string }
  | { kind: 'equals' | 'newline' | 'other' };

interface Block {
  type: string;
  labels: string[];
  attributes: Map<string, Token[]>;
  blocks: Block[];
}

/** The end of a quoted string starting at `start` (its opening quote), past any ${...} inside. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if ((c === '$' || c === '%') && text[i + 1] === '{' && text[i - 1] !== c) i = templateEnd(text, i + 2);
    else i += 1;
  }
  return text.length;
}

/** The end of a template sequence's expression, whose braces and strings nest. */
function templateEnd(text: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < text.length && depth > 0) {
    const c = text[i];
    if (c === '"') {
      i = stringEnd(text, i);
      continue;
    }
    if (c === '{') depth += 1;
    if (c === '}') depth -= 1;
    i += 1;
  }
  return i;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    const rest = text.slice(i, i + 2);
    if (c === '#' || rest === '//') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (rest === '/*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === '\n') {
      tokens.push({ kind: 'newline' });
      i += 1;
    } else if (/\s/.test(c)) {
      i += 1;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      tokens.push({ kind: 'string', text: text.slice(i + 1, end - 1) });
      i = end;
    } else if (rest === '<<') {
      // A heredoc runs to the line holding only its marker; its text is never structure.
      const heredoc = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text.slice(i));
      if (!heredoc) {
        tokens.push({ kind: 'other' });
        i += 2;
        continue;
      }
      const close = new RegExp(`\\n[ \\t]*${heredoc[1]}[ \\t]*(\\r?\\n|$)`).exec(text.slice(i));
      tokens.push({ kind: 'other' });
      i = close ? i + close.index + close[0].length - (close[1] ? close[1].length : 0) : text.length;
    } else if ('{[('.includes(c)) {
      tokens.push({ kind: 'open', text: c });
      i += 1;
    } else if ('}])'.includes(c)) {
      tokens.push({ kind: 'close', text: c });
      i += 1;
    } else if (c === '=' && !'=>'.includes(text[i + 1] ?? '') && !'!<>='.includes(text[i - 1] ?? '')) {
      tokens.push({ kind: 'equals' });
      i += 1;
    } else {
      const ident = /^[A-Za-z_][\w-]*/.exec(text.slice(i))?.[0];
      tokens.push(ident ? { kind: 'ident', text: ident } : { kind: 'other' });
      i += ident ? ident.length : 1;
    }
  }
  return tokens;
}

/** A block's body from `start` (just past its `{`) to its `}`: attributes and nested blocks. */
function parseBody(tokens: Token[], start: number): { block: Omit<Block, 'type' | 'labels'>; next: number } {
  const block: Omit<Block, 'type' | 'labels'> = { attributes: new Map(), blocks: [] };
  let i = start;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token?.kind === 'close') return { block, next: i + 1 };
    if (token?.kind !== 'ident') {
      i += 1;
      continue;
    }
    if (tokens[i + 1]?.kind === 'equals') {
      // The value runs to the end of its line, or of the body, outside any brackets it opens.
      const value: Token[] = [];
      let depth = 0;
      i += 2;
      for (; i < tokens.length; i += 1) {
        const part = tokens[i] as Token;
        if (depth === 0 && (part.kind === 'newline' || part.kind === 'close')) break;
        if (part.kind === 'open') depth += 1;
        if (part.kind === 'close') depth -= 1;
        value.push(part);
      }
      block.attributes.set(token.text, value);
      continue;
    }
    const labels: string[] = [];
    let j = i + 1;
    for (; tokens[j]?.kind === 'string' || tokens[j]?.kind === 'ident'; j += 1)
      labels.push((tokens[j] as { text: string }).text);
    if (tokens[j]?.kind === 'open' && (tokens[j] as { text: string }).text === '{') {
      const nested = parseBody(tokens, j + 1);
      block.blocks.push({ type: token.text, labels, ...nested.block });
      i = nested.next;
    } else {
      i = j + 1;
    }
  }
  return { block, next: i };
}

function hclFacts(text: string): { backend: string | undefined; sensitive: string[] } {
  const top = parseBody(tokenize(text), 0).block.blocks;
  let backend: string | undefined;
  for (const settings of top.filter((block) => block.type === 'terraform'))
    for (const inner of settings.blocks) {
      if (inner.type === 'backend' && inner.labels[0]) backend = inner.labels[0];
      if (inner.type === 'cloud') backend = 'cloud';
    }
  const sensitive = top
    .filter((block) => block.type === 'variable' && block.labels[0] !== undefined)
    .filter((block) => {
      const value = block.attributes.get('sensitive') ?? [];
      return value.length === 1 && value[0]?.kind === 'ident' && value[0].text === 'true';
    })
    .map((block) => block.labels[0] as string);
  return { backend, sensitive };
}

/** JSON syntax allows an object, or an array of objects, wherever native syntax has blocks. */
function objects(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter(
    (item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item)
  );
}

function jsonFacts(text: string): { backend: string | undefined; sensitive: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { backend: undefined, sensitive: [] };
  }
  let backend: string | undefined;
  const sensitive: string[] = [];
  for (const root of objects(parsed)) {
    for (const settings of objects(root.terraform)) {
      for (const backends of objects(settings.backend)) backend = Object.keys(backends)[0] ?? backend;
      if (settings.cloud !== undefined) backend = 'cloud';
    }
    for (const variables of objects(root.variable))
      for (const [name, declaration] of Object.entries(variables))
        if (objects(declaration).some((body) => body.sensitive === true)) sensitive.push(name);
  }
  return { backend, sensitive };
}

// Terraform skips editor leftovers and hidden files when it loads a directory.
const IGNORED = /^\.|~$|^#.*#$/;
const OVERRIDE = /(^|_)override\.tf(\.json)?$/;

export function readRootModule(dir: string): RootModuleFacts {
  const files = readdirSync(dir)
    .filter((name) => (name.endsWith('.tf') || name.endsWith('.tf.json')) && !IGNORED.test(name))
    .sort();
  // Override files are merged last, so a backend they declare wins.
  const ordered = [...files.filter((name) => !OVERRIDE.test(name)), ...files.filter((name) => OVERRIDE.test(name))];
  const facts: RootModuleFacts = { backend: undefined, sensitiveVariables: new Set() };
  for (const name of ordered) {
    let text: string;
    try {
      text = readFileSync(join(dir, name), 'utf8');
    } catch {
      continue;
    }
    const found = name.endsWith('.json') ? jsonFacts(text) : hclFacts(text);
    facts.backend = found.backend ?? facts.backend;
    for (const variable of found.sensitive) facts.sensitiveVariables.add(variable);
  }
  return facts;
}
