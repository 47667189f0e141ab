import type { BenchResult, BenchSuite } from './benchTypes';
import { measure } from './measure';
import { compareSamples } from '../src/core/stats/compareSamples';
import { createRandom } from '../src/core/stats/createRandom';
import { seededSplitHalves } from '../src/core/stats/seededSplitHalves';
import { splitHalfBounds } from '../src/core/stats/splitHalfBounds';
import type { ItemMatrix, RandomSource } from '../src/core/stats/types';
import { edgeWeights } from '../src/core/matching/edgeWeights';
import { linearSumAssignment } from '../src/core/matching/linearSumAssignment';
import type { PersonaVariable } from '../src/core/matching/matchingTypes';

// The workloads of /work/shared/tools/reference_bench.py, regenerated with our own seeded generator
// (numpy's PCG64 streams cannot be reproduced here, so the inputs match in shape and law, not bit for bit).
const SEED = 20240601;

function normal(random: RandomSource): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** n × k five-point answers from a 5-factor latent model cut at ±0.4, ±1.2 (as reference_bench.py `synth`). */
export function synth(n: number, k: number, seed: number, missing: number): ItemMatrix {
  const structure = createRandom(SEED);
  const load = Float64Array.from({ length: k }, () => (0.3 + 0.5 * structure()) * (structure() < 0.5 ? -1 : 1));
  const random = createRandom(seed);
  const data = new Float64Array(n * k);
  const f = new Float64Array(5);
  const cuts = [-1.2, -0.4, 0.4, 1.2];
  for (let r = 0; r < n; r++) {
    for (let q = 0; q < 5; q++) f[q] = normal(random);
    for (let j = 0; j < k; j++) {
      const l = load[j]!;
      const z = f[j % 5]! * l + normal(random) * Math.sqrt(1 - l * l);
      let code = 1;
      for (const c of cuts) if (z > c) code++;
      data[j * n + r] = missing > 0 && random() < missing ? NaN : code;
    }
  }
  return { nRows: n, nCols: k, data };
}

function uniformMatrix(n: number, m: number, seed: number): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from({ length: n * m }, () => random());
}

function dirichletRows(n: number, k: number, random: RandomSource): Float64Array {
  const out = new Float64Array(n * k);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += out[r * k + c] = -Math.log(1 - random());
    for (let c = 0; c < k; c++) out[r * k + c] = out[r * k + c]! / s;
  }
  return out;
}

export const statsSuite: BenchSuite = {
  name: 'stats',
  async run({ quick, log }) {
    const results: Record<string, BenchResult> = {};
    const runs = quick ? 2 : 5;
    const n = quick ? 2000 : 10_000;
    const all50 = [{ name: 'all', items: Array.from({ length: 50 }, (_, j) => j), reverse: [] }];
    for (const missing of [0, 0.05]) {
      const tag = missing > 0 ? '_missing5' : '';
      const a = synth(n, 50, SEED, missing);
      const b = synth(n, 50, SEED + 1, missing);
      let pairValues = '';
      const pair = await measure(
        () => {
          const c = compareSamples(a, b, { scales: all50 });
          pairValues = `${c.wdMean.toFixed(5)}/${c.frobenius.toFixed(4)}/${c.alpha[0]!.absDiff.toFixed(4)}`;
        },
        { runs: quick ? 3 : 9, warmup: 2 },
      );
      results[`metrics_pair_10k_50${tag}`] = { ...pair, rows: n, items: 50 };
      log(`  pair${tag}: wd_mean/frobenius/|Δalpha| = ${pairValues}`);
      const splits = seededSplitHalves(n, { splits: 100, seed: SEED + 100 });
      let boundValues = '';
      const bound = await measure(
        () => {
          const r = splitHalfBounds(a, splits, { scales: all50 });
          boundValues = `${r.mean.wdMean.toFixed(5)}/${r.mean.frobenius.toFixed(4)}/${r.mean.alphaAbsDiff['all']!.toFixed(4)}`;
        },
        { runs: quick ? 1 : 3, warmup: 1 },
      );
      results[`split_half_100_10k_50${tag}`] = { ...bound, rows: n, items: 50, splits: 100 };
      log(`  split-half${tag}: mean wd_mean/frobenius/|Δalpha| = ${boundValues}`);
    }
    const shapes: [number, number][] = quick ? [[1000, 1000], [2000, 4000]] : [[1000, 1000], [2000, 4000], [5000, 5000]];
    for (const [rows, cols] of shapes) {
      const cost = uniformMatrix(rows, cols, SEED);
      let total = 0;
      const r = await measure(() => (total = linearSumAssignment(cost, rows, cols).total), { runs: rows >= 5000 ? 3 : runs, warmup: 1 });
      results[`lsa_${rows}x${cols}`] = { ...r, total_cost: total };
    }
    const nH = quick ? 1000 : 5000;
    const nP = quick ? 2000 : 10_000;
    const random = createRandom(SEED + 7);
    const nCats = [4, 2, 6, 9, 5, 8];
    const personas: PersonaVariable[] = nCats.map((k) => ({ nCategories: k, probabilities: dirichletRows(nP, k, random) }));
    // humans: categories uniform, 3 % refused (−1)
    const humans = nCats.map((k) => Int32Array.from({ length: nH }, () => (random() < 0.03 ? -1 : Math.floor(random() * k))));
    const ew = await measure(() => edgeWeights(humans, personas), { runs: 3, warmup: 1 });
    results['edge_weights_5000x10000x6'] = { ...ew, humans: nH, personas: nP, variables: nCats.length };
    return results;
  },
};
