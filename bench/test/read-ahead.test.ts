import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readAheadRows } from '../read-ahead.js';

describe('readAheadRows', () => {
  it("takes the profile's own cost, measured on loopback, out of the slow link's difference", () => {
    const rows = readAheadRows({
      environmentKeysMs: [300, 290, 310],
      profileMs: [350, 345, 360],
      loopbackEnvironmentKeysMs: [150, 140, 160],
      loopbackProfileMs: [158, 150, 170]
    });
    assert.equal(rows.length, 3);
    assert.match(rows[0]?.measured ?? '', /^300 ms vs 350 ms \(50 ms apart\)$/);
    assert.match(rows[1]?.measured ?? '', /^150 ms vs 158 ms \(8 ms apart\)$/);
    assert.equal(rows[2]?.measured, '42 ms');
  });
});
