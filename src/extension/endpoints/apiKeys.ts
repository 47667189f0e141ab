import type * as vscode from 'vscode';
import { normalizeApiKey, resolveApiKey, type EndpointConfig } from '../../core/llm/endpointConfig';

const secretKey = (endpoint: string): string => `personaStudio.apiKey.${endpoint}`;

/**
 * API keys per named endpoint, kept in VS Code's SecretStorage (the OS keychain) and never in a
 * setting, a spec, a log line or a run file. An endpoint without a stored key falls back to its
 * environment variable (`apiKeyEnv`, default OPENAI_API_KEY) in the extension host's environment. Keys are
 * normalised (`normalizeApiKey`: no CR/LF/space around them) where they enter: when stored and when read.
 */
export class ApiKeys {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(endpoint: EndpointConfig): Promise<string | undefined> {
    const stored = normalizeApiKey(await this.secrets.get(secretKey(endpoint.name)));
    return stored ?? resolveApiKey(endpoint.apiKeyEnv, process.env);
  }

  async has(endpoint: EndpointConfig): Promise<'secret' | 'environment' | undefined> {
    if (normalizeApiKey(await this.secrets.get(secretKey(endpoint.name))) !== undefined) return 'secret';
    return resolveApiKey(endpoint.apiKeyEnv, process.env) !== undefined ? 'environment' : undefined;
  }

  /** Stores the normalised key; a blank one is not stored. */
  async store(endpoint: string, key: string): Promise<boolean> {
    const normal = normalizeApiKey(key);
    if (normal === undefined) return false;
    await this.secrets.store(secretKey(endpoint), normal);
    return true;
  }

  delete(endpoint: string): Thenable<void> {
    return this.secrets.delete(secretKey(endpoint));
  }
}
