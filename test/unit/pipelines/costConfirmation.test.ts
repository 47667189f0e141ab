import assert from 'node:assert/strict';
import type { BackstoryStageConfig } from '../../../src/core/pipelines/backstories/backstoryConfig';
import { costConfirmation, estimateCostText } from '../../../src/core/pipelines/study/costConfirmation';
import { estimateStudy, type StageEstimate, type StudyEstimate } from '../../../src/core/pipelines/study/estimateStudy';

/** A stage estimate written by hand (the figures below are chosen, not measured). */
function stage(calls: number, tokens: { in: number; out: number }, cost: number, unpriced: string[] = []): StageEstimate {
  return { calls, callsMax: calls, counts: 'chosen', samples: calls, inputTokens: { min: tokens.in, max: tokens.in }, outputTokens: { min: calls, max: tokens.out }, costUsd: { min: cost / 2, max: cost }, costUsdFirstTry: { min: cost / 2, max: cost }, tokenizers: [], approximate: false, unpricedModels: unpriced, note: '' };
}
const study = (stages: Record<string, StageEstimate>): StudyEstimate => ({
  stages,
  total: {
    calls: Object.values(stages).reduce((a, s) => a + s.calls, 0),
    callsMax: Object.values(stages).reduce((a, s) => a + s.callsMax, 0),
    costUsd: { min: Object.values(stages).reduce((a, s) => a + s.costUsd.min, 0), max: Object.values(stages).reduce((a, s) => a + s.costUsd.max, 0) },
    costUsdFirstTry: { min: Object.values(stages).reduce((a, s) => a + s.costUsdFirstTry.min, 0), max: Object.values(stages).reduce((a, s) => a + s.costUsdFirstTry.max, 0) },
    note: 'chosen',
  },
});
const limits = { costAboveUsd: 1, callsAbove: 2000 };

describe('cost confirmation of a run from the editor', () => {
  it('a priced run asks only above the dollar limit, and shows its calls, tokens and cost range', () => {
    // 1,500 calls; tokens 1,000,000 in + 200,000 out = 1.2M at the upper end; cost $0.25–$0.50 (chosen)
    const cheap = costConfirmation(study({ simulation: stage(1500, { in: 1_000_000, out: 200_000 }, 0.5) }), limits);
    assert.equal(cheap.ask, undefined);
    assert.equal(cheap.summary, '1,500 calls, ~1.2M tokens, $0.25–$0.50');
    const dear = costConfirmation(study({ simulation: stage(1500, { in: 1_000_000, out: 200_000 }, 3) }), limits);
    assert.equal(dear.ask, 'cost');
    // priced runs ask by cost only: many cheap calls do not ask
    assert.equal(costConfirmation(study({ simulation: stage(50_000, { in: 1_000, out: 1_000 }, 0.1) }), limits).ask, undefined);
  });

  it('a priced run asks by its cost with nothing re-asked, and names the worst case with every re-ask', () => {
    // chosen: $0.40–$0.80 if every answer parses first time, up to $80 if each is re-asked 100 times
    const s: StageEstimate = { ...stage(1000, { in: 100_000, out: 100_000 }, 80), callsMax: 101_000, costUsdFirstTry: { min: 0.4, max: 0.8 } };
    const c = costConfirmation(study({ simulation: s }), limits);
    assert.equal(c.ask, undefined, '$0.80 ≤ $1: a compliant model stays under the limit');
    assert.equal(c.summary, '1,000 calls, ~200.0k tokens, $0.40–$0.80 (≤ $80.00 with every re-ask)');
    assert.equal(costConfirmation(study({ simulation: { ...s, costUsdFirstTry: { min: 0.6, max: 1.2 } } }), limits).ask, 'cost');
  });

  it('an unpriced run says "cost unknown" with calls and tokens, never $0, and asks above the calls limit', () => {
    const small = costConfirmation(study({ simulation: stage(1064, { in: 4_000_000, out: 128_000 }, 0, ['test-base-model']) }), limits);
    assert.equal(small.ask, undefined, '1,064 calls ≤ 2,000');
    assert.equal(small.summary, 'cost unknown (no price for test-base-model): 1,064 calls, ~4.1M tokens');
    assert.ok(!small.summary.includes('$'), small.summary);
    const big = costConfirmation(study({ backstories: stage(1040, { in: 40_000, out: 800_000 }, 0, ['test-base-model']), simulation: stage(1000, { in: 4_000_000, out: 128_000 }, 0, ['test-model']) }), limits);
    assert.equal(big.ask, 'calls', '2,040 calls > 2,000');
    assert.deepEqual(big.unpricedModels, ['test-base-model', 'test-model']);
    assert.equal(big.tokens, 40_000 + 800_000 + 4_000_000 + 128_000);
    assert.equal(costConfirmation(study({ simulation: stage(1, { in: 10, out: 10 }, 0, ['m']) }), { costAboveUsd: 1, callsAbove: 0 }).ask, 'calls', 'callsAbove 0 asks for every unpriced run');
  });

  it('a partly priced run is "cost unknown" and still asks when its priced part alone is above the dollar limit', () => {
    const e = study({ backstories: stage(10, { in: 1000, out: 1000 }, 0, ['local']), simulation: stage(100, { in: 1000, out: 1000 }, 5) });
    assert.equal(estimateCostText(e), 'cost unknown (no price for local)');
    assert.equal(costConfirmation(e, limits).ask, 'cost');
  });

  it('a real estimate of an unpriced model (estimateStudy over the plan) reads cost unknown', async () => {
    const config: BackstoryStageConfig = {
      method: 'anthology', count: 3, seed: 1, minTokens: 0, outputPath: '/nowhere.jsonl',
      model: { name: 'my-local-model', api: 'completions', params: { max_tokens: 5 } },
      prompt: 'Question: Tell me about yourself. {{demographics}} Answer:',
    };
    const e = await estimateStudy({ backstories: { config, units: 3 } });
    assert.equal(e.total.calls, 3);
    assert.deepEqual(e.stages.backstories?.unpricedModels, ['my-local-model']);
    const c = costConfirmation(e, limits);
    assert.match(c.summary, /^cost unknown \(no price for my-local-model\): 3 calls, ~\d+ tokens$/);
  });
});
