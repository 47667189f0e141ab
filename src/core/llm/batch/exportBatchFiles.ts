import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { JournalWriter } from '../../runStore/journalWriter';
import type { ResponseCache } from '../../runStore/responseCache';
import { requestKey } from '../../runStore/requestKey';
import type { PlannedRequest } from '../plannedRequest';
import { buildBatchShards, type ShardLimits } from './buildBatchShards';
import { emptyMergeCounts, mergeBatchOutput, type BatchPlanEntry, type MergeCounts } from './mergeBatchOutput';

/**
 * Writes the plan as batch input files (`<dir>/<name>-001.jsonl`, …) for `vllm run-batch` on a user's own
 * cluster (or any OpenAI-format batch runner). Resolves to the paths written.
 */
export async function exportBatchFiles(requests: Iterable<PlannedRequest>, dir: string, name: string, limits: ShardLimits = {}): Promise<string[]> {
  await fs.promises.mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const shard of buildBatchShards(requests, limits)) {
    const path = nodePath.join(dir, `${name}-${String(paths.length + 1).padStart(3, '0')}.jsonl`);
    await fs.promises.writeFile(path, shard.content);
    paths.push(path);
  }
  return paths;
}

/**
 * Merges a batch runner's output file (OpenAI output or error file, or vLLM `run-batch` results in either
 * response shape) into the journal and cache, joined on `custom_id`.
 */
export async function importBatchOutput(
  path: string,
  requests: Iterable<PlannedRequest>,
  stores: { journal?: JournalWriter; cache?: ResponseCache; done?: ReadonlySet<string>; cacheScope?: string },
): Promise<MergeCounts> {
  const plan = new Map<string, BatchPlanEntry>();
  for (const p of requests) plan.set(p.id, { key: requestKey(p.request, p.sampleIndex ?? 0, stores.cacheScope), request: p.request });
  const state = { answered: new Set(stores.done ?? []), failed: new Set<string>() };
  const text = await fs.promises.readFile(path, 'utf8');
  const counts = await mergeBatchOutput(text, plan, state, { ...(stores.journal ? { journal: stores.journal } : {}), ...(stores.cache ? { cache: stores.cache } : {}) }, emptyMergeCounts());
  stores.journal?.flush();
  return counts;
}
