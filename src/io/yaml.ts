// `yaml` is the largest module a small bundle holds (~290 kB to compile, ~10 ms of start-up). Most
// runs read no YAML at all, and a run that fails on a missing input never should, so the parser is
// loaded only by a run that has YAML text to read, and handed to the code that parses it.

/** The code of the error for a plain number refused under `exactNumbers`: its message says what to do. */
export const INEXACT_NUMBER = 'INEXACT_NUMBER';

export interface YamlOptions {
  /** Refuse a plain number that does not read as written (012, 0x1F, .inf, 21 digits): see yaml-numbers.ts. */
  exactNumbers?: boolean;
  /**
   * The mappings that hold text, by their path from the top (list indexes, keys as written; a merge
   * brings its pairs to the mapping it is in): their plain keys and values are taken as written (1.10
   * as '1.10', True as 'True', 012 as '012', never refused), not as the number or boolean YAML reads,
   * however the mapping is reached (in place, through an alias, through a !!merge); a null (empty, ~,
   * null) stays null, a quoted, block or explicitly tagged (!!float) scalar stays what YAML makes of
   * it. For values that are text wherever they go, as IAM tags are.
   */
  textMappings?: (path: readonly (string | number)[]) => boolean;
  /**
   * Whether a text mapping may be at `path` or below it (default: anywhere). An alias where none can
   * be is not looked through for one: a few hundred aliases to a large list or mapping (an inline
   * policy shared by many bindings) would otherwise count against the look's limit.
   */
  textWithin?: (path: readonly (string | number)[]) => boolean;
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
 * `exactNumbers`: the parser may be asked to refuse mangled numbers (provision's variables,
 * irsa-role's bindings and inline policy). Only a run that asks for it loads it, beside the parser.
 */
export async function loadYamlParser(options: YamlOptions = {}): Promise<YamlParse> {
  // The checks on the parsed document load with the parser: a run that reads no YAML carries neither.
  const [yaml, exact, { aliasTargets, writtenAsText }, { keyProblem }] = await Promise.all([
    import('yaml'),
    options.exactNumbers ? import('./yaml-numbers.js').then((m) => m.exactNumberTag) : undefined,
    import('./yaml-as-written.js'),
    import('./yaml-keys.js')
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
    const { offsets: asWritten, problem: unwritten } = call.textMappings
      ? writtenAsText(yaml, document, call.textMappings, targets, call.textWithin)
      : { offsets: new Set<number>(), problem: undefined };
    const refused = (problem: { message: string }): boolean =>
      [...refusals].some((message) => problem.message.startsWith(message));
    // An alias the text mappings cannot be read through (a blow-up, a cycle), unless the text does
    // not parse: the walk stopped there, so a number it would have taken as written may be refused.
    if (unwritten && !document.errors.some((problem) => !refused(problem))) {
      const { line, col } = lineCounter.linePos(unwritten.offset);
      throw new Error(`${unwritten.message} at line ${line}, column ${col}:`);
    }
    const [error] = document.errors.filter((problem) => !(asWritten.has(problem.pos[0]) && refused(problem)));
    const badKey = keyProblem(yaml, document, targets);
    if (badKey && !(error && error.pos[0] <= badKey.offset)) {
      const { line, col } = lineCounter.linePos(badKey.offset);
      throw new Error(`${badKey.message} at line ${line}, column ${col}:`);
    }
    if (error)
      throw withoutSource(refused(error) ? { message: error.message, code: INEXACT_NUMBER } : error, false);
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
