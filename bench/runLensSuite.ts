import { createDefaultSpecService } from '../src/core/spec/defaultSpecService';
import { runLenses } from '../src/core/spec/features/runLenses';
import type { SpecFileSystem } from '../src/core/spec/specFileSystem';
import type { BenchSuite } from './benchTypes';
import { measure } from './measure';

const noFiles: SpecFileSystem = { stat: () => undefined, readText: () => undefined };

/**
 * The run lenses of a 2,000-question survey spec (goal ≤ 20 ms): `Run simulation`, `Run baselines`, `Estimate`,
 * `Resume` from the spec's outline. `warm`: what the provider pays per document version when diagnostics already
 * parsed that text (the spec service reuses the parse); `with_parse` includes the parse of a changed text.
 */
export const runLensSuite: BenchSuite = {
  name: 'run-lenses',
  async run({ quick, log }) {
    const n = 2000;
    const text = ['name: Large survey', 'human:', '  data: h.csv', 'questions:', ...Array.from({ length: n }, (_, i) => `  - { id: Q${String(i + 1).padStart(4, '0')}, text: "Statement number ${i + 1}.", options: [No, Maybe, Yes] }`), ''].join('\n');
    const service = createDefaultSpecService(noFiles);
    const state = { unfinishedRunId: '20261201-120000-anthology' };
    let edit = 0;
    const warm = await measure(() => runLenses(service.parse(text, '/b/large.survey.yaml')!, state), { runs: quick ? 5 : 21, warmup: 2 });
    const cold = await measure((t: string) => runLenses(service.parse(t, '/b/large.survey.yaml')!, state), { runs: quick ? 3 : 7, warmup: 1, setup: () => text.replace('name: Large', `name: Large${edit++}`) });
    const count = runLenses(service.parse(text, '/b/large.survey.yaml')!, state).length;
    log(`${n} questions → ${count} run lenses: warm ${(warm.median_s * 1000).toFixed(2)} ms, with the parse ${(cold.median_s * 1000).toFixed(1)} ms`);
    return {
      run_lenses_2000q_warm: { ...warm, lenses: count, goal_s: 0.02 },
      run_lenses_2000q_with_parse: { ...cold, lenses: count },
    };
  },
};
