import assert from 'node:assert/strict';
import { encodeChat } from 'gpt-tokenizer/encoding/o200k_base';
import { countPromptTokens, tokenizerFor } from '../../../src/core/llm/countTokens';
import { estimateRunCost, needsConfirmation } from '../../../src/core/llm/estimateRunCost';
import { priceFor } from '../../../src/core/llm/modelPrices';
import type { ChatRequest } from '../../../src/core/llm/llmRequest';
import { letterPlan } from './helpers';

describe('llm: cost estimate', () => {
  it('picks the OpenAI encoding by model, and the approximation elsewhere', () => {
    assert.equal(tokenizerFor('gpt-4o-mini-2024-07-18'), 'o200k_base');
    assert.equal(tokenizerFor('gpt-4-turbo'), 'cl100k_base');
    assert.equal(tokenizerFor('meta-llama/Llama-3-70B'), 'approx-chars/4');
  });

  it('counts chat tokens as gpt-tokenizer encodeChat does for gpt-4o', () => {
    const r: ChatRequest = { kind: 'chat', model: 'gpt-4o', messages: [{ role: 'system', content: 'You are a persona.' }, { role: 'user', content: 'Question: Is the sky blue?\n(A) Yes\n(B) No' }], params: {} };
    // reference: the library's own chat encoding of the same messages (includes the reply priming)
    const reference = encodeChat(r.messages.map((m) => ({ role: m.role, content: m.content })), 'gpt-4o').length;
    assert.ok(Math.abs(countPromptTokens(r) - reference) <= 2, `${countPromptTokens(r)} vs ${reference}`);
  });

  it('resolves dated snapshots to their price and lets settings override it', () => {
    assert.deepEqual(priceFor('gpt-4o-mini-2024-07-18'), { inputPerMTok: 0.15, outputPerMTok: 0.6 });
    assert.deepEqual(priceFor('gpt-4o-mini', { 'gpt-4o-mini': { inputPerMTok: 1, outputPerMTok: 2 } }), { inputPerMTok: 1, outputPerMTok: 2 });
    assert.equal(priceFor('llama3'), undefined);
  });

  it('gives calls, token and cost ranges, halves for batch, skips what is done', async () => {
    const plan = letterPlan(100, 'gpt-4o-mini');
    const e = await estimateRunCost(plan);
    assert.equal(e.calls, 100);
    assert.equal(e.outputTokens.min, 100);
    assert.equal(e.outputTokens.max, 100); // max_tokens 1
    assert.equal(e.inputTokens.min, e.inputTokens.max, 'exact for OpenAI models');
    const perCall = countPromptTokens(plan[0]!.request);
    assert.ok(e.inputTokens.min >= perCall * 100 - 200 && e.inputTokens.min <= perCall * 100 + 200);
    const expected = (e.inputTokens.min * 0.15 + 100 * 0.6) / 1e6;
    assert.ok(Math.abs(e.costUsd.min - expected) < 1e-12);
    const batch = await estimateRunCost(plan, { batch: true });
    assert.ok(Math.abs(batch.costUsd.max - e.costUsd.max / 2) < 1e-12);
    const resumed = await estimateRunCost(plan, { done: new Set(['p0', 'p1']) });
    assert.equal(resumed.calls, 98);
    assert.equal(needsConfirmation(e, 0.000001), true);
    assert.equal(needsConfirmation(e, 100), false);
  });

  it('states the approximation and the missing price for a local model', async () => {
    const e = await estimateRunCost(letterPlan(10, 'llama3:70b'));
    assert.equal(e.approximate, true);
    assert.ok(e.inputTokens.max > e.inputTokens.min);
    assert.deepEqual(e.unpricedModels, ['llama3:70b']);
    assert.equal(e.costUsd.max, 0);
    assert.match(e.note, /±30%/);
  });
});
