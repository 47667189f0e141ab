import type { Command } from 'commander';
import { OpenAiLlmClient } from '../adapters/openai/openAiLlmClient';
import { normalizeBaseUrl, resolveApiKey } from '../core/llm/endpointConfig';
import { CliError, ExitCode } from './cliError';

/** The endpoint options every CLI command that talks to a server takes. */
export interface EndpointOptions {
  readonly endpoint: string;
  readonly apiKeyEnv: string;
}

/**
 * The API key named by `--api-key-env`, normalised once here (`resolveApiKey`: no CR/LF/space around it).
 * When the user named the variable (`--api-key-env` given), an unset or blank one is bad input (exit 2): the
 * command never runs without the key it was told to use. The default variable may be unset (local servers
 * need no key).
 */
export function apiKeyFromEnv(apiKeyEnv: string, named: boolean, env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const key = resolveApiKey(apiKeyEnv, env);
  if (key === undefined && named) {
    const raw = env[apiKeyEnv];
    throw new CliError(
      raw === undefined
        ? `the environment variable ${apiKeyEnv} is not set (named by --api-key-env): export ${apiKeyEnv}=<your key>, or leave --api-key-env out for a server that needs no key`
        : `the environment variable ${apiKeyEnv} is empty (named by --api-key-env): put the API key in it`,
      ExitCode.badInput,
    );
  }
  return key;
}

/** True when the user gave `--api-key-env` (rather than taking the default). */
export function apiKeyEnvNamed(cmd: Command): boolean {
  return cmd.getOptionValueSource('apiKeyEnv') !== 'default';
}

/**
 * A client for `--endpoint` (base URL normalised, key read from `--api-key-env`, held in memory only).
 * A URL that is not http(s) is bad input (exit 2), and so is a named key variable that is not set.
 */
export function endpointClient(opts: EndpointOptions, cmd: Command, timeoutMs?: number): { client: OpenAiLlmClient; apiKey: string | undefined; baseUrl: string } {
  let baseUrl: string;
  try {
    baseUrl = normalizeBaseUrl(opts.endpoint);
  } catch {
    throw new CliError(`not a valid endpoint URL: ${opts.endpoint}`, ExitCode.badInput);
  }
  const apiKey = apiKeyFromEnv(opts.apiKeyEnv, apiKeyEnvNamed(cmd));
  const client = new OpenAiLlmClient({ baseUrl, ...(apiKey === undefined ? {} : { apiKey }), ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  return { client, apiKey, baseUrl };
}
