import type { PlannedRequest } from '../src/core/llm/plannedRequest';

/** A streamed plan of `count` distinct four-option letter questions; `tag` makes the prompts (and keys) differ between runs. */
export function* benchPlan(count: number, tag: string): Generator<PlannedRequest> {
  for (let i = 0; i < count; i++) {
    yield {
      id: `${tag}-${i}`,
      request: {
        kind: 'chat',
        model: 'test-model',
        messages: [
          { role: 'system', content: `You are persona ${tag}-${i} of a survey panel. You live in region ${i % 9} and answer honestly.` },
          { role: 'user', content: 'Question: How satisfied are you with your life these days?\n(A) Very satisfied\n(B) Somewhat satisfied\n(C) Somewhat dissatisfied\n(D) Very dissatisfied\nAnswer with (A), (B), (C), or (D).\nAnswer:' },
        ],
        params: { temperature: 1, max_tokens: 1, logprobs: true, top_logprobs: 20 },
      },
    };
  }
}
