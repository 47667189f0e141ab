import { aggregateSummaries } from '../../stats/aggregateSummaries';
import { bootstrapBias } from '../../stats/bootstrapBias';
import type { MetricSummary } from '../../stats/metricSummary';
import { compareSamples } from '../../stats/compareSamples';
import { jensenShannonDivergence } from '../../stats/jensenShannonDivergence';
import { representativeness } from '../../stats/representativeness';
import { selectRows } from '../../stats/selectRows';
import { signedDrift } from '../../stats/signedDrift';
import { totalVariationDistance } from '../../stats/totalVariationDistance';
import type { Interval, MethodMetrics, SubgroupMetrics } from './analysisReport';
import { matrixRows, num, type AnalysisContext } from './analysisContext';
import { codeShares } from './codeShares';
import { rowsAgreement } from './agreementMetrics';
import { distanceNote } from './distanceNote';
import { parallelBootstrap } from './parallelBootstrap';
import type { MethodInput, RowsSample } from './methodSample';

/**
 * Every metric of one method with a row of answers per persona, against the human data (A = humans, with their
 * survey weights; B = personas, unweighted as in Anthology): per-question WD and its mean, representativeness,
 * Frobenius, alpha per scale, signed drift, refusal rate, JSD and TV, distributions and the correlation matrix;
 * seeded bootstrap intervals; subgroup views when personas know their matched respondent.
 */
export async function rowsMethodMetrics(ctx: AnalysisContext, method: MethodInput, sample: RowsSample): Promise<MethodMetrics> {
  const p = `methods.${method.name}`;
  const { human, questionIds } = ctx;
  const sim = sample.matrix;
  const k = questionIds.length;
  const n = sim.nRows;
  const weights = human.weights;
  const base = { kind: method.kind, label: method.label, ...(method.runDir ? { runDir: method.runDir } : {}), ...(method.model ? { model: method.model } : {}), n };
  const simShares = codeShares(sim, ctx.codes);
  const refusal: Record<string, number | null> = {};
  const distributions: Record<string, number[]> = {};
  const jsd: Record<string, number | null> = {};
  const tv: Record<string, number | null> = {};
  questionIds.forEach((id, j) => {
    let missing = 0;
    for (let r = 0; r < n; r++) if (Number.isNaN(sim.data[j * n + r]!)) missing++;
    refusal[id] = n > 0 && sample.noAnswersReason === undefined ? missing / n : num(ctx, `${p}.refusal_rate.${id}`, NaN, sample.noAnswersReason ?? 'no personas');
    distributions[id] = Array.from(simShares.shares[j]!);
    const defined = simShares.totals[j]! > 0 && ctx.humanShares[j]!.every((v) => !Number.isNaN(v));
    jsd[id] = defined ? jensenShannonDivergence(ctx.humanShares[j]!, simShares.shares[j]!) : num(ctx, `${p}.jsd.${id}`, NaN, 'no valid answer on one side');
    tv[id] = defined ? totalVariationDistance(ctx.humanShares[j]!, simShares.shares[j]!) : num(ctx, `${p}.tv.${id}`, NaN, 'no valid answer on one side');
  });
  const agreement = rowsAgreement(ctx, p, sample);
  if (n < 2) {
    const why = `${n} persona(s): at least 2 are needed for distances and correlations`;
    ctx.reasons[p] = why;
    return { ...base, ...agreement, wd: nulls(questionIds), wd_mean: null, representativeness: null, frobenius: null, alpha: nulls(ctx.scales.map((s) => s.name)), drift: nulls(questionIds), refusal_rate: refusal, jsd, tv, distributions, correlation: { ids: questionIds, matrix: [] } };
  }
  ctx.signal?.throwIfAborted();
  const cmp = compareSamples(human.matrix, sim, { scales: ctx.scales, ...(weights ? { weightsA: weights } : {}) });
  const main = cmp.weighted ?? cmp;
  const wd: Record<string, number | null> = {};
  questionIds.forEach((id, j) => (wd[id] = num(ctx, `${p}.wd.${id}`, main.wd[j]!, 'no valid answer on one side')));
  const rep = representativeness(main.wd, ctx.codes.map((c) => c.length));
  const allPairs = (k * (k - 1)) / 2;
  let frobenius: number | null = num(ctx, `${p}.frobenius`, main.frobenius, 'correlations are undefined');
  if (allPairs > 0 && main.skippedPairs === allPairs) {
    frobenius = null;
    ctx.reasons[`${p}.frobenius`] = 'every simulated (or human) correlation is undefined: the columns are constant or share too few answers';
  } else if (main.skippedPairs > 0) {
    ctx.reasons[`${p}.frobenius_note`] = `${main.skippedPairs} of ${allPairs} question pairs left out of the sum: a correlation is undefined (constant column)`;
  }
  const alpha: Record<string, number | null> = {};
  for (const a of cmp.alpha) alpha[a.name] = num(ctx, `${p}.alpha.${a.name}`, a.b, 'alpha is undefined: an item has no variance among the personas');
  const driftValues = signedDrift(sim, human.matrix, weights ? { weightsHuman: weights } : {});
  const drift: Record<string, number | null> = {};
  questionIds.forEach((id, j) => (drift[id] = num(ctx, `${p}.drift.${id}`, driftValues[j]!, 'no valid answer on one side')));
  const metrics: MethodMetrics = {
    ...base,
    wd,
    wd_mean: num(ctx, `${p}.wd_mean`, main.wdMean, 'no question has valid answers on both sides'),
    representativeness: num(ctx, `${p}.representativeness`, rep.mean, 'no question has valid answers on both sides'),
    frobenius,
    alpha,
    drift,
    refusal_rate: refusal,
    jsd,
    tv,
    distributions,
    correlation: { ids: questionIds, matrix: matrixRows(cmp.corrB, k) },
    ...agreement,
  };
  const intervals = await bootstrapIntervals(ctx, p, sim, { wd_mean: main.wdMean, frobenius: main.frobenius });
  const subgroups = subgroupViews(ctx, p, sample);
  return { ...metrics, ...(intervals ? { intervals } : {}), ...(subgroups ?? {}) };
}

function nulls(keys: readonly string[]): Record<string, null> {
  return Object.fromEntries(keys.map((k) => [k, null]));
}

function interval(lo: number, hi: number): Interval | null {
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}

async function bootstrapIntervals(ctx: AnalysisContext, p: string, sim: RowsSample['matrix'], estimate: { wd_mean: number; frobenius: number }): Promise<MethodMetrics['intervals'] | undefined> {
  if (ctx.bootstrap < 2) {
    ctx.reasons[`${p}.intervals`] = ctx.bootstrap === 0 ? 'bootstrap turned off (metrics.bootstrap: 0)' : 'a bootstrap needs at least 2 resamples';
    return undefined;
  }
  // the replicates of the core's bootstrapReplicates (the same numbers), on worker threads when the work is large;
  // cancellable through the signal
  const summaries: MetricSummary[] = await parallelBootstrap(ctx.human.matrix, sim, {
    scales: ctx.scales,
    replicates: ctx.bootstrap,
    seed: ctx.bootstrapSeed,
    ...(ctx.human.weights ? { weightsA: ctx.human.weights } : {}),
    ...(ctx.threads === undefined ? {} : { threads: ctx.threads }),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(ctx.onBootstrap ? { onProgress: ctx.onBootstrap } : {}),
  });
  const lower = aggregateSummaries(summaries, { statistic: 'quantile', probability: (1 - ctx.confidence) / 2 });
  const upper = aggregateSummaries(summaries, { statistic: 'quantile', probability: (1 + ctx.confidence) / 2 });
  const lo = lower.weighted ?? lower;
  const hi = upper.weighted ?? upper;
  const alpha: Record<string, Interval | null> = {};
  for (const s of ctx.scales) alpha[s.name] = interval(lower.alphaB?.[s.name] ?? NaN, upper.alphaB?.[s.name] ?? NaN);
  const bias = {
    wd_mean: finite(bootstrapBias(summaries.map((s) => (s.weighted ?? s).wdMean), estimate.wd_mean)),
    frobenius: finite(bootstrapBias(summaries.map((s) => (s.weighted ?? s).frobenius), estimate.frobenius)),
  };
  distanceNote(ctx, p, { wd_mean: [estimate.wd_mean, lo.wdMean], frobenius: [estimate.frobenius, lo.frobenius] }, bias);
  return { kind: 'percentile', resamples: ctx.bootstrap, level: ctx.confidence, seed: ctx.bootstrapSeed, bias, wd_mean: interval(lo.wdMean, hi.wdMean), frobenius: interval(lo.frobenius, hi.frobenius), alpha };
}

function finite(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}


/**
 * Per declared subgroup variable and category: the humans of that category against the personas of that category —
 * by the respondent each persona is paired with (`respondentRows`: matched, bio/qa/portray, demographic-cell), or else
 * by the persona's own demographics (`personaCategories`: meta and ladder personas' census fields, imported personas'
 * mapped columns). Categories with fewer than 2 rows on a side are left out with their reason; a variable the
 * personas do not carry, and personas in categories the humans do not have, are noted.
 */
function subgroupViews(ctx: AnalysisContext, p: string, sample: RowsSample): Pick<MethodMetrics, 'subgroups' | 'subgroups_by'> | undefined {
  if (ctx.subgroups.length === 0) return undefined;
  const rows = sample.respondentRows;
  const own = sample.personaCategories;
  if (!rows && !own) {
    ctx.reasons[`${p}.subgroups`] = 'the personas are not paired with respondents and carry no demographics of their own (no personas.jsonl with demographics in the run folder)';
    return undefined;
  }
  const out: Record<string, Record<string, SubgroupMetrics>> = {};
  for (const variable of ctx.subgroups) {
    const cats = ctx.human.demographics.get(variable);
    if (!cats) continue;
    const personaCats = rows ? undefined : own!.get(variable);
    if (!rows && !personaCats) {
      ctx.reasons[`${p}.subgroups.${variable}`] = `the personas carry no ${variable} of their own and are not paired with respondents, so they have no ${variable} category`;
      continue;
    }
    const humanRows = new Map<string, number[]>();
    cats.forEach((c, r) => {
      if (c === null) return;
      const list = humanRows.get(c);
      if (list) list.push(r);
      else humanRows.set(c, [r]);
    });
    const simRows = new Map<string, number[]>();
    const n = sample.matrix.nRows;
    for (let i = 0; i < n; i++) {
      const c = rows ? (rows[i]! >= 0 ? cats[rows[i]!] : null) : personaCats![i];
      if (c === null || c === undefined) continue;
      const list = simRows.get(c);
      if (list) list.push(i);
      else simRows.set(c, [i]);
    }
    const unknown = [...simRows.keys()].filter((c) => !humanRows.has(c));
    if (unknown.length > 0) {
      const count = unknown.reduce((a, c) => a + simRows.get(c)!.length, 0);
      ctx.reasons[`${p}.subgroups.${variable}_note`] = `${count} persona(s) in ${variable} categories no respondent has (${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}): not compared`;
    }
    const groups: Record<string, SubgroupMetrics> = {};
    for (const group of [...humanRows.keys()].sort()) {
      const hr = humanRows.get(group)!;
      const sr = simRows.get(group) ?? [];
      const gp = `${p}.subgroups.${variable}.${group}`;
      if (hr.length < 2 || sr.length < 2) {
        ctx.reasons[gp] = `too few rows to compare (${hr.length} human, ${sr.length} personas; 2 needed on each side)`;
        continue;
      }
      const h = selectRows(ctx.human.matrix, hr);
      const s = selectRows(sample.matrix, sr);
      const w = ctx.human.weights ? Float64Array.from(hr, (r) => ctx.human.weights![r]!) : undefined;
      const cmp = compareSamples(h, s, { ...(w ? { weightsA: w } : {}) });
      const d = signedDrift(s, h, w ? { weightsHuman: w } : {});
      const drift: Record<string, number | null> = {};
      ctx.questionIds.forEach((id, j) => (drift[id] = Number.isFinite(d[j]!) ? d[j]! : null));
      groups[group] = { n_human: hr.length, n: sr.length, wd_mean: num(ctx, `${gp}.wd_mean`, (cmp.weighted ?? cmp).wdMean, 'no question has answers on both sides'), drift };
    }
    out[variable] = groups;
  }
  return { subgroups: out, subgroups_by: rows ? 'respondent' : 'persona' };
}
