import * as http from 'node:http';
import * as https from 'node:https';
import { LlmError, parseRetryAfter, reasonForStatus } from '../../core/llm/llmError';

/** A keep-alive connection pool per protocol for `postJson`. */
export interface JsonAgents {
  readonly 'http:': http.Agent;
  readonly 'https:': https.Agent;
}

/** Keep-alive pools of `maxSockets` connections per host (well above any run's concurrency). */
export function createJsonAgents(maxSockets = 512): JsonAgents {
  return {
    'http:': new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets }),
    'https:': new https.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets }),
  };
}

export interface PostJsonOptions {
  readonly agents: JsonAgents;
  /** Sent as `Authorization: Bearer <key>`. */
  readonly apiKey: string;
  readonly signal?: AbortSignal;
  /** Whole-request limit: `LlmError('timeout')` when passed. */
  readonly timeoutMs: number;
}

/** A 2xx answer: the parsed JSON body, or the text of a body that is not declared JSON. */
export type PostJsonResult = { readonly kind: 'json'; readonly body: unknown } | { readonly kind: 'text'; readonly text: string };

/** What the `openai` client takes for a JSON answer: `application/json` or any `+json` media type. */
function isJsonType(contentType: string | undefined): boolean {
  const media = contentType?.split(';')[0]?.trim();
  return media !== undefined && (media.includes('application/json') || media.endsWith('+json'));
}

/** The `LlmError` of a non-2xx answer, exactly as `classifyOpenAiError` makes it from the `openai` client's `APIError`. */
function statusError(status: number, text: string, headers: http.IncomingHttpHeaders): LlmError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const error = parsed !== null && typeof parsed === 'object' ? (parsed as { error?: unknown }).error : undefined;
  const errObj = error !== null && typeof error === 'object' ? (error as { code?: unknown; message?: unknown }) : undefined;
  const code = typeof errObj?.code === 'string' ? errObj.code : undefined;
  const reason = code === 'content_filter' || code === 'content_policy_violation' ? 'content-filter' : reasonForStatus(status);
  const retryAfterMs = parseRetryAfter((name) => {
    const v = headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  });
  const detail = typeof errObj?.message === 'string' ? errObj.message : '';
  return new LlmError(reason, `HTTP ${status}${code === undefined ? '' : ` ${code}`}${detail === '' ? '' : `: ${detail.slice(0, 300)}`}`, {
    status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/**
 * POSTs a JSON body over a keep-alive node:http(s) connection and reads the answer, for the hot path of live runs
 * (a completion per request): the same request and the same classification of failures as the `openai` client
 * (`classifyOpenAiError`), at a fraction of its per-request cost (no web streams, `Headers`/`Response` objects or
 * log formatting). Resolves with the body of a 2xx answer (JSON when declared JSON, as the `openai` client reads
 * it; `undefined` for an empty JSON body or a 204); rejects with an `LlmError`: the status's reason (with
 * `retry-after(-ms)`) for a non-2xx answer, `unparseable` for a JSON body that does not parse, `connection` for a
 * refused, reset or cut-off connection or an aborted signal, `timeout` past `timeoutMs`. Error messages carry
 * only the status, the server's error code and message, never a request header, so the key cannot leak.
 */
export function postJson(url: URL, body: string, options: PostJsonOptions): Promise<PostJsonResult> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(new LlmError('connection', 'request aborted'));
  return new Promise<PostJsonResult>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const fail = (error: LlmError): void => {
      settle(() => reject(error));
      req.destroy();
    };
    const onAbort = (): void => fail(new LlmError('connection', 'request aborted'));
    const timer = setTimeout(() => fail(new LlmError('timeout', 'request timed out')), options.timeoutMs);
    const secure = url.protocol === 'https:';
    const req = (secure ? https : http).request(
      {
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        agent: options.agents[secure ? 'https:' : 'http:'],
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${options.apiKey}`,
          // some gateways refuse requests without one (node:http sends none)
          'user-agent': 'persona-studio',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => settle(() => reject(new LlmError('connection', 'response body was cut off', { cause: e }))));
        res.on('close', () => {
          if (!res.complete) return settle(() => reject(new LlmError('connection', 'response body was cut off')));
          const status = res.statusCode ?? 0;
          const text = status === 204 ? '' : Buffer.concat(chunks).toString('utf8');
          if (status < 200 || status > 299) return settle(() => reject(statusError(status, text, res.headers)));
          if (status === 204) return settle(() => resolve({ kind: 'json', body: undefined }));
          if (!isJsonType(res.headers['content-type'])) return settle(() => resolve({ kind: 'text', text }));
          if (res.headers['content-length'] === '0') return settle(() => resolve({ kind: 'json', body: undefined }));
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch (err) {
            return settle(() => reject(new LlmError('unparseable', 'response body is not valid JSON', { cause: err })));
          }
          settle(() => resolve({ kind: 'json', body: parsed }));
        });
      },
    );
    req.on('error', (e) => settle(() => reject(new LlmError('connection', 'connection failed', { cause: e }))));
    signal?.addEventListener('abort', onAbort, { once: true });
    req.end(body);
  });
}
