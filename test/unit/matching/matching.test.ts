// Persona–human matching (seeds-methods §1.5): cleaning, harmonisation, edge weights, greedy, max-weight and random.
// Expected values are hand computations quoted next to each assertion.
import assert from 'node:assert/strict';
import {
  cleanPersonaDistribution, edgeWeights, greedyMatching, harmonizeDistribution, linearSumAssignment, matchPersonas, maxWeightMatching, randomMatching,
  type PersonaVariable,
} from '../../../src/core/matching/index';
import { StatsError } from '../../../src/core/stats/index';

describe('matching: persona distributions', () => {
  it('cleaning drops the refusal and non-compliant buckets, renormalises, and falls back to uniform', () => {
    // counts [2, 6, 0, 1, 1] over 3 options + "prefer not" + non-compliant → [2, 6, 0] / 8
    assert.deepEqual(Array.from(cleanPersonaDistribution(Object.freeze([2, 6, 0, 1, 1]))), [0.25, 0.75, 0]);
    assert.deepEqual(Array.from(cleanPersonaDistribution([0, 0, 0, 3, 5])), [1 / 3, 1 / 3, 1 / 3]);
    assert.throws(() => cleanPersonaDistribution([1, -1, 0, 0]), (e: unknown) => StatsError.is(e, 'invalidValue'));
  });
  it('harmonisation sums fine categories into the survey bins (income 13 → 9 style)', () => {
    // fine [.1,.2,.3,.4] → bins {0: f0+f1, 1: f2}, f3 dropped
    const h = harmonizeDistribution([0.1, 0.2, 0.3, 0.4], [0, 0, 1, -1], 2);
    assert.ok(Math.abs(h[0]! - 0.3) < 1e-15 && h[1] === 0.3);
    assert.throws(() => harmonizeDistribution([1], [2], 2), (e: unknown) => StatsError.is(e, 'invalidOption'));
  });
});

describe('matching: edgeWeights', () => {
  // 3 personas; variable 0 has 2 categories, variable 1 has 3
  const personas: PersonaVariable[] = [
    { nCategories: 2, probabilities: Float64Array.from([0.9, 0.1, 0.5, 0.5, 0.2, 0.8]) },
    { nCategories: 3, probabilities: Float64Array.from([0.2, 0.3, 0.5, 0.6, 0.2, 0.2, 0.1, 0.1, 0.8]) },
  ];
  it('is the product over variables of the persona probability of the human category; missing → 1/n_categories', () => {
    const humans = [Int32Array.from([0, 1, -1, 0]), Int32Array.from([2, 0, 1, 2])];
    const w = edgeWeights(humans, personas);
    const want = [
      [0.9 * 0.5, 0.5 * 0.2, 0.2 * 0.8], // human 0: (0, 2)
      [0.1 * 0.2, 0.5 * 0.6, 0.8 * 0.1], // human 1: (1, 0)
      [0.5 * 0.3, 0.5 * 0.2, 0.5 * 0.1], // human 2: (missing → 1/2, 1)
      [0.9 * 0.5, 0.5 * 0.2, 0.2 * 0.8], // human 3: same tuple as human 0
    ];
    want.forEach((row, h) => row.forEach((v, p) => assert.ok(Math.abs(w[h * 3 + p]! - v) < 1e-15, `w[${h},${p}]`)));
  });
  it('rejects out-of-range categories and mismatched shapes', () => {
    assert.throws(() => edgeWeights([Int32Array.from([2]), Int32Array.from([0])], personas), (e: unknown) => StatsError.is(e, 'invalidValue'));
    assert.throws(() => edgeWeights([Int32Array.from([0])], personas), (e: unknown) => StatsError.is(e, 'shapeMismatch'));
  });
});

describe('matching: greedy, maximum-weight and random', () => {
  const w = Float64Array.from([
    0.5, 0.9, 0.9, // human 0: tie between personas 1 and 2 → 1
    0.2, 0.9, 0.1, // human 1: persona 1 again (reuse allowed)
  ]);
  it('greedy takes the argmax per human, reuses personas, and breaks ties to the lowest index', () => {
    assert.deepEqual(Array.from(greedyMatching(w, 2, 3)), [1, 1]);
  });
  it('maximum-weight matching is one-to-one and maximises the total weight', () => {
    const m = maxWeightMatching(w, 2, 3);
    assert.deepEqual(Array.from(m), [2, 1]); // 0.9 + 0.9 beats every other injective choice
    assert.equal(linearSumAssignment(w, 2, 3, { maximize: true }).total, 1.8);
  });
  it('one-to-one matching with fewer personas than humans is a clear typed error', () => {
    assert.throws(
      () => maxWeightMatching(w, 3, 2),
      (e: unknown) => StatsError.is(e, 'tooFewPersonas') && /2 personas for 3 humans/.test(e.message),
    );
    assert.throws(() => randomMatching(5, 4), (e: unknown) => StatsError.is(e, 'tooFewPersonas'));
  });
  it('random matching draws distinct personas, reproducibly for a seed', () => {
    const a = randomMatching(50, 80, { seed: 42 });
    assert.equal(new Set(a).size, 50);
    assert.ok(a.every((p) => p >= 0 && p < 80));
    assert.deepEqual(a, randomMatching(50, 80, { seed: 42 }));
    assert.notDeepEqual(a, randomMatching(50, 80, { seed: 43 }));
  });
});

describe('matching: matchPersonas (clean → harmonise → weights → assign)', () => {
  // 2 humans, 3 personas, one variable with 3 LLM answer options + "prefer not" + non-compliant,
  // harmonised to 2 survey categories: options 0, 1 → category 0; option 2 → category 1.
  const personas = [
    {
      nBuckets: 5,
      counts: Float64Array.from([
        1, 1, 6, 2, 0, // persona 0: cleaned [1/8, 1/8, 6/8] → [0.25, 0.75]
        4, 4, 0, 0, 9, // persona 1: → [1, 0]
        0, 0, 0, 5, 5, // persona 2: nothing left → uniform [1/3]·3 → [2/3, 1/3]
      ]),
      mapping: [0, 0, 1],
      nCategories: 2,
    },
  ];
  const humans = [Int32Array.from([1, 0])];
  it('maxWeight: human 0 (category 1) gets persona 0 (0.75), human 1 (category 0) persona 1 (1.0)', () => {
    assert.deepEqual(Array.from(matchPersonas(humans, personas)), [0, 1]);
  });
  it('greedy: same argmax per human here; random: distinct personas', () => {
    assert.deepEqual(Array.from(matchPersonas(humans, personas, { method: 'greedy' })), [0, 1]);
    const r = matchPersonas(humans, personas, { method: 'random', seed: 1 });
    assert.equal(new Set(r).size, 2);
  });
  it('one-to-one with more humans than personas is a typed error', () => {
    assert.throws(() => matchPersonas([Int32Array.from([0, 1, 0, 1])], personas), (e: unknown) => StatsError.is(e, 'tooFewPersonas'));
  });
});
