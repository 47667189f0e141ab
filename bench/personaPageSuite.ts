import { performance } from 'node:perf_hooks';
import { personaPage } from '../src/core/results/personaAnswers';
import { largePersonas } from '../test/fixtures/analysis/largePersonas';
import type { BenchResult, BenchSuite } from './benchTypes';

/**
 * The results panel's Personas list at scale: a `personas/page` request (50 rows) sorted by MAD over 100,000
 * personas × 50 questions, answered by the host's pure paging function (src/core/results/personaAnswers.ts).
 * Cold: the first request for a loaded run (builds every persona's sort key once and sorts); warm: a later page
 * of the same sort (goal ≤ 100 ms), and the first page of a new filter over it (a substring of the persona ids). Each cold run uses freshly loaded personas.
 */
export const personaPageSuite: BenchSuite = {
  name: 'personaPage',
  async run({ quick, log }) {
    await Promise.resolve();
    const n = quick ? 20_000 : 100_000;
    const q = 50;
    const runs = quick ? 2 : 5;
    const cold: number[] = [];
    const warm: number[] = [];
    const filtered: number[] = [];
    for (let r = 0; r < runs; r++) {
      const { data, questions } = largePersonas(n, q, r + 1);
      let t = performance.now();
      personaPage(data, questions, { filter: '', sortBy: 'mad', descending: true, offset: 0, limit: 50 });
      cold.push(performance.now() - t);
      for (let k = 1; k <= 5; k++) {
        t = performance.now();
        personaPage(data, questions, { filter: '', sortBy: 'mad', descending: true, offset: k * 1000, limit: 50 });
        warm.push(performance.now() - t);
      }
      t = performance.now();
      personaPage(data, questions, { filter: 'p9', sortBy: 'mad', descending: true, offset: 50, limit: 50 });
      filtered.push(performance.now() - t);
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    log(`${n} personas × ${q} questions, sorted by MAD: cold page ${median(cold).toFixed(0)} ms; warm page ${median(warm).toFixed(2)} ms; first page of a new filter ${median(filtered).toFixed(1)} ms`);
    const out: Record<string, BenchResult> = {
      persona_page_mad_cold_100k: { median_s: median(cold) / 1000, runs, personas: n, questions: q },
      persona_page_mad_warm_100k: { median_s: median(warm) / 1000, runs: warm.length, personas: n, questions: q, goal_s: 0.1 },
      persona_page_mad_new_filter_100k: { median_s: median(filtered) / 1000, runs, personas: n, questions: q },
    };
    return out;
  },
};
