import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DemographicRecord } from '../../../src/core/pipelines/backstories/backstoryRecord';
import type { PersonaResult } from '../../../src/core/pipelines/simulation/simulateSurvey';
import { simulateStudy } from '../../../src/core/pipelines/study/runStudy';
import { startOpenAiTestServer } from '../../server/openAiTestServer';
import { readJsonl, serverOptions, studyFolder } from './studyFixture';

describe('pipelines: servers without n or without logprobs', function () {
  this.timeout(300_000);

  for (const [n, label] of [['ignore', 'ignored (Ollama)'], ['reject', 'rejected with a 400']] as const) {
    it(`n ${label}: every variable still gets its 40 samples, one call per sample after the first`, async () => {
      const server = await startOpenAiTestServer({ plausible: true, n });
      const s = studyFolder({ humans: 5 });
      try {
        const r = await simulateStudy(s.survey, serverOptions(server, 'live', { count: 6, analyze: false }));
        const records = readJsonl<DemographicRecord>(path.join(s.dir, 'small.demographics.jsonl'));
        assert.equal(records.length, 6);
        for (const d of records) for (const [name, v] of Object.entries(d.variables)) if (v.source === 'samples') assert.equal(v.counts.reduce((a, b) => a + b, 0), 40, `${d.id} ${name}`);
        assert.equal(r.demographicSummary!.samplesCounted, r.demographicSummary!.sampled * 40);
      } finally {
        s.remove();
        await server.close();
      }
    });
  }

  it('logprobs elicitation: first-token distributions mapped to canonical order; a server without logprobs falls back to sampling, counted', async () => {
    for (const logprobs of [true, false]) {
      const server = await startOpenAiTestServer({ plausible: true, logprobs });
      const s = studyFolder({ humans: 10 });
      try {
        fs.writeFileSync(s.survey, fs.readFileSync(s.survey, 'utf8').replace('elicitation: { method: sample, samples: 1, max_reasks: 100 }', 'elicitation: { method: logprobs, samples: 1, max_reasks: 100 }'));
        const r = await simulateStudy(s.survey, serverOptions(server, 'live', { count: 12, analyze: false }));
        const personas = readJsonl<PersonaResult>(path.join(r.runDir, 'personas.jsonl'));
        for (const [qid, c] of Object.entries(r.counts)) {
          assert.equal(c.answered + c.refused + c.nonCompliant + c.failed, 10);
          if (logprobs) {
            assert.deepEqual([c.via.logprobs, c.logprobFallbacks], [10, 0], qid);
            for (const p of personas) {
              const a = p.answers[qid]!;
              assert.equal(a.distribution!.length, 6);
              assert.ok(Math.abs(a.distribution!.reduce((x, y) => x + y, 0) - 1) < 1e-12);
              // the drawn code is one the distribution gives mass to
              assert.ok(a.distribution![a.code! - 1]! > 0);
              assert.ok(a.nonCompliance! > 0 && a.nonCompliance! < 0.2, 'the test server leaks 2–10% to non-letter tokens');
            }
          } else {
            assert.deepEqual([c.via.logprobs, c.logprobFallbacks], [0, 10], qid);
          }
        }
      } finally {
        s.remove();
        await server.close();
      }
    }
  });
});
