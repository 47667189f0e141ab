import assert from 'node:assert/strict';
import { jensenShannonDivergence } from '../../../src/core/stats/jensenShannonDivergence';
import { mixDistributions } from '../../../src/core/stats/mixDistributions';
import { StatsError } from '../../../src/core/stats/StatsError';
import { totalVariationDistance } from '../../../src/core/stats/totalVariationDistance';

const close = (got: number, want: number, tol = 1e-12): void => assert.ok(Math.abs(got - want) <= tol, `${got} vs ${want}`);

describe('stats: Jensen–Shannon divergence (base 2)', () => {
  it('equals scipy.spatial.distance.jensenshannon(p, q, base=2) ** 2', () => {
    // scipy 1.17.1: jensenshannon([.1,.2,.3,.4], [.4,.3,.2,.1], base=2)**2 = 0.15356065532898464
    close(jensenShannonDivergence([0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1]), 0.15356065532898464);
    // the same distributions given as counts: each side is normalised by its own sum
    close(jensenShannonDivergence([1, 2, 3, 4], [40, 30, 20, 10]), 0.15356065532898464);
  });

  it('hand-computed: half-overlapping supports give 1/2, disjoint give 1, identical give 0', () => {
    // P = (½, ½, 0), Q = (0, ½, ½), M = (¼, ½, ¼): KL(P‖M) = ½·log2(2) + ½·log2(1) = ½, KL(Q‖M) = ½, JSD = ½
    close(jensenShannonDivergence([0.5, 0.5, 0], [0, 0.5, 0.5]), 0.5);
    assert.equal(jensenShannonDivergence([1, 0, 0], [0, 0, 1]), 1);
    assert.equal(jensenShannonDivergence([0.2, 0.8], [0.2, 0.8]), 0);
  });

  it('refuses mismatched, negative and empty inputs with a typed error', () => {
    assert.throws(() => jensenShannonDivergence([1, 0], [1, 0, 0]), (e: unknown) => StatsError.is(e, 'shapeMismatch'));
    assert.throws(() => jensenShannonDivergence([1, -1], [1, 0]), (e: unknown) => StatsError.is(e, 'invalidValue'));
    assert.throws(() => jensenShannonDivergence([0, 0], [1, 0]), (e: unknown) => StatsError.is(e, 'emptySample'));
  });
});

describe('stats: total-variation distance', () => {
  it('hand-computed: ½ Σ|p − q|', () => {
    // ½ (|.1−.4| + |.2−.3| + |.3−.2| + |.4−.1|) = ½ (.3 + .1 + .1 + .3) = 0.4
    close(totalVariationDistance([0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1]), 0.4);
    // counts (1, 3) and (2, 2): shares (.25, .75) vs (.5, .5): ½ (.25 + .25) = .25
    close(totalVariationDistance([1, 3], [2, 2]), 0.25);
    assert.equal(totalVariationDistance([1, 0], [0, 1]), 1);
  });
  it('refuses empty distributions', () => {
    assert.throws(() => totalVariationDistance([0, 0], [1, 1]), (e: unknown) => StatsError.is(e, 'emptySample'));
  });
});

describe('stats: mixDistributions (ensembles)', () => {
  it('hand-computed: equal and given weights, each input normalised first', () => {
    // equal: ((1, 0) + (.5, .5)) / 2 = (.75, .25); counts (2, 2) are the shares (.5, .5)
    const eq = mixDistributions([[1, 0], [2, 2]]);
    close(eq[0]!, 0.75);
    close(eq[1]!, 0.25);
    // weights 3:1 → ¾ (1, 0) + ¼ (0, 1) = (.75, .25)
    const w = mixDistributions([[1, 0], [0, 1]], [3, 1]);
    close(w[0]!, 0.75);
    close(w[1]!, 0.25);
  });
  it('refuses zero total weight and mismatched supports', () => {
    assert.throws(() => mixDistributions([[1, 0]], [0]), (e: unknown) => StatsError.is(e, 'invalidWeights'));
    assert.throws(() => mixDistributions([[1, 0], [1, 0, 0]]), (e: unknown) => StatsError.is(e, 'shapeMismatch'));
  });
});
