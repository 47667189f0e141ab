import { priceFor, type ModelPrice } from './modelPrices';

/** What a run's tokens cost: USD, or null with the models that have no price. */
export interface TokenCost {
  readonly usd: number | null;
  /** Models with tokens and no price (then `usd` is null: the cost was not measured, it is not $0). */
  readonly unpricedModels: readonly string[];
}

/**
 * Prices token totals per model: Σ prompt × input + completion × output (USD per 1M tokens), halved for the Batch
 * API (the discount `estimateRunCost` applies too). The price table is the engine's defaults (`modelPrices.ts`)
 * under `prices`. A model that used tokens and has no price makes the whole figure null.
 */
export function costOfTokens(
  tokensByModel: Readonly<Record<string, { readonly promptTokens: number; readonly completionTokens: number }>>,
  options: { readonly prices?: Readonly<Record<string, ModelPrice>>; readonly batch?: boolean } = {},
): TokenCost {
  let usd = 0;
  const unpriced: string[] = [];
  for (const [model, t] of Object.entries(tokensByModel)) {
    if (t.promptTokens === 0 && t.completionTokens === 0) continue;
    const price = priceFor(model, options.prices);
    if (!price) unpriced.push(model);
    else usd += (t.promptTokens * price.inputPerMTok + t.completionTokens * price.outputPerMTok) / 1e6;
  }
  return { usd: unpriced.length > 0 ? null : usd * (options.batch ? 0.5 : 1), unpricedModels: unpriced };
}
