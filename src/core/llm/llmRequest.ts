/** A chat message as the endpoint receives it. */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/**
 * Every sampling parameter the engine passes through unchanged. Field names follow the OpenAI wire format
 * so that a request can be written to a batch file as it is. `extra` carries server-specific fields
 * (vLLM `structured_outputs`, `top_k`, `min_p`, `logprob_token_ids`, ...) and is merged into the body last.
 */
export interface SamplingParams {
  readonly temperature?: number;
  readonly top_p?: number;
  /** Sent as `max_tokens`; use `extra: { max_completion_tokens }` for reasoning models. */
  readonly max_tokens?: number;
  readonly stop?: string | readonly string[];
  readonly seed?: number;
  /** Samples per call; only where the endpoint supports it (see `EndpointCapabilities`). */
  readonly n?: number;
  /** Chat: boolean. Completions: use `top_logprobs` (sent as the integer `logprobs`). */
  readonly logprobs?: boolean;
  readonly top_logprobs?: number;
  readonly logit_bias?: Readonly<Record<string, number>>;
  readonly response_format?: Readonly<Record<string, unknown>>;
  readonly presence_penalty?: number;
  readonly frequency_penalty?: number;
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** A chat-completions request: plain data, no client objects. */
export interface ChatRequest {
  readonly kind: 'chat';
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly params: SamplingParams;
}

/** A legacy completions request (base models, `/v1/completions`). */
export interface CompletionRequest {
  readonly kind: 'completion';
  readonly model: string;
  readonly prompt: string;
  readonly params: SamplingParams;
}

export type LlmRequest = ChatRequest | CompletionRequest;

/** The URL path of the endpoint a request goes to (as used in batch files). */
export function requestPath(request: LlmRequest): '/v1/chat/completions' | '/v1/completions' {
  return request.kind === 'chat' ? '/v1/chat/completions' : '/v1/completions';
}
