// Coverage of the bootstrap intervals of the distances (evidence for the choice in
// src/core/pipelines/analysis/distanceNote.ts): samples of n rows a side from two 100,000-row populations (synth, 20
// questions; one scenario with a shifted population B, one with A and B from the same law), a 95 % percentile, basic
// and BC interval from 200 resamples each, and how often each covers the populations' own distance.
// Run: npx tsx bench/intervalCoverage.ts [n = 500] [samples = 100]  (about 20 s CPU)
import { synth } from './statsSuite';
import { compareSamples } from '../src/core/stats/compareSamples';
import { bootstrapReplicates } from '../src/core/stats/bootstrapReplicates';
import { createRandom } from '../src/core/stats/createRandom';
import { quantileSorted } from '../src/core/stats/quantileSorted';
import type { ItemMatrix } from '../src/core/stats/types';
const k = 20, N = 100_000, n = Number(process.argv[2] ?? 500), trials = Number(process.argv[3] ?? 100), B = 200;
const popA = synth(N, k, 11, 0.05);
const shifted = (m: ItemMatrix, shift: boolean): ItemMatrix => {
  if (!shift) return m;
  const r = createRandom(3); const d = Float64Array.from(m.data);
  for (let j = 0; j < k; j += 2) for (let i = 0; i < N; i++) { const v = d[j * N + i]!; if (v === v && r() < 0.3) d[j * N + i] = Math.min(5, v + 1); }
  return { ...m, data: d };
};
const take = (m: ItemMatrix, rows: Int32Array): ItemMatrix => { const d = new Float64Array(rows.length * k); for (let j = 0; j < k; j++) for (let t = 0; t < rows.length; t++) d[j * rows.length + t] = m.data[j * N + rows[t]!]!; return { nRows: rows.length, nCols: k, data: d }; };
for (const scenario of ['different populations', 'same population']) {
  const popB = shifted(synth(N, k, 12, 0.05), scenario === 'different populations');
  const truth = compareSamples(popA, popB);
  const rnd = createRandom(77);
  const cover = { pct: { wd: 0, fro: 0 }, basic: { wd: 0, fro: 0 }, bc: { wd: 0, fro: 0 } }; const undef = { wd: 0, fro: 0 };
  const below = { wd: 0, fro: 0 }, est = { wd: 0, fro: 0 };
  for (let t = 0; t < trials; t++) {
    const draw = () => Int32Array.from({ length: n }, () => Math.floor(rnd() * N));
    const a = take(popA, draw()), b = take(popB, draw());
    const e = compareSamples(a, b);
    est.wd += e.wdMean / trials; est.fro += e.frobenius / trials;
    const reps = [...bootstrapReplicates(a, b, { replicates: B, seed: t })];
    for (const [key, pick, th, tv] of [['wd', (s: { wdMean: number }) => s.wdMean, e.wdMean, truth.wdMean], ['fro', (s: { frobenius: number }) => s.frobenius, e.frobenius, truth.frobenius]] as const) {
      const v = reps.map(pick as (s: unknown) => number).sort((x, y) => x - y);
      const lo = quantileSorted(v, 0.025), hi = quantileSorted(v, 0.975);
      if (lo <= tv && tv <= hi) cover.pct[key]++;
      if (2 * th - hi <= tv && tv <= 2 * th - lo) cover.basic[key]++;
      if (th < lo) below[key]++;
      const p0 = v.filter((x) => x < th).length / v.length;
      if (p0 === 0 || p0 === 1) undef[key]++;
      else { const z0 = qnorm(p0); const a1 = pnorm(2 * z0 - 1.959964), a2 = pnorm(2 * z0 + 1.959964); if (quantileSorted(v, a1) <= tv && tv <= quantileSorted(v, a2)) cover.bc[key]++; }
    }
  }
  console.log(`  BC: coverage wd ${cover.bc.wd} fro ${cover.bc.fro} of ${trials}; undefined (no replicate below the estimate) wd ${undef.wd} fro ${undef.fro}`);
  console.log(`${scenario} n=${n}: truth wd ${truth.wdMean.toFixed(4)} fro ${truth.frobenius.toFixed(3)}; mean estimate wd ${est.wd.toFixed(4)} fro ${est.fro.toFixed(3)}`);
  console.log(`  coverage of the truth (nominal 95 %) over ${trials} samples: percentile wd ${cover.pct.wd}% fro ${cover.pct.fro}%; basic wd ${cover.basic.wd}% fro ${cover.basic.fro}%; estimate below the percentile interval: wd ${below.wd}, fro ${below.fro}`.replace(/(\d+)%/g, (_, x) => `${(100 * Number(x) / trials).toFixed(0)}%`));
}

function pnorm(x: number): number { const t = 1 / (1 + 0.2316419 * Math.abs(x)); const d = 0.3989422804 * Math.exp(-x * x / 2); const p = d * t * (0.3193815 + t * (-0.3565638 + t * (1.781478 + t * (-1.821256 + t * 1.330274)))); return x > 0 ? 1 - p : p; }
function qnorm(p: number): number { let lo = -10, hi = 10; for (let i = 0; i < 100; i++) { const m = (lo + hi) / 2; if (pnorm(m) < p) lo = m; else hi = m; } return (lo + hi) / 2; }
