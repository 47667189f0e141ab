import { createHash } from 'node:crypto';
import type { LlmRequest } from '../llm/llmRequest';
import { canonicalJson } from './canonicalJson';

/**
 * The content address of one request: SHA-256 over the model, the whole prompt or message list, every
 * parameter, the sample index and, when given, the scope (who answers: e.g. the endpoint's normalised base
 * URL, so two servers that serve models of the same name never share answers). Two samples of the same
 * prompt differ by `sampleIndex`, so repeated samples are never collapsed into one cached answer. (The material is the canonical JSON of
 * `{v, kind, model, messages|prompt, params, sample}`; messages are written out directly, as their
 * canonical form is fixed, because keys are computed for every request of every run.)
 */
export function requestKey(request: LlmRequest, sampleIndex: number, scope = ''): string {
  const hash = createHash('sha256');
  const params = canonicalJson(request.params);
  // an empty scope leaves the material (and so every key) exactly as it was before scopes existed
  const tail = `"sample":${canonicalJson(sampleIndex)},${scope === '' ? '' : `"scope":${JSON.stringify(scope)},`}"v":1}`;
  // keys in sorted order: kind, messages, model, params, sample, [scope,] v — or kind, model, params, prompt, sample, [scope,] v
  if (request.kind === 'chat') {
    const messages = request.messages.map((m) => `{"content":${JSON.stringify(m.content)},"role":${JSON.stringify(m.role)}}`).join(',');
    hash.update(`{"kind":"chat","messages":[${messages}],"model":${JSON.stringify(request.model)},"params":${params},${tail}`);
  } else {
    hash.update(`{"kind":"completion","model":${JSON.stringify(request.model)},"params":${params},"prompt":${JSON.stringify(request.prompt)},${tail}`);
  }
  return hash.digest('hex');
}
