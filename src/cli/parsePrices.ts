import type { Command } from 'commander';
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

/** Adds the repeatable `--price MODEL=INPUT/OUTPUT` option (read with `parsePrices`) to a command. */
export function withPriceOption(cmd: Command): Command {
  return cmd.option('--price <model=in/out...>', 'USD per 1M input/output tokens for a model (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[]);
}

/**
 * The refusal of a run whose models have no price, unless `--yes`: its cost is unknown, not $0, so it never passes
 * `--confirm-above` silently (exit 1; the same words for the plan and the study commands).
 */
export function unknownCostError(unpricedModels: readonly string[], howTo: string): CliError {
  return new CliError(`the cost is unknown (no price for ${unpricedModels.join(', ')}); ${howTo}, or pass --yes to run anyway`, ExitCode.problems);
}
