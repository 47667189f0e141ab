import { bootstrapBias } from '../../stats/bootstrapBias';
import { createRandom } from '../../stats/createRandom';
import { frobeniusDistance } from '../../stats/frobeniusDistance';
import { fsum } from '../../stats/fsum';
import { jensenShannonDivergence } from '../../stats/jensenShannonDivergence';
import { quantileSorted } from '../../stats/quantileSorted';
import { representativeness } from '../../stats/representativeness';
import { rowHistograms, type RowHistograms } from '../../stats/rowHistograms';
import { totalVariationDistance } from '../../stats/totalVariationDistance';
import { wasserstein1d } from '../../stats/wasserstein1d';
import type { Interval, MethodMetrics } from './analysisReport';
import { matrixRows, num, type AnalysisContext } from './analysisContext';
import { unpairedAgreement } from './agreementMetrics';
import type { DistributionSample, MethodInput } from './methodSample';
import { distanceNote } from './distanceNote';

/**
 * The metrics of a method given as exact per-question distributions (the uniform baseline, ensembles): WD on the
 * codes (scipy `wasserstein_distance(codes, codes, p_human, p_method)`), its mean, representativeness, drift (the
 * distribution's mean minus the human mean), JSD and TV. Structure metrics follow `sample.structure`: independent
 * answers have the identity as correlation matrix and alpha 0 for every scale; a blend has none (null, with the
 * reason). Bootstrap intervals resample the humans only (the distribution has no sampling noise).
 */
export async function distributionMethodMetrics(ctx: AnalysisContext, method: MethodInput, sample: DistributionSample): Promise<MethodMetrics> {
  const p = `methods.${method.name}`;
  const { questionIds, codes } = ctx;
  const k = questionIds.length;
  const wdValues = new Float64Array(k);
  const wd: Record<string, number | null> = {};
  const drift: Record<string, number | null> = {};
  const jsd: Record<string, number | null> = {};
  const tv: Record<string, number | null> = {};
  const distributions: Record<string, number[]> = {};
  const refusal: Record<string, number | null> = {};
  questionIds.forEach((id, j) => {
    const h = ctx.humanShares[j]!;
    const s = sample.shares[j]!;
    distributions[id] = Array.from(s);
    const defined = h.every((v) => !Number.isNaN(v)) && s.some((v) => v > 0);
    wdValues[j] = defined ? wasserstein1d(codes[j]!, codes[j]!, { uWeights: h, vWeights: s }) : NaN;
    wd[id] = num(ctx, `${p}.wd.${id}`, wdValues[j]!, 'no valid answer on one side');
    drift[id] = num(ctx, `${p}.drift.${id}`, defined ? meanOf(codes[j]!, s) - meanOf(codes[j]!, h) : NaN, 'no valid answer on one side');
    jsd[id] = defined ? jensenShannonDivergence(h, s) : num(ctx, `${p}.jsd.${id}`, NaN, 'no valid answer on one side');
    tv[id] = defined ? totalVariationDistance(h, s) : num(ctx, `${p}.tv.${id}`, NaN, 'no valid answer on one side');
    const r = sample.refusalRate?.[j];
    refusal[id] = r ?? null;
    if (r === undefined || r === null) ctx.reasons[`${p}.refusal_rate.${id}`] = sample.refusalReason ?? 'not measured for this method';
  });
  const defined = Array.from(wdValues).filter((v) => !Number.isNaN(v));
  const wdMean = defined.length > 0 ? fsum(defined) / defined.length : NaN;
  const rep = representativeness(wdValues, codes.map((c) => c.length));
  let frobenius: number | null = null;
  const alpha: Record<string, number | null> = {};
  let correlation: (number | null)[][] = [];
  if (sample.structure.kind === 'independent') {
    const identity = new Float64Array(k * k);
    for (let i = 0; i < k; i++) identity[i * k + i] = 1;
    const f = frobeniusDistance(ctx.humanCorrelation, identity, k);
    frobenius = num(ctx, `${p}.frobenius`, f.full, 'the human correlations are undefined');
    if (f.skippedPairs > 0) ctx.reasons[`${p}.frobenius_note`] = `${f.skippedPairs} question pairs left out: the human correlation is undefined`;
    for (const s of ctx.scales) alpha[s.name] = 0;
    correlation = matrixRows(identity, k);
  } else {
    ctx.reasons[`${p}.frobenius`] = sample.structure.reason;
    ctx.reasons[`${p}.alpha`] = sample.structure.reason;
    ctx.reasons[`${p}.correlation`] = sample.structure.reason;
    for (const s of ctx.scales) alpha[s.name] = null;
  }
  const intervals = await humanOnlyBootstrap(ctx, p, sample, wdMean);
  return {
    kind: method.kind,
    label: method.label,
    ...(method.runDir ? { runDir: method.runDir } : {}),
    ...(method.model ? { model: method.model } : {}),
    n: sample.n,
    wd,
    wd_mean: num(ctx, `${p}.wd_mean`, wdMean, 'no question has valid answers on both sides'),
    representativeness: num(ctx, `${p}.representativeness`, rep.mean, 'no question has valid answers on both sides'),
    frobenius,
    alpha,
    drift,
    refusal_rate: refusal,
    jsd,
    tv,
    distributions,
    correlation: { ids: questionIds, matrix: correlation },
    ...unpairedAgreement(ctx, p, questionIds, method.kind === 'ensemble' ? 'an ensemble blends distributions: no persona stands for a respondent' : 'an exact distribution has no personas to pair with respondents'),
    ...(intervals ? { intervals } : {}),
  };
}

function meanOf(codes: readonly number[], shares: Float64Array): number {
  let s = 0;
  let t = 0;
  for (let i = 0; i < codes.length; i++) {
    s += codes[i]! * shares[i]!;
    t += shares[i]!;
  }
  return s / t;
}

/** Percentile interval of wd_mean when only the human sample is resampled (seeded, as bootstrapComparison draws). */
async function humanOnlyBootstrap(ctx: AnalysisContext, p: string, sample: DistributionSample, estimate: number): Promise<MethodMetrics['intervals'] | undefined> {
  if (ctx.bootstrap < 2) return undefined;
  const { matrix, weights } = ctx.human;
  const n = matrix.nRows;
  if (n < 2) return undefined;
  const k = ctx.codes.length;
  // each answer's position in its question's codes (−1: missing or undeclared), computed once
  const offsets = new Int32Array(k + 1);
  ctx.codes.forEach((c, j) => (offsets[j + 1] = offsets[j]! + c.length));
  const bin = new Int32Array(n * k);
  ctx.codes.forEach((c, j) => {
    const index = new Map(c.map((code, i) => [code, i]));
    for (let r = 0; r < n; r++) bin[j * n + r] = index.get(matrix.data[j * n + r]!) ?? -1;
  });
  // the same bins row-major as histogram slots, a missing or undeclared answer in one spare slot past the end: the
  // unweighted counts go row by row, so consecutive additions hit different questions' slots
  const spare = offsets[k]!;
  let counter: RowHistograms | undefined;
  if (!weights) {
    const slot = new Int32Array(n * k);
    for (let j = 0; j < k; j++) for (let r = 0; r < n; r++) slot[r * k + j] = bin[j * n + r]! >= 0 ? offsets[j]! + bin[j * n + r]! : spare;
    counter = rowHistograms(slot, n, k, spare);
  }
  const random = createRandom(ctx.bootstrapSeed);
  const rows = new Int32Array(n);
  const counts = new Int32Array(n);
  const hist = new Float64Array(spare + 1);
  const values: number[] = [];
  let last = performance.now();
  for (let rep = 0; rep < ctx.bootstrap; rep++) {
    if (performance.now() - last > 100) {
      await new Promise((resolve) => setImmediate(resolve));
      ctx.signal?.throwIfAborted();
      last = performance.now();
    }
    for (let i = 0; i < n; i++) rows[i] = Math.floor(random() * n);
    hist.fill(0);
    if (weights) {
      // survey weights: summed in draw order, as always (a float sum's rounding depends on its order)
      for (let j = 0; j < k; j++) {
        const base = j * n;
        const off = offsets[j]!;
        for (let t = 0; t < n; t++) {
          const r = rows[t]!;
          const b = bin[base + r]!;
          if (b >= 0) hist[off + b]! += weights[r]!;
        }
      }
    } else {
      // unweighted counts are exact integers in any order: count the draws per row, then one pass over the rows drawn
      counts.fill(0);
      for (let t = 0; t < n; t++) counts[rows[t]!]!++;
      counter!.count(counts, hist);
    }
    const wds: number[] = [];
    for (let j = 0; j < k; j++) {
      const h = hist.subarray(offsets[j]!, offsets[j + 1]!);
      if (!h.some((x) => x > 0)) continue;
      wds.push(wasserstein1d(ctx.codes[j]!, ctx.codes[j]!, { uWeights: h, vWeights: sample.shares[j]! }));
    }
    values.push(wds.length > 0 ? fsum(wds) / wds.length : NaN);
  }
  const level = ctx.confidence;
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const wdMean: Interval | null = sorted.length === values.length ? [quantileSorted(sorted, (1 - level) / 2), quantileSorted(sorted, (1 + level) / 2)] : null;
  ctx.reasons[`${p}.intervals`] = 'an exact distribution has no sampling noise: the wd_mean interval resamples the humans only; Frobenius and alpha have no interval';
  const alpha: Record<string, Interval | null> = {};
  for (const s of ctx.scales) alpha[s.name] = null;
  const b = bootstrapBias(values, estimate);
  const bias = { wd_mean: Number.isFinite(b) ? b : null, frobenius: null };
  if (wdMean) distanceNote(ctx, p, { wd_mean: [estimate, wdMean[0]] }, bias);
  return { kind: 'percentile', resamples: ctx.bootstrap, level, seed: ctx.bootstrapSeed, bias, wd_mean: wdMean, frobenius: null, alpha };
}
