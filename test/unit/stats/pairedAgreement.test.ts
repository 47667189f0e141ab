import assert from 'node:assert/strict';
import { pairedAgreement } from '../../../src/core/stats/pairedAgreement';
import { StatsError } from '../../../src/core/stats/StatsError';
import type { ItemMatrix } from '../../../src/core/stats/types';

/** Column-major item matrix from rows. */
const matrix = (rows: readonly (readonly number[])[]): ItemMatrix => {
  const nRows = rows.length;
  const nCols = rows[0]!.length;
  const data = new Float64Array(nRows * nCols);
  rows.forEach((r, i) => r.forEach((v, j) => (data[j * nRows + i] = v)));
  return { nRows, nCols, data };
};

describe('stats: paired agreement (individual level)', () => {
  // humans h0..h3, two questions; personas p0..p4 paired with h0, h1, h1, none, h3
  const human = matrix([[1, 2], [2, 2], [3, NaN], [1, 4]]);
  const sim = matrix([[1, 3], [2, 2], [1, 2], [1, 1], [NaN, 4]]);
  const pairs = [0, 1, 1, -1, 3];

  it('hand-computed: the share of paired personas answering as their respondent, missing pairs left out', () => {
    // q1: p0 1=1 ✓, p1 2=2 ✓, p2 1≠2 ✗, p3 unpaired, p4 missing → 2/3
    // q2: p0 3≠2 ✗, p1 2=2 ✓, p2 2=2 ✓, p3 unpaired, p4 4=4 ✓ → 3/4
    const a = pairedAgreement(sim, human, pairs);
    assert.ok(Math.abs(a[0]! - 2 / 3) < 1e-15);
    assert.equal(a[1], 3 / 4);
  });

  it('weights each pair by its respondent survey weight', () => {
    // weights h0 2, h1 1, h2 5, h3 0.5 — q1: (2 + 1) / (2 + 1 + 1) = 3/4; q2: (1 + 1 + 0.5) / (2 + 1 + 1 + 0.5) = 2.5/4.5
    const a = pairedAgreement(sim, human, pairs, { weightsHuman: [2, 1, 5, 0.5] });
    assert.equal(a[0], 0.75);
    assert.ok(Math.abs(a[1]! - 2.5 / 4.5) < 1e-15);
  });

  it('is NaN for a question with no pair where both answered, and refuses mismatched shapes', () => {
    assert.ok(Number.isNaN(pairedAgreement(sim, human, [-1, -1, -1, -1, -1])[0]!));
    assert.throws(() => pairedAgreement(sim, human, [0, 1]), (e: unknown) => StatsError.is(e, 'shapeMismatch'));
    assert.throws(() => pairedAgreement(matrix([[1]]), human, [0]), (e: unknown) => StatsError.is(e, 'shapeMismatch'));
  });
});
