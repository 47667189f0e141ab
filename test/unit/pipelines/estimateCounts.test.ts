import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { estimateSpec } from '../../../src/core/pipelines/study/runStudy';
import { studyFolder } from './studyFixture';

const ladder = path.join(__dirname, '..', '..', '..', 'examples', 'ladder');

describe('estimate: every request a study may send, as a range, per stage with what it counts', function () {
  this.timeout(30_000);

  it('Anthology study: locator questions, sampled variables, and the re-asks of the parse ladder at the upper end', async () => {
    const s = studyFolder({ humans: 60 });
    try {
      const e = await estimateSpec(s.survey, { count: 70 });
      const calls = Object.fromEntries(Object.entries(e.stages).map(([k, v]) => [k, [v.calls, v.callsMax]]));
      // by hand, from the fixtures (small.persona.yaml, bfi-small.survey.yaml, 60 respondents):
      // backstories: 70 × (preamble + question) = 140, no re-ask counted (stated in `counts`)
      // demographics: 6 variables, 3 with `locate: true` (age, education, income), 40 samples in one call with n:
      //   least 70 × (3 locator + 3 sampled) = 420; most 70 × (3 locator + 6 sampled) = 630
      // simulation: 60 respondents × 25 questions = 1500 samples; most 1500 × (1 + max_reasks 100) = 151500
      assert.deepEqual(calls, { backstories: [140, 140], demographics: [420, 630], simulation: [1500, 151_500] });
      assert.deepEqual([e.total.calls, e.total.callsMax], [140 + 420 + 1500, 140 + 630 + 151_500]);
      assert.match(e.stages.demographics!.counts, /3 locator questions per backstory/);
      assert.match(e.stages.simulation!.counts, /100 re-asks/);
      assert.match(e.stages.backstories!.counts, /not counted: preamble re-samples/);
      for (const st of Object.values(e.stages)) assert.ok(st.inputTokens.max >= st.inputTokens.min && st.outputTokens.max >= st.outputTokens.min);
      // output tokens by hand: simulation least 1500 samples × 1 token, most 151500 × max_tokens 128 = 19392000;
      // demographics least 70 × (3 locator answers + 3 × 40 samples) × 1 token = 8610, most
      // 70 × (3 × 256 (the locator sets no max_tokens: the engine's default 256) + 6 × 40 × 128) = 2204160
      assert.deepEqual(e.stages.simulation!.outputTokens, { min: 1500, max: 19_392_000 });
      assert.deepEqual(e.stages.demographics!.outputTokens, { min: 8610, max: 2_204_160 });
    } finally {
      s.remove();
    }
  });

  it('--no-locator samples every variable; logprob elicitation falls back to sampling at the upper end', async () => {
    const s = studyFolder({ humans: 60 });
    try {
      fs.writeFileSync(s.survey, fs.readFileSync(s.survey, 'utf8').replace('elicitation: { method: sample, samples: 1, max_reasks: 100 }', 'elicitation: { method: logprobs, samples: 1, max_reasks: 2 }'));
      const e = await estimateSpec(s.survey, { count: 70, noLocator: true });
      // by hand: demographics 70 × 6 sampled = 420 either way; simulation least 60 × 25 logprob requests = 1500,
      // most 1500 × (1 logprob + 1 sample + 2 re-asks) = 6000
      assert.deepEqual([e.stages.demographics!.calls, e.stages.demographics!.callsMax], [420, 420]);
      assert.deepEqual([e.stages.simulation!.calls, e.stages.simulation!.callsMax], [1500, 6000]);
      assert.match(e.stages.simulation!.counts, /1 logprob request/);
    } finally {
      s.remove();
    }
  });

  for (const rung of ['objective-tabular', 'subjective-tabular', 'descriptive'] as const) {
    it(`persona ladder, ${rung}: one generation request per persona before the survey`, async () => {
      const personas = path.join(ladder, `ladder-${rung.replace('-tabular', '')}.persona.yaml`);
      const e = await estimateSpec(path.join(ladder, 'election-2020.survey.yaml'), { personas, count: 10 });
      // by hand: 10 meta personas → 10 generation requests (max_tokens 1024 each); 10 personas × 1 question,
      // up to 100 re-asks each (the schema's default max_reasks): 10 to 1010 calls
      assert.deepEqual([e.stages.personas!.calls, e.stages.personas!.callsMax], [10, 10]);
      assert.equal(e.stages.personas!.outputTokens.max, 10 * 1024);
      assert.deepEqual([e.stages.simulation!.calls, e.stages.simulation!.callsMax], [10, 1010]);
      assert.deepEqual([e.total.calls, e.total.callsMax], [20, 1020]);
      assert.match(e.stages.personas!.counts, new RegExp(`10 ${rung} personas × 1 generation request`));
    });
  }

  it('persona ladder, meta: no generation request (meta personas are sampled from the census)', async () => {
    const e = await estimateSpec(path.join(ladder, 'election-2020.survey.yaml'), { personas: path.join(ladder, 'ladder-meta.persona.yaml'), count: 10 });
    assert.deepEqual(Object.keys(e.stages), ['simulation']);
    assert.equal(e.total.calls, 10);
  });
});
