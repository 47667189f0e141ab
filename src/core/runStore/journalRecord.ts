import type { LlmErrorReason } from '../llm/llmError';
import type { LlmRequest } from '../llm/llmRequest';
import type { LlmResponse } from '../llm/llmResponse';

/** An answer arrived (from the endpoint, the cache or a batch output file). */
export interface AnswerRecord {
  readonly t: 'answer';
  readonly id: string;
  readonly key: string;
  readonly at: string;
  readonly source: 'live' | 'cache' | 'batch';
  readonly attempts: number;
  readonly request?: LlmRequest;
  readonly response: LlmResponse;
}

/** A request failed for good (content failure, or infrastructure failure after the last retry). */
export interface FailureRecord {
  readonly t: 'failure';
  readonly id: string;
  readonly key: string;
  readonly at: string;
  readonly reason: LlmErrorReason;
  readonly status?: number;
  readonly message: string;
  readonly attempts: number;
  readonly request?: LlmRequest;
}

/** An attempt failed and will be retried after `delayMs`. */
export interface RetryRecord {
  readonly t: 'retry';
  readonly id: string;
  readonly key: string;
  readonly at: string;
  readonly reason: LlmErrorReason;
  readonly status?: number;
  readonly attempt: number;
  readonly delayMs: number;
}

/** A batch job was created or changed state (ids also live in the manifest). */
export interface BatchRecord {
  readonly t: 'batch';
  readonly at: string;
  readonly batchId: string;
  readonly status: string;
  readonly requests: number;
}

export type JournalRecord = AnswerRecord | FailureRecord | RetryRecord | BatchRecord;
