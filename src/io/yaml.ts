// `yaml` is the largest module a small bundle holds (~290 kB to compile, ~10 ms of start-up). Most
// runs read no YAML at all, and a run that fails on a missing input never should, so the parser is
// loaded only by a run that has YAML text to read, and handed to the code that parses it.

export interface YamlOptions {
  /** Refuse a plain number that does not read as written (012, 0x1F, .inf, 21 digits): see yaml-numbers.ts. */
  exactNumbers?: boolean;
}

/** Parses one YAML (or JSON) document; throws on a syntax error, its first line naming the place. */
export type YamlParse = (text: string, options?: YamlOptions) => unknown;

/**
 * `exactNumbers`: the parser may be asked to refuse mangled numbers. That check is provision's
 * alone, so only a run that asks for it loads it, beside the parser.
 */
export async function loadYamlParser(options: YamlOptions = {}): Promise<YamlParse> {
  const [{ parse }, exact] = await Promise.all([
    import('yaml'),
    options.exactNumbers ? import('./yaml-numbers.js').then((m) => m.exactNumberTag) : undefined
  ]);
  return (text, call = {}) => {
    if (call.exactNumbers && !exact)
      throw new Error('internal error: exact numbers asked of a YAML parser loaded without them');
    return parse(
      text,
      call.exactNumbers && exact ? { customTags: (tags) => [exact, ...tags] } : undefined
    ) as unknown;
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
