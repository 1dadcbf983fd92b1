// `yaml` is the largest module a small bundle holds (~290 kB to compile, ~10 ms of start-up). Most
// runs read no YAML at all, and a run that fails on a missing input never should, so the parser is
// loaded only by a run that has YAML text to read, and handed to the code that parses it.

import { exactNumberTag } from './yaml-numbers.js';

export interface YamlOptions {
  /** Refuse a plain number that does not read as written (012, 0x1F, .inf, 21 digits): see yaml-numbers.ts. */
  exactNumbers?: boolean;
}

/** Parses one YAML (or JSON) document; throws on a syntax error, its first line naming the place. */
export type YamlParse = (text: string, options?: YamlOptions) => unknown;

export async function loadYamlParser(): Promise<YamlParse> {
  const { parse } = await import('yaml');
  return (text, options = {}) =>
    parse(
      text,
      options.exactNumbers ? { customTags: (tags) => [exactNumberTag, ...tags] } : undefined
    ) as unknown;
}

/** The parser when one of `inputs` holds text; otherwise one that no reader of those inputs calls. */
export async function yamlParserFor(
  read: (name: string) => string,
  inputs: readonly string[]
): Promise<YamlParse> {
  if (inputs.some((name) => read(name) !== '')) return loadYamlParser();
  return () => {
    throw new Error(`internal error: YAML was parsed though none of ${inputs.join(', ')} was given`);
  };
}
