// rowHistograms (the WebAssembly counting loop) against counting a resample's row list one draw at a time: integer
// counts, so they must agree exactly (deepEqual, no tolerance).
import assert from 'node:assert/strict';
import { createRandom } from '../../../src/core/stats/createRandom';
import { rowHistograms } from '../../../src/core/stats/rowHistograms';

describe('stats: rowHistograms', () => {
  it('equals counting each drawn row once per draw, the spare bin (missing answers) dropped', () => {
    const random = createRandom(3);
    const n = 700;
    const k = 9;
    const bins = 5 * k;
    // row r, column j: one of the column's five bins, or the spare bin (a missing answer) 1 time in 10
    const slots = Int32Array.from({ length: n * k }, (_, i) => (random() < 0.1 ? bins : 5 * (i % k) + Math.floor(random() * 5)));
    const counter = rowHistograms(slots, n, k, bins);
    for (let rep = 0; rep < 4; rep++) {
      const rows = Int32Array.from({ length: n }, () => Math.floor(random() * n));
      const counts = new Int32Array(n);
      for (const r of rows) counts[r]!++;
      const want = new Float64Array(bins);
      for (const r of rows) for (let j = 0; j < k; j++) if (slots[r * k + j]! < bins) want[slots[r * k + j]!]!++;
      const got = new Float64Array(bins);
      counter.count(counts, got);
      assert.deepEqual(got, want);
    }
    // no row drawn: all zero
    const none = new Float64Array(bins).fill(7);
    counter.count(new Int32Array(n), none);
    assert.deepEqual(none, new Float64Array(bins));
  });
});
