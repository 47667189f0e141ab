/** A named endpoint from the settings. The API key itself is never part of it: only where to find it. */
export interface EndpointConfig {
  readonly name: string;
  /** Base URL with or without `/v1`; see `normalizeBaseUrl`. */
  readonly baseUrl: string;
  /** Environment variable holding the key. @default 'OPENAI_API_KEY' */
  readonly apiKeyEnv?: string;
  readonly model?: string;
  /** The API the model is asked through (`completions` for a base model). @default from the model's name, else chat */
  readonly api?: 'chat' | 'completions';
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

/**
 * The one normal form of an API key, applied where a key enters (environment, keychain, input box): without
 * the whitespace a CRLF `.env` file, a trailing newline or a pasted space leaves around it (HTTP clients strip
 * it from the header anyway, so the raw form is never what the server sees). Blank is `undefined`.
 */
export function normalizeApiKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const key = raw.replace(/^[\s\uFEFF]+|[\s\uFEFF]+$/g, '');
  return key === '' ? undefined : key;
}

/** The API key for an endpoint, read from the environment and normalised (empty and missing are both `undefined`). */
export function resolveApiKey(apiKeyEnv: string | undefined, env: Readonly<Record<string, string | undefined>>): string | undefined {
  return normalizeApiKey(env[apiKeyEnv ?? defaultApiKeyEnv]);
}

const bearerToken = /\b(Bearer)\s+[^\s"'`,;)}\]]+/gi;

/**
 * Removes secrets from server text before it is printed or stored: every form of each key (as given and
 * normalised) and any `Bearer …` token, whatever key it holds. Keys shorter than 4 characters are not
 * searched for (they would redact ordinary text).
 */
export function redactSecret(text: string, secrets: string | readonly (string | undefined)[] | undefined): string {
  const list = typeof secrets === 'string' ? [secrets] : (secrets ?? []);
  const forms = new Set<string>();
  for (const s of list) {
    if (s === undefined) continue;
    for (const form of [s, normalizeApiKey(s) ?? '']) if (form.length >= 4) forms.add(form);
  }
  let out = text.replace(bearerToken, '$1 ***');
  // longest first, so a key that contains another form is replaced whole
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join('***');
  return out;
}

/** The base URL without any user name or password in it, for manifests, logs and messages. */
export function publicBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.username = '';
  url.password = '';
  return url.toString().replace(/\/+$/, '');
}
