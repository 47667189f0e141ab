import type { JournalWriter } from '../../runStore/journalWriter';
import type { ResponseCache } from '../../runStore/responseCache';
import { readManifest, writeManifest, type ManifestBatch, type RunManifest } from '../../runStore/runManifest';
import { requestKey } from '../../runStore/requestKey';
import { publicBaseUrl } from '../endpointConfig';
import type { PlannedRequest } from '../plannedRequest';
import type { BatchBackend } from './batchBackend';
import { buildBatchShards, type ShardLimits } from './buildBatchShards';
import { emptyMergeCounts, mergeBatchOutput, type BatchPlanEntry, type MergeCounts } from './mergeBatchOutput';

export interface RunBatchOptions {
  readonly backend: BatchBackend;
  readonly requests: Iterable<PlannedRequest>;
  /** The run's manifest; batch ids are written here before any waiting, so a restart picks them up. */
  readonly manifestPath: string;
  readonly journal?: JournalWriter;
  readonly cache?: ResponseCache;
  /**
   * Who answers, part of every cache key (see `requestKey`): the endpoint's base URL. The batches this call submits
   * are recorded under it (without credentials) and only batches recorded under it are resumed, so each batch is
   * polled through the client that created it. @default '' (the manifest's main endpoint)
   */
  readonly cacheScope?: string;
  /** Ids already answered (from `loadResumeState`). */
  readonly done?: ReadonlySet<string>;
  /** Submission rounds: the first plus resubmissions of infrastructure failures. @default 3 */
  readonly maxRounds?: number;
  /** @default 30000 */
  readonly pollIntervalMs?: number;
  readonly limits?: ShardLimits;
  /** Aborting stops waiting; submitted batches stay in the manifest and a later call resumes them. */
  readonly signal?: AbortSignal;
  readonly onStatus?: (batch: Readonly<ManifestBatch>) => void;
  /** The API key (every form of it) to redact from server text before it is stored; bearer tokens always are. */
  readonly secrets?: readonly (string | undefined)[];
}

export interface RunBatchSummary extends MergeCounts {
  readonly total: number;
  readonly skipped: number;
  /** Planned requests with no answer and no final failure at the end (after the last round). */
  readonly unanswered: number;
  readonly batchesSubmitted: number;
  readonly rounds: number;
  readonly wasCancelled: boolean;
}

const terminal = new Set(['completed', 'failed', 'expired', 'cancelled']);

function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = (): void => {
      clearTimeout(t);
      resolve(false);
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs a plan through an OpenAI-style Batch API: builds the JSONL shards, uploads them, creates the jobs,
 * records their ids in the manifest, polls, downloads the output and error files, joins them on
 * `custom_id` into the journal and cache, and resubmits only the infrastructure failures. Calling it again
 * after a crash or cancellation first finishes the batches the manifest lists, then submits only what is
 * still unanswered.
 */
/** The public form of a cache scope (a base URL loses its credentials; any other text is kept as it is). */
function scopeOf(cacheScope: string): string {
  try {
    return publicBaseUrl(cacheScope);
  } catch {
    return cacheScope;
  }
}

export async function runBatch(options: RunBatchOptions): Promise<RunBatchSummary> {
  const manifest: RunManifest | undefined = await readManifest(options.manifestPath);
  if (!manifest) throw new Error(`no run manifest at ${options.manifestPath}`);
  const signal = options.signal;
  const pollMs = options.pollIntervalMs ?? 30_000;
  const plan = new Map<string, BatchPlanEntry & { planned: PlannedRequest }>();
  let skipped = 0;
  for (const planned of options.requests) {
    if (options.done?.has(planned.id)) {
      skipped++;
      continue;
    }
    plan.set(planned.id, { key: requestKey(planned.request, planned.sampleIndex ?? 0, options.cacheScope), request: planned.request, planned });
  }
  const state = { answered: new Set<string>(), failed: new Set<string>() };
  const counts = emptyMergeCounts();
  let submitted = 0;
  // this endpoint's batches; one recorded without a scope (an older manifest) belongs to the run's main endpoint
  const mainScope = manifest.endpoint.baseUrl;
  const scope = options.cacheScope ? scopeOf(options.cacheScope) : mainScope;
  const ours = (b: ManifestBatch): boolean => (b.scope ?? mainScope) === scope;
  let rounds = manifest.batches.some(ours) ? 1 : 0;
  const save = (): Promise<void> => writeManifest(options.manifestPath, manifest);

  const finish = async (batch: ManifestBatch): Promise<boolean> => {
    while (!terminal.has(batch.status.toLowerCase())) {
      if (!(await sleep(pollMs, signal))) return false;
      const s = await options.backend.retrieveBatch(batch.batchId, signal ? { signal } : {});
      if (s.status !== batch.status) {
        batch.status = s.status;
        if (s.outputFileId) batch.outputFileId = s.outputFileId;
        if (s.errorFileId) batch.errorFileId = s.errorFileId;
        options.journal?.append({ t: 'batch', at: new Date().toISOString(), batchId: batch.batchId, status: s.status, requests: batch.requests });
        await save();
        options.onStatus?.(batch);
      }
    }
    for (const fileId of [batch.outputFileId, batch.errorFileId]) {
      if (fileId === undefined) continue;
      const text = await options.backend.downloadFile(fileId, signal ? { signal } : {});
      await mergeBatchOutput(text, plan, state, { ...(options.journal ? { journal: options.journal } : {}), ...(options.cache ? { cache: options.cache } : {}), ...(options.secrets ? { secrets: options.secrets } : {}), round: rounds }, counts);
    }
    options.journal?.flush();
    batch.merged = true;
    await save();
    return true;
  };

  let cancelled = false;
  // 1. batches a previous call submitted but did not merge
  for (const batch of manifest.batches) {
    if (batch.merged || !ours(batch)) continue;
    if (!(await finish(batch))) {
      cancelled = true;
      break;
    }
  }
  // 2. rounds of submission for whatever is still unanswered
  const maxRounds = options.maxRounds ?? 3;
  while (!cancelled && rounds < maxRounds) {
    const remaining = [...plan.values()].filter((e) => !state.answered.has(e.planned.id) && !state.failed.has(e.planned.id)).map((e) => e.planned);
    if (remaining.length === 0) break;
    rounds++;
    const fresh: ManifestBatch[] = [];
    for (const shard of buildBatchShards(remaining, options.limits)) {
      if (signal?.aborted) break;
      const inputFileId = await options.backend.uploadBatchFile(`persona-studio-${Date.now()}-${submitted}.jsonl`, shard.content, signal ? { signal } : {});
      const created = await options.backend.createBatch(inputFileId, shard.endpoint, { source: 'persona-studio', spec: manifest.specHash.slice(0, 64) }, signal ? { signal } : {});
      const batch: ManifestBatch = { batchId: created.id, inputFileId, endpoint: shard.endpoint, scope, requests: shard.ids.length, status: created.status, merged: false };
      manifest.batches.push(batch);
      fresh.push(batch);
      submitted++;
      await save();
      options.journal?.append({ t: 'batch', at: new Date().toISOString(), batchId: created.id, status: created.status, requests: shard.ids.length });
      options.onStatus?.(batch);
    }
    for (const batch of fresh) {
      if (!(await finish(batch))) {
        cancelled = true;
        break;
      }
    }
    if (signal?.aborted) cancelled = true;
  }
  options.journal?.flush();
  const unanswered = [...plan.keys()].filter((id) => !state.answered.has(id) && !state.failed.has(id)).length;
  return { ...counts, total: plan.size + skipped, skipped, unanswered, batchesSubmitted: submitted, rounds, wasCancelled: cancelled };
}
