import type { Command } from 'commander';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { createEndpointClient } from '../adapters/openai/createEndpointClient';
import { OpenAiLlmClient } from '../adapters/openai/openAiLlmClient';
import { normalizeBaseUrl, resolveApiKey, type EndpointConfig } from '../core/llm/endpointConfig';
import { EndpointChoiceError, resolveEndpoint } from '../core/llm/resolveEndpoint';
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

/** The endpoint options of the study commands (generate, simulate): a URL, a named endpoint, or neither. */
export interface StudyEndpointOptions {
  readonly endpoint?: string;
  readonly endpointName?: string;
  readonly apiKeyEnv?: string;
}

/** `personaStudio.endpoints` from `<cwd>/.vscode/settings.json` (comments allowed), the editor's named endpoints. */
export function namedEndpoints(cwd: string): EndpointConfig[] {
  let text: string;
  try {
    text = fs.readFileSync(nodePath.join(cwd, '.vscode', 'settings.json'), 'utf8');
  } catch {
    return [];
  }
  try {
    const json = JSON.parse(text.replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_m: string, s: string | undefined) => s ?? '').replace(/,(\s*[}\]])/g, '$1')) as Record<string, unknown>;
    const list = json['personaStudio.endpoints'];
    return Array.isArray(list) ? (list as EndpointConfig[]) : [];
  } catch {
    throw new CliError(`${nodePath.join(cwd, '.vscode', 'settings.json')}: not valid JSON; fix it to use --endpoint-name`, ExitCode.badInput);
  }
}

/**
 * A client for `--endpoint URL | --endpoint-name NAME` (or `OPENAI_BASE_URL`), resolved as the editor resolves it
 * (`resolveEndpoint`), through the one client factory (`createEndpointClient`); the key from `--api-key-env`
 * (a named variable that is unset is bad input), the named endpoint's `apiKeyEnv`, or `OPENAI_API_KEY`.
 */
export function studyEndpointClient(opts: StudyEndpointOptions, cwd: string): { client: OpenAiLlmClient; apiKey: string | undefined; baseUrl: string } {
  let resolved: ReturnType<typeof resolveEndpoint>;
  try {
    resolved = resolveEndpoint(
      { ...(opts.endpoint === undefined ? {} : { url: opts.endpoint }), ...(opts.endpointName === undefined ? {} : { name: opts.endpointName }), ...(opts.apiKeyEnv === undefined ? {} : { apiKeyEnv: opts.apiKeyEnv }) },
      opts.endpointName === undefined ? [] : namedEndpoints(cwd),
      process.env,
    );
  } catch (err) {
    if (EndpointChoiceError.is(err)) throw new CliError(err.message, ExitCode.badInput);
    throw err;
  }
  const apiKey = apiKeyFromEnv(resolved.apiKeyEnv, opts.apiKeyEnv !== undefined);
  const { client } = createEndpointClient(resolved, apiKey === undefined ? {} : { apiKey });
  return { client, apiKey, baseUrl: resolved.baseUrl };
}
