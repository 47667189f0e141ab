import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { importBatchOutput } from '../../llm/batch/exportBatchFiles';
import type { BatchBackend } from '../../llm/batch/batchBackend';
import { runBatch, type RunBatchSummary } from '../../llm/batch/runBatch';
import type { ManifestBatch } from '../../runStore/runManifest';
import { publicBaseUrl } from '../../llm/endpointConfig';
import { estimateRunCost, type RunEstimate } from '../../llm/estimateRunCost';
import type { LlmClient } from '../../llm/llmClient';
import type { ModelPrice } from '../../llm/modelPrices';
import type { PlannedRequest } from '../../llm/plannedRequest';
import { readPlanFile } from '../../llm/readPlanFile';
import { runRequests, type RunCounts, type RunSummary } from '../../llm/runRequests';
import type { MergeCounts } from '../../llm/batch/mergeBatchOutput';
import { openRunStore, RunStoreError, type RunStore } from '../../runStore/openRunStore';
import { PipelineError } from '../shared/pipelineError';

/**
 * A plan of requests (Batch API JSONL, `{custom_id, method, url, body}` per line): every request, each id once. A
 * missing file, a line that is not a request, a repeated id or an empty plan is a PipelineError('input') naming it.
 */
export async function loadPlan(path: string): Promise<PlannedRequest[]> {
  if (!fs.existsSync(path)) throw new PipelineError('input', `no such file: ${path}`);
  const plan: PlannedRequest[] = [];
  const ids = new Set<string>();
  try {
    for await (const p of readPlanFile(path)) {
      if (ids.has(p.id)) throw new PipelineError('input', `${path}: custom_id ${p.id} appears twice`);
      ids.add(p.id);
      plan.push(p);
    }
  } catch (err) {
    if (PipelineError.is(err)) throw err;
    throw new PipelineError('input', err instanceof Error ? err.message : String(err));
  }
  if (plan.length === 0) throw new PipelineError('input', `${path}: no requests`);
  return plan;
}

/** Prices for the estimate (the run is priced as the engine prices it). */
export interface PlanPricing {
  readonly prices?: Readonly<Record<string, ModelPrice>>;
  readonly howToSetPrice?: string;
}

/** What a plan would cost before it runs (`batch`: at the Batch API discount). */
export async function estimatePlan(planPath: string, o: PlanPricing & { readonly batch?: boolean } = {}): Promise<RunEstimate> {
  return estimateRunCost(await loadPlan(planPath), { batch: o.batch ?? false, ...(o.prices ? { prices: o.prices } : {}), ...(o.howToSetPrice ? { howToSetPrice: o.howToSetPrice } : {}) });
}

/** What the confirm callback is shown: the estimate of what is still to send, and how much is answered already. */
export interface PlanConfirmation {
  readonly estimate: RunEstimate;
  readonly total: number;
  readonly alreadyDone: number;
  readonly resumed: boolean;
}

/** Everything a caller (CLI, editor) decides for a plan run; `runPlan` does the rest. */
export interface PlanRunOptions extends PlanPricing {
  readonly planPath: string;
  /** The run folder: manifest, journal, cache; re-running with the same folder resumes. */
  readonly runDir: string;
  /** The endpoint client (batch mode needs its Batch API: `/v1/files` + `/v1/batches`). */
  readonly client: LlmClient & Partial<BatchBackend>;
  /** The endpoint's base URL: the cache scope and, without credentials, the manifest's. */
  readonly baseUrl: string;
  /** `live`: concurrent calls; `batch`: Batch API jobs, resumed from the manifest. @default 'live' */
  readonly mode?: 'live' | 'batch';
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  readonly maxAttempts?: number;
  readonly pollIntervalMs?: number;
  /** Batch submissions, the first included (later ones resubmit failures). */
  readonly maxRounds?: number;
  /** Called with the estimate before anything is sent; `false` stops with PipelineError('declined'). */
  readonly confirm?: (c: PlanConfirmation) => boolean | Promise<boolean>;
  readonly signal?: AbortSignal;
  /** Live: running totals, at most every `progressEveryMs`; `alreadyDone` is what earlier runs answered. */
  readonly onProgress?: (counts: Readonly<RunCounts>, alreadyDone: number, total: number) => void;
  /** @default 1000 */
  readonly progressEveryMs?: number;
  /** Batch: each status change of a submitted batch. */
  readonly onBatchStatus?: (batch: Readonly<ManifestBatch>) => void;
  /** API keys to redact from server text before it is stored. */
  readonly secrets?: readonly (string | undefined)[];
  readonly versions?: Readonly<Record<string, string>>;
}

export type PlanRunResult =
  | { readonly mode: 'live'; readonly estimate: RunEstimate; readonly alreadyDone: number; readonly summary: Omit<RunSummary, 'inFlight'> }
  | { readonly mode: 'batch'; readonly estimate: RunEstimate; readonly alreadyDone: number; readonly summary: RunBatchSummary };

/** The plan's run folder (a RunStoreError is a PipelineError('input') naming the folder). */
async function openPlanStore(runDir: string, planPath: string, baseUrl: string | undefined, plan: readonly PlannedRequest[], versions: Readonly<Record<string, string>>): Promise<RunStore> {
  const specHash = createHash('sha256').update(fs.readFileSync(planPath)).digest('hex');
  try {
    return await openRunStore(runDir, {
      manifest: {
        specHash,
        endpoint: { name: 'cli', baseUrl: baseUrl === undefined ? 'offline' : publicBaseUrl(baseUrl), model: plan[0]!.request.model },
        params: plan[0]!.request.params,
        seeds: {},
        versions,
        totalRequests: plan.length,
      },
    });
  } catch (err) {
    if (RunStoreError.is(err)) throw new PipelineError('input', err.message);
    throw err;
  }
}

/**
 * A plan run, for the CLI's `llm run` / `llm batch` and any other caller: plan → estimate (of what the journal does
 * not answer yet) → confirm (a callback) → live calls (`runRequests`) or Batch API jobs (`runBatch`) → journal and
 * cache in the run folder → the summary. Re-running with the same run folder sends only what has no answer.
 */
export async function runPlan(o: PlanRunOptions): Promise<PlanRunResult> {
  const plan = await loadPlan(o.planPath);
  const mode = o.mode ?? 'live';
  if (mode === 'batch' && (!o.client.uploadBatchFile || !o.client.createBatch || !o.client.retrieveBatch || !o.client.downloadFile || !o.client.cancelBatch)) {
    throw new PipelineError('config', 'this endpoint client has no Batch API; run it live');
  }
  const store = await openPlanStore(o.runDir, o.planPath, o.baseUrl, plan, o.versions ?? {});
  try {
    const done = store.resume.answered;
    const estimate = await estimateRunCost(plan, { done, batch: mode === 'batch', ...(o.prices ? { prices: o.prices } : {}), ...(o.howToSetPrice ? { howToSetPrice: o.howToSetPrice } : {}) });
    const alreadyDone = plan.reduce((n, p) => n + (done.has(p.id) ? 1 : 0), 0);
    if (o.confirm && !(await o.confirm({ estimate, total: plan.length, alreadyDone, resumed: store.resumed }))) {
      throw new PipelineError('declined', 'stopped before sending anything: the estimate was not confirmed');
    }
    const cacheScope = publicBaseUrl(o.baseUrl);
    if (mode === 'batch') {
      const summary = await runBatch({
        backend: o.client as BatchBackend,
        requests: plan,
        manifestPath: store.manifestPath,
        journal: store.journal,
        cache: store.cache,
        cacheScope,
        done,
        ...(o.pollIntervalMs === undefined ? {} : { pollIntervalMs: o.pollIntervalMs }),
        ...(o.maxRounds === undefined ? {} : { maxRounds: o.maxRounds }),
        ...(o.secrets ? { secrets: o.secrets } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
        ...(o.onBatchStatus ? { onStatus: o.onBatchStatus } : {}),
      });
      return { mode, estimate, alreadyDone, summary };
    }
    const { inFlight: _inFlight, ...summary } = await runRequests({
      client: o.client,
      journal: store.journal,
      cache: store.cache,
      cacheScope,
      requests: plan,
      done,
      ...(o.concurrency === undefined ? {} : { concurrency: o.concurrency }),
      ...(o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }),
      ...(o.maxAttempts === undefined ? {} : { maxAttempts: o.maxAttempts }),
      ...(o.secrets ? { secrets: o.secrets } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
      progressEveryMs: o.progressEveryMs ?? 1000,
      ...(o.onProgress ? { onProgress: (p: Readonly<RunCounts>) => o.onProgress!(p, alreadyDone, plan.length) } : {}),
    });
    return { mode, estimate, alreadyDone, summary };
  } finally {
    store.close();
  }
}

/** Merges a batch runner's results (OpenAI output/error file, vLLM `run-batch` output) into the plan's run folder. */
export async function importPlanResults(planPath: string, resultsPath: string, runDir: string, versions: Readonly<Record<string, string>> = {}): Promise<MergeCounts> {
  const plan = await loadPlan(planPath);
  if (!fs.existsSync(resultsPath)) throw new PipelineError('input', `no such file: ${resultsPath}`);
  const store = await openPlanStore(runDir, planPath, undefined, plan, versions);
  try {
    return await importBatchOutput(resultsPath, plan, { journal: store.journal, cache: store.cache, done: store.resume.answered });
  } finally {
    store.close();
  }
}
