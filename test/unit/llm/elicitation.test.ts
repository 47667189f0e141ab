import assert from 'node:assert/strict';
import fc from 'fast-check';
import { OpenAiLlmClient } from '../../../src/adapters/openai/openAiLlmClient';
import { formatLetterQuestion } from '../../../src/core/llm/elicitation/formatLetterQuestion';
import { letterDistribution, letterDistributionOf, normaliseLetterToken } from '../../../src/core/llm/elicitation/letterDistribution';
import { letterLabels } from '../../../src/core/llm/elicitation/letterLabels';
import { parseChoiceAnswer } from '../../../src/core/llm/elicitation/parseChoiceAnswer';
import { planSamples } from '../../../src/core/llm/elicitation/planSamples';
import { sampleChoice } from '../../../src/core/llm/elicitation/sampleChoice';
import type { ChatRequest } from '../../../src/core/llm/llmRequest';
import type { LlmResponse } from '../../../src/core/llm/llmResponse';
import { runRequests } from '../../../src/core/llm/runRequests';
import { startOpenAiTestServer, testServerDistribution, type OpenAiTestServer } from '../../server/openAiTestServer';

const options = Object.freeze(['Strongly agree', 'Agree', 'Disagree', 'Strongly disagree']);
const labels = letterLabels(4);

describe('llm elicitation: letter prompts', () => {
  it('formats the Anthology question with bracketed labels and the answer instruction', () => {
    const text = formatLetterQuestion('Is it good?', ['Yes', 'No', 'Unsure'], { preamble: 'Please answer the following question keeping in mind your previous answers.' });
    assert.equal(
      text,
      'Please answer the following question keeping in mind your previous answers.\nQuestion: Is it good?\n(A) Yes\n(B) No\n(C) Unsure\nAnswer with (A), (B), or (C).\nAnswer:',
    );
    assert.equal(formatLetterQuestion('Q?', ['x', 'y'], { style: 'instruct' }), 'Q?\nA. x\nB. y\nAnswer with the letter only.');
  });
  it('refuses more than 26 options', () => {
    assert.throws(() => letterLabels(27), RangeError);
  });
});

describe('llm elicitation: distributions from first-token logprobs', () => {
  it('sums token variants, renormalises and keeps the leftover mass', () => {
    const top = [
      { token: 'A', logprob: Math.log(0.4) },
      { token: ' A', logprob: Math.log(0.1) },
      { token: 'B', logprob: Math.log(0.3) },
      { token: '**', logprob: Math.log(0.15) },
      { token: 'Z', logprob: Math.log(0.05) },
    ];
    const d = letterDistribution(top, ['A', 'B', 'C']);
    assert.ok(Math.abs(d.letterMass - 0.8) < 1e-12);
    assert.ok(Math.abs(d.nonCompliance - 0.2) < 1e-12);
    assert.deepEqual(d.probabilities?.map((p) => Number(p.toFixed(12))), [0.625, 0.375, 0]);
  });
  it('normalises the usual letter decorations', () => {
    for (const t of ['A', ' A', '(A', 'A)', 'A.', '**A**', 'a', ' (A)']) assert.equal(normaliseLetterToken(t), 'A', t);
    for (const t of ['Sure', 'AB', '', '1']) assert.equal(normaliseLetterToken(t), undefined, t);
  });
  it('reports no distribution when no letter has mass', () => {
    const d = letterDistribution([{ token: 'Sure', logprob: -0.1 }], ['A', 'B']);
    assert.equal(d.probabilities, undefined);
    assert.equal(d.nonCompliance, 1);
  });
  it('probabilities always sum to 1 and non-compliance stays in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ token: fc.constantFrom('A', ' B', 'C', 'x', '**'), logprob: fc.double({ min: -20, max: -0.01, noNaN: true }) }), { minLength: 1, maxLength: 20 }), (top) => {
        const d = letterDistribution(top, ['A', 'B', 'C']);
        assert.ok(d.nonCompliance >= 0 && d.nonCompliance <= 1);
        if (d.probabilities) assert.ok(Math.abs(d.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-9);
      }),
    );
  });

  describe('against the test server', function () {
    this.timeout(10_000);
    let server: OpenAiTestServer;
    before(async () => (server = await startOpenAiTestServer()));
    after(async () => server.close());
    it('recovers the distribution the server answers with', async () => {
      const prompt = formatLetterQuestion('How do you feel?', ['Good', 'Fine', 'Bad']);
      const client = new OpenAiLlmClient({ baseUrl: server.url });
      const r = await client.complete({ kind: 'chat', model: 'test-model', messages: [{ role: 'user', content: prompt }], params: { max_tokens: 1, logprobs: true, top_logprobs: 20 } });
      const d = letterDistributionOf(r, ['A', 'B', 'C'])!;
      const truth = testServerDistribution(prompt, ['A', 'B', 'C']);
      const total = 1 - truth.leak;
      ['A', 'B', 'C'].forEach((l, i) => assert.ok(Math.abs(d.probabilities![i]! - truth.letters[l]! / total) < 1e-9));
      assert.ok(Math.abs(d.nonCompliance - truth.leak) < 1e-9);
      const plain = await client.complete({ kind: 'chat', model: 'test-model', messages: [{ role: 'user', content: prompt }], params: { max_tokens: 1 } });
      assert.equal(letterDistributionOf(plain, ['A', 'B', 'C']), undefined, 'no logprobs asked, none returned');
    });
  });
});

describe('llm elicitation: the parse ladder', () => {
  const cases: Array<[string, ReturnType<typeof parseChoiceAnswer>]> = [
    ['B', { kind: 'answer', index: 1, via: 'label' }],
    ['(C)', { kind: 'answer', index: 2, via: 'label' }],
    ['I would say (B) Agree.', { kind: 'answer', index: 1, via: 'both' }],
    ['strongly disagree', { kind: 'answer', index: 3, via: 'text' }],
    ['Agree', { kind: 'answer', index: 1, via: 'text' }],
    ['(A) Disagree', { kind: 'non-compliant', why: 'disagree' }],
    ['A or B', { kind: 'non-compliant', why: 'ambiguous' }],
    ['A great deal of thought went into this.', { kind: 'non-compliant', why: 'none' }],
    ["As an AI, I don't have opinions.", { kind: 'refusal' }],
    ['I cannot answer that.', { kind: 'refusal' }],
  ];
  for (const [text, expected] of cases) it(`reads ${JSON.stringify(text)}`, () => assert.deepEqual(parseChoiceAnswer(text, options, labels), expected));
});

describe('llm elicitation: sampling with n or separate calls', function () {
  this.timeout(15_000);
  const request: ChatRequest = {
    kind: 'chat',
    model: 'test-model',
    messages: [{ role: 'user', content: formatLetterQuestion('Pick one', ['Red', 'Green', 'Blue']) }],
    params: { temperature: 1, max_tokens: 5 },
  };
  it('plans few calls with n and one call per sample without, each with its own sample index', () => {
    const withN = planSamples('q1', request, 40, { supportsN: true, maxN: 16 });
    assert.deepEqual(withN.map((p) => [p.request.params.n, p.sampleIndex]), [[16, 0], [16, 16], [8, 32]]);
    const without = planSamples('q1', request, 5, { supportsN: false });
    assert.equal(without.length, 5);
    assert.ok(without.every((p) => p.request.params.n === undefined));
    assert.deepEqual(without.map((p) => p.sampleIndex), [0, 1, 2, 3, 4]);
  });

  for (const mode of ['support', 'ignore'] as const) {
    it(`collects 40 parsed answers from a server whose n is '${mode}'`, async () => {
      const server = await startOpenAiTestServer({ n: mode });
      try {
        const client = new OpenAiLlmClient({ baseUrl: server.url });
        const send = async (plan: readonly import('../../../src/core/llm/plannedRequest').PlannedRequest[]) => {
          const byId = new Map<string, LlmResponse>();
          await runRequests({ client, requests: plan, concurrency: 8, onOutcome: (o) => o.kind === 'answered' && byId.set(o.planned.id, o.response) });
          return plan.map((p) => byId.get(p.id));
        };
        const tally = await sampleChoice({ baseId: 'q1', request, options: ['Red', 'Green', 'Blue'], labels: letterLabels(3), samples: 40, supportsN: true, send });
        assert.equal(tally.counts.reduce((a, b) => a + b, 0), 40);
        if (mode === 'support') assert.equal(tally.calls, 1);
        else assert.equal(tally.calls, 1 + 39, 'after the first short answer, one call per missing sample');
      } finally {
        await server.close();
      }
    });
  }

  it('re-asks at most maxReasks times and records what never parsed', async () => {
    const gibberish: LlmResponse = { model: 'm', choices: [{ index: 0, text: 'hmm', finishReason: 'stop' }] };
    let calls = 0;
    const tally = await sampleChoice({
      baseId: 'q',
      request,
      options: ['Red', 'Green'],
      labels: letterLabels(2),
      samples: 2,
      supportsN: false,
      maxReasks: 2,
      send: async (plan) => plan.map(() => (calls++, gibberish)),
    });
    assert.equal(tally.rounds, 3);
    assert.equal(calls, 6);
    assert.equal(tally.nonCompliant, 6);
  });
});
