import OpenAI, { toFile } from 'openai';
import type { BatchBackend, BatchJobStatus } from '../../core/llm/batch/batchBackend';
import { normalizeBaseUrl, redactSecret } from '../../core/llm/endpointConfig';
import { LlmError } from '../../core/llm/llmError';
import type { CallOptions, LlmClient } from '../../core/llm/llmClient';
import type { LlmRequest } from '../../core/llm/llmRequest';
import type { LlmResponse } from '../../core/llm/llmResponse';
import { parseWireResponse } from '../../core/llm/parseWireResponse';
import { wireBody } from '../../core/llm/wireBody';
import { classifyOpenAiError } from './classifyOpenAiError';
import { createNodeHttpFetch } from './nodeHttpFetch';
import { createJsonAgents, postJson, type JsonAgents } from './postJson';

export interface OpenAiClientOptions {
  /** With or without `/v1`. */
  readonly baseUrl: string;
  /** Held in memory only; never logged or written. Local servers need none. */
  readonly apiKey?: string;
  /** Per-request limit inside the client; the scheduler sets its own. @default 600000 */
  readonly timeoutMs?: number;
  /**
   * The HTTP layer of the `openai` client. When given, completions go through the `openai` client too; by default
   * they are POSTed directly over keep-alive node:http (`postJson`, the same request and failure classification at
   * a fraction of the cost) and everything else goes through the `openai` client over `createNodeHttpFetch`.
   */
  readonly fetch?: typeof fetch;
}

type Client = OpenAI;

/**
 * Runs `fn` with a signal of its own that follows `signal`: the openai client leaves a listener on every
 * signal it is given, so a long-lived caller signal would collect one per call.
 */
async function linked<T>(signal: AbortSignal | undefined, fn: (options: { signal?: AbortSignal }) => Promise<T>): Promise<T> {
  if (!signal) return fn({});
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await fn({ signal: controller.signal });
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

function batchStatus(b: OpenAI.Batches.Batch): BatchJobStatus {
  return {
    id: b.id,
    status: b.status,
    ...(b.output_file_id ? { outputFileId: b.output_file_id } : {}),
    ...(b.error_file_id ? { errorFileId: b.error_file_id } : {}),
    ...(b.request_counts ? { requestCounts: { total: b.request_counts.total, completed: b.request_counts.completed, failed: b.request_counts.failed } } : {}),
  };
}

/** What a model list names: the `id` of every entry of `data`; throws `incompatible` for any other shape. */
function modelIdsOf(body: unknown): string[] {
  const data = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as { data?: unknown }).data : undefined;
  if (!Array.isArray(data) || !data.every((m: unknown) => m !== null && typeof m === 'object' && typeof (m as { id?: unknown }).id === 'string')) {
    const what = typeof body === 'string' ? (/^\s*</.test(body) ? 'an HTML page' : 'text') : Array.isArray(body) ? 'a JSON array' : body === null || typeof body !== 'object' ? `JSON ${String(body)}` : 'JSON without a data list of models';
    throw new LlmError('incompatible', `GET /models answered with ${what}, not a model list: this is not an OpenAI-compatible API (is the URL the API's base URL, e.g. ending in /v1?)`);
  }
  return (data as Array<{ id: string }>).map((m) => m.id);
}

/** A 2xx answer whose body was not JSON (content type text/html or text/plain). */
function notJson(request: LlmRequest, text: string): LlmError {
  return new LlmError('incompatible', `${request.kind === 'chat' ? 'POST /chat/completions' : 'POST /completions'} answered with ${/^\s*</.test(text) ? 'an HTML page' : 'text'}, not JSON: this is not an OpenAI-compatible API`);
}

/**
 * The `LlmClient` (and `BatchBackend`) over the `openai` package for any OpenAI-compatible endpoint.
 * The package's own retries are off (`maxRetries: 0`): the scheduler decides what to retry.
 */
export class OpenAiLlmClient implements LlmClient, BatchBackend {
  private readonly client: Client;
  private readonly apiKey: string | undefined;
  private readonly timeoutMs: number;
  /** The direct completion path (`postJson`), unless a `fetch` was given. */
  private readonly direct: { readonly agents: JsonAgents; readonly chat: URL; readonly completions: URL } | undefined;
  readonly baseUrl: string;

  constructor(options: OpenAiClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs ?? 600_000;
    this.client = new OpenAI({
      baseURL: this.baseUrl,
      apiKey: options.apiKey ?? 'no-key',
      maxRetries: 0,
      timeout: this.timeoutMs,
      fetch: options.fetch ?? createNodeHttpFetch(),
    });
    // the URLs the openai client builds: base URL + path
    this.direct = options.fetch ? undefined : { agents: createJsonAgents(), chat: new URL(`${this.baseUrl}/chat/completions`), completions: new URL(`${this.baseUrl}/completions`) };
  }

  /** Classifies a failure; a server that echoes the key in its error text does not get it into our messages. */
  private fail(err: unknown): LlmError {
    const e = classifyOpenAiError(err);
    const message = redactSecret(e.message, this.apiKey);
    if (message === e.message) return e;
    return new LlmError(e.reason, message, { ...(e.status === undefined ? {} : { status: e.status }), ...(e.retryAfterMs === undefined ? {} : { retryAfterMs: e.retryAfterMs }) });
  }

  async complete(request: LlmRequest, options: CallOptions = {}): Promise<LlmResponse> {
    const body = wireBody(request);
    if (this.direct) return this.completeDirect(request, body, options);
    let raw: unknown;
    try {
      // the scheduler gives every attempt its own signal, so no linking is needed here
      const reqOptions = options.signal ? { signal: options.signal } : {};
      raw =
        request.kind === 'chat'
          ? await this.client.chat.completions.create(body as unknown as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming, reqOptions)
          : await this.client.completions.create(body as unknown as OpenAI.Completions.CompletionCreateParamsNonStreaming, reqOptions);
    } catch (err) {
      throw this.fail(err);
    }
    if (typeof raw === 'string') throw notJson(request, raw);
    return parseWireResponse(raw, request.kind);
  }

  /** `complete` over `postJson`: one JSON.stringify, one request, one JSON.parse. */
  private async completeDirect(request: LlmRequest, body: Record<string, unknown>, options: CallOptions): Promise<LlmResponse> {
    const direct = this.direct!;
    let answer;
    try {
      answer = await postJson(request.kind === 'chat' ? direct.chat : direct.completions, JSON.stringify(body), {
        agents: direct.agents,
        apiKey: this.apiKey ?? 'no-key',
        timeoutMs: this.timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (err) {
      throw this.fail(err);
    }
    if (answer.kind === 'text') throw notJson(request, answer.text);
    return parseWireResponse(answer.body, request.kind);
  }

  /**
   * `GET /models`, its answer checked: an OpenAI-compatible server answers `{data: [{id}, …]}`. Anything else
   * with status 200 (an HTML page, a web UI, a proxy's login form) is `incompatible`, never an empty list.
   */
  async listModels(options: CallOptions = {}): Promise<string[]> {
    let body: unknown;
    try {
      body = await linked(options.signal, (o) => this.client.get<unknown>('/models', o));
    } catch (err) {
      throw this.fail(err);
    }
    return modelIdsOf(body);
  }

  async uploadBatchFile(name: string, content: string, options: CallOptions = {}): Promise<string> {
    try {
      const upload = await toFile(Buffer.from(content, 'utf8'), name);
      const file = await linked(options.signal, (o) => this.client.files.create({ file: upload, purpose: 'batch' }, o));
      return file.id;
    } catch (err) {
      throw this.fail(err);
    }
  }

  async createBatch(inputFileId: string, endpoint: string, metadata?: Record<string, string>, options: CallOptions = {}): Promise<BatchJobStatus> {
    try {
      const b = await linked(options.signal, (o) =>
        this.client.batches.create({ input_file_id: inputFileId, endpoint: endpoint as OpenAI.Batches.BatchCreateParams['endpoint'], completion_window: '24h', ...(metadata ? { metadata } : {}) }, o),
      );
      return batchStatus(b);
    } catch (err) {
      throw this.fail(err);
    }
  }

  async retrieveBatch(batchId: string, options: CallOptions = {}): Promise<BatchJobStatus> {
    try {
      return batchStatus(await linked(options.signal, (o) => this.client.batches.retrieve(batchId, o)));
    } catch (err) {
      throw this.fail(err);
    }
  }

  async cancelBatch(batchId: string, options: CallOptions = {}): Promise<BatchJobStatus> {
    try {
      return batchStatus(await linked(options.signal, (o) => this.client.batches.cancel(batchId, o)));
    } catch (err) {
      throw this.fail(err);
    }
  }

  async downloadFile(fileId: string, options: CallOptions = {}): Promise<string> {
    try {
      return await linked(options.signal, async (o) => (await this.client.files.content(fileId, o)).text());
    } catch (err) {
      throw this.fail(err);
    }
  }
}
