import { createHash } from 'node:crypto';
import type { LlmRequest } from '../llm/llmRequest';
import { canonicalJson } from './canonicalJson';

/**
 * The content address of one request: SHA-256 over the model, the whole prompt or message list, every
 * parameter and the sample index. Two samples of the same prompt differ by `sampleIndex`, so repeated
 * samples are never collapsed into one cached answer.
 */
export function requestKey(request: LlmRequest, sampleIndex: number): string {
  const body = request.kind === 'chat' ? { messages: request.messages } : { prompt: request.prompt };
  const material = canonicalJson({ v: 1, kind: request.kind, model: request.model, ...body, params: request.params, sample: sampleIndex });
  return createHash('sha256').update(material).digest('hex');
}
