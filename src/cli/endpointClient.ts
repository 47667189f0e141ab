import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { createEndpointClient } from '../adapters/openai/createEndpointClient';
import type { OpenAiLlmClient } from '../adapters/openai/openAiLlmClient';
import type { EndpointConfig } from '../core/llm/endpointConfig';
import { EndpointChoiceError, resolveEndpoint } from '../core/llm/resolveEndpoint';
import { CliError, ExitCode } from './cliError';

/** The endpoint options every CLI command that talks to a server takes. */
export interface EndpointOptions {
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
 * A client for `--endpoint URL | --endpoint-name NAME` (or `OPENAI_BASE_URL`), key from `--api-key-env` (default
 * `OPENAI_API_KEY`), held in memory only. A bad or missing endpoint is bad input (exit 2).
 */
export function endpointClient(opts: EndpointOptions, timeoutMs?: number, cwd = process.cwd()): { client: OpenAiLlmClient; apiKey: string | undefined; baseUrl: string } {
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
  const { client, apiKey } = createEndpointClient(resolved, timeoutMs === undefined ? {} : { timeoutMs });
  return { client, apiKey, baseUrl: resolved.baseUrl };
}
