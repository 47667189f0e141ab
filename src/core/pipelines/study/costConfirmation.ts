import type { StudyEstimate } from './estimateStudy';

/** When a run started from the editor asks first. */
export interface ConfirmationLimits {
  /** Ask when the upper end of the priced cost range is above this many US dollars. */
  readonly costAboveUsd: number;
  /** Ask when the cost cannot be estimated (a model has no price) and the run sends more calls than this. */
  readonly callsAbove: number;
}

/** What the confirmation of a run's estimate says, and whether to ask at all. */
export interface CostConfirmation {
  /** `cost` (priced, above the dollar limit), `calls` (cost unknown, above the calls limit), or undefined: run without asking. */
  readonly ask: 'cost' | 'calls' | undefined;
  /** `1,064 calls, ~4.8M tokens, $0.12–$0.40`, or `cost unknown (no price for m): 1,064 calls, ~4.8M tokens`. */
  readonly summary: string;
  readonly calls: number;
  /** Input plus output tokens at the upper end (unknown texts at their token limits, answers at `max_tokens`). */
  readonly tokens: number;
  /** Models with no price: then the cost is unknown, never reported as $0. */
  readonly unpricedModels: readonly string[];
}

/** `950`, `12.5k`, `3.1M`: a count for people to read. */
export function shortCount(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n);
}

/** The models of an estimate that have no price (sorted, each once). */
export function unpricedModelsOf(e: StudyEstimate): string[] {
  return [...new Set(Object.values(e.stages).flatMap((s) => s.unpricedModels))].sort();
}

/** Input + output tokens of an estimate at the upper end of its ranges. */
export function estimateTokens(e: StudyEstimate): number {
  return Object.values(e.stages).reduce((a, s) => a + s.inputTokens.max + s.outputTokens.max, 0);
}

/**
 * `$0.12–$0.40`, or `$0.12–$0.40 (≤ $38.00 with every re-ask)` when re-asks could add to it, or `cost unknown (no
 * price for m)` when a model has no price: a cost not measured is never $0.
 */
export function estimateCostText(e: StudyEstimate): string {
  const unpriced = unpricedModelsOf(e);
  if (unpriced.length > 0) return `cost unknown (no price for ${unpriced.join(', ')})`;
  const first = e.total.costUsdFirstTry;
  const range = `$${first.min.toFixed(2)}–$${first.max.toFixed(2)}`;
  return e.total.costUsd.max > first.max + 0.005 ? `${range} (≤ $${e.total.costUsd.max.toFixed(2)} with every re-ask)` : range;
}

/**
 * Whether a run must be confirmed before it sends anything, and what to tell the user. A priced run asks when the
 * upper end of its cost range with nothing re-asked (`costUsdFirstTry.max`: what a compliant model costs) is above
 * `costAboveUsd`; the worst case with every bounded re-ask taken (Anthology allows 100 per answer, so about 100 times
 * more) is in the summary, but gating on it would ask before every run. A run with an unpriced model has no cost figure (the
 * priced part would understate it): it asks when it sends more than `callsAbove` calls, or when its priced part
 * alone is above the dollar limit, and its summary says "cost unknown" with the calls and tokens instead.
 */
export function costConfirmation(e: StudyEstimate, limits: ConfirmationLimits): CostConfirmation {
  const unpricedModels = unpricedModelsOf(e);
  const calls = e.total.calls;
  const tokens = estimateTokens(e);
  const volume = `${calls.toLocaleString('en-US')} calls, ~${shortCount(tokens)} tokens`;
  const overCost = e.total.costUsdFirstTry.max > limits.costAboveUsd;
  if (unpricedModels.length === 0) return { ask: overCost ? 'cost' : undefined, summary: `${volume}, ${estimateCostText(e)}`, calls, tokens, unpricedModels };
  return { ask: calls > limits.callsAbove ? 'calls' : overCost ? 'cost' : undefined, summary: `${estimateCostText(e)}: ${volume}`, calls, tokens, unpricedModels };
}
