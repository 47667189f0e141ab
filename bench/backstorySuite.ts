import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildTextSearch, readBackstoryFile } from '../src/core/backstories/backstoryFile';
import { demographicsPathOf, findPersonaLabels } from '../src/core/backstories/backstoryPaths';
import { readDemographicTable } from '../src/core/backstories/demographicTable';
import { queryBackstories } from '../src/core/backstories/queryBackstories';
import { readReview, reviewPathOf } from '../src/core/backstories/reviewSidecar';
import { writeBackstoryFixture } from '../test/helpers/backstoryFixtures';
import type { BenchSuite } from './benchTypes';
import { measure } from './measure';

/**
 * The backstory review editor's host work on a 100,000-backstory file (generated, mean 1,200 characters of
 * text per backstory ≈ 260 tokens, plus every generation parameter per line) with its demographics file:
 * - open: stream-read and index the file, find the option labels, read the review (what happens before the
 *   list shows; goal ≤ 1 s);
 * - demographics: read the demographic survey (6 variables) and align it by id (right after; the facets show
 *   when it is done);
 * - search index: built in the background right after opening;
 * - search: one query over the whole file with the index built (words, a phrase, an id, no match), plus a
 *   demographic filter (goal ≤ 100 ms).
 */
export const backstorySuite: BenchSuite = {
  name: 'backstories',
  async run({ quick, log }) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ps-bench-backstories-'));
    try {
      const n = quick ? 10_000 : 100_000;
      const file = writeBackstoryFixture(path.join(dir, 'bench'), n, { chars: 1200, seed: 3, variables: { gender: 4, age: 5, education: 6, income: 9, region: 4, party: 5 } });
      const mb = statSync(file).size / 1e6;
      log(`backstories: ${n} in ${mb.toFixed(0)} MB (+ ${(statSync(demographicsPathOf(file)).size / 1e6).toFixed(0)} MB demographics)`);
      // What the editor reads before the list shows: the backstories, the persona spec's labels, the review.
      const open = async () => {
        const f = await readBackstoryFile(file);
        const [, r] = await Promise.all([findPersonaLabels(file), readReview(reviewPathOf(file))]);
        return { f, r };
      };
      const openResult = await measure(open, { runs: quick ? 2 : 5, warmup: 1 });
      const { f, r } = await open();
      // Read right after, while the list shows: the demographic survey for the facets.
      const demoResult = await measure(() => readDemographicTable(demographicsPathOf(file), f.byId), { runs: quick ? 2 : 5, warmup: 0 });
      const d = await readDemographicTable(demographicsPathOf(file), f.byId);
      const indexResult = await measure(() => buildTextSearch(f), { runs: quick ? 2 : 3, warmup: 0 });
      const search = await buildTextSearch(f);
      const queries = ['grandchildren', 'mechanic veteran', '"hard work family"', 'b054321', 'shipwright'];
      const results: Record<string, number> = {};
      const searchResult = await measure((q: string) => {
        const hits = queryBackstories(f, search, d, r, { text: q, demographics: {}, review: 'all' });
        results[q] = hits.length;
      }, { runs: quick ? 5 : 15, warmup: 2, setup: (() => { let k = 0; return () => queries[k++ % queries.length] as string; })() });
      const filterResult = await measure(() => queryBackstories(f, search, d, r, { text: 'mechanic', demographics: { gender: [1, 4], age: [0] }, review: 'included' }), { runs: quick ? 5 : 15, warmup: 2 });
      log(`hits: ${JSON.stringify(results)}`);
      return {
        backstories_open_100k: { ...openResult, backstories: n, file_mb: Math.round(mb), goal_s: 1 },
        backstories_demographics_100k: { ...demoResult, backstories: n, variables: d.columns.length },
        backstories_search_index_build: { ...indexResult, backstories: n },
        backstories_search_100k: { ...searchResult, backstories: n, queries: queries.join(' | '), goal_s: 0.1 },
        backstories_search_and_filter_100k: { ...filterResult, backstories: n, goal_s: 0.1 },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
