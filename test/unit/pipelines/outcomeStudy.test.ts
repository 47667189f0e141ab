// Outcome studies (Li et al. 2025 election experiment, seeds-methods.md §2.4, §4 item 16). Every expected
// value is computed by hand in the comments from the 10 answers below.
import assert from 'node:assert/strict';
import { outcomeStudy } from '../../../src/core/pipelines/outcomes/outcomeStudy';

const tol = 1e-12;
const near = (a: number | null, b: number): void => assert.ok(a !== null && Math.abs(a - b) < tol, `${a} vs ${b}`);

describe('outcomeStudy', () => {
  // Ohio: 6 answers: Trump 2, Harris 3, invalid 1. Vermont: 4 answers: Harris 4.
  const answers = [
    ...['Trump', 'Trump', 'Harris', 'Harris', 'Harris', undefined].map((choice) => ({ group: 'Ohio', choice })),
    ...['Harris', 'Harris', 'Harris', 'Harris'].map((choice) => ({ group: 'Vermont', choice })),
  ];
  const real = new Map([
    ['Ohio', { Trump: 0.55, Harris: 0.44 }],
    ['Vermont', { Trump: 0.32, Harris: 0.64 }],
  ]);
  const r = outcomeStudy({ options: ['Trump', 'Harris'], answers, real, lean: { toward: 'Harris', against: 'Trump' } });

  it('keeps invalid answers in the denominator', () => {
    const ohio = r.groups[0]!;
    near(ohio.shares.Trump!, 2 / 6);
    near(ohio.shares.Harris!, 3 / 6);
    near(ohio.invalid, 1 / 6);
  });

  it('finds the flipped groups', () => {
    // Ohio: simulated winner Harris (0.5 > 0.333), real Trump → flipped. Vermont: Harris both → not flipped.
    assert.deepEqual(r.groups.map((g) => [g.group, g.winner, g.realWinner, g.flipped]), [['Ohio', 'Harris', 'Trump', true], ['Vermont', 'Harris', 'Harris', false]]);
    assert.equal(r.flips, 1);
    assert.equal(r.compared, 2);
  });

  it('computes the errors and the lean', () => {
    // errors: Ohio Trump 1/3 − 0.55, Harris 1/2 − 0.44; Vermont Trump 0 − 0.32, Harris 1 − 0.64.
    // mean |error| = (0.21667 + 0.06 + 0.32 + 0.36) / 4
    near(r.meanAbsError, (Math.abs(1 / 3 - 0.55) + Math.abs(0.5 - 0.44) + 0.32 + 0.36) / 4);
    // lean: Ohio (1/2 − 1/3) − (0.44 − 0.55) = 1/6 + 0.11; Vermont (1 − 0) − (0.64 − 0.32) = 0.68; mean of both
    near(r.lean, ((1 / 6 + 0.11) + 0.68) / 2);
  });

  it('reports no comparison for a group without a real outcome, and rejects percentages', () => {
    const only = outcomeStudy({ options: ['A', 'B'], answers: [{ group: 'X', choice: 'A' }], real: new Map(), lean: { toward: 'A', against: 'B' } });
    assert.equal(only.lean, null);
    assert.equal(only.meanAbsError, null);
    assert.equal(only.groups[0]!.flipped, null);
    assert.throws(() => outcomeStudy({ options: ['A'], answers: [], real: new Map([['X', { A: 55 }]]), lean: { toward: 'A', against: 'A' } }), RangeError);
  });
});
