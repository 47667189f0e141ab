import { approximationError, countPromptTokens, tokenizerFor, type TokenizerName } from './countTokens';
import { priceFor, type ModelPrice } from './modelPrices';
import type { PlannedRequest } from './plannedRequest';

export interface Range {
  min: number;
  max: number;
}

export interface RunEstimate {
  /** HTTP calls (a call with n > 1 is one call). */
  calls: number;
  /** Answers (samples) those calls return. */
  samples: number;
  inputTokens: Range;
  outputTokens: Range;
  /** USD; zero for unpriced models (see `unpricedModels`). */
  costUsd: Range;
  tokenizers: TokenizerName[];
  /** True when some counts are approximations (±30%, stated in `note`). */
  approximate: boolean;
  unpricedModels: string[];
  note: string;
}

export interface EstimateOptions {
  /** Per-model prices from the settings; they override the defaults. */
  readonly prices?: Readonly<Record<string, ModelPrice>>;
  /** Batch API: half the synchronous price. @default false */
  readonly batch?: boolean;
  /** Output tokens assumed per sample when a request sets no `max_tokens`. @default 256 */
  readonly defaultMaxTokens?: number;
  /** Ids already answered (resume): not counted. */
  readonly done?: ReadonlySet<string>;
  /** How the caller's user sets a price, for the note on unpriced models. @default 'set one in the settings' */
  readonly howToSetPrice?: string;
}

/**
 * What a plan will cost before it runs: calls, prompt tokens (exact with an OpenAI encoding, otherwise
 * characters / 4 ± 30%), output tokens between one per sample and `max_tokens` per sample, and the price range.
 */
export async function estimateRunCost(requests: Iterable<PlannedRequest> | AsyncIterable<PlannedRequest>, options: EstimateOptions = {}): Promise<RunEstimate> {
  const e: RunEstimate = { calls: 0, samples: 0, inputTokens: { min: 0, max: 0 }, outputTokens: { min: 0, max: 0 }, costUsd: { min: 0, max: 0 }, tokenizers: [], approximate: false, unpricedModels: [], note: '' };
  const tokenizers = new Set<TokenizerName>();
  const unpriced = new Set<string>();
  const factor = options.batch ? 0.5 : 1;
  for await (const planned of requests) {
    if (options.done?.has(planned.id)) continue;
    const r = planned.request;
    const tokenizer = tokenizerFor(r.model);
    tokenizers.add(tokenizer);
    const exact = countPromptTokens(r, tokenizer);
    const err = tokenizer === 'approx-chars/4' ? approximationError : 0;
    const inMin = Math.floor(exact * (1 - err));
    const inMax = Math.ceil(exact * (1 + err));
    const n = r.params.n ?? 1;
    const outMin = n;
    const outMax = n * (r.params.max_tokens ?? options.defaultMaxTokens ?? 256);
    e.calls++;
    e.samples += n;
    e.inputTokens.min += inMin;
    e.inputTokens.max += inMax;
    e.outputTokens.min += outMin;
    e.outputTokens.max += outMax;
    const price = priceFor(r.model, options.prices);
    if (!price) {
      unpriced.add(r.model);
      continue;
    }
    e.costUsd.min += ((inMin * price.inputPerMTok + outMin * price.outputPerMTok) / 1e6) * factor;
    e.costUsd.max += ((inMax * price.inputPerMTok + outMax * price.outputPerMTok) / 1e6) * factor;
  }
  e.tokenizers = [...tokenizers].sort();
  e.unpricedModels = [...unpriced].sort();
  e.approximate = tokenizers.has('approx-chars/4');
  const notes: string[] = [];
  if (e.approximate) notes.push('prompt tokens of non-OpenAI models are approximated as characters/4, ±30%');
  if (e.unpricedModels.length > 0) notes.push(`no price for ${e.unpricedModels.join(', ')} (${options.howToSetPrice ?? 'set one in the settings'})`);
  if (options.batch) notes.push('batch price: 50% of synchronous');
  e.note = notes.join('; ');
  return e;
}

/** True when the run may cost more than `thresholdUsd` and the user should confirm first. */
export function needsConfirmation(estimate: RunEstimate, thresholdUsd: number): boolean {
  return estimate.costUsd.max > thresholdUsd;
}
