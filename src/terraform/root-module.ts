import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord, oneOrMany } from '../json/shape.js';

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
  /**
   * Variables declared sensitive in any of the module's files, overrides included: with `sensitive`
   * set to anything but a plainly false constant (true, (true), "true", an expression terraform evaluates).
   */
  sensitiveVariables: Set<string>;
  /**
   * Variables whose TF_VAR_ (and -var) text terraform parses as an HCL expression: those of a type
   * other than string, number or bool. A variable of one of those, or of no type, takes the text as it stands.
   */
  hclVariables: Set<string>;
}

type Token =
  | { kind: 'ident' | 'number' | 'other'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'heredoc'; text: string }
  | { kind: 'open' | 'close'; text: string }
  | { kind: 'equals' | 'newline' };

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
        tokens.push({ kind: 'other', text: rest });
        i += 2;
        continue;
      }
      const close = new RegExp(`\\n[ \\t]*${heredoc[1]}[ \\t]*(\\r?\\n|$)`).exec(text.slice(i));
      const end = close ? i + close.index + close[0].length - (close[1] ? close[1].length : 0) : text.length;
      tokens.push({ kind: 'heredoc', text: text.slice(i, end) });
      i = end;
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
      const word = /^(?:[A-Za-z_][\w-]*|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i))?.[0];
      if (word) tokens.push({ kind: /^\d/.test(word) ? 'number' : 'ident', text: word });
      else tokens.push({ kind: 'other', text: c });
      i += word ? word.length : 1;
    }
  }
  return tokens;
}

/**
 * A block's body from `start` (just past its `{`) to its `}`: attributes and nested blocks.
 * `irregular` when it holds what terraform refuses in a body and this reading skipped: stray text
 * (a quoted name, a bracket), or an attribute set twice, whose first value the map loses.
 */
function parseBody(
  tokens: Token[],
  start: number
): {
  block: Omit<Block, 'type' | 'labels'>;
  next: number;
  closed: boolean;
  irregular: boolean;
  /** The attributes set a second time, in order. */
  twice: string[];
} {
  const block: Omit<Block, 'type' | 'labels'> = { attributes: new Map(), blocks: [] };
  let irregular = false;
  const twice: string[] = [];
  let i = start;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token?.kind === 'close') return { block, next: i + 1, closed: true, irregular, twice };
    if (token?.kind !== 'ident') {
      if (token?.kind !== 'newline') irregular = true;
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
      if (block.attributes.has(token.text)) {
        irregular = true;
        twice.push(token.text);
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
      irregular = true;
      i = j + 1;
    }
  }
  return { block, next: i, closed: false, irregular, twice };
}

/**
 * An attribute's value as far as it can be read without evaluating it: a quoted string (as written,
 * escapes and template sequences included), a number (a negative one too), bool or null, and lists
 * and objects of those. A heredoc is kept as its body, as written, with whether it is the flush
 * (`<<-`) form; anything else (a reference, a call, an operator, a conditional) is an expression.
 */
export type LiteralValue =
  | { kind: 'string'; raw: string }
  | { kind: 'scalar'; text: string }
  | { kind: 'tuple'; items: LiteralValue[] }
  | { kind: 'object'; entries: [string, LiteralValue][] }
  | { kind: 'heredoc'; body: string; flush: boolean }
  | { kind: 'expression'; source: string };

/** A token as written, near enough to quote an expression written without spaces (a bare word) exactly. */
function tokenSource(token: Token): string {
  if (!('text' in token)) return token.kind === 'equals' ? '=' : '\n';
  return token.kind === 'string' ? `"${token.text}"` : token.text;
}

/** Tokens read only by evaluating them, with their text: a credential given so is masked as written. */
function expression(tokens: Token[]): LiteralValue {
  return { kind: 'expression', source: tokens.map(tokenSource).join('') };
}

function isOther(token: Token | undefined, text: string): boolean {
  return token?.kind === 'other' && token.text === text;
}

function skipNewlines(tokens: Token[], start: number): number {
  let i = start;
  while (tokens[i]?.kind === 'newline') i += 1;
  return i;
}

/** Where an expression from `start` ends: at a comma, a line's end or a closing bracket outside the brackets it opens. */
function expressionEnd(tokens: Token[], start: number): number {
  let depth = 0;
  let i = start;
  for (; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    if (depth === 0 && (token.kind === 'newline' || token.kind === 'close' || isOther(token, ','))) break;
    if (token.kind === 'open') depth += 1;
    if (token.kind === 'close') depth -= 1;
  }
  return i;
}

/** The items of a list, or the entries of an object, from just past its opening bracket to its closing one. */
function bracketed(tokens: Token[], start: number, object: boolean): [LiteralValue, number] | undefined {
  const items: LiteralValue[] = [];
  const entries: [string, LiteralValue][] = [];
  let i = skipNewlines(tokens, start);
  while (tokens[i]?.kind !== 'close') {
    let at = i;
    let key: string | undefined;
    if (object) {
      const name = tokens[i];
      const separated = tokens[i + 1]?.kind === 'equals' || isOther(tokens[i + 1], ':');
      if ((name?.kind !== 'ident' && name?.kind !== 'string') || !separated) return undefined;
      key = name.text;
      at = i + 2;
    }
    const [value, after] = literalAt(tokens, at);
    if (key === undefined) items.push(value);
    else entries.push([key, value]);
    i = skipNewlines(tokens, after);
    if (isOther(tokens[i], ',')) i = skipNewlines(tokens, i + 1);
    else if (tokens[i]?.kind !== 'close' && !(object && tokens[after]?.kind === 'newline')) return undefined;
  }
  const closing = tokens[i] as { text: string };
  if (closing.text !== (object ? '}' : ']')) return undefined;
  return [object ? { kind: 'object', entries } : { kind: 'tuple', items }, i + 1];
}

/**
 * A heredoc token's text (from `<<` to its closing marker) as its body, the lines between the two
 * marker lines with their line ends, as written; one that never closes is no literal.
 */
function heredoc(text: string, next: number): [LiteralValue, number] | undefined {
  const opener = /^<<(-?)([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text);
  const lastLine = text.lastIndexOf('\n') + 1;
  if (!opener || lastLine < opener[0].length || text.slice(lastLine).trim() !== opener[2]) return undefined;
  return [{ kind: 'heredoc', body: text.slice(opener[0].length, lastLine), flush: opener[1] === '-' }, next];
}

/** The value from `start` and the index past its end; a value followed by more (an operator) is an expression. */
function literalAt(tokens: Token[], start: number): [LiteralValue, number] {
  const token = tokens[start];
  const end = expressionEnd(tokens, start);
  let read: [LiteralValue, number] | undefined;
  if (token?.kind === 'string') read = [{ kind: 'string', raw: token.text }, start + 1];
  else if (token?.kind === 'heredoc') read = heredoc(token.text, start + 1);
  else if (token?.kind === 'number' || (token?.kind === 'ident' && /^(true|false|null)$/.test(token.text)))
    read = [{ kind: 'scalar', text: token.text }, start + 1];
  else if (isOther(token, '-') && tokens[start + 1]?.kind === 'number')
    read = [{ kind: 'scalar', text: `-${(tokens[start + 1] as { text: string }).text}` }, start + 2];
  else if (token?.kind === 'open' && token.text !== '(') read = bracketed(tokens, start + 1, token.text === '{');
  return read !== undefined && read[1] === end ? read : [expression(tokens.slice(start, end)), end];
}

/** A JSON value as the literal HCL's JSON syntax reads it as (its strings are templates too). */
function jsonLiteral(value: unknown): LiteralValue {
  if (typeof value === 'string') return { kind: 'string', raw: JSON.stringify(value).slice(1, -1) };
  if (value === null || typeof value === 'number' || typeof value === 'boolean')
    return { kind: 'scalar', text: String(value) };
  if (Array.isArray(value)) return { kind: 'tuple', items: value.map(jsonLiteral) };
  return { kind: 'object', entries: Object.entries(value as object).map(([key, item]) => [key, jsonLiteral(item)]) };
}

/**
 * A value written on its own, as terraform reads a TF_VAR_ value of a list, map or object type:
 * one expression, read as an attribute's value is.
 */
export function literalValue(text: string): LiteralValue {
  const tokens = tokenize(text);
  let end = tokens.length;
  while (end > 0 && tokens[end - 1]?.kind === 'newline') end -= 1;
  const value = tokens.slice(skipNewlines(tokens, 0), end);
  const [literal, next] = literalAt(value, 0);
  return value.length > 0 && next === value.length ? literal : expression(value);
}

interface AttributesFile {
  /** Undefined when the text does not read as a file of attributes at all. */
  attributes: Map<string, LiteralValue> | undefined;
  /** Terraform refuses the file for what this reading passed over: stray text, an attribute set twice, a block. */
  refused: boolean;
  /** The first setting given twice, as terraform's errors say it (assume_role.session_token), found even in a file that does not read. */
  twice: string | undefined;
}

/** A name's place in a JSON text: the names of the objects it is in, and an array's items by index. */
export type JsonPath = (string | number)[];

/** A JSON path as the errors say it: db.password, pools[0].key. */
export function jsonPathText(path: JsonPath): string {
  return path.map((step, index) => (typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`)).join('');
}

interface JsonFrame {
  path: JsonPath;
  /** An object's names so far; undefined for an array. */
  names: Set<string> | undefined;
  /** The name or index of the value being read. */
  at: string | number | undefined;
  expectsName: boolean;
}

/**
 * Each name given a second time in one object of a JSON text that JSON.parse took, with its path
 * (the escapes in a name read, as terraform reads them: "pa\u0074h" is path). JSON.parse keeps the
 * last value; terraform's JSON reader refuses the file, a var-file's or backend file's top-level name
 * (Duplicate argument) or one inside an object value it reads (Duplicate object attribute), and its
 * error quotes the line, the values JSON.parse dropped with it.
 */
export function jsonDuplicateNames(text: string): JsonPath[] {
  const found: JsonPath[] = [];
  const stack: JsonFrame[] = [];
  for (const [token] of text.matchAll(/"(?:[^"\\]|\\.)*"|[{}[\],:]/g)) {
    const top = stack[stack.length - 1];
    if (token === '{' || token === '[') {
      const path = top === undefined ? [] : [...top.path, top.at ?? ''];
      const object = token === '{';
      stack.push({ path, names: object ? new Set() : undefined, at: object ? undefined : 0, expectsName: object });
    } else if (token === '}' || token === ']') stack.pop();
    else if (top === undefined) continue;
    else if (token === ',') {
      if (top.names === undefined) top.at = Number(top.at) + 1;
      else top.expectsName = true;
    } else if (token === ':') top.expectsName = false;
    else if (top.names !== undefined && top.expectsName) {
      const name = JSON.parse(token) as string;
      if (top.names.has(name)) found.push([...top.path, name]);
      top.names.add(name);
      top.at = name;
    }
  }
  return found;
}

function readAttributes(text: string, json: boolean): AttributesFile {
  if (json) {
    const [duplicate] = jsonDuplicateNames(text);
    const twice = duplicate && jsonPathText(duplicate);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { attributes: undefined, refused: true, twice };
    }
    if (!isRecord(parsed)) return { attributes: undefined, refused: true, twice };
    return {
      attributes: new Map(Object.entries(parsed).map(([name, value]) => [name, jsonLiteral(value)])),
      refused: duplicate !== undefined,
      twice
    };
  }
  const tokens = tokenize(text);
  const body = parseBody(tokens, 0);
  const twice = body.twice[0];
  if (body.closed || body.next < tokens.length) return { attributes: undefined, refused: true, twice };
  const attributes = new Map<string, LiteralValue>();
  for (const [name, value] of body.block.attributes) {
    const [literal, end] = literalAt(value, 0);
    attributes.set(name, end === value.length ? literal : expression(value));
  }
  return { attributes, refused: body.irregular || body.block.blocks.length > 0, twice };
}

/**
 * The top-level attributes of a file that holds only attributes (a .tfvars file), in HCL or, for a
 * name ending in .json as terraform decides, JSON; undefined when it does not read as such a file.
 * With `strict`, undefined too where terraform refuses it for what this reading passes over (stray
 * text such as a quoted name, an attribute set twice, a block), as its error quotes those lines.
 */
export function fileAttributes(text: string, json: boolean, strict = false): Map<string, LiteralValue> | undefined {
  return settingsFile(text, json, strict).settings;
}

/** One reading of a file of settings: what it sets, and the first setting it gives twice. */
export interface SettingsFile {
  /** Undefined when it does not read as attributes (or, read strictly, when terraform would refuse it). */
  settings: Map<string, LiteralValue> | undefined;
  /**
   * The first setting given twice, which terraform refuses, quoting the line (Attribute redefined;
   * in JSON, Duplicate argument or, inside an object, Duplicate object attribute), as errors say it.
   */
  twice: string | undefined;
}

/** A file of attributes (a .tfvars or backend file: HCL, or JSON for a name ending in .json), read once. */
export function settingsFile(text: string, json: boolean, strict = true): SettingsFile {
  const read = readAttributes(text, json);
  return { settings: strict && read.refused ? undefined : read.attributes, twice: read.twice };
}

/**
 * The settings of a backend configuration file (-backend-config=FILE: HCL, or JSON for a name ending
 * in .json), the one reading of it both for the credentials to mask and for the paths to confine.
 * Undefined when terraform would refuse the file, whose error then quotes the offending line: when it
 * does not read as attributes, or holds a block, stray text (a quoted name) or a setting given twice
 * (in JSON, a name given twice in any object of it).
 */
export function backendFileSettings(text: string, json: boolean): Map<string, LiteralValue> | undefined {
  return settingsFile(text, json).settings;
}

/** Whether tokens are one pair of parentheses around all the rest: (x), not (a) || (b). */
function parenthesized(tokens: Token[]): boolean {
  let depth = 0;
  for (const [index, token] of tokens.entries()) {
    if (token.kind === 'open') depth += 1;
    if (token.kind === 'close') depth -= 1;
    if (depth === 0) return index === tokens.length - 1 && tokens[0]?.kind === 'open' && tokens[0].text === '(';
  }
  return false;
}

// The strings terraform converts to a bool (cty: "true" and "1", "false" and "0").
const BOOL_STRINGS = new Map([
  ['true', true],
  ['1', true],
  ['false', false],
  ['0', false]
]);

/**
 * A variable's `sensitive` as terraform reads it, when it is a constant written plainly: true or
 * false, a string it converts ("true", "0"), in parentheses or after `!`. Undefined for anything
 * else (a conditional, an operator, a template), which terraform evaluates: a variable so declared
 * is taken as sensitive, so that its value is masked before terraform runs, as masking a value that
 * was not secret costs nothing, and terraform prints a sensitive one where its errors quote it.
 */
function constantBool(value: Token[]): boolean | undefined {
  const tokens = value.filter((token) => token.kind !== 'newline');
  if (tokens.length > 2 && parenthesized(tokens)) return constantBool(tokens.slice(1, -1));
  const [first] = tokens;
  if (first?.kind === 'other' && first.text === '!' && tokens.length > 1) {
    const operand = constantBool(tokens.slice(1));
    return operand === undefined ? undefined : !operand;
  }
  if (tokens.length !== 1) return undefined;
  if (first?.kind === 'ident' && (first.text === 'true' || first.text === 'false')) return first.text === 'true';
  return first?.kind === 'string' ? BOOL_STRINGS.get(first.text) : undefined;
}

/** What a module file says of its variables and backend; `typed` maps each variable it gives a type to whether that type parses TF_VAR_ values as HCL. */
interface FileFacts {
  backend: string | undefined;
  sensitive: string[];
  typed: Map<string, boolean>;
}

// The types whose TF_VAR_ values terraform takes literally (configs.decodeVariableType: the primitive
// types); any other, `any` included, parses them as HCL.
const LITERAL_TYPES = new Set(['string', 'number', 'bool']);

function hclFacts(text: string): FileFacts {
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
      const value = block.attributes.get('sensitive');
      return value !== undefined && constantBool(value) !== false;
    })
    .map((block) => block.labels[0] as string);
  const typed = new Map<string, boolean>();
  for (const block of top.filter((found) => found.type === 'variable' && found.labels[0] !== undefined)) {
    const type = block.attributes.get('type');
    if (type === undefined) continue;
    const keyword = type.length === 1 && type[0]?.kind === 'ident';
    typed.set(block.labels[0] as string, !(keyword && LITERAL_TYPES.has((type[0] as { text: string }).text)));
  }
  return { backend, sensitive, typed };
}

/** JSON syntax allows an object, or an array of objects, wherever native syntax has blocks. */
function objects(value: unknown): Record<string, unknown>[] {
  return oneOrMany(value).filter(isRecord);
}

function jsonFacts(text: string): FileFacts {
  let parsed: unknown;
  const typed = new Map<string, boolean>();
  try {
    parsed = JSON.parse(text);
  } catch {
    return { backend: undefined, sensitive: [], typed };
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
        for (const body of objects(declaration)) {
          // JSON syntax takes true or a string terraform converts ("true", "1"); anything but a plain
          // false is taken as sensitive, as in native syntax.
          const declared = body.sensitive;
          if (
            declared !== undefined &&
            declared !== false &&
            declared !== null &&
            !(typeof declared === 'string' && BOOL_STRINGS.get(declared) === false)
          )
            sensitive.push(name);
          // JSON syntax writes the type as a string holding its expression: "string", "list(string)".
          if (body.type !== undefined)
            typed.set(name, !(typeof body.type === 'string' && LITERAL_TYPES.has(body.type.trim())));
        }
  }
  return { backend, sensitive, typed };
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
  const facts: RootModuleFacts = { backend: undefined, sensitiveVariables: new Set(), hclVariables: new Set() };
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
    // An override file's type replaces the declaration's.
    for (const [variable, hcl] of found.typed)
      if (hcl) facts.hclVariables.add(variable);
      else facts.hclVariables.delete(variable);
  }
  return facts;
}
