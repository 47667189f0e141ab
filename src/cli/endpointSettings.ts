import { readFileSync, statSync } from 'node:fs';
import type { EndpointConfig } from '../core/llm/endpointConfig';
import { parseModelPriceSetting } from '../core/llm/modelPriceSetting';
import type { ModelPrice } from '../core/llm/modelPrices';
import { CliError } from './cliError';
import { parseJsonWithComments } from './parseJsonWithComments';

/** The setting VS Code keeps the endpoints in; the CLI reads the same key from a settings file. */
const ENDPOINTS_KEY = 'personaStudio.endpoints';
/** The setting of per-model prices, read by the editor and, from a settings file, by the CLI. */
const PRICES_KEY = 'personaStudio.modelPrices';

/**
 * The endpoint names `validate` checks specs against: `--endpoints a,b` and/or the `personaStudio.endpoints`
 * of a VS Code settings file (`--settings .vscode/settings.json`, JSON with comments). Undefined when
 * neither is given: then nothing is known and `endpoint:` values are not checked.
 */
export function endpointNamesFromOptions(options: { endpoints?: string; settings?: string }, resolve: (p: string) => string): string[] | undefined {
  if (options.endpoints === undefined && options.settings === undefined) return undefined;
  const names: string[] = [];
  if (options.endpoints !== undefined) {
    names.push(...options.endpoints.split(',').map((n) => n.trim()).filter((n) => n !== ''));
  }
  if (options.settings !== undefined) names.push(...endpointNamesInSettings(options.settings, resolve(options.settings)));
  return [...new Set(names)];
}

/** The `name`s of `personaStudio.endpoints` in a settings file; a file that is not one is bad input (exit 2). */
export function endpointNamesInSettings(shown: string, absPath: string): string[] {
  return endpointsInSettings(shown, absPath).map((e) => e.name);
}

/** A VS Code settings file as a JSON object (JSON with comments); anything else is bad input (exit 2). */
function readSettingsObject(shown: string, absPath: string): Record<string, unknown> {
  let text: string;
  try {
    if (!statSync(absPath).isFile()) throw new CliError(`${shown}: not a settings file (it is not a regular file); pass the path of a settings.json.`);
    text = readFileSync(absPath, 'utf8');
  } catch (err) {
    if (CliError.is(err)) throw err;
    throw new CliError(`${shown}: cannot read the settings file (${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}).`);
  }
  let settings: unknown;
  let where = '';
  try {
    settings = parseJsonWithComments(text);
  } catch (err) {
    where = ` (${(err as Error).message})`;
  }
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    throw new CliError(`${shown}: not a settings file: expected a JSON object such as {"${ENDPOINTS_KEY}": [{"name": "local", "baseUrl": "http://localhost:8000/v1"}]}${where}.`);
  }
  return settings as Record<string, unknown>;
}

/**
 * The `personaStudio.modelPrices` of a settings file (USD per 1M tokens per model, as in the editor); an entry that
 * is not two prices is bad input (exit 2), so a typo never prices a model at $0.
 */
export function modelPricesInSettings(shown: string, absPath: string): Record<string, ModelPrice> {
  const { prices, problems } = parseModelPriceSetting(readSettingsObject(shown, absPath)[PRICES_KEY]);
  if (problems.length > 0) throw new CliError(`${shown}: ${problems[0]}.`);
  return prices;
}

/**
 * The `personaStudio.endpoints` of a settings file (entries with a name; `baseUrl` is checked when one is used);
 * a file that is not a settings file is bad input (exit 2).
 */
export function endpointsInSettings(shown: string, absPath: string): EndpointConfig[] {
  const settings = readSettingsObject(shown, absPath);
  const raw = settings[ENDPOINTS_KEY];
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new CliError(`${shown}: "${ENDPOINTS_KEY}" must be a list of {"name", "baseUrl"} entries.`);
  return raw.flatMap((e: unknown): EndpointConfig[] => {
    if (typeof e !== 'object' || e === null) return [];
    const { name, baseUrl, apiKeyEnv, model, api } = e as Record<string, unknown>;
    if (typeof name !== 'string' || name === '') return [];
    return [{ name, baseUrl: typeof baseUrl === 'string' ? baseUrl : '', ...(typeof apiKeyEnv === 'string' && apiKeyEnv !== '' ? { apiKeyEnv } : {}), ...(typeof model === 'string' && model !== '' ? { model } : {}), ...(api === 'chat' || api === 'completions' ? { api } : {}) }];
  });
}
