import type { LlmRequest } from '../llmRequest';
import type { PlannedRequest } from '../plannedRequest';

export interface PlanSamplesOptions {
  /** Whether the endpoint honours `n` (from `probeEndpoint`). */
  readonly supportsN: boolean;
  /** The largest `n` per call. @default 128 */
  readonly maxN?: number;
  /** Offset of the first sample index (re-asks continue after earlier samples). @default 0 */
  readonly firstSampleIndex?: number;
}

/**
 * The calls that yield `samples` answers to one prompt: with `n` where the endpoint supports it (as few
 * calls as possible), one call per sample where it does not. Every call has its own sample index, so the
 * cache never folds two samples into one; ids are `<baseId>-s<index>`.
 */
export function planSamples(baseId: string, request: LlmRequest, samples: number, options: PlanSamplesOptions): PlannedRequest[] {
  const maxN = options.supportsN ? Math.max(1, Math.min(128, options.maxN ?? 128)) : 1;
  const first = options.firstSampleIndex ?? 0;
  const plan: PlannedRequest[] = [];
  let index = first;
  for (let left = samples; left > 0; ) {
    const n = Math.min(maxN, left);
    const { n: _ignored, ...params } = request.params;
    plan.push({ id: `${baseId}-s${index}`, request: { ...request, params: n > 1 ? { ...params, n } : params }, sampleIndex: index });
    index += n;
    left -= n;
  }
  return plan;
}
