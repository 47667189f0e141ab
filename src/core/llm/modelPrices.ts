/** US dollars per million tokens. */
export interface ModelPrice {
  readonly inputPerMTok: number;
  readonly outputPerMTok: number;
}

/**
 * Default list prices (USD per 1M tokens, synchronous API) used when the settings name none. Prices drift:
 * the settings override them per model, and a model that is not listed (local or open weights) is unpriced.
 */
export const defaultModelPrices: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10 },
  'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8 },
  'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  'gpt-4.1-nano': { inputPerMTok: 0.1, outputPerMTok: 0.4 },
  'gpt-5': { inputPerMTok: 1.25, outputPerMTok: 10 },
  'gpt-5-mini': { inputPerMTok: 0.25, outputPerMTok: 2 },
  'gpt-5-nano': { inputPerMTok: 0.05, outputPerMTok: 0.4 },
  'gpt-3.5-turbo': { inputPerMTok: 0.5, outputPerMTok: 1.5 },
  'gpt-3.5-turbo-instruct': { inputPerMTok: 1.5, outputPerMTok: 2 },
  'davinci-002': { inputPerMTok: 2, outputPerMTok: 2 },
  'babbage-002': { inputPerMTok: 0.4, outputPerMTok: 0.4 },
};

/** The price for `model`: an exact settings entry, else the longest default whose name prefixes it (dated snapshots). */
export function priceFor(model: string, overrides: Readonly<Record<string, ModelPrice>> = {}): ModelPrice | undefined {
  if (overrides[model]) return overrides[model];
  const table = { ...defaultModelPrices, ...overrides };
  let best: string | undefined;
  for (const name of Object.keys(table)) if ((model === name || model.startsWith(`${name}-`)) && (best === undefined || name.length > best.length)) best = name;
  return best === undefined ? undefined : table[best];
}
