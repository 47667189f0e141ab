import type { SamplingParams } from '../../llm/llmRequest';
import type { ModelSettings } from '../shared/modelSettings';

// Lenient readers of a validated spec's plain value. They stand in for src/core/specModel until it lands:
// the spec checks have already rejected wrong types, so these only pick values and fill defaults.

export type Obj = Readonly<Record<string, unknown>>;

export const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const strs = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : undefined);

/** A spec's `model:` block as ModelSettings (`seed` is not a sampling parameter here: each request gets its own). */
export function modelSettings(value: unknown, fallback?: ModelSettings, override?: { name?: string }): ModelSettings | undefined {
  const m = obj(value);
  const name = override?.name ?? str(m.name) ?? fallback?.name;
  if (name === undefined) return undefined;
  const params: Record<string, unknown> = { ...(fallback?.params ?? {}) };
  for (const k of ['temperature', 'top_p', 'max_tokens', 'n', 'top_logprobs', 'presence_penalty', 'frequency_penalty'] as const) if (num(m[k]) !== undefined) params[k] = m[k];
  if (typeof m.logprobs === 'boolean') params.logprobs = m.logprobs;
  const stop = strs(m.stop);
  if (stop) params.stop = stop;
  if (m.extra !== undefined) params.extra = obj(m.extra);
  const api = str(m.api) === 'chat' ? 'chat' : str(m.api) === 'completions' ? 'completions' : (fallback?.api ?? 'completions');
  return { name, api, params: params as SamplingParams };
}
