// Run with: node --import tsx --test bench/test/*.test.ts
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { formatBytes, formatMs, formatRatio, median, ratio } from '../stats.js';

describe('median', () => {
  it('takes the middle of an odd count whatever the order', () => {
    assert.equal(median([90, 10, 50]), 50);
  });
  it('averages the two middle values of an even count', () => {
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });
  it('is not moved by one slow outlier', () => {
    assert.equal(median([60, 61, 62, 63, 5000]), 62);
  });
  it('refuses an empty list rather than inventing a figure', () => {
    assert.throws(() => median([]), /no values/);
  });
});

describe('ratio and formatting', () => {
  it('divides and refuses a zero denominator', () => {
    assert.equal(ratio(150, 50), 3);
    assert.throws(() => ratio(1, 0), /non-positive/);
  });
  it('shows milliseconds, seconds and ratios at a readable precision', () => {
    assert.equal(formatMs(61.4), '61 ms');
    assert.equal(formatMs(3041), '3.04 s');
    assert.equal(formatMs(114_400), '114.4 s');
    assert.equal(formatRatio(1.234), '1.23×');
    assert.equal(formatRatio(11.81), '11.8×');
    assert.equal(formatBytes(1_103_373), '1.05 MiB');
    assert.equal(formatBytes(3420), '3.3 KiB');
  });
});
