import type { LlmRequest } from './llmRequest';
import type { LlmResponse } from './llmResponse';

export interface CallOptions {
  /** Aborting rejects the call at once. */
  readonly signal?: AbortSignal;
}

/**
 * The port every LLM call goes through. Implementations throw `LlmError` (with a reason) for every failure
 * and never retry on their own: retrying is the scheduler's job.
 */
export interface LlmClient {
  complete(request: LlmRequest, options?: CallOptions): Promise<LlmResponse>;
  /** The model ids the endpoint serves (`GET /v1/models`). */
  listModels(options?: CallOptions): Promise<string[]>;
}
