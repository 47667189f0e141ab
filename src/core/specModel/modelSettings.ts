import { oneOf, optBoolean, optInteger, optNumber, optRecord, optStop, record, string, type Json } from './readShape';

/**
 * Model and sampling settings (the schemas' `model` definition) with every schema default filled in, so
 * what is sent and what the methods report records are the same values. `max_tokens`, `stop`, `seed` and
 * `top_logprobs` stay undefined when neither the spec nor a default gives them (the server decides).
 */
export interface ModelSettings {
  readonly name: string;
  readonly api: 'chat' | 'completions';
  readonly temperature: number;
  readonly top_p: number;
  readonly max_tokens?: number;
  /** Always a list (the schema also allows one string). */
  readonly stop?: readonly string[];
  readonly seed?: number;
  readonly n: number;
  readonly logprobs: boolean;
  readonly top_logprobs?: number;
  readonly presence_penalty: number;
  readonly frequency_penalty: number;
  /** Extra request-body fields passed through unchanged. */
  readonly extra: Readonly<Record<string, unknown>>;
}

/** Settings that replace others when a model is inherited (e.g. the survey model from the persona model). */
export type ModelOverrides = Partial<Omit<ModelSettings, 'name'>>;

/** The schema defaults of every optional setting. */
export const MODEL_DEFAULTS = { api: 'chat', temperature: 1, top_p: 1, n: 1, logprobs: false, presence_penalty: 0, frequency_penalty: 0 } as const;

/** Reads a validated `model` mapping at `where` (for messages), filling in the schema defaults. */
export function toModelSettings(raw: unknown, where: string): ModelSettings {
  const m: Json = record(raw, where);
  const maxTokens = optInteger(m['max_tokens'], `${where}.max_tokens`);
  const stop = optStop(m['stop'], `${where}.stop`);
  const seed = optInteger(m['seed'], `${where}.seed`);
  const topLogprobs = optInteger(m['top_logprobs'], `${where}.top_logprobs`);
  return {
    name: string(m['name'], `${where}.name`),
    api: m['api'] === undefined ? MODEL_DEFAULTS.api : oneOf(m['api'], ['chat', 'completions'] as const, `${where}.api`),
    temperature: optNumber(m['temperature'], `${where}.temperature`) ?? MODEL_DEFAULTS.temperature,
    top_p: optNumber(m['top_p'], `${where}.top_p`) ?? MODEL_DEFAULTS.top_p,
    ...(maxTokens === undefined ? {} : { max_tokens: maxTokens }),
    ...(stop === undefined ? {} : { stop }),
    ...(seed === undefined ? {} : { seed }),
    n: optInteger(m['n'], `${where}.n`) ?? MODEL_DEFAULTS.n,
    logprobs: optBoolean(m['logprobs'], `${where}.logprobs`) ?? MODEL_DEFAULTS.logprobs,
    ...(topLogprobs === undefined ? {} : { top_logprobs: topLogprobs }),
    presence_penalty: optNumber(m['presence_penalty'], `${where}.presence_penalty`) ?? MODEL_DEFAULTS.presence_penalty,
    frequency_penalty: optNumber(m['frequency_penalty'], `${where}.frequency_penalty`) ?? MODEL_DEFAULTS.frequency_penalty,
    extra: optRecord(m['extra'], `${where}.extra`) ?? {},
  };
}

/** `settings` with `overrides` applied (used for defaults such as "the persona model with max_tokens 128"). */
export function withModelOverrides(settings: ModelSettings, overrides: ModelOverrides): ModelSettings {
  return { ...settings, ...overrides };
}
