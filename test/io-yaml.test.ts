// The YAML parser is loaded only for runs that give a YAML input; the stand-in for the others
// must never be reached, and says so if a reader were ever changed to call it.
import { describe, expect, it } from '@jest/globals';
import { mapInputReader } from '../src/io/inputs.js';
import { INEXACT_NUMBER, loadYamlParser, yamlParserFor } from '../src/io/yaml.js';

describe('yamlParserFor', () => {
  it('loads the parser when one of the inputs holds text', async () => {
    const parse = await yamlParserFor(mapInputReader({ variables: 'a: 1' }), ['variables']);
    expect(parse('a: 1\nb: [x, y]\n')).toEqual({ a: 1, b: ['x', 'y'] });
  });

  it('gives a parser that refuses when none of them does', async () => {
    const parse = await yamlParserFor(mapInputReader({ other: 'x' }), ['bindings', 'inline-policy']);
    expect(() => parse('a: 1')).toThrow(
      /internal error: YAML was parsed though none of bindings, inline-policy/
    );
  });

  it('prints nothing of what it reads: a warning is refused as an error, without the text, not printed to stderr', async () => {
    const parse = await loadYamlParser();
    const warned: unknown[] = [];
    const emitWarning = process.emitWarning;
    process.emitWarning = (warning: string | Error) => void warned.push(warning);
    try {
      expect(() => parse('token: !s3cr3t-tag')).toThrow(
        /^Unresolved tag \(a value that starts with ! is a YAML tag: quote it\) at line 1, column 8:$/
      );
      expect(() => parse('token: *s3cr3t-alias')).toThrow(
        /^Unresolved alias \(the anchor must be set before the alias\)$/
      );
    } finally {
      process.emitWarning = emitWarning;
    }
    expect(warned).toEqual([]);
  });

  it('refuses exact numbers unless loaded with them, and loaded with them refuses a mangled one', async () => {
    const plain = await loadYamlParser();
    expect(plain('id: 012345678901')).toEqual({ id: 12345678901 });
    expect(() => plain('id: 1', { exactNumbers: true })).toThrow(/internal error: exact numbers/);
    const exact = await loadYamlParser({ exactNumbers: true });
    expect(exact("id: '012345678901'", { exactNumbers: true })).toEqual({ id: '012345678901' });
    expect(() => exact('id: 012345678901', { exactNumbers: true })).toThrow(
      /^a plain number that YAML reads without its leading zeros/
    );
  });

  it('marks a refused number with its own code, and no other tag error with it', async () => {
    const exact = await loadYamlParser({ exactNumbers: true });
    const codeOf = (text: string): unknown => {
      try {
        exact(text, { exactNumbers: true });
      } catch (error) {
        return (error as { code?: unknown }).code;
      }
      return 'parsed';
    };
    expect(codeOf('id: 0x1F')).toBe(INEXACT_NUMBER);
    expect(codeOf('a: 1\nb: [.inf]')).toBe(INEXACT_NUMBER);
    expect(codeOf('id: !!int abc')).toBe('TAG_RESOLVE_FAILED');
    expect(codeOf('id: !!float "a plain number"')).toBe('TAG_RESOLVE_FAILED');
    expect(codeOf('id: 12')).toBe('parsed');
  });

  it('refuses a %YAML 1.1 directive under exact numbers: YAML 1.1 reads 0b11, 1:30 and 1_000 as other numbers', async () => {
    const exact = await loadYamlParser({ exactNumbers: true });
    for (const value of ['0b11', '1:30', '1_000'])
      expect(() => exact(`%YAML 1.1\n---\nid: ${value}`, { exactNumbers: true })).toThrow(
        /^A %YAML 1\.1 document reads some plain values as other numbers or booleans \(1:30 as 90, y as true\): remove the directive \(YAML 1\.2 is read\) at line 1, column 1:$/
      );
    expect(exact('%YAML 1.2\n---\nid: 1:30', { exactNumbers: true })).toEqual({ id: '1:30' });
    // Only where exact numbers are asked for: elsewhere (a kubeconfig) the directive keeps its meaning.
    const plain = await loadYamlParser();
    expect(plain('%YAML 1.1\n---\nid: 1:30')).toEqual({ id: 90 });
  });

  it('takes the plain keys and values of the mappings asked for as written; nothing else changes', async () => {
    const exact = await loadYamlParser({ exactNumbers: true });
    const tags = (path: readonly (string | number)[]): boolean => path.length === 2 && path[1] === 'tags';
    const text = [
      '- tags: {v: 1.10, 1e3: True, id: 012345678901, none: ~, q: "1.10", x: &n 0.50, list: [1.10]}',
      '  other: {v: 1.10, n: *n, t: true}',
      '- more: &o 2.50',
      '  tags: {n: *n, m: *o}',
      '- tags: [1.10]'
    ].join('\n');
    // An alias to a scalar anchored in a text mapping is that text in text mappings, YAML's value elsewhere.
    expect(exact(text, { exactNumbers: true, textMappings: tags })).toEqual([
      {
        tags: { v: '1.10', '1e3': 'True', id: '012345678901', none: null, q: '1.10', x: '0.50', list: [1.1] },
        other: { v: 1.1, n: 0.5, t: true }
      },
      { more: 2.5, tags: { n: '0.50', m: '2.50' } },
      { tags: [1.1] }
    ]);
    // Refused where it is not text, and by a parser asked only for text mappings, too.
    expect(() => exact('- tags: {a: 1}\n  other: 012', { exactNumbers: true, textMappings: tags })).toThrow(
      /^a plain number that YAML reads without its leading zeros .* at line 2, column 10:$/
    );
    const plain = await loadYamlParser();
    expect(plain('- tags: {v: 1.10, id: 012}\n  other: 1.10', { textMappings: tags })).toEqual([
      { tags: { v: '1.10', id: '012' }, other: 1.1 }
    ]);
  });

  it('refuses two keys of one mapping that are one member of the object it gives, told apart as written in text mappings', async () => {
    const exact = await loadYamlParser({ exactNumbers: true });
    const tags = (path: readonly (string | number)[]): boolean => path.length === 2 && path[1] === 'tags';
    const read = (text: string): unknown => exact(text, { exactNumbers: true, textMappings: tags });
    // Taken as written, 1.10 and "1.10" are one tag (the later would silently replace the earlier)...
    expect(() => read('- tags: {1.10: a, "1.10": b}')).toThrow(
      /^Map keys must be unique at line 1, column 19:$/
    );
    // ...and 1.10 and 1.1, or 1.0 and 1, are two, though YAML reads them as one number.
    expect(read('- tags: {1.10: a, 1.1: b, 1.0: c, 1: d}')).toEqual([
      { tags: { '1.10': 'a', '1.1': 'b', '1.0': 'c', '1': 'd' } }
    ]);
    // Anywhere, keys that are one member of a JavaScript object: 1 and '1', ~ and '', an alias and its anchor.
    expect(() => exact('{1: a, "1": b}')).toThrow(/^Map keys must be unique at line 1, column 8:$/);
    expect(() => exact('a: 1\n~: x\n"": y')).toThrow(/^Map keys must be unique at line 3, column 1:$/);
    expect(() => exact('{&k a: 1, *k : 2}')).toThrow(/^Map keys must be unique at line 1, column 11:$/);
    expect(() => exact('a: 1\na: 2')).toThrow(/^Map keys must be unique at line 2, column 1:$/);
    // Such keys are refused before JSON.parse could settle them: parsePolicyDocument relies on it.
    expect(exact('{a: 1, b: {a: 2}}')).toEqual({ a: 1, b: { a: 2 } });
  });

  it('refuses a key that is a list or a mapping, without printing it: an object would hold it stringified', async () => {
    const parse = await loadYamlParser();
    const warned: unknown[] = [];
    const emitWarning = process.emitWarning;
    process.emitWarning = (warning: string | Error) => void warned.push(warning);
    try {
      expect(() => parse('a: 1\n? [s3cr3t]\n: x')).toThrow(
        /^A mapping key must be a scalar \(not a list or mapping\) at line 2, column 3:$/
      );
      expect(() => parse('{&k {s3cr3t: 1}: x, *k : y}')).toThrow(/^A mapping key must be a scalar/);
      // A key that is an alias naming no anchor is that, not a key of the wrong kind.
      expect(() => parse('{*s3cr3t : 1}')).toThrow(
        /^Unresolved alias \(the anchor must be set before the alias\)$/
      );
    } finally {
      process.emitWarning = emitWarning;
    }
    expect(warned).toEqual([]);
  });

  it('takes a text mapping given as an alias to a mapping anchored elsewhere as written, leaving the anchor as YAML reads it', async () => {
    const exact = await loadYamlParser({ exactNumbers: true });
    const tags = (path: readonly (string | number)[]): boolean => path.length === 2 && path[1] === 'tags';
    const read = (text: string): unknown => exact(text, { exactNumbers: true, textMappings: tags });
    expect(read('- other: &t {team: 1.10, on: True, n: &x 2.50}\n  tags: *t\n  more: [*t, *x]')).toEqual([
      {
        other: { team: 1.1, on: true, n: 2.5 },
        tags: { team: '1.10', on: 'True', n: '2.50' },
        more: [{ team: 1.1, on: true, n: 2.5 }, 2.5]
      }
    ]);
    // Many such aliases are still counted as aliases by toJS (at most 100 to a node), not copied
    // each time (which took seconds for a few hundred).
    const many = (count: number): string =>
      [
        `- other: &t {${Array.from({ length: 300 }, (_, i) => `k${i}: ${i}`).join(', ')}}`,
        ...Array.from({ length: count }, () => '- tags: *t')
      ].join('\n');
    expect(read(many(3))).toMatchObject([
      {},
      { tags: { k1: '1' } },
      { tags: { k299: '299' } },
      { tags: { k0: '0' } }
    ]);
    const started = Date.now();
    expect(() => read(many(400))).toThrow(/^Excessive alias count/);
    expect(Date.now() - started).toBeLessThan(1000);
    // A number refused where it is anchored stays refused: it is not text there.
    expect(() => read('- other: &t {account: 012345678901}\n  tags: *t')).toThrow(
      /^a plain number that YAML reads without its leading zeros .* at line 1, column 23:$/
    );
  });

  it('counts aliases in text mappings against the limit toJS keeps (100 to a node), and reads them in linear time', async () => {
    const exact = await loadYamlParser({ exactNumbers: true });
    const tags = (path: readonly (string | number)[]): boolean => path.length === 2 && path[1] === 'tags';
    const read = (text: string): unknown => exact(text, { exactNumbers: true, textMappings: tags });
    const aliases = (first: string, count: number): string =>
      [first, ...Array.from({ length: count }, () => '- tags: {a: *v}')].join('\n');
    // An anchor named again names the later node from there on, as YAML says.
    expect(
      read('- o: &x 1.10\n  tags: {a: *x, b: &x 2.50, c: *x}\n  p: *x\n- {q: &x 3.0, tags: {d: *x}}')
    ).toEqual([
      { o: 1.1, tags: { a: '1.10', b: '2.50', c: '2.50' }, p: 2.5 },
      { q: 3, tags: { d: '3.0' } }
    ]);
    for (const first of ['- tags: {a: &v 1.10}', '- other: &v 1.10']) {
      expect(read(aliases(first, 99))).toHaveLength(100);
      expect((read(aliases(first, 99)) as { tags: unknown }[])[99]?.tags).toEqual({ a: '1.10' });
      const started = Date.now();
      // 2000 aliases took 5.5 s when each one was resolved by a walk of the whole document.
      expect(() => read(aliases(first, 2000))).toThrow(
        /^Excessive alias count indicates a resource exhaustion attack/
      );
      expect(Date.now() - started).toBeLessThan(1500);
    }
  });

  it('takes a text mapping as written however it is reached: an alias above it, an alias in it, a !!merge', async () => {
    const exact = await loadYamlParser({ exactNumbers: true });
    const tags = (path: readonly (string | number)[]): boolean => path.length === 2 && path[1] === 'tags';
    const read = (text: string): unknown => exact(text, { exactNumbers: true, textMappings: tags });
    // An alias in an aliased mapping naming an anchor of that mapping: the anchor stays as YAML reads it.
    expect(read('- other: &t {a: &v 1.10, b: *v}\n  tags: *t')).toEqual([
      { other: { a: 1.1, b: 1.1 }, tags: { a: '1.10', b: '1.10' } }
    ]);
    // A whole item an alias to a mapping anchored elsewhere, its tags read as written there.
    expect(read('- o: &x {tags: {v: 1.10, t: True}}\n- *x\n- *x')).toEqual([
      { o: { tags: { v: 1.1, t: true } } },
      { tags: { v: '1.10', t: 'True' } },
      { tags: { v: '1.10', t: 'True' } }
    ]);
    // YAML 1.2 has no merge key, but an explicit !!merge merges: the pairs it brings are the mapping's own.
    expect(read('- !!merge <<: {tags: {v: 1.10}}\n  n: 1.10')).toEqual([{ tags: { v: '1.10' }, n: 1.1 }]);
    expect(read('- tags: {!!merge <<: [{v: 1.10}, {w: 1e3}], x: 2.0}')).toEqual([
      { tags: { v: '1.10', w: '1e3', x: '2.0' } }
    ]);
    expect(
      read(
        '- o: &x {v: 1.10}\n  l: &l [*x]\n- tags: {!!merge <<: *x}\n- tags: {!!merge <<: [*x]}\n- tags: {!!merge <<: *l}'
      )
    ).toEqual([
      { o: { v: 1.1 }, l: [{ v: 1.1 }] },
      { tags: { v: '1.10' } },
      { tags: { v: '1.10' } },
      { tags: { v: '1.10' } }
    ]);
    expect(
      read(
        '- o: &x {tags: {v: 1.10}}\n- &y {!!merge <<: *x}\n- *y\n- {tags: &t {!!merge <<: {v: 1e3}}}\n- {tags: *t}'
      )
    ).toEqual([
      { o: { tags: { v: 1.1 } } },
      { tags: { v: '1.10' } },
      { tags: { v: '1.10' } },
      { tags: { v: '1e3' } },
      { tags: { v: '1e3' } }
    ]);
    // An item anchored where its tags are read as written is that text wherever it is merged.
    expect(read('- &b {tags: {v: 1.10}, n: 1}\n- !!merge <<: *b\n  n: 2')).toEqual([
      { tags: { v: '1.10' }, n: 1 },
      { tags: { v: '1.10' }, n: 2 }
    ]);
    // A number refused where it is anchored stays refused, however the tags reach it.
    expect(() => read('- o: &x {a: 012345678901}\n- tags: {!!merge <<: *x}')).toThrow(
      /^a plain number that YAML reads without its leading zeros .* at line 1, column 13:$/
    );
    expect(() => read('- o: &x {tags: {a: 1.10}, b: 012}\n- *x')).toThrow(
      /^a plain number that YAML reads without its leading zeros .* at line 1, column 30:$/
    );
    // An alias to a merge key merges nothing: toJS would name a member 'Symbol(<<)', YAML's value in it.
    expect(() => read('- tags: {&m !!merge <<: {w: 2.0}}\n- tags: {*m : {v: 1.10}}')).toThrow(
      /^A merge key \(<<\) must be written as one, not as an alias to one at line 2, column 10:$/
    );
    // A merge of anything but mappings: refused with its place (toJS said so without one).
    for (const value of ['1.10', '[[{v: 1.10}]]', '[1.10]', '*n', '[*s]', '', '*l', '*none', '[*none]'])
      expect(() => read(`- o: &s [{v: 1}]\n  n: &n 1\n  l: &l [1]\n- tags: {!!merge <<: ${value}}`)).toThrow(
        /^A merge \(!!merge <<\) takes a mapping, an alias to one, or a list of them at line 4, column \d+:$/
      );
    expect(read('- o: &s [{v: 1.0}]\n- tags: {!!merge <<: *s}')).toEqual([
      { o: [{ v: 1 }] },
      { tags: { v: '1.0' } }
    ]);
    // One written in the tags' own merge is text there.
    expect(read('- tags: {!!merge <<: {a: 012345678901}}')).toEqual([{ tags: { a: '012345678901' } }]);
  });

  it('names in a copy made text the nodes its aliases named, and refuses an alias inside the node it names', async () => {
    const exact = await loadYamlParser({ exactNumbers: true });
    const tags = (path: readonly (string | number)[]): boolean => path.length === 2 && path[1] === 'tags';
    const read = (text: string): unknown => exact(text, { exactNumbers: true, textMappings: tags });
    // The copy of t is placed after the second &v: its *v still names the first, as in t (b was 2).
    expect(read('- o: &t {a: &v 1.10, b: *v}\n  p: &v 2.0\n  tags: *t\n  q: *v')).toEqual([
      { o: { a: 1.1, b: 1.1 }, p: 2, tags: { a: '1.10', b: '1.10' }, q: 2 }
    ]);
    // A cycle has no text as written to give (toJS made a circular object of it).
    expect(() => read('- &a {self: *a, tags: {v: 1.10}}')).toThrow(
      /^An alias inside the node it names \(a cycle\) cannot be read as written at line 1, column 13:$/
    );
    // Also where textWithin says no text mapping can be (irsa-role's inline policy): JSON.stringify
    // of the circular object ended in 'Converting circular structure to JSON'.
    const textWithin = (path: readonly (string | number)[]): boolean => path.length < 2 || tags(path);
    for (const text of ['- &a {self: *a, tags: {v: 1.10}}', '- &a {o: [{p: *a}], tags: {v: 1.10}}'])
      expect(() => exact(text, { exactNumbers: true, textMappings: tags, textWithin })).toThrow(
        /^An alias inside the node it names \(a cycle\) cannot be read as written at line 1, column \d+:$/
      );
  });

  it('reads an alias outside the text mappings as YAML does, though it names a scalar taken as written in one', async () => {
    const exact = await loadYamlParser({ exactNumbers: true });
    const tags = (path: readonly (string | number)[]): boolean => path.length === 2 && path[1] === 'tags';
    const read = (text: string): unknown => exact(text, { exactNumbers: true, textMappings: tags });
    // The same document read without the text mappings gives these values outside the tags.
    const text = [
      '- tags: {v: &v 1.10, n: &n 3600, t: &t True, &k 2.50: x}',
      '  max-session-duration: *n',
      '  role-name: *v',
      '  inline-policy: {Condition: {Bool: {s: *t}}, l: [*n, *v], *k : y}',
      '- tags: {w: *n}'
    ].join('\n');
    expect(read(text)).toEqual([
      {
        tags: { v: '1.10', n: '3600', t: 'True', '2.50': 'x' },
        'max-session-duration': 3600,
        'role-name': 1.1,
        'inline-policy': { Condition: { Bool: { s: true } }, l: [3600, 1.1], '2.5': 'y' }
      },
      { tags: { w: '3600' } }
    ]);
    // Through a whole item aliased or merged, too.
    expect(read('- &b {tags: {n: &n 3600}, m: *n}\n- *b\n- {!!merge <<: *b, o: *n}')).toEqual([
      { tags: { n: '3600' }, m: 3600 },
      { tags: { n: '3600' }, m: 3600 },
      { tags: { n: '3600' }, m: 3600, o: 3600 }
    ]);
    // A number YAML refuses is refused where an alias outside the tags names it (it was let through as '012').
    expect(() => read('- tags: {a: &a 012}\n  other: *a')).toThrow(
      /^a plain number that YAML reads without its leading zeros .* at line 1, column 16:$/
    );
    expect(read('- tags: {a: &a 012}\n- tags: {b: *a}')).toEqual([
      { tags: { a: '012' } },
      { tags: { b: '012' } }
    ]);
  });

  it('reads an alias outside the text mappings to a text mapping, or to what holds one, as YAML does', async () => {
    const exact = await loadYamlParser({ exactNumbers: true });
    const tags = (path: readonly (string | number)[]): boolean => path.length === 2 && path[1] === 'tags';
    const within = (path: readonly (string | number)[]): boolean => path.length < 2 || tags(path);
    for (const textWithin of [undefined, within]) {
      const read = (text: string): unknown =>
        exact(text, { exactNumbers: true, textMappings: tags, ...(textWithin ? { textWithin } : {}) });
      expect(
        read(
          '- &i {tags: &t {a: 1.10, b: True}, x: *t}\n- *i\n- {!!merge <<: *i}\n- {p: {c: *t}, l: [*i], tags: *i}'
        )
      ).toEqual([
        { tags: { a: '1.10', b: 'True' }, x: { a: 1.1, b: true } },
        { tags: { a: '1.10', b: 'True' }, x: { a: 1.1, b: true } },
        { tags: { a: '1.10', b: 'True' }, x: { a: 1.1, b: true } },
        {
          p: { c: { a: 1.1, b: true } },
          l: [{ tags: { a: 1.1, b: true }, x: { a: 1.1, b: true } }],
          tags: { tags: { a: 1.1, b: true }, x: { a: 1.1, b: true } }
        }
      ]);
      // Its alias to a scalar anchored outside the tags, too; merged into the item that holds it.
      expect(read('- o: &n 1e3\n- {tags: &t {b: *n}, !!merge <<: *t}')).toEqual([
        { o: 1000 },
        { tags: { b: '1e3' }, b: 1000 }
      ]);
      // A number YAML refuses is refused where an alias outside the tags names its mapping.
      expect(() => read('- tags: &t {a: 012}\n  other: {c: *t}')).toThrow(
        /^a plain number that YAML reads without its leading zeros .* at line 1, column 16:$/
      );
      expect(read('- tags: &t {a: 012}\n- tags: *t')).toEqual([
        { tags: { a: '012' } },
        { tags: { a: '012' } }
      ]);
    }
  });

  it('refuses nesting too deep to look through, with the place of the alias, not a stack overflow', async () => {
    const exact = await loadYamlParser({ exactNumbers: true });
    const tags = (path: readonly (string | number)[]): boolean => path.length === 2 && path[1] === 'tags';
    const read = (text: string): unknown => exact(text, { exactNumbers: true, textMappings: tags });
    // Six lists nested 600 deep, each inside the next through an alias: yaml reads it (3,600 deep),
    // the look through the aliases overflowed the stack ('Maximum call stack size exceeded', no place).
    const chain = (count: number): string =>
      [
        ...Array.from(
          { length: count },
          (_, i) => `- x: &b${i} ${'['.repeat(600)}${i ? `*b${i - 1}` : '1'}${']'.repeat(600)}`
        ),
        `- tags: {a: 1}\n  y: *b${count - 1}`
      ].join('\n');
    // Refused at the first alias that names more than 1000 levels: *b1, in b2 (1,200 through b0).
    expect(() => read(chain(6))).toThrow(
      /^Lists and mappings nested more than 1000 deep through aliases cannot be read as written at line 3, column 610:$/
    );
    expect(read(chain(1))).toHaveLength(2);
  });

  it('refuses an alias blow-up with its place where no text mapping can be (textWithin)', async () => {
    const exact = await loadYamlParser({ exactNumbers: true });
    const tags = (path: readonly (string | number)[]): boolean => path.length === 2 && path[1] === 'tags';
    const textWithin = (path: readonly (string | number)[]): boolean => path.length < 2 || tags(path);
    const read = (text: string): unknown =>
      exact(text, { exactNumbers: true, textMappings: tags, textWithin });
    const ten = (alias: string): string => `[${Array.from({ length: 10 }, () => alias).join(', ')}]`;
    const laughs = [
      '- o: &l0 {tags: {v: 1.10}}',
      ...Array.from({ length: 9 }, (_, i) => `- o: &l${i + 1} ${ten(`*l${i}`)}`),
      '- *l9'
    ].join('\n');
    // Not looked through there, the aliases were refused only by toJS, which says no place.
    const started = Date.now();
    expect(() => read(laughs)).toThrow(
      /^Excessive alias count indicates a resource exhaustion attack at line \d+, column \d+:$/
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses an alias blow-up through items and merges quickly', async () => {
    const exact = await loadYamlParser({ exactNumbers: true });
    const tags = (path: readonly (string | number)[]): boolean => path.length === 2 && path[1] === 'tags';
    const read = (text: string): unknown => exact(text, { exactNumbers: true, textMappings: tags });
    const ten = (alias: string): string => `[${Array.from({ length: 10 }, () => alias).join(', ')}]`;
    const laughs = (merge: boolean): string =>
      [
        '- o: &l0 {tags: {v: 1.10}}',
        ...Array.from({ length: 9 }, (_, i) => `- o: &l${i + 1} ${ten(`*l${i}`)}`),
        merge ? '- !!merge <<: *l9' : '- *l9'
      ].join('\n');
    for (const merge of [false, true]) {
      const started = Date.now();
      expect(() => read(laughs(merge))).toThrow(/^Excessive alias count/);
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });

  it('reports a syntax error with its place on the first line', async () => {
    const parse = await loadYamlParser();
    expect(() => parse('a: [1, 2')).toThrow(/at line 1, column \d+/);
  });
});
