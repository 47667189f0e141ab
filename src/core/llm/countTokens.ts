import { countTokens as countCl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens as countO200k } from 'gpt-tokenizer/encoding/o200k_base';
import type { LlmRequest } from './llmRequest';

/** How prompt tokens were counted: exactly with an OpenAI encoding, or approximately (characters / 4). */
export type TokenizerName = 'o200k_base' | 'cl100k_base' | 'approx-chars/4';

/** The relative error allowed around an approximate count (stated in the estimate). */
export const approximationError = 0.3;

/** The encoding an OpenAI model uses, or the approximation for every other model (open weights). */
export function tokenizerFor(model: string): TokenizerName {
  const m = model.toLowerCase().replace(/^openai\//, '');
  if (/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|chatgpt-4o|gpt-oss)/.test(m)) return 'o200k_base';
  if (/^(gpt-4|gpt-3\.5|text-embedding|davinci-002|babbage-002)/.test(m)) return 'cl100k_base';
  return 'approx-chars/4';
}

const memo = new Map<string, number>();

function countText(text: string, tokenizer: TokenizerName): number {
  if (tokenizer === 'approx-chars/4') return Math.ceil(text.length / 4);
  // persona prefixes repeat across questions: remember recent counts
  const k = `${tokenizer}\u0000${text}`;
  const hit = memo.get(k);
  if (hit !== undefined) return hit;
  const n = tokenizer === 'o200k_base' ? countO200k(text) : countCl100k(text);
  if (memo.size > 20_000) memo.clear();
  memo.set(k, n);
  return n;
}

/** Prompt tokens of a request; chat adds OpenAI's per-message overhead (3 per message + 3 for the reply). */
export function countPromptTokens(request: LlmRequest, tokenizer: TokenizerName = tokenizerFor(request.model)): number {
  if (request.kind === 'completion') return countText(request.prompt, tokenizer);
  let total = 3;
  for (const m of request.messages) total += 3 + countText(m.role, tokenizer) + countText(m.content, tokenizer);
  return total;
}
