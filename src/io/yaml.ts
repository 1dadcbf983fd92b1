// `yaml` is the largest module a small bundle holds (~290 kB to compile, ~10 ms of start-up). Most
// runs read no YAML at all, and a run that fails on a missing input never should, so the parser is
// loaded only by a run that has YAML text to read, and handed to the code that parses it.

import type { Document } from 'yaml';

/** The code of the error for a plain number refused under `exactNumbers`: its message says what to do. */
export const INEXACT_NUMBER = 'INEXACT_NUMBER';

export interface YamlOptions {
  /** Refuse a plain number that does not read as written (012, 0x1F, .inf, 21 digits): see yaml-numbers.ts. */
  exactNumbers?: boolean;
  /**
   * The mappings that hold text, by their path from the top (list indexes, keys): their plain keys
   * and values are taken as written (1.10 as '1.10', True as 'True', 012 as '012', never refused),
   * not as the number or boolean YAML reads; a null (empty, ~, null) stays null, a quoted, block or
   * explicitly tagged (!!float) scalar stays what YAML makes of it. For values that are text wherever
   * they go, as IAM tags are.
   */
  textMappings?: (path: readonly (string | number)[]) => boolean;
}

/**
 * Parses one YAML (or JSON) document; throws on a syntax error or on what YAML only warns of (a tag
 * it does not know, an unknown directive: the value would not be the one written), its message one
 * line naming the problem and the place, never the text: an input may hold secrets, masked only later.
 */
export type YamlParse = (text: string, options?: YamlOptions) => unknown;

interface YamlProblem {
  message: string;
  code?: string;
}

/**
 * A problem yaml found, said without what it quotes of the source (after ": ", or a directive's
 * name), which may be a secret: a tag (!s3cr3t), an alias's name (*s3cr3t), a block scalar's header.
 */
function withoutSource(problem: YamlProblem, warning: boolean): Error & { code?: string } {
  const first = problem.message.split('\n')[0] ?? '';
  const [, said = first, place = ''] = /^(.*?)((?: at line \d+, column \d+)?:?)$/.exec(first) ?? [];
  let description = said
    .replace(/: .*$/, '')
    .replace(/^(Unknown directive|Unsupported YAML version) .*$/, '$1');
  if (warning && problem.code === 'TAG_RESOLVE_FAILED')
    description = `${description} (a value that starts with ! is a YAML tag: quote it)`;
  return Object.assign(new Error(`${description}${place}`), problem.code ? { code: problem.code } : {});
}

/**
 * What each alias of `document` names, found in one walk: Alias.resolve walks the whole document
 * for each alias, which for a few thousand aliases took seconds. Each names what Alias.resolve
 * would give: the last node anchored under its name before it, in the same walk's order.
 */
function aliasTargets(yaml: typeof import('yaml'), document: Document.Parsed): Map<unknown, unknown> {
  const { isAlias, visit } = yaml;
  const anchored = new Map<string, unknown>();
  const targets = new Map<unknown, unknown>();
  visit(document, {
    Node: (_, node) => {
      if (isAlias(node)) targets.set(node, anchored.get(node.source));
      else if (node.anchor !== undefined) anchored.set(node.anchor, node);
    }
  });
  return targets;
}

/**
 * Takes the plain scalars of the mappings `textMappings` names as the text written (yaml's own
 * Scalar.source, not a scan of `text`), in place; returns the offsets they start at, where yaml
 * places an error about one. An anchor there is its node, so an alias anywhere to it is that text.
 * An alias there to a plain scalar or a mapping anchored elsewhere names a copy of it made text
 * (the first such alias is replaced by the copy, anchored under a name no YAML anchor can have,
 * ',' being a flow indicator, and the others name it): the anchor's own uses keep what YAML reads,
 * a number refused there stays refused, and toJS still counts the aliases against its limit.
 */
function writtenAsText(
  yaml: typeof import('yaml'),
  document: Document.Parsed,
  textMappings: NonNullable<YamlOptions['textMappings']>,
  targets: Map<unknown, unknown>
): Set<number> {
  const { Alias, isAlias, isMap, isScalar, isSeq, Scalar, visit } = yaml;
  const offsets = new Set<number>();
  // The nodes made text in place, which an alias may name as they are.
  const text = new Set<unknown>();
  const copies = new Map<unknown, string>();
  const named = (alias: unknown, anchor: string): unknown =>
    Object.assign(new Alias(anchor), { range: (alias as { range?: unknown }).range });
  const copyOf = <T extends { anchor?: string }>(target: unknown, copy: T): T => {
    copy.anchor = `text,${copies.size}`;
    copies.set(target, copy.anchor);
    return copy;
  };
  const asText = (node: unknown, copied: boolean): unknown => {
    const target = isAlias(node) ? targets.get(node) : node;
    if (!isScalar(target) || target.type !== Scalar.PLAIN || target.tag !== undefined) return node;
    if (target.value === null || target.source === undefined || text.has(target)) return node;
    if (isAlias(node)) {
      const anchor = copies.get(target);
      if (anchor !== undefined) return named(node, anchor);
      // The copy keeps the alias's place, where keyProblem names a key it repeats.
      return copyOf(target, Object.assign(new Scalar(target.source), { range: node.range }));
    }
    if (target.range && !copied) offsets.add(target.range[0]);
    target.value = target.source;
    text.add(target);
    return target;
  };
  const walk = (node: unknown, path: (string | number)[], copied: boolean): void => {
    if (isSeq(node)) node.items.forEach((item, index) => walk(item, [...path, index], copied));
    if (!isMap(node)) return;
    const isText = textMappings(path);
    if (isText) text.add(node);
    for (const pair of node.items) {
      if (isText) {
        pair.key = asText(pair.key, copied);
        pair.value = asText(pair.value, copied);
      }
      if (!isScalar(pair.key)) continue;
      const at = [...path, String(pair.key.value)];
      const target = isAlias(pair.value) && textMappings(at) ? targets.get(pair.value) : undefined;
      if (!isMap(target) || text.has(target)) {
        walk(pair.value, at, copied);
        continue;
      }
      const anchor = copies.get(target);
      if (anchor !== undefined) {
        pair.value = named(pair.value, anchor);
        continue;
      }
      // Without the anchors it holds, so that an alias after it still names what YAML read.
      const copy = target.clone() as typeof target;
      visit(copy, { Node: (_, part) => void (part.anchor = undefined) });
      pair.value = copyOf(target, copy);
      walk(copy, at, true);
    }
  };
  walk(document.contents, [], false);
  return offsets;
}

/** A key yaml's toJS cannot make a member of its own (the first in the text), with its offset. */
interface KeyProblem {
  offset: number;
  message: string;
}

/**
 * The first key that the object toJS makes would not keep apart, read after `writtenAsText`: toJS
 * names a member by its key's text, so 1 and '1', or ~ and '', or an alias and its anchor, are one
 * member, the later silently replacing the earlier (yaml's own check compares values: 1 and 1.0
 * are one key to it, though as written in a text mapping they are two tags). A key that is a list
 * or mapping (or a 1.1 timestamp) would be stringified with a warning on stderr quoting it, which
 * may be a secret: refused instead.
 */
function keyProblem(
  yaml: typeof import('yaml'),
  document: Document.Parsed,
  targets: Map<unknown, unknown>
): KeyProblem | undefined {
  const { isAlias, isNode, isScalar, visit } = yaml;
  const problems: KeyProblem[] = [];
  visit(document, {
    Map(_, map) {
      const names = new Set<string>();
      for (const { key } of map.items) {
        const offset = (isNode(key) ? key.range?.[0] : undefined) ?? 0;
        // An alias writtenAsText made is not among the targets found before it.
        const node = isAlias(key) ? (targets.get(key) ?? key.resolve(document)) : key;
        // An alias naming no anchor: toJS says so.
        if (node === undefined) continue;
        const value: unknown = isScalar(node) ? node.value : undefined;
        // A YAML 1.1 merge key (<<) is a symbol, each one its own: toJS merges, never names, them.
        if (typeof value === 'symbol') continue;
        if (!isScalar(node) || (typeof value === 'object' && value !== null))
          problems.push({ offset, message: 'A mapping key must be a scalar (not a list or mapping)' });
        else {
          const name = value === null ? '' : String(value as string | number | boolean | bigint);
          if (names.has(name)) problems.push({ offset, message: 'Map keys must be unique' });
          names.add(name);
        }
      }
    }
  });
  return problems.sort((a, b) => a.offset - b.offset)[0];
}

/**
 * `exactNumbers`: the parser may be asked to refuse mangled numbers (provision's variables,
 * irsa-role's bindings and inline policy). Only a run that asks for it loads it, beside the parser.
 */
export async function loadYamlParser(options: YamlOptions = {}): Promise<YamlParse> {
  const [yaml, exact] = await Promise.all([
    import('yaml'),
    options.exactNumbers ? import('./yaml-numbers.js').then((m) => m.exactNumberTag) : undefined
  ]);
  return (text, call = {}) => {
    if (call.exactNumbers && !exact)
      throw new Error('internal error: exact numbers asked of a YAML parser loaded without them');
    // The refusals of this call's number tag, told from yaml's other tag errors by what they say.
    const refusals = new Set<string>();
    const numbers = exact && {
      ...exact,
      resolve: (value: string, onError: (message: string) => void) =>
        exact.resolve(value, (message) => {
          refusals.add(message);
          onError(message);
        })
    };
    // parseDocument, not parse: parse prints each warning to stderr, the source line with it.
    // Keys are told apart by keyProblem, after the text mappings are read as written, not by yaml.
    const lineCounter = new yaml.LineCounter();
    const document = yaml.parseDocument(text, {
      lineCounter,
      uniqueKeys: false,
      ...(call.exactNumbers && numbers ? { customTags: (tags) => [numbers, ...tags] } : {})
    });
    // YAML 1.1, asked for by its directive, reads more plain values as numbers than the exact-number
    // tag knows (0b11, 1:30 as 90, 1_000) and y, on, no as booleans: a value changed without a word.
    if (call.exactNumbers && document.directives?.yaml.version === '1.1') {
      const { line, col } = lineCounter.linePos(Math.max(0, text.search(/^%YAML/m)));
      throw new Error(
        'A %YAML 1.1 document reads some plain values as other numbers or booleans (1:30 as 90, y as true): ' +
          `remove the directive (YAML 1.2 is read) at line ${line}, column ${col}:`
      );
    }
    // Where a plain scalar was taken as written: a number refused there was refused for nothing.
    const targets = aliasTargets(yaml, document);
    const asWritten = call.textMappings
      ? writtenAsText(yaml, document, call.textMappings, targets)
      : new Set();
    const [error] = document.errors.filter(
      (problem) =>
        !(asWritten.has(problem.pos[0]) && [...refusals].some((m) => problem.message.startsWith(m)))
    );
    const badKey = keyProblem(yaml, document, targets);
    if (badKey && !(error && error.pos[0] <= badKey.offset)) {
      const { line, col } = lineCounter.linePos(badKey.offset);
      throw new Error(`${badKey.message} at line ${line}, column ${col}:`);
    }
    if (error) {
      const refused = [...refusals].some((message) => error.message.startsWith(message));
      throw withoutSource(refused ? { message: error.message, code: INEXACT_NUMBER } : error, false);
    }
    const [warning] = document.warnings;
    if (warning) throw withoutSource(warning, true);
    try {
      return document.toJS() as unknown;
    } catch (problem) {
      // An alias naming no anchor is found only here, its name quoted.
      throw problem instanceof Error ? withoutSource(problem, false) : problem;
    }
  };
}

/** The parser when one of `inputs` holds text; otherwise one that no reader of those inputs calls. */
export async function yamlParserFor(
  read: (name: string) => string,
  inputs: readonly string[],
  options: YamlOptions = {}
): Promise<YamlParse> {
  if (inputs.some((name) => read(name) !== '')) return loadYamlParser(options);
  return () => {
    throw new Error(`internal error: YAML was parsed though none of ${inputs.join(', ')} was given`);
  };
}
