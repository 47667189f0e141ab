import { availableParallelism } from 'node:os';
import type { BenchResult, BenchSuite } from './benchTypes';
import { measure } from './measure';
import { synth } from './statsSuite';
import { analyzeSurvey } from '../src/core/pipelines/analysis/analyzeSurvey';
import type { HumanSample } from '../src/core/pipelines/analysis/humanSample';
import { uniformBaseline } from '../src/core/pipelines/baselines/uniformBaseline';
import { toSurveySpec } from '../src/core/specModel/toSurveySpec';

const SEED = 20240601;

/**
 * `analyze` of a run of n personas × k questions against n humans (5-point answers from a 5-factor latent model,
 * 5 % missing), with the human split-half bound over 100 sha256 splits, 1,000 bootstrap resamples of every metric
 * (WD per question and mean, Frobenius, alpha of 5 scales) and the uniform baseline. Goal: ≤ 10 s for 10,000 × 100
 * (single-threaded numpy spends about 24 ms per resample on the correlation matrix alone). Measured on one thread and
 * with the bootstrap's worker pool; the two must give the same numbers.
 */
export const analyzeSuite: BenchSuite = {
  name: 'analyze',
  async run({ quick, log }) {
    const n = quick ? 2000 : 10_000;
    const k = 100;
    const resamples = quick ? 100 : 1000;
    const ids = Array.from({ length: k }, (_, j) => `q${j + 1}`);
    const value = {
      name: 'bench',
      questions: ids.map((id) => ({ id, text: id, options: ['1', '2', '3', '4', '5'] })),
      scales: Object.fromEntries(Array.from({ length: 5 }, (_, s) => [`s${s}`, { items: ids.filter((_, j) => j % 5 === s), reverse: [] }])),
      metrics: { bounds: { splits: 100, rule: 'sha256' }, bootstrap: resamples, seed: 1 },
    };
    const survey = toSurveySpec({ value, text: JSON.stringify(value) }, '/bench/bench.survey.yaml');
    const human: HumanSample = { matrix: synth(n, k, SEED, 0.05), ids: Array.from({ length: n }, (_, r) => String(r + 1)), demographics: new Map() };
    const simulated = synth(n, k, SEED + 1, 0.05);
    const results: Record<string, BenchResult> = {};
    // once on this thread only, once with the bootstrap's worker pool (the default: every available core); CPU time is
    // the whole process's (every thread), the honest cost on a shared machine where wall time is inflated
    let single: string | undefined;
    for (const threads of [1, undefined]) {
      let summary = '';
      let cpu = 0;
      // the human stage (full-sample reference and the 100 split-half bounds, on this thread) runs from the 'human'
      // progress call to the first method's
      let humanStart = 0;
      let humanWall = 0;
      // no worker runs during the human stage, so the process's CPU time over it is this thread's
      let humanCpu0 = process.cpuUsage();
      let humanCpu = 0;
      const onProgress = (stage: string): void => {
        if (stage === 'human') {
          humanStart = performance.now();
          humanCpu0 = process.cpuUsage();
        } else if (humanWall === 0) {
          humanWall = (performance.now() - humanStart) / 1000;
          const c = process.cpuUsage(humanCpu0);
          humanCpu = (c.user + c.system) / 1e6;
        }
      };
      const r = await measure(
        async () => {
          const c0 = process.cpuUsage();
          const report = await analyzeSurvey(survey, human, [
            { name: 'uniform', kind: 'baseline', label: 'uniform', sample: uniformBaseline(survey) },
            { name: 'run', kind: 'simulation', label: 'run', sample: { kind: 'rows', matrix: simulated } },
          ], threads === undefined ? { onProgress } : { threads, onProgress });
          const m = report.methods['run']!;
          const c = process.cpuUsage(c0);
          cpu = (c.user + c.system) / 1e6;
          summary = `bound wd_mean ${report.human.bounds.wd_mean?.toFixed(5)}, run wd_mean ${m.wd_mean?.toFixed(5)} CI ${m.intervals?.wd_mean?.map((x) => x.toFixed(5)).join('–')}, frobenius ${m.frobenius?.toFixed(4)} CI ${m.intervals?.frobenius?.map((x) => x.toFixed(4)).join('–')}`;
        },
        { runs: 1, warmup: 0 },
      );
      const label = threads === 1 ? '1 thread' : `pool of ${availableParallelism()}`;
      log(`  analyze ${n} × ${k}, 100 splits, ${resamples} resamples, ${label}: ${r.median_s.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU; of which the human split-half bounds ${humanWall.toFixed(2)} s wall (${((100 * humanWall) / r.median_s).toFixed(0)} %), ${humanCpu.toFixed(2)} s CPU (${((100 * humanCpu) / cpu).toFixed(0)} %) (${summary})`);
      if (threads === 1) single = summary;
      else if (summary !== single) throw new Error(`the pool changed the results:\n  1 thread: ${single}\n  pool:     ${summary}`);
      const key = `analyze_${n}x${k}_100splits_${resamples}boot${threads === 1 ? '_1thread' : ''}`;
      results[key] = { ...r, personas: n, questions: k, splits: 100, resamples, threads: threads ?? availableParallelism(), cpu_s: cpu, human_bounds_s: humanWall, human_bounds_cpu_s: humanCpu, goal_s: 10 };
    }
    return results;
  },
};
