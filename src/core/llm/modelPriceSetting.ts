import type { ModelPrice } from './modelPrices';

/**
 * The setting `personaStudio.modelPrices` (also read from a settings file by the CLI): USD per 1M tokens per model,
 * `{ "<model>": { "inputPerMTok": 0.5, "outputPerMTok": 1.5 } }`, overriding the engine's defaults
 * (`modelPrices.ts`). Entries that are not a model name with two finite prices ≥ 0 are left out and named in
 * `problems`, so a typo never prices a model at $0.
 */
export function parseModelPriceSetting(raw: unknown): { readonly prices: Record<string, ModelPrice>; readonly problems: string[] } {
  const prices: Record<string, ModelPrice> = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { prices, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { prices, problems: ['personaStudio.modelPrices is not an object of model names'] };
  for (const [model, value] of Object.entries(raw as Record<string, unknown>)) {
    const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const ok = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;
    if (model.trim() === '' || !ok(v.inputPerMTok) || !ok(v.outputPerMTok)) {
      problems.push(`personaStudio.modelPrices["${model}"] needs inputPerMTok and outputPerMTok, USD per 1M tokens (numbers ≥ 0)`);
      continue;
    }
    prices[model] = { inputPerMTok: v.inputPerMTok, outputPerMTok: v.outputPerMTok };
  }
  return { prices, problems };
}
