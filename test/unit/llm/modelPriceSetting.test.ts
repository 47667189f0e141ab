import assert from 'node:assert/strict';
import { costOfTokens } from '../../../src/core/llm/costOfTokens';
import { parseModelPriceSetting } from '../../../src/core/llm/modelPriceSetting';

describe('llm: the personaStudio.modelPrices setting', () => {
  it('keeps well-formed prices, which then price a model that has no default price', () => {
    const { prices, problems } = parseModelPriceSetting({ 'meta-llama/Meta-Llama-3-8B': { inputPerMTok: 0.2, outputPerMTok: 0.4 } });
    assert.deepEqual(problems, []);
    // by hand: 1,000,000 prompt tokens × $0.2/1M + 500,000 completion tokens × $0.4/1M = $0.40
    const c = costOfTokens({ 'meta-llama/Meta-Llama-3-8B': { promptTokens: 1_000_000, completionTokens: 500_000 } }, { prices });
    assert.ok(c.usd !== null && Math.abs(c.usd - 0.4) < 1e-12, String(c.usd));
    assert.equal(costOfTokens({ 'meta-llama/Meta-Llama-3-8B': { promptTokens: 1, completionTokens: 1 } }).usd, null, 'unpriced without the setting');
  });

  it('leaves out a malformed entry and names it, so a typo never prices a model at $0', () => {
    const { prices, problems } = parseModelPriceSetting({
      good: { inputPerMTok: 1, outputPerMTok: 2 },
      typo: { inputPerMtok: 1, outputPerMTok: 2 },
      negative: { inputPerMTok: -1, outputPerMTok: 2 },
      text: { inputPerMTok: '1', outputPerMTok: 2 },
      nothing: null,
    });
    assert.deepEqual(Object.keys(prices), ['good']);
    assert.deepEqual(problems.map((p) => /\["([^"]+)"\]/.exec(p)?.[1]), ['typo', 'negative', 'text', 'nothing']);
    assert.equal(parseModelPriceSetting([1, 2]).problems.length, 1);
    assert.deepEqual(parseModelPriceSetting(undefined), { prices: {}, problems: [] });
  });
});
