import { defaultApiKeyEnv, normalizeBaseUrl, type EndpointConfig } from './endpointConfig';

/** How a caller names the endpoint: a URL, a name from the settings, or neither (then `OPENAI_BASE_URL`). */
export interface EndpointChoice {
  readonly url?: string;
  readonly name?: string;
  /** Environment variable holding the key; overrides the named endpoint's. */
  readonly apiKeyEnv?: string;
}

/** Why an endpoint could not be resolved. */
export class EndpointChoiceError extends Error {
  constructor(
    readonly reason: 'none' | 'unknown-name' | 'bad-url',
    message: string,
  ) {
    super(message);
    this.name = 'EndpointChoiceError';
  }

  static is(err: unknown): err is EndpointChoiceError {
    return err instanceof EndpointChoiceError;
  }
}

/** A resolved endpoint: where it is and where its key is (never the key itself). */
export interface ResolvedEndpoint {
  /** The settings name, or `url` / `OPENAI_BASE_URL` for an endpoint given by URL. */
  readonly name: string;
  /** Normalised (`/v1` appended when missing). */
  readonly baseUrl: string;
  readonly apiKeyEnv: string;
  readonly model?: string;
  readonly api?: 'chat' | 'completions';
}

/**
 * The endpoint to use, the same way for the CLI and the editor: an explicit URL first, then a named endpoint of
 * the settings (`personaStudio.endpoints`), then `OPENAI_BASE_URL` from the environment. The base URL comes back
 * normalised (`/v1` appended when missing); the key is only named (`apiKeyEnv`), never read here.
 */
export function resolveEndpoint(choice: EndpointChoice, named: readonly EndpointConfig[], env: Readonly<Record<string, string | undefined>>): ResolvedEndpoint {
  let picked: { name: string; url: string; apiKeyEnv?: string; model?: string; api?: 'chat' | 'completions' };
  if (choice.url !== undefined) picked = { name: 'url', url: choice.url };
  else if (choice.name !== undefined) {
    const e = named.find((n) => n.name === choice.name);
    if (!e) {
      const known = named.map((n) => n.name).join(', ');
      throw new EndpointChoiceError('unknown-name', `no endpoint named "${choice.name}" in personaStudio.endpoints${known ? ` (known: ${known})` : ' (none are defined)'}; add it to .vscode/settings.json or pass --endpoint URL`);
    }
    picked = { name: e.name, url: e.baseUrl, ...(e.apiKeyEnv ? { apiKeyEnv: e.apiKeyEnv } : {}), ...(e.model ? { model: e.model } : {}), ...(e.api ? { api: e.api } : {}) };
  } else if (env.OPENAI_BASE_URL) picked = { name: 'OPENAI_BASE_URL', url: env.OPENAI_BASE_URL };
  else throw new EndpointChoiceError('none', 'no endpoint: pass --endpoint URL (e.g. http://localhost:8000/v1) or --endpoint-name NAME, or set OPENAI_BASE_URL');
  let baseUrl: string;
  try {
    baseUrl = normalizeBaseUrl(picked.url);
  } catch {
    throw new EndpointChoiceError('bad-url', `not a valid endpoint URL${picked.name === 'url' || picked.name === 'OPENAI_BASE_URL' ? '' : ` (endpoint "${picked.name}")`}: ${picked.url === '' ? '(none: set its baseUrl)' : picked.url}`);
  }
  return { name: picked.name, baseUrl, apiKeyEnv: choice.apiKeyEnv ?? picked.apiKeyEnv ?? defaultApiKeyEnv, ...(picked.model ? { model: picked.model } : {}), ...(picked.api ? { api: picked.api } : {}) };
}
