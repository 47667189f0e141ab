import * as vscode from 'vscode';
import type { EndpointConfig } from '../core/llm/endpointConfig';
import { parseModelPriceSetting } from '../core/llm/modelPriceSetting';
import type { ModelPrice } from '../core/llm/modelPrices';

/** Typed, sanitised reads of the `personaStudio.*` settings. */
export interface Config {
  /** Milliseconds to wait after the last keystroke before re-validating a spec. */
  readonly validationDelayMs: number;
  /** Named OpenAI-compatible endpoints. Keys are never here: they live in SecretStorage or an environment variable. */
  readonly endpoints: readonly EndpointConfig[];
  /** Runs whose estimated cost exceeds this many US dollars ask for confirmation first. */
  readonly confirmCostAboveUsd: number;
  /** Runs whose cost cannot be estimated (a model has no price) and that send more calls than this ask first. */
  readonly confirmCallsAbove: number;
  /** USD per 1M tokens per model, over the engine's default list prices (`personaStudio.modelPrices`). */
  readonly modelPrices: Readonly<Record<string, ModelPrice>>;
  /** Entries of `personaStudio.modelPrices` that were ignored, and why. */
  readonly modelPriceProblems: readonly string[];
}

/** What an unpriced model's messages tell the user to do. */
export const HOW_TO_SET_PRICE = 'set a price in the setting personaStudio.modelPrices (USD per 1M input/output tokens)';

export const CONFIG_SECTION = 'personaStudio';

export function readConfig(): Config {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const prices = parseModelPriceSetting(c.get<unknown>('modelPrices', {}));
  return {
    validationDelayMs: clamp(c.get<number>('validation.delayMs', 200), 0, 5000),
    endpoints: sanitiseEndpoints(c.get<unknown>('endpoints', [])),
    confirmCostAboveUsd: clamp(c.get<number>('confirmCostAboveUsd', 1), 0, 1_000_000),
    confirmCallsAbove: Math.round(clamp(c.get<number>('confirmCallsAbove', 2000), 0, 1_000_000_000)),
    modelPrices: prices.prices,
    modelPriceProblems: prices.problems,
  };
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}

/** Keeps the well-formed entries of `personaStudio.endpoints` (name and baseUrl strings; names unique). */
function sanitiseEndpoints(raw: unknown): EndpointConfig[] {
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  const out: EndpointConfig[] = [];
  for (const entry of raw as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const e = entry as Record<string, unknown>;
    if (typeof e.name !== 'string' || typeof e.baseUrl !== 'string' || e.name === '' || seen.has(e.name)) continue;
    seen.add(e.name);
    out.push({
      name: e.name,
      baseUrl: e.baseUrl,
      ...(typeof e.apiKeyEnv === 'string' && e.apiKeyEnv !== '' ? { apiKeyEnv: e.apiKeyEnv } : {}),
      ...(typeof e.model === 'string' && e.model !== '' ? { model: e.model } : {}),
      ...(e.api === 'chat' || e.api === 'completions' ? { api: e.api } : {}),
    });
  }
  return out;
}
