import { resolveApiKey } from '../../core/llm/endpointConfig';
import { OpenAiLlmClient } from './openAiLlmClient';

/**
 * The one endpoint-client factory of the CLI and the editor: an OpenAI-compatible client (live calls and the Batch
 * API) for a resolved base URL, with the key taken from `apiKey` (the editor's SecretStorage) or else from the
 * environment variable `apiKeyEnv`. The key stays in memory only.
 */
export function createEndpointClient(
  endpoint: { readonly baseUrl: string; readonly apiKeyEnv: string },
  options: { readonly apiKey?: string; readonly env?: Readonly<Record<string, string | undefined>>; readonly timeoutMs?: number } = {},
): { client: OpenAiLlmClient; apiKey: string | undefined } {
  const apiKey = options.apiKey ?? resolveApiKey(endpoint.apiKeyEnv, options.env ?? process.env);
  const client = new OpenAiLlmClient({ baseUrl: endpoint.baseUrl, ...(apiKey === undefined ? {} : { apiKey }), ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) });
  return { client, apiKey };
}
