import type { JournalWriter } from '../../runStore/journalWriter';
import type { ResponseCache } from '../../runStore/responseCache';
import { redactSecret } from '../endpointConfig';
import { isInfrastructureFailure, type LlmErrorReason } from '../llmError';
import type { LlmRequest } from '../llmRequest';
import { parseBatchOutputLine } from './parseBatchOutputLine';

/** What a merge needs to know about each planned request. */
export interface BatchPlanEntry {
  readonly key: string;
  readonly request: LlmRequest;
}

export interface MergeCounts {
  answered: number;
  /** Lines for ids that already had an answer (ignored). */
  duplicates: number;
  /** Lines for ids not in the plan (ignored). */
  unknown: number;
  /** Content failures, recorded for good. */
  failed: number;
  /** Infrastructure failures: left without an answer so they can be resubmitted. */
  retryable: number;
  failedByReason: Partial<Record<LlmErrorReason, number>>;
}

export function emptyMergeCounts(): MergeCounts {
  return { answered: 0, duplicates: 0, unknown: 0, failed: 0, retryable: 0, failedByReason: {} };
}

/**
 * Joins batch output (or error) lines to the plan on `custom_id` and records them: answers go to the journal
 * (`source: 'batch'`) and the cache; content failures are journalled as failures; infrastructure failures as
 * retries, so a later round resubmits them. `answered` is updated in place. Server text stored in a failure
 * record has bearer tokens and `secrets` removed.
 */
export async function mergeBatchOutput(
  text: string,
  plan: ReadonlyMap<string, BatchPlanEntry>,
  state: { readonly answered: Set<string>; readonly failed: Set<string> },
  stores: { journal?: JournalWriter; cache?: ResponseCache; round?: number; secrets?: readonly (string | undefined)[] },
  counts: MergeCounts = emptyMergeCounts(),
): Promise<MergeCounts> {
  const at = new Date().toISOString();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const customId = /"custom_id"\s*:\s*"([^"]*)"/.exec(line)?.[1];
    const entry = customId === undefined ? undefined : plan.get(customId);
    if (!entry || customId === undefined) {
      counts.unknown++;
      continue;
    }
    if (state.answered.has(customId)) {
      counts.duplicates++;
      continue;
    }
    const result = parseBatchOutputLine(line, entry.request.kind);
    if (!result) continue;
    if ('response' in result) {
      state.answered.add(customId);
      state.failed.delete(customId);
      counts.answered++;
      stores.journal?.append({ t: 'answer', id: customId, key: entry.key, at, source: 'batch', attempts: stores.round ?? 1, request: entry.request, response: result.response });
      await stores.cache?.put(entry.key, result.response);
      continue;
    }
    const { reason, status, message } = result.error;
    if (isInfrastructureFailure(reason)) {
      counts.retryable++;
      stores.journal?.append({ t: 'retry', id: customId, key: entry.key, at, reason, ...(status === undefined ? {} : { status }), attempt: stores.round ?? 1, delayMs: 0 });
    } else {
      state.failed.add(customId);
      counts.failed++;
      counts.failedByReason[reason] = (counts.failedByReason[reason] ?? 0) + 1;
      stores.journal?.append({ t: 'failure', id: customId, key: entry.key, at, reason, ...(status === undefined ? {} : { status }), message: redactSecret(message, stores.secrets), attempts: stores.round ?? 1, request: entry.request });
    }
  }
  return counts;
}
