import { describe, expect, test } from '@jest/globals';
import { code, table } from '../src/io/summary.js';

describe('job summary tables', () => {
  test('a cell that quotes a tag, as a pod log or an API error may, shows it instead of rendering it', () => {
    const cell = 'pod said: <details><summary>x</summary> & <img src=https://example.invalid/p.png>';
    const [, , row] = table(['detail'], [[cell]]).split('\n');
    expect(row).toBe(
      '| pod said: &lt;details&gt;&lt;summary&gt;x&lt;/summary&gt; &amp; &lt;img src=https://example.invalid/p.png&gt; |'
    );
  });

  test('text in a code span is left as typed, since Markdown shows an entity there literally', () => {
    const [, , row] = table(['value'], [[`${code('<none>')} then <b>`]]).split('\n');
    expect(row).toBe('| `<none>` then &lt;b&gt; |');
  });

  test('text after an unpaired backtick is escaped, since Markdown opens no code span there', () => {
    const [, , row] = table(['detail'], [['sh: unexpected `: <details> hides the rest']]).split('\n');
    expect(row).toBe('| sh: unexpected `: &lt;details&gt; hides the rest |');
  });

  test('line breaks become <br> and pipes are escaped, in code spans too', () => {
    const [, , row] = table(['a'], [[`first\n${code('a|b')}`]]).split('\n');
    expect(row).toBe('| first<br>`a\\|b` |');
  });

  test('a header is escaped as the cells are', () => {
    const [header] = table(['<x>'], []).split('\n');
    expect(header).toBe('| &lt;x&gt; |');
  });
});
