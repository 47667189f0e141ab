import { OpenAiLlmClient } from '../adapters/openai/openAiLlmClient';
import { normalizeBaseUrl, resolveApiKey } from '../core/llm/endpointConfig';
import { CliError, ExitCode } from './cliError';

/** The endpoint options every CLI command that talks to a server takes. */
export interface EndpointOptions {
  readonly endpoint: string;
  readonly apiKeyEnv: string;
}

/**
 * A client for `--endpoint` (base URL normalised, key read from `--api-key-env`, held in memory only).
 * A URL that is not http(s) is bad input (exit 2).
 */
export function endpointClient(opts: EndpointOptions, timeoutMs?: number): { client: OpenAiLlmClient; apiKey: string | undefined; baseUrl: string } {
  let baseUrl: string;
  try {
    baseUrl = normalizeBaseUrl(opts.endpoint);
  } catch {
    throw new CliError(`not a valid endpoint URL: ${opts.endpoint}`, ExitCode.badInput);
  }
  const apiKey = resolveApiKey(opts.apiKeyEnv, process.env);
  const client = new OpenAiLlmClient({ baseUrl, ...(apiKey === undefined ? {} : { apiKey }), ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  return { client, apiKey, baseUrl };
}
