import type { ModelPrice } from '../core/llm/modelPrices';
import { CliError, ExitCode } from './cliError';

/** The CLI has no settings: prices come from --price. */
export const howToSetPrice = 'set a price with --price MODEL=INPUT/OUTPUT, USD per 1M tokens';

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
