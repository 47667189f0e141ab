import type { ModelPrice } from '../core/llm/modelPrices';
import { CliError, ExitCode } from './cliError';

/** The plan commands (`llm …`) read no settings: prices come from --price. */
export const howToSetPrice = 'set a price with --price MODEL=INPUT/OUTPUT, USD per 1M tokens';

/** The study commands also read personaStudio.modelPrices of the settings file (--settings, or .vscode/settings.json). */
export const howToSetStudyPrice = 'set a price with --price MODEL=INPUT/OUTPUT (USD per 1M tokens) or in personaStudio.modelPrices of the settings file (--settings)';

/** `--price MODEL=INPUT/OUTPUT` values (USD per 1M tokens) as a price table that overrides the defaults. */
export function parsePrices(values: readonly string[]): Record<string, ModelPrice> {
  const prices: Record<string, ModelPrice> = {};
  for (const v of values) {
    const m = /^(.+)=(\d+(?:\.\d*)?|\.\d+)\/(\d+(?:\.\d*)?|\.\d+)$/.exec(v);
    if (!m) throw new CliError(`--price expects MODEL=INPUT/OUTPUT (USD per 1M tokens), got ${v}`, ExitCode.badInput);
    prices[m[1]!] = { inputPerMTok: Number(m[2]), outputPerMTok: Number(m[3]) };
  }
  return prices;
}
