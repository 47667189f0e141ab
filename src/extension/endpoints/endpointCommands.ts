import * as vscode from 'vscode';
import { normalizeBaseUrl, redactSecret, type EndpointConfig } from '../../core/llm/endpointConfig';
import { LlmError } from '../../core/llm/llmError';
import { modelOfSpec, type SpecModel } from '../../core/llm/modelOfSpec';
import { probeEndpoint, type EndpointCapabilities } from '../../core/llm/probeEndpoint';
import { parseSpec } from '../../core/spec/parseSpec';
import { specKindOf } from '../../core/spec/specKind';
import { toAbortSignal } from '../cancellation';
import type { Config } from '../config';
import type { Log } from '../log';
import type { ApiKeys } from './apiKeys';

export interface EndpointCommandContext {
  readonly config: () => Config;
  readonly keys: ApiKeys;
  readonly log: Log;
}

/** Lets the user pick one of the configured endpoints (or takes `name` when a caller passes it). */
async function pickEndpoint(ctx: EndpointCommandContext, name: unknown): Promise<EndpointConfig | undefined> {
  const endpoints = ctx.config().endpoints;
  if (typeof name === 'string') {
    const found = endpoints.find((e) => e.name === name);
    if (!found) void vscode.window.showErrorMessage(`No endpoint named '${name}' in the setting personaStudio.endpoints. Add it there first.`);
    return found;
  }
  if (endpoints.length === 0) {
    const open = 'Open Settings';
    const choice = await vscode.window.showWarningMessage('No endpoints are configured. Add one to the setting personaStudio.endpoints (a name and a base URL).', open);
    if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', 'personaStudio.endpoints');
    return undefined;
  }
  if (endpoints.length === 1) return endpoints[0];
  const picked = await vscode.window.showQuickPick(
    endpoints.map((e) => ({ label: e.name, description: e.baseUrl, endpoint: e })),
    { placeHolder: 'Which endpoint?' },
  );
  return picked?.endpoint;
}

/**
 * The model and api of the spec in the active editor, when that spec runs against `endpointName`: the
 * connection test then probes what the spec will use (a base model through the completions API).
 */
function activeSpecModel(endpointName: string): SpecModel | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  const kind = doc === undefined ? undefined : specKindOf(doc.fileName);
  if (doc === undefined || kind === undefined) return undefined;
  const found = modelOfSpec(parseSpec(doc.getText(), kind).value);
  return found.endpoint === endpointName && found.model !== undefined ? found : undefined;
}

/** Stores an endpoint's API key in SecretStorage after asking for it in a password box. */
export async function setApiKey(ctx: EndpointCommandContext, name?: unknown, key?: unknown): Promise<boolean> {
  const endpoint = await pickEndpoint(ctx, name);
  if (!endpoint) return false;
  const value =
    typeof key === 'string'
      ? key
      : await vscode.window.showInputBox({ prompt: `API key for '${endpoint.name}' (${endpoint.baseUrl}); stored in the OS keychain, never in a file`, password: true, ignoreFocusOut: true });
  if (value === undefined || !(await ctx.keys.store(endpoint.name, value))) return false;
  ctx.log.info(`stored an API key for endpoint '${endpoint.name}' in SecretStorage`);
  return true;
}

export async function clearApiKey(ctx: EndpointCommandContext, name?: unknown): Promise<boolean> {
  const endpoint = await pickEndpoint(ctx, name);
  if (!endpoint) return false;
  await ctx.keys.delete(endpoint.name);
  ctx.log.info(`removed the stored API key of endpoint '${endpoint.name}'`);
  return true;
}

/**
 * Lists the endpoint's models and finds out by trying whether it returns logprobs and honours `n`.
 * Needs a trusted workspace (it contacts a server). Resolves to the capabilities, or undefined.
 */
export async function testEndpoint(ctx: EndpointCommandContext, name?: unknown): Promise<EndpointCapabilities | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Persona Studio contacts model endpoints only in a trusted workspace. Trust this workspace first (Workspaces: Manage Workspace Trust).');
    return undefined;
  }
  const endpoint = await pickEndpoint(ctx, name);
  if (!endpoint) return undefined;
  let baseUrl: string;
  try {
    baseUrl = normalizeBaseUrl(endpoint.baseUrl);
  } catch {
    void vscode.window.showErrorMessage(`The base URL of endpoint '${endpoint.name}' is not an http(s) URL: ${endpoint.baseUrl}. Fix it in personaStudio.endpoints.`);
    return undefined;
  }
  const apiKey = await ctx.keys.get(endpoint);
  if (apiKey === undefined && endpoint.apiKeyEnv !== undefined) {
    // the setting names a variable: never test without the key it says to use
    const state = process.env[endpoint.apiKeyEnv] === undefined ? 'is not set' : 'is empty';
    const setKey = 'Set Endpoint API Key';
    void vscode.window
      .showErrorMessage(`Endpoint '${endpoint.name}' takes its API key from the environment variable ${endpoint.apiKeyEnv}, which ${state} in the editor's environment. Store a key instead, or set the variable and restart the editor.`, setKey)
      .then((choice) => (choice === setKey ? vscode.commands.executeCommand('personaStudio.setApiKey', endpoint.name) : undefined));
    return undefined;
  }
  const secrets = [apiKey, endpoint.apiKeyEnv === undefined ? undefined : process.env[endpoint.apiKeyEnv]];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createClient } = require('./createClient') as typeof import('./createClient');
  const client = createClient(baseUrl, apiKey);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Testing endpoint '${endpoint.name}'`, cancellable: true },
    async (_progress, token) => {
      try {
        // the scheduler's retry policy: 429 (honouring retry-after) and 5xx are retried before anything is shown
        // the active spec's model when it runs against this endpoint, else the setting's
        const target = activeSpecModel(endpoint.name) ?? { model: endpoint.model, api: endpoint.api };
        const caps = await probeEndpoint(client, { ...(target.model ? { model: target.model } : {}), ...(target.api ? { api: target.api } : {}), timeoutMs: 60_000, signal: toAbortSignal(token) });
        const api = caps.api === undefined ? '' : ` through the ${caps.api === 'chat' ? 'chat' : 'completions'} API`;
        const summary = `${caps.models.length} model(s); probed ${caps.model ?? '(none)'}${api}: logprobs ${caps.logprobs ? 'yes' : 'no'}, n ${caps.n ? 'yes' : 'no'}`;
        ctx.log.info(`endpoint '${endpoint.name}' (${baseUrl}): ${summary}; models: ${redactSecret(caps.models.join(', '), secrets)}`);
        const warnings = caps.warnings.map((w) => redactSecret(w, secrets));
        for (const w of warnings) ctx.log.warn(`endpoint '${endpoint.name}': ${w}`);
        if (warnings.length > 0) void vscode.window.showWarningMessage(`Endpoint '${endpoint.name}': ${summary}. ${warnings.join(' ')}`);
        else void vscode.window.showInformationMessage(`Endpoint '${endpoint.name}': ${summary}.`);
        return caps;
      } catch (err) {
        if (token.isCancellationRequested) return undefined;
        const reason = LlmError.is(err) ? err.reason : 'error';
        const message = redactSecret(err instanceof Error ? err.message : String(err), secrets);
        ctx.log.error(`endpoint test '${endpoint.name}' (${baseUrl}) failed: ${reason}: ${message}`);
        const hint =
          reason === 'auth'
            ? ' Set its API key with "Persona Studio: Set Endpoint API Key".'
            : reason === 'connection' || reason === 'timeout'
              ? ' Is the server running and the URL right?'
              : reason === 'unparseable'
                ? ' The server did not answer as the OpenAI API does: is this an OpenAI-compatible endpoint?'
                : '';
        void vscode.window.showErrorMessage(`Endpoint '${endpoint.name}' failed (${reason}): ${message}.${hint}`);
        return undefined;
      }
    },
  );
}
