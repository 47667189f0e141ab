/** One alternative the model considered at a token position. */
export interface TopLogprob {
  readonly token: string;
  readonly logprob: number;
}

/** The log-probability of one generated token and its top alternatives. */
export interface TokenLogprob {
  readonly token: string;
  readonly logprob: number;
  readonly top: readonly TopLogprob[];
}

export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls' | 'function_call' | 'other';

/** One returned sample. */
export interface LlmChoice {
  readonly index: number;
  readonly text: string;
  /** The assistant's `refusal` field (OpenAI structured outputs), when the server set one. */
  readonly refusal?: string;
  readonly finishReason: FinishReason;
  /** Per generated token; absent when the server did not return logprobs. */
  readonly logprobs?: readonly TokenLogprob[];
}

export interface LlmUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** A successful answer, normalised across chat and completions. Plain data: safe to cache and journal. */
export interface LlmResponse {
  readonly model: string;
  readonly choices: readonly LlmChoice[];
  readonly usage?: LlmUsage;
  readonly systemFingerprint?: string;
}
