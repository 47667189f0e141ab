import type { LlmRequest } from './llmRequest';

/**
 * One request of a run. `id` is stable across restarts (e.g. `p0012-q07-s0`, at most 64 characters so it
 * can serve as a batch `custom_id`); `sampleIndex` tells repeated samples of the same prompt apart.
 */
export interface PlannedRequest {
  readonly id: string;
  readonly request: LlmRequest;
  /** @default 0 */
  readonly sampleIndex?: number;
}
