import assert from 'node:assert/strict';
import { costOfTokens } from '../../../src/core/llm/costOfTokens';

describe('llm: costOfTokens (a run\'s cost from its tokens per model)', () => {
  it('prices with the default table and --price overrides, halves for batch; hand-computed', () => {
    // gpt-4o-mini default: $0.15 in / $0.60 out per 1M → 2,000,000 × 0.15/1e6 + 500,000 × 0.60/1e6 = 0.30 + 0.30 = 0.60
    // local-llama via override $1 / $2 → 1,000 × 1/1e6 + 10 × 2/1e6 = 0.001 + 0.00002 = 0.00102
    const tokens = { 'gpt-4o-mini-2024-07-18': { promptTokens: 2_000_000, completionTokens: 500_000 }, 'local-llama': { promptTokens: 1000, completionTokens: 10 } };
    const prices = { 'local-llama': { inputPerMTok: 1, outputPerMTok: 2 } };
    const live = costOfTokens(tokens, { prices });
    assert.ok(Math.abs(live.usd! - 0.60102) < 1e-12, String(live.usd));
    assert.ok(Math.abs(costOfTokens(tokens, { prices, batch: true }).usd! - 0.30051) < 1e-12);
  });

  it('is null (not $0) with the models named when a model that used tokens has no price', () => {
    const c = costOfTokens({ 'gpt-4o': { promptTokens: 10, completionTokens: 1 }, 'local-llama': { promptTokens: 5, completionTokens: 1 } });
    assert.equal(c.usd, null);
    assert.deepEqual(c.unpricedModels, ['local-llama']);
    // a model with no tokens is not a reason to withhold the figure
    assert.equal(costOfTokens({ 'local-llama': { promptTokens: 0, completionTokens: 0 } }).usd, 0);
  });
});
