import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { markdownTable, missed, textTable, verdictAtLeast, verdictAtMost, type Row } from '../report.js';

const rows: Row[] = [
  {
    section: 'cold start',
    figure: 'a | b',
    measured: '412 ms = 6.75×',
    target: '≤ 1.50× bare',
    verdict: 'MISS'
  },
  { section: 'sizes', figure: 'x', measured: '1 MiB', target: '', verdict: '' }
];

describe('verdicts', () => {
  it('holds the limit itself as met', () => {
    assert.equal(verdictAtMost(1.5, 1.5), 'PASS');
    assert.equal(verdictAtMost(1.51, 1.5), 'MISS');
    assert.equal(verdictAtLeast(5, 5), 'PASS');
    assert.equal(verdictAtLeast(4.99, 5), 'MISS');
  });
  it('lists only the misses', () => {
    assert.deepEqual(
      missed(rows).map((row) => row.figure),
      ['a | b']
    );
  });
});

describe('tables', () => {
  it('aligns the text table in columns under a header', () => {
    const lines = textTable(rows).split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0] ?? '', /^Section\s+Figure\s+Measured\s+Target\s+Result$/);
    const measuredAt = (lines[0] ?? '').indexOf('Measured');
    assert.equal((lines[2] ?? '').indexOf('412 ms'), measuredAt);
    assert.equal((lines[3] ?? '').indexOf('1 MiB'), measuredAt);
  });
  it('escapes pipes in Markdown cells', () => {
    const lines = markdownTable(rows).split('\n');
    assert.equal(lines[1], '| --- | --- | --- | --- | --- |');
    assert.equal(lines[2], '| cold start | a \\| b | 412 ms = 6.75× | ≤ 1.50× bare | MISS |');
  });
});
