import type { Command } from 'commander';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { createEndpointClient } from '../adapters/openai/createEndpointClient';
import type { OpenAiLlmClient } from '../adapters/openai/openAiLlmClient';
import { resolveApiKey, type EndpointConfig } from '../core/llm/endpointConfig';
import type { ModelPrice } from '../core/llm/modelPrices';
import { EndpointChoiceError, resolveEndpoint, type EndpointChoice, type ResolvedEndpoint } from '../core/llm/resolveEndpoint';
import type { StudyEndpointNames } from '../core/pipelines/study/studyEndpoints';
import { CliError, ExitCode } from './cliError';
import { endpointsInSettings, modelPricesInSettings } from './endpointSettings';

/** The endpoint options every CLI command that talks to one server by URL takes (`llm`, `endpoint test`). */
export interface EndpointOptions {
  readonly endpoint: string;
  readonly apiKeyEnv: string;
}

/** An endpoint resolved and its client, made by the one factory (`createEndpointClient`). */
export interface CliEndpoint {
  readonly client: OpenAiLlmClient;
  readonly apiKey: string | undefined;
  readonly baseUrl: string;
  readonly name: string;
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

/** `resolveEndpoint` with its errors as bad input (exit 2, one line). */
function resolved(choice: EndpointChoice, known: readonly EndpointConfig[]): ResolvedEndpoint {
  try {
    return resolveEndpoint(choice, known, process.env);
  } catch (err) {
    if (EndpointChoiceError.is(err)) throw new CliError(err.message, ExitCode.badInput);
    throw err;
  }
}

/** A client for a resolved endpoint through the one factory; `keyNamed`: the key variable was named by the user. */
function clientFor(endpoint: ResolvedEndpoint, keyNamed: boolean, timeoutMs?: number): CliEndpoint {
  const apiKey = apiKeyFromEnv(endpoint.apiKeyEnv, keyNamed);
  const { client } = createEndpointClient(endpoint, { ...(apiKey === undefined ? { env: {} } : { apiKey }), ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  return { client, apiKey, baseUrl: endpoint.baseUrl, name: endpoint.name };
}

/**
 * A client for `--endpoint URL` (base URL normalised, key read from `--api-key-env`, held in memory only), resolved
 * and made as every other endpoint (`resolveEndpoint` + `createEndpointClient`). A URL that is not http(s) is bad
 * input (exit 2), and so is a named key variable that is not set.
 */
export function endpointClient(opts: EndpointOptions, cmd: Command, timeoutMs?: number): CliEndpoint {
  return clientFor(resolved({ url: opts.endpoint, apiKeyEnv: opts.apiKeyEnv }, []), apiKeyEnvNamed(cmd), timeoutMs);
}

/** The endpoint options of the study commands (generate, simulate): a URL, a named endpoint, or the spec's names. */
export interface StudyEndpointOptions {
  readonly endpoint?: string;
  readonly endpointName?: string;
  readonly apiKeyEnv?: string;
  /** A settings file whose `personaStudio.endpoints` names the endpoints (default `.vscode/settings.json`, when present). */
  readonly settings?: string;
  /** The locator's endpoint URL, over the persona spec's `demographics.locator.endpoint`. */
  readonly locatorEndpoint?: string;
}

/**
 * The settings file the CLI reads (`--settings FILE`, which must exist, else `<cwd>/.vscode/settings.json` when there
 * is one): its path as shown and as read, or undefined when there is none.
 */
function settingsFile(settings: string | undefined, cwd: string): { shown: string; absPath: string } | undefined {
  if (settings !== undefined) return { shown: settings, absPath: nodePath.resolve(cwd, settings) };
  const shown = nodePath.join('.vscode', 'settings.json');
  const absPath = nodePath.join(cwd, shown);
  return fs.existsSync(absPath) ? { shown, absPath } : undefined;
}

/**
 * The endpoints the CLI knows by name: `personaStudio.endpoints` of the settings file (`settingsFile`; JSON with
 * comments, as VS Code writes it).
 */
export function knownEndpoints(settings: string | undefined, cwd: string): { endpoints: EndpointConfig[]; where: string } {
  const file = settingsFile(settings, cwd);
  return file ? { endpoints: endpointsInSettings(file.shown, file.absPath), where: file.shown } : { endpoints: [], where: nodePath.join('.vscode', 'settings.json') };
}

/** `personaStudio.modelPrices` of the same settings file as `knownEndpoints` (none when there is none). */
export function settingsPrices(settings: string | undefined, cwd: string): Record<string, ModelPrice> {
  const file = settingsFile(settings, cwd);
  return file ? modelPricesInSettings(file.shown, file.absPath) : {};
}

function knownList(known: { endpoints: readonly EndpointConfig[]; where: string }): string {
  return known.endpoints.length > 0 ? `known in ${known.where}: ${known.endpoints.map((e) => e.name).join(', ')}` : `none known: no personaStudio.endpoints in ${known.where}`;
}

/**
 * The study's endpoints (`generate`, `simulate`), the spec's names honoured:
 * - the run's: `--endpoint URL` (an explicit override), else `--endpoint-name NAME`, else the spec's `endpoint:`
 *   (the survey's `simulation.endpoint`, else the persona spec's) when it is a known name, else, for the default
 *   name `default`, `OPENAI_BASE_URL`; a named endpoint that is not known is bad input (one line naming it and the fix);
 * - the locator's, when the persona spec sends it elsewhere (`demographics.locator.endpoint`): `--locator-endpoint
 *   URL`, else the known name; an unknown name follows a run endpoint given by URL (`--endpoint`, `OPENAI_BASE_URL`)
 *   with a note, and is bad input otherwise.
 * Every client comes from the one factory; the key from `--api-key-env` (the run's only), the named endpoint's
 * `apiKeyEnv`, or `OPENAI_API_KEY`.
 */
export function studyEndpoints(opts: StudyEndpointOptions, names: StudyEndpointNames, cwd: string): { run: CliEndpoint; locator?: CliEndpoint; notes: string[] } {
  const known = knownEndpoints(opts.settings, cwd);
  const isKnown = (name: string): boolean => known.endpoints.some((e) => e.name === name);
  const keyEnv = opts.apiKeyEnv === undefined ? {} : { apiKeyEnv: opts.apiKeyEnv };
  const rel = (p: string): string => nodePath.relative(cwd, p) || p;
  let choice: EndpointChoice;
  if (opts.endpoint !== undefined) choice = { url: opts.endpoint, ...keyEnv };
  else if (opts.endpointName !== undefined) choice = { name: opts.endpointName, ...keyEnv };
  else if (isKnown(names.run)) choice = { name: names.run, ...keyEnv };
  else if (names.run === 'default') choice = keyEnv;
  else {
    throw new CliError(
      `${rel(names.runSpec)} names the endpoint "${names.run}", which is not known (${knownList(known)}); add {"name": "${names.run}", "baseUrl": "<url>"} to personaStudio.endpoints in ${known.where}${opts.settings === undefined ? ' (or name a settings file with --settings FILE)' : ''}, or pass --endpoint URL`,
      ExitCode.badInput,
    );
  }
  const run = clientFor(resolved(choice, known.endpoints), opts.apiKeyEnv !== undefined);
  const notes: string[] = [];
  if (names.locator === undefined) return { run, notes };
  let locator: CliEndpoint | undefined;
  if (opts.locatorEndpoint !== undefined) locator = clientFor(resolved({ url: opts.locatorEndpoint }, []), false);
  else if (isKnown(names.locator)) locator = clientFor(resolved({ name: names.locator }, known.endpoints), false);
  else if (choice.name === undefined) notes.push(`the locator's endpoint "${names.locator}" (${rel(names.locatorSpec ?? names.runSpec)}) is not known (${knownList(known)}): the locator goes to ${run.baseUrl} too; pass --locator-endpoint URL to send it elsewhere`);
  else {
    throw new CliError(
      `${rel(names.locatorSpec ?? names.runSpec)}: demographics.locator.endpoint "${names.locator}" is not known (${knownList(known)}); add it to personaStudio.endpoints in ${known.where}, pass --locator-endpoint URL, or --no-locator to sample every variable`,
      ExitCode.badInput,
    );
  }
  return { run, ...(locator ? { locator } : {}), notes };
}
