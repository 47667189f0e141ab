import type { AnalysisReport } from '../src/core/pipelines/analysis/analysisReport';
import { lensResults } from '../src/core/results/lensResults';
import { createDefaultSpecService } from '../src/core/spec/defaultSpecService';
import { resultLenses } from '../src/core/spec/features/resultLenses';
import type { SpecFileSystem } from '../src/core/spec/specFileSystem';
import type { BenchSuite } from './benchTypes';
import { measure } from './measure';

const noFiles: SpecFileSystem = { stat: () => undefined, readText: () => undefined };

/**
 * The result lenses of a 2,000-question survey spec (goal ≤ 20 ms): `Open results` plus a `WD · human · drift`
 * lens per question, from the spec's outline and the lens data of its analysis. `warm` is what the provider
 * pays per document version when diagnostics already parsed that text (the spec service reuses the parse);
 * `cold` includes the parse.
 */
export const resultLensSuite: BenchSuite = {
  name: 'result-lenses',
  async run({ quick, log }) {
    const n = 2000;
    const ids = Array.from({ length: n }, (_, i) => `Q${String(i + 1).padStart(4, '0')}`);
    const text = ['name: Large survey', 'human:', '  data: h.csv', 'questions:', ...ids.map((id, i) => `  - { id: ${id}, text: "Statement number ${i + 1}.", options: [No, Maybe, Yes] }`), ''].join('\n');
    const perQuestion = (f: (i: number) => number): Record<string, number> => Object.fromEntries(ids.map((id, i) => [id, f(i)]));
    const report = {
      survey: { questions: ids.map((id) => ({ id, text: '', options: ['No', 'Maybe', 'Yes'], codes: [1, 2, 3] })) },
      human: { bounds: { wd_mean: 0.05, wd: perQuestion((i) => 0.04 + (i % 7) / 100) } },
      methods: { sim: { kind: 'simulation', label: 'sim', wd_mean: 0.2, wd: perQuestion((i) => 0.1 + (i % 11) / 50), drift: perQuestion((i) => ((i % 9) - 4) / 10) } },
    } as unknown as AnalysisReport;
    const results = lensResults(report, 'run', 'sim')!;
    const service = createDefaultSpecService(noFiles);
    const runs = quick ? 5 : 21;
    let edit = 0;
    const warm = await measure(() => resultLenses(service.parse(text, '/b/large.survey.yaml')!, results), { runs, warmup: 2 });
    const cold = await measure((t: string) => resultLenses(service.parse(t, '/b/large.survey.yaml')!, results), { runs: quick ? 3 : 7, warmup: 1, setup: () => text.replace('name: Large', `name: Large${edit++}`) });
    const count = resultLenses(service.parse(text, '/b/large.survey.yaml')!, results).length;
    log(`${n} questions → ${count} lenses: warm ${(warm.median_s * 1000).toFixed(1)} ms, with the parse ${(cold.median_s * 1000).toFixed(1)} ms`);
    return {
      result_lenses_2000q_warm: { ...warm, lenses: count, goal_s: 0.02 },
      result_lenses_2000q_with_parse: { ...cold, lenses: count },
    };
  },
};
