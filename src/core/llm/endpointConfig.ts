/** A named endpoint from the settings. The API key itself is never part of it: only where to find it. */
export interface EndpointConfig {
  readonly name: string;
  /** Base URL with or without `/v1`; see `normalizeBaseUrl`. */
  readonly baseUrl: string;
  /** Environment variable holding the key. @default 'OPENAI_API_KEY' */
  readonly apiKeyEnv?: string;
  readonly model?: string;
}

export const defaultApiKeyEnv = 'OPENAI_API_KEY';

/**
 * Normalises a base URL for an OpenAI-compatible server: drops trailing slashes and a pasted
 * `/chat/completions` or `/completions` suffix, and appends `/v1` when the path names no API version.
 * `http://localhost:8000` and `http://localhost:8000/v1/` both become `http://localhost:8000/v1`.
 */
export function normalizeBaseUrl(input: string): string {
  const url = new URL(input.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`not an http(s) URL: ${url.protocol}`);
  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(/\/(chat\/)?completions$/, '');
  if (!/\/v\d+[a-z0-9]*(\/|$)/i.test(path)) path = `${path}/v1`;
  url.pathname = path;
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

/** The API key for an endpoint, read from the environment (empty and missing are both `undefined`). */
export function resolveApiKey(apiKeyEnv: string | undefined, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const value = env[apiKeyEnv ?? defaultApiKeyEnv];
  return value === undefined || value === '' ? undefined : value;
}

/** Replaces every occurrence of `secret` in `text` (for log lines and error messages). */
export function redactSecret(text: string, secret: string | undefined): string {
  if (secret === undefined || secret.length < 4) return text;
  return text.split(secret).join('***');
}

/** The base URL without any user name or password in it, for manifests, logs and messages. */
export function publicBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.username = '';
  url.password = '';
  return url.toString().replace(/\/+$/, '');
}
