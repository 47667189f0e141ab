import type { BatchBackend, BatchJobStatus } from '../../llm/batch/batchBackend';
import { runBatch, type RunBatchSummary } from '../../llm/batch/runBatch';
import { publicBaseUrl } from '../../llm/endpointConfig';
import { estimateRunCost, type RunEstimate } from '../../llm/estimateRunCost';
import type { LlmClient } from '../../llm/llmClient';
import type { ModelPrice } from '../../llm/modelPrices';
import type { PlannedRequest } from '../../llm/plannedRequest';
import { runRequests, type RunCounts, type RunSummary } from '../../llm/runRequests';
import type { ManifestBatch } from '../../runStore/runManifest';
import { openRunStore, RunStoreError, type RunStore } from '../../runStore/openRunStore';
import { PipelineError } from '../shared/pipelineError';

/** Opens the run folder of a plan of requests (a plan file's hash names what the journal answers). */
export async function openPlanStore(dir: string, planHash: string, baseUrl: string, plan: readonly PlannedRequest[], versions: Readonly<Record<string, string>>): Promise<RunStore> {
  try {
    return await openRunStore(dir, {
      manifest: {
        specHash: planHash,
        endpoint: { name: 'plan', baseUrl: baseUrl === 'offline' ? baseUrl : publicBaseUrl(baseUrl), model: plan[0]!.request.model },
        params: plan[0]!.request.params,
        seeds: {},
        versions,
        totalRequests: plan.length,
      },
    });
  } catch (err) {
    if (RunStoreError.is(err)) throw new PipelineError('config', err.message);
    throw err;
  }
}

export interface RunPlanOptions {
  readonly plan: readonly PlannedRequest[];
  readonly store: RunStore;
  readonly client: LlmClient & Partial<BatchBackend>;
  readonly mode: 'live' | 'batch';
  readonly cacheScope: string;
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  readonly maxAttempts?: number;
  readonly pollIntervalMs?: number;
  readonly maxRounds?: number;
  readonly prices?: Readonly<Record<string, ModelPrice>>;
  /** Called with the estimate of what is still unanswered; resolve `false` to stop before sending (PipelineError 'declined'). */
  readonly confirm?: (estimate: RunEstimate) => boolean | Promise<boolean>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (counts: Readonly<RunCounts>) => void;
  readonly onBatchStatus?: (batch: Readonly<ManifestBatch | BatchJobStatus>) => void;
}

/**
 * Run orchestration for a plan of requests, shared by the CLI and the editor: estimate what the journal does not
 * answer yet → confirm (a callback) → live (scheduler) or batch (Batch API jobs) → journal and cache → summary.
 * Re-running with the same store sends only what has no answer.
 */
export async function runPlan(o: RunPlanOptions): Promise<{ estimate: RunEstimate; live?: RunSummary; batch?: RunBatchSummary }> {
  const estimate = await estimateRunCost(o.plan, { done: o.store.resume.answered, batch: o.mode === 'batch', ...(o.prices ? { prices: o.prices } : {}) });
  if (o.confirm && !(await o.confirm(estimate))) throw new PipelineError('declined', 'stopped before sending anything: the estimate was not confirmed');
  if (o.mode === 'batch') {
    const c = o.client;
    if (!c.uploadBatchFile || !c.createBatch || !c.retrieveBatch || !c.downloadFile || !c.cancelBatch) throw new PipelineError('config', 'this endpoint client has no Batch API');
    const batch = await runBatch({
      backend: c as BatchBackend,
      requests: o.plan,
      manifestPath: o.store.manifestPath,
      journal: o.store.journal,
      cache: o.store.cache,
      cacheScope: o.cacheScope,
      done: o.store.resume.answered,
      pollIntervalMs: o.pollIntervalMs ?? 30_000,
      maxRounds: o.maxRounds ?? 3,
      ...(o.signal ? { signal: o.signal } : {}),
      ...(o.onBatchStatus ? { onStatus: o.onBatchStatus } : {}),
    });
    return { estimate, batch };
  }
  const live = await runRequests({
    client: o.client,
    journal: o.store.journal,
    cache: o.store.cache,
    cacheScope: o.cacheScope,
    requests: o.plan,
    done: o.store.resume.answered,
    concurrency: o.concurrency ?? 16,
    timeoutMs: o.timeoutMs ?? 120_000,
    maxAttempts: o.maxAttempts ?? 6,
    ...(o.signal ? { signal: o.signal } : {}),
    progressEveryMs: 1000,
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  return { estimate, live };
}
